import fs from 'node:fs';
import { createTestDatabases } from '../__testUtils__/databases';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';
import { KnexScorecardStore } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const MIGRATION = '20261208110000_scorecard_groups.js';
const config = { directory: MIGRATIONS_DIRECTORY };
const before = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(f => f.endsWith('.js') && f < MIGRATION)
  .sort();

describe.each(databases.eachSupportedId())(
  'scorecard_groups migration on %p',
  id => {
    it('fills the groups and recurrence flags from what is there, and goes down', async () => {
      const knex = await databases.init(id);
      for (const name of before) await knex.migrate.up({ ...config, name });

      const start = new Date('2026-10-05T10:00:00Z');
      const ids = [1, 2, 3].map(n => `00000000-0000-4000-8000-00000000000${n}`);
      for (const [n, incident] of ids.entries()) {
        await knex('incidents').insert({
          id: incident,
          human_id: `INC-2026-000${n + 1}`,
          title: `Incident ${n + 1}`,
          severity: 'SEV3',
          status: 'resolved',
          source: 'manual',
          impact_started_at: new Date(start.getTime() + n * 86_400_000),
          created_at: start,
          updated_at: start,
        });
        await knex('postmortems').insert({
          id: `00000000-0000-4000-9000-00000000000${n + 1}`,
          incident_id: incident,
          template_id: 'default',
          template_version: 1,
          stage: 'draft',
          roles: '{}',
          narrative: '{}',
          revision: 1,
          created_at: start,
          updated_at: start,
        });
      }
      await knex('incident_entities').insert([
        { incident_id: ids[0], entity_ref: 'component:default/cart' },
        { incident_id: ids[1], entity_ref: 'component:default/cart' },
        { incident_id: ids[1], entity_ref: 'component:default/web' },
      ]);
      await knex('postmortem_owners').insert([
        {
          postmortem_id: '00000000-0000-4000-9000-000000000001',
          owner_ref: 'group:default/a',
        },
        {
          postmortem_id: '00000000-0000-4000-9000-000000000002',
          owner_ref: 'group:default/b',
        },
      ]);
      await knex('incident_links').insert({
        incident_id: ids[2],
        related_incident_id: ids[0],
        reason: 'same alert',
        created_at: start,
      });

      await knex.migrate.up({ ...config, name: MIGRATION });
      const rows = await knex('scorecard_groups')
        .orderBy(['incident_id', 'dimension', 'group_ref'])
        .select('incident_id', 'dimension', 'group_ref');
      expect(rows.map(r => [r.incident_id, r.dimension, r.group_ref])).toEqual([
        [ids[0], 'entity', 'component:default/cart'],
        [ids[0], 'owner', 'group:default/a'],
        [ids[1], 'entity', 'component:default/cart'],
        [ids[1], 'entity', 'component:default/web'],
        [ids[1], 'owner', 'group:default/b'],
        [ids[2], 'owner', ''],
      ]);
      const store = new KnexScorecardStore(knex);
      const [all] = await store.compute({
        groupBy: 'none',
        interval: 'quarter',
        from: new Date('2026-10-01T00:00:00Z'),
        to: new Date('2027-01-01T00:00:00Z'),
      });
      expect(all.incidents).toBe(3);
      expect(all.recurrenceRate).toBeCloseTo(1 / 3, 6);
      const owners = await store.compute({
        groupBy: 'owner',
        interval: 'quarter',
        from: new Date('2026-10-01T00:00:00Z'),
        to: new Date('2027-01-01T00:00:00Z'),
      });
      expect(owners.map(r => [r.group, r.incidents])).toEqual([
        ['group:default/a', 1],
        ['group:default/b', 1],
        ['unowned', 1],
      ]);

      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('scorecard_groups')).toBe(false);
      expect(await knex.schema.hasColumn('incidents', 'recurrence')).toBe(
        false,
      );
      // Without the triggers, the tables are written as before.
      await knex('incident_entities').insert({
        incident_id: ids[2],
        entity_ref: 'component:default/web',
      });
      await knex('incident_links').delete();
      await knex.migrate.up({ ...config, name: MIGRATION });
      expect(
        Number(
          (
            await knex('scorecard_groups')
              .where({ incident_id: ids[2] })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(2);

      // On PostgreSQL the triggers run at commit (20261208110200).
      await knex.migrate.latest(config);
      const pg = knex.client.config.client === 'pg';
      const triggers = pg
        ? (
            await knex.raw(
              "select tgname, tginitdeferred from pg_trigger where tgname like 'scorecard_groups%' or tgname = 'incident_recurrence_link' order by tgname",
            )
          ).rows
        : [];
      expect(triggers).toEqual(
        pg
          ? [
              'incident_recurrence_link',
              'scorecard_groups_entity',
              'scorecard_groups_impact',
              'scorecard_groups_owner',
              'scorecard_groups_postmortem',
            ].map(tgname => ({ tgname, tginitdeferred: true }))
          : [],
      );
      await knex.destroy();
    });
  },
);
