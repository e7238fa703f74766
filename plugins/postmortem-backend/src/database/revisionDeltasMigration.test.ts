import fs from 'node:fs';
import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { MIGRATIONS_DIRECTORY } from './migrateDatabase';

const databases = createTestDatabases();

const MIGRATION = '20261207200020_revision_deltas.js';
const before = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(f => f.endsWith('.js') && f < MIGRATION)
  .sort();

const snapshotAt = (summary: string, timeline: number, status: string) => ({
  stage: 'draft',
  visibility: 'normal',
  roles: { technicalOwners: [], reviewers: [], contributors: [] },
  narrative: { summary },
  attachments: [],
  timeline: Array.from({ length: timeline }, (_, i) => ({
    occurredAt: new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString(),
    kind: 'observation',
    text: `Entry ${i} of a long timeline`,
    keyDecision: false,
  })),
  causes: [],
  remediation: [
    { title: 'Add a canary', priority: 6, horizon: 'short', status },
  ],
});

describe.each(databases.eachSupportedId())(
  'revision deltas migration on %p',
  id => {
    it('converts stored snapshots to deltas that replay to them, and back', async () => {
      const knex = await databases.init(id);
      const config = { directory: MIGRATIONS_DIRECTORY };
      for (const name of before) await knex.migrate.up({ ...config, name });

      // A postmortem stored with full snapshots, as before the migration.
      const store = KnexPostmortemStore.create(knex);
      const snapshots = [
        snapshotAt('', 0, 'open'),
        snapshotAt('Checkout failed', 40, 'open'),
        snapshotAt('Checkout failed for 12 minutes', 40, 'open'),
        snapshotAt('Checkout failed for 12 minutes', 41, 'done'),
      ];
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
      const pm = '00000000-0000-4000-8000-000000000002';
      await knex('postmortems').insert({
        id: pm,
        incident_id: '00000000-0000-4000-8000-000000000001',
        template_id: 'default',
        template_version: 1,
        stage: 'draft',
        roles: '{}',
        narrative: '{}',
        revision: snapshots.length,
        created_at: now,
        updated_at: now,
      });
      await knex('revisions').insert(
        snapshots.map((snapshot, i) => ({
          postmortem_id: pm,
          revision: i + 1,
          author: 'user:default/ada.okafor',
          created_at: now,
          changed: '[]',
          snapshot: JSON.stringify(snapshot),
        })),
      );

      await knex.migrate.up({ ...config, name: MIGRATION });
      for (const [i, snapshot] of snapshots.entries()) {
        expect(await store.getSnapshot(pm, i + 1)).toEqual(snapshot);
      }
      expect(await store.getSnapshot(pm, 5)).toBeUndefined();
      // An edit of one item stores that edit, not the 41 timeline entries.
      const last = await knex('revisions')
        .where({ postmortem_id: pm, revision: 4 })
        .first('delta');
      expect(last.delta.length).toBeLessThan(300);

      await knex.migrate.down(config);
      const restored = await knex('revisions')
        .where({ postmortem_id: pm })
        .orderBy('revision')
        .select('snapshot');
      expect(restored.map(r => JSON.parse(r.snapshot))).toEqual(snapshots);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'revisions stored as deltas on %p',
  id => {
    it('store an edit in about its own size and return full snapshots', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = KnexPostmortemStore.create(knex);
      const author = { author: 'user:default/ada.okafor' };
      const { postmortem } = await store.createIncident(newIncident('Deltas'));
      for (let i = 0; i < 30; i++) {
        await store.addSubRecord(
          'timeline',
          postmortem.id,
          {
            occurredAt: new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString(),
            kind: 'observation',
            text: `Entry ${i}: ${'the queue grew '.repeat(10)}`,
          },
          author,
        );
      }
      const summary = 'Checkout failed for twelve minutes';
      const edited = await store.updatePostmortem(
        postmortem.id,
        { narrative: { summary } },
        author,
      );
      const row = await knex('revisions')
        .where({ postmortem_id: postmortem.id, revision: edited.revision })
        .first('delta');
      expect(row.delta.length).toBeLessThan(
        2 * JSON.stringify({ summary }).length,
      );

      const snapshot = await store.getSnapshot(postmortem.id, edited.revision);
      expect(snapshot!.narrative.summary).toBe(summary);
      expect(snapshot!.timeline).toHaveLength(30);
      const earlier = await store.getSnapshot(postmortem.id, 11);
      expect(earlier!.timeline).toHaveLength(10);
      expect(earlier!.narrative.summary).toBeUndefined();
      await knex.destroy();
    });
  },
);
