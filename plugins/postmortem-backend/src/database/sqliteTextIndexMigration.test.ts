import type { TestDatabaseId } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';

const databases = createTestDatabases();
// Many writes and lists per test: slow on a busy CI machine.
jest.setTimeout(60_000);

const MIGRATION = '20261208100000_sqlite_text_index.js';
const before = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(f => f.endsWith('.js') && f < MIGRATION)
  .sort();
const config = { directory: MIGRATIONS_DIRECTORY };

/** Incidents and postmortems as written before the migration. */
async function seedRows(knex: Knex) {
  const now = new Date();
  const rows = [
    ['Kafka lag', 'The consumer fell behind'],
    ['DNS outage', 'Resolver cache expired'],
    ['Disk full', 'Logs grew without rotation'],
  ];
  for (const [n, [title, summary]] of rows.entries()) {
    const incident = `00000000-0000-4000-8000-00000000000${n}`;
    await knex('incidents').insert({
      id: incident,
      human_id: `INC-2026-000${n + 1}`,
      title,
      severity: 'SEV3',
      status: 'resolved',
      source: 'manual',
      impact_started_at: new Date(now.getTime() - n * 60_000),
      created_at: now,
      updated_at: now,
    });
    await knex('postmortems').insert({
      id: `00000000-0000-4000-9000-00000000000${n}`,
      incident_id: incident,
      template_id: 'default',
      template_version: 1,
      stage: 'draft',
      roles: '{}',
      narrative: JSON.stringify({ summary }),
      revision: 1,
      created_at: now,
      updated_at: now,
    });
  }
}

const sqliteObjects = async (knex: Knex) =>
  (
    await knex('sqlite_master')
      .where('name', 'like', 'postmortem_text%')
      .orderBy('name')
      .select('name', 'type')
  ).filter(o => ['table', 'trigger'].includes(o.type));

const otherEngines = databases
  .eachSupportedId()
  .filter(([id]) => id !== 'SQLITE_3');
const describeOthers = otherEngines.length ? describe : describe.skip;

const none: Array<[TestDatabaseId]> = [['POSTGRES_15']];

describeOthers.each(otherEngines.length ? otherEngines : none)(
  'SQLite text index migration on %p',
  id => {
    it("does nothing (the trigram indexes are list_indexes')", async () => {
      const knex = await databases.init(id);
      for (const name of before) await knex.migrate.up({ ...config, name });
      await seedRows(knex);
      await knex.migrate.up({ ...config, name: MIGRATION });
      expect(await knex.schema.hasTable('postmortem_text')).toBe(false);
      expect(await knex.schema.hasTable('postmortem_text_ids')).toBe(false);
      await knex.migrate.down(config);
      const [{ n }] = await knex('postmortems').count({ n: '*' });
      expect(Number(n)).toBe(3);
      await knex.destroy();
    });
  },
);

describe('SQLite text index migration on SQLITE_3', () => {
  it('indexes the postmortems already stored, keeps in step, and goes down', async () => {
    const knex = await databases.init('SQLITE_3');
    for (const name of before) await knex.migrate.up({ ...config, name });
    await seedRows(knex);

    await knex.migrate.up({ ...config, name: MIGRATION });
    const store = KnexPostmortemStore.create(knex);
    const titles = async (text: string) =>
      (await store.listPostmortems({ text })).items.map(p => p.title);
    const matched = (query: string) =>
      knex('postmortem_text')
        .whereRaw('postmortem_text match ?', [query])
        .count({ n: '*' })
        .then(([{ n }]) => Number(n));

    // Backfilled: each stored postmortem once, found by the index alone.
    const [{ n: keys }] = await knex('postmortem_text_ids').count({
      n: '*',
    });
    expect(Number(keys)).toBe(3);
    expect(await matched('"consumer"')).toBe(1);
    expect(await matched('{title} : "outage"')).toBe(1);
    expect(await matched('{human_id} : "inc-2026-000"')).toBe(3);
    expect(await titles('resolver')).toEqual(['DNS outage']);
    expect(await titles('rotation disk')).toEqual(['Disk full']);
    expect(await titles('inc-2026-0001')).toEqual(['Kafka lag']);

    // The triggers work on rows written by any path, here plain SQL.
    await knex('postmortems')
      .where({ id: '00000000-0000-4000-9000-000000000000' })
      .update({ narrative: JSON.stringify({ summary: 'Rebalancing' }) });
    await knex('incidents')
      .where({ id: '00000000-0000-4000-8000-000000000001' })
      .update({ title: 'Resolver fleet' });
    expect(await titles('consumer')).toEqual([]);
    expect(await titles('rebalancing')).toEqual(['Kafka lag']);
    expect(await titles('outage')).toEqual([]);
    expect(await titles('fleet')).toEqual(['Resolver fleet']);
    await knex('postmortems')
      .where({ id: '00000000-0000-4000-9000-000000000002' })
      .delete();
    expect(await matched('"rotation"')).toBe(0);
    const [{ n: left }] = await knex('postmortem_text_ids').count({
      n: '*',
    });
    expect(Number(left)).toBe(2);
    // VACUUM may renumber the rowids of postmortems, not the index's keys.
    await knex.raw('VACUUM');
    expect(await titles('rebalancing')).toEqual(['Kafka lag']);
    expect(await titles('fleet')).toEqual(['Resolver fleet']);

    // Down: the table, its ids and the triggers go; the rows stay.
    const objects = await sqliteObjects(knex);
    expect(objects.filter(o => o.type === 'trigger')).toHaveLength(6);
    expect(objects.map(o => o.name)).toEqual(
      expect.arrayContaining(['postmortem_text', 'postmortem_text_ids']),
    );
    await knex.migrate.down(config);
    expect(await sqliteObjects(knex)).toEqual([]);
    const [{ n: postmortems }] = await knex('postmortems').count({
      n: '*',
    });
    expect(Number(postmortems)).toBe(2);
    // Writes without the triggers, then up again: backfilled as they are.
    await knex('incidents')
      .where({ id: '00000000-0000-4000-8000-000000000001' })
      .update({ title: 'Resolver fleet outage' });
    await knex.migrate.up({ ...config, name: MIGRATION });
    expect(await titles('fleet outage')).toEqual(['Resolver fleet outage']);
    expect(await matched('{title} : "outage"')).toBe(1);
    await knex.destroy();
  });
});
