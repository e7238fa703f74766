import { createTestDatabases } from '../__testUtils__/databases';
import { KnexDatabaseHealth } from './KnexDatabaseHealth';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexDatabaseHealth on %p', id => {
  it('answers while the database does, and fails once it is gone', async () => {
    const knex = await databases.init(id);
    const health = new KnexDatabaseHealth(knex);
    await expect(health.ping()).resolves.toBeUndefined();
    const closed = await databases.init(id);
    await closed.destroy();
    await expect(new KnexDatabaseHealth(closed).ping()).rejects.toThrow();
  });
});
