import { createTestDatabases } from '../__testUtils__/databases';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import fs from 'node:fs';

// Every migration up, down and up again: longer than jest's 5 s default on
// a busy machine.
jest.setTimeout(60_000);

const databases = createTestDatabases();

const migrationNames = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(f => f.endsWith('.js'))
  .sort();

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  it('walk every migration up and down over seeded data', async () => {
    const knex = await databases.init(id);
    const config = { directory: MIGRATIONS_DIRECTORY };

    for (const name of migrationNames) {
      await knex.migrate.up({ ...config, name });
    }
    const now = new Date();
    await knex('incidents').insert({
      id: '00000000-0000-4000-8000-000000000001',
      human_id: 'INC-2026-0001',
      title: 'Seeded incident',
      severity: 'SEV3',
      status: 'resolved',
      source: 'manual',
      impact_started_at: now,
      created_at: now,
      updated_at: now,
    });
    await knex('incident_entities').insert({
      incident_id: '00000000-0000-4000-8000-000000000001',
      entity_ref: 'component:default/checkout-service',
    });
    await knex('postmortems').insert({
      id: '00000000-0000-4000-8000-000000000002',
      incident_id: '00000000-0000-4000-8000-000000000001',
      template_id: 'default',
      template_version: 1,
      stage: 'draft',
      roles: '{}',
      narrative: '{"summary":"seeded"}',
      revision: 1,
      created_at: now,
      updated_at: now,
    });
    await knex('remediation_items').insert({
      id: '00000000-0000-4000-8000-000000000003',
      postmortem_id: '00000000-0000-4000-8000-000000000002',
      title: 'Seeded item',
      impact: 3,
      probability: 2,
      priority: 6,
      horizon: 'short',
      status: 'open',
      created_at: now,
      updated_at: now,
    });

    // Down, one migration at a time, with data in every table.
    for (let i = migrationNames.length; i > 0; i--) {
      await knex.migrate.down(config);
    }
    expect(await knex.schema.hasTable('incidents')).toBe(false);
    expect(await knex.schema.hasTable('postmortems')).toBe(false);

    // And up again from nothing.
    await knex.migrate.latest(config);
    // Down removed the seeded rows with the tables; up starts empty.
    const [{ n }] = await knex('incidents').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await knex.schema.hasTable('history')).toBe(true);
    await knex.destroy();
  });
});
