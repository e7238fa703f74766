import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { KnexVerificationStore } from './KnexVerificationStore';

const databases = createTestDatabases();
const author = { author: 'user:default/ada.okafor' };
const check = {
  kind: 'prometheus' as const,
  query: 'error_ratio',
  comparator: '<' as const,
  threshold: 0.05,
};

describe.each(databases.eachSupportedId())(
  'KnexVerificationStore on %p',
  id => {
    it('lists the done items with a check and records the outcome of one', async () => {
      const knex = await migratedDatabase(databases, id);
      const store = KnexPostmortemStore.create(knex);
      const verification = new KnexVerificationStore(knex);
      const { postmortem } = await store.createIncident(newIncident('Checks'));
      const item = (title: string, status: 'open' | 'done', withCheck = true) =>
        store.addSubRecord(
          'remediation',
          postmortem.id,
          {
            title,
            impact: 3,
            probability: 3,
            horizon: 'short',
            status,
            verification: withCheck ? check : undefined,
          },
          author,
        );
      const done = await item('Done with a check', 'done');
      await item('Open with a check', 'open');
      await item('Done without a check', 'done', false);

      expect(await verification.listItemsToVerify()).toEqual([
        { id: done.id, postmortemId: postmortem.id, verification: check },
      ]);

      const outcome = {
        at: '2026-01-02T03:04:05.000Z',
        passed: false,
        detail: 'error_ratio = 0.2 (want < 0.05)',
      };
      await verification.recordCheck(done.id, outcome);
      const [stored] = (
        await store.listSubRecords('remediation', postmortem.id)
      ).filter(r => r.id === done.id);
      expect(stored.lastCheck).toEqual(outcome);
    });
  },
);
