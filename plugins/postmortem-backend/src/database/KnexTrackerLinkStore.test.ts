import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { KnexTrackerLinkStore } from './KnexTrackerLinkStore';

const databases = createTestDatabases();
const author = { author: 'user:default/ada.okafor' };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
const team = 'group:default/checkout-team';

describe.each(databases.eachSupportedId())('KnexTrackerLinkStore on %p', id => {
  async function setUp() {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const { postmortem } = await store.createIncident(newIncident('Tickets'));
    const item = (title: string, more = {}) =>
      store.addSubRecord(
        'remediation',
        postmortem.id,
        { title, impact: 3, probability: 3, horizon: 'short', ...more },
        author,
      );
    return { store, postmortem, item, links: new KnexTrackerLinkStore(knex) };
  }

  it('lists the items due for filing, and claims, fails and backs off', async () => {
    const { postmortem, item, links } = await setUp();
    const owned = await item('Owned', { ownerRef: team });
    await item('Unowned');
    await item('Owned but done', { ownerRef: team, status: 'done' });

    const due = {
      itemId: owned.id,
      postmortemId: postmortem.id,
      ownerRef: team,
    };
    expect(await links.listDueForFiling(at(0), 50)).toEqual([
      { ...due, attempts: 0 },
    ]);
    expect(await links.listDueForFiling(at(0), 0)).toEqual([]);

    // Claimed until minute 1: not due before, due again after.
    await links.claimFiling(owned.id, 'github', at(1));
    await links.claimFiling(owned.id, 'github', at(1));
    expect(await links.listDueForFiling(at(0), 50)).toEqual([]);
    expect(await links.listDueForFiling(at(1), 50)).toEqual([
      { ...due, attempts: 0 },
    ]);

    await links.recordFailure(owned.id, {
      attempts: 1,
      retryAt: at(5),
      error: 'tracker unavailable',
    });
    expect(await links.listDueForFiling(at(4), 50)).toEqual([]);
    expect(await links.listDueForFiling(at(5), 50)).toEqual([
      { ...due, attempts: 1 },
    ]);
    // A new claim moves the time of a failed link too.
    await links.claimFiling(owned.id, 'github', at(7));
    expect(await links.listDueForFiling(at(6), 50)).toEqual([]);
  });

  it('records the ticket, finds it, follows its state and its errors', async () => {
    const { store, postmortem, item, links } = await setUp();
    const owned = await item('Owned', { ownerRef: team });
    await links.claimFiling(owned.id, 'github', at(1));
    expect(await links.listFiled(10)).toEqual([]);
    expect(await links.findByTicket('github', 'ACME/repo#7')).toBeUndefined();

    await links.recordCreated(
      owned.id,
      { externalId: 'acme/repo#7', url: 'https://tracker.example/7' },
      at(2),
    );
    expect(await links.listDueForFiling(at(9), 50)).toEqual([]);
    const linked = {
      itemId: owned.id,
      postmortemId: postmortem.id,
      status: 'open',
    };
    expect(await links.listFiled(10)).toEqual([
      {
        ...linked,
        tracker: 'github',
        ownerRef: team,
        externalId: 'acme/repo#7',
        url: 'https://tracker.example/7',
      },
    ]);
    expect(await links.findByTicket('github', 'ACME/repo#7')).toEqual(linked);
    expect(await links.findByTicket('jira', 'acme/repo#7')).toBeUndefined();

    await links.recordSyncError(owned.id, 'rate limited');
    const tracker = async () =>
      (await store.listSubRecords('remediation', postmortem.id))[0].tracker;
    expect(await tracker()).toMatchObject({
      id: 'github',
      state: 'created',
      lastError: 'rate limited',
      url: 'https://tracker.example/7',
    });
    await links.markSynced(owned.id, at(3));
    expect((await tracker())!.lastError).toBeUndefined();
  });
});
