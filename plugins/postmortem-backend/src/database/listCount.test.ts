import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { migrateDatabase } from './migrateDatabase';

const databases = createTestDatabases();
const AUTHOR = { author: 'user:default/ada.okafor' };

describe.each(databases.eachSupportedId())('list counts and text on %p', id => {
  async function createStore(countCap?: number) {
    const knex = await databases.init(id);
    await migrateDatabase({ getClient: async () => knex });
    return KnexPostmortemStore.create(knex, { countCap });
  }

  it('counts up to the cap, says there are more, and keeps the count on later pages', async () => {
    const store = await createStore(3);
    for (let i = 0; i < 5; i++) {
      await store.createIncident(
        newIncident(`Outage ${i}`, {
          impactStartedAt: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
        }),
      );
    }
    const first = await store.listPostmortems({ limit: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.totalCountCapped).toBe(true);
    const second = await store.listPostmortems({
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.totalCount).toBe(3);
    expect(second.totalCountCapped).toBe(true);
    const third = await store.listPostmortems({
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(third.nextCursor).toBeUndefined();
    expect(
      [...first.items, ...second.items, ...third.items].map(p => p.title),
    ).toEqual(['Outage 4', 'Outage 3', 'Outage 2', 'Outage 1', 'Outage 0']);

    const none = await store.listPostmortems({ text: 'zeppelin' });
    expect(none.totalCount).toBe(0);
    expect(none.totalCountCapped).toBeUndefined();
  });

  it('finds a word in the title, the id or the narrative, each postmortem once, in order', async () => {
    const store = await createStore();
    const made = [];
    for (const [i, [title, summary]] of [
      ['Queue backlog', 'Nothing about it'],
      ['Checkout errors', 'The queue grew'],
      ['Queue stalled', 'The queue grew again'],
      ['Login slow', 'Unrelated'],
    ].entries()) {
      const { postmortem } = await store.createIncident(
        newIncident(title, {
          impactStartedAt: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
        }),
      );
      await store.updatePostmortem(
        postmortem.id,
        { narrative: { summary } },
        AUTHOR,
      );
      made.push(postmortem);
    }
    const queue = await store.listPostmortems({ text: 'QUEUE' });
    expect(queue.items.map(p => p.title)).toEqual([
      'Queue stalled',
      'Checkout errors',
      'Queue backlog',
    ]);
    expect(queue.totalCount).toBe(3);
    // Every word must match somewhere; the second one in any field.
    const both = await store.listPostmortems({ text: 'queue again' });
    expect(both.items.map(p => p.title)).toEqual(['Queue stalled']);
    const byId = await store.listPostmortems({
      text: made[3].humanId.toLowerCase(),
    });
    expect(byId.items.map(p => p.title)).toEqual(['Login slow']);
    // Pages of a text search follow one order across both branches.
    const page1 = await store.listPostmortems({
      text: 'queue',
      limit: 2,
      order: 'asc',
    });
    const page2 = await store.listPostmortems({
      text: 'queue',
      limit: 2,
      order: 'asc',
      cursor: page1.nextCursor,
    });
    expect([...page1.items, ...page2.items].map(p => p.title)).toEqual([
      'Queue backlog',
      'Checkout errors',
      'Queue stalled',
    ]);
  });
});
