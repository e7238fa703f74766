import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import {
  KnexPostmortemStore,
  RevisionConflictError,
} from './KnexPostmortemStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexPostmortemStore on %p', id => {
  async function createStore() {
    const knex = await migratedDatabase(databases, id);
    return { knex, store: KnexPostmortemStore.create(knex) };
  }

  it('gives unique human ids to incidents declared at the same time', async () => {
    const { store } = await createStore();
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.createIncident(newIncident(`Parallel ${i}`)),
      ),
    );
    const ids = created.map(c => c.incident.humanId);
    expect(new Set(ids).size).toBe(12);
  });

  it('lets exactly one of two concurrent edits of the same revision win', async () => {
    const { store } = await createStore();
    const { postmortem } = await store.createIncident(newIncident('Race'));
    const results = await Promise.allSettled(
      ['first', 'second'].map(summary =>
        store.updatePostmortem(
          postmortem.id,
          { narrative: { summary } },
          { author: 'user:default/ada.okafor', expectedRevision: 1 },
        ),
      ),
    );
    const won = results.filter(r => r.status === 'fulfilled');
    const lost = results.filter(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(RevisionConflictError);
    expect(lost[0].reason.currentRevision).toBe(2);

    const current = await store.getPostmortem(postmortem.id);
    expect(current!.revision).toBe(2);
    expect(current!.narrative.summary).toBe(
      (won[0] as PromiseFulfilledResult<any>).value.narrative.summary,
    );
    expect(
      (await store.listRevisions(postmortem.id)).map(r => r.revision),
    ).toEqual([2, 1]);
  });

  it('keeps sections that a narrative patch does not mention', async () => {
    const { store } = await createStore();
    const { postmortem } = await store.createIncident(newIncident('Sections'));
    const author = { author: 'user:default/ada.okafor' };
    await store.updatePostmortem(
      postmortem.id,
      { narrative: { summary: 'S' } },
      author,
    );
    const updated = await store.updatePostmortem(
      postmortem.id,
      { narrative: { impact: 'I' } },
      author,
    );
    expect(updated.narrative).toEqual({ summary: 'S', impact: 'I' });
  });
});
