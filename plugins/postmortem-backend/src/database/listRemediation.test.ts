import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { migrateDatabase } from './migrateDatabase';

const databases = createTestDatabases();
const AUTHOR = { author: 'user:default/ada.okafor' };

describe.each(databases.eachSupportedId())(
  'remediation counts in lists on %p',
  id => {
    it('gives each listed postmortem its items counted by status, in one query per page', async () => {
      const knex = await databases.init(id);
      await migrateDatabase({ getClient: async () => knex });
      const store = KnexPostmortemStore.create(knex);
      const { postmortem: busy } = await store.createIncident(
        newIncident('Busy', { impactStartedAt: '2026-11-02T10:00:00.000Z' }),
      );
      const { postmortem: idle } = await store.createIncident(
        newIncident('Idle', { impactStartedAt: '2026-11-01T10:00:00.000Z' }),
      );
      const items: Array<[string, string | undefined]> = [
        ['open', '2020-01-01'], // overdue
        ['open', '2999-01-01'],
        ['in_progress', '2020-01-01'], // overdue
        ['in_progress', undefined],
        ['done', '2020-01-01'], // closed: not overdue
        ['verified', undefined],
        ['wont_do', '2020-01-01'],
      ];
      for (const [n, [, dueDate]] of items.entries()) {
        await store.addSubRecord(
          'remediation',
          busy.id,
          {
            title: `Item ${n}`,
            impact: 2,
            probability: 2,
            horizon: 'short',
            dueDate,
          },
          AUTHOR,
        );
      }
      const listed = await store.listSubRecords('remediation', busy.id);
      for (const [n, [status]] of items.entries()) {
        await knex('remediation_items')
          .where({ id: listed.find(i => i.title === `Item ${n}`)!.id })
          .update({ status });
      }

      const queries: string[] = [];
      const record = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', record);
      const page = await store.listPostmortems({});
      knex.removeListener('query', record);

      expect(page.items.map(p => [p.title, p.remediation])).toEqual([
        [
          'Busy',
          { total: 7, open: 4, overdue: 2, done: 1, verified: 1, wontDo: 1 },
        ],
        [
          'Idle',
          { total: 0, open: 0, overdue: 0, done: 0, verified: 0, wontDo: 0 },
        ],
      ]);
      expect(queries.filter(sql => /remediation_items/.test(sql))).toHaveLength(
        1,
      );
      // A single postmortem does not carry them (its items are a request
      // of their own).
      expect((await store.getPostmortem(idle.id))!.remediation).toBeUndefined();
    });
  },
);
