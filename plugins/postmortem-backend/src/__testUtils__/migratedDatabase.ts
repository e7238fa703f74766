import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from '../database/migrateDatabase';

/** A fresh test database of the given engine with the plugin's schema. */
export async function migratedDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
) {
  const knex = await databases.init(id);
  await migrateDatabase({
    getClient: async () => knex,
    migrations: { skip: false },
  });
  return knex;
}
