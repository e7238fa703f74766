import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { KnexOutboxStore, recordNotification } from './KnexOutboxStore';

const databases = createTestDatabases();

const notification = {
  recipients: ['user:default/ada.okafor'],
  payload: { title: 'INC-2026-0002 looks like a repeat of INC-2026-0001' },
};
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

describe.each(databases.eachSupportedId())('KnexOutboxStore on %p', id => {
  it('records each key once, in the transaction of the write', async () => {
    const knex = await migratedDatabase(databases, id);
    const outbox = new KnexOutboxStore(knex);
    await knex.transaction(tx =>
      recordNotification(tx, 'first', notification, at(0)),
    );
    await recordNotification(knex, 'first', notification, at(1));
    await recordNotification(knex, 'second', notification, at(2));
    await knex
      .transaction(async tx => {
        await recordNotification(tx, 'rolled-back', notification, at(3));
        throw new Error('the write failed');
      })
      .catch(() => undefined);
    expect(await outbox.listPending(10, 20)).toEqual(['first', 'second']);
    expect(await outbox.listPending(1, 20)).toEqual(['first']);
  });

  it('claims an entry for one replica, releases it on failure and marks it sent', async () => {
    const knex = await migratedDatabase(databases, id);
    const outbox = new KnexOutboxStore(knex);
    await recordNotification(knex, 'key', notification, at(0));

    const claims = await Promise.all([
      outbox.claim('key', at(1), at(0)),
      outbox.claim('key', at(1), at(0)),
    ]);
    const won = claims.filter(Boolean);
    expect(won).toEqual([
      {
        ...notification,
        payload: { ...notification.payload, scope: 'key' },
      },
    ]);
    // Held by a live claim; a stale one (before `staleBefore`) is taken over.
    expect(await outbox.claim('key', at(2), at(0))).toBeUndefined();
    expect(await outbox.claim('key', at(3), at(2))).toBeDefined();

    await outbox.release('key', 'notifications backend unavailable');
    const [released] = await knex('notification_outbox');
    expect(released).toMatchObject({
      claimed_at: null,
      attempts: 2,
      last_error: 'notifications backend unavailable',
    });
    // Entries that failed too often are no longer pending.
    expect(await outbox.listPending(10, 3)).toEqual(['key']);
    expect(await outbox.listPending(10, 2)).toEqual([]);

    expect(await outbox.claim('key', at(4), at(0))).toBeDefined();
    await outbox.markSent('key', at(5));
    const [sent] = await knex('notification_outbox');
    expect(sent.last_error).toBeNull();
    expect(new Date(sent.sent_at).toISOString()).toBe(at(5).toISOString());
    expect(await outbox.listPending(10, 20)).toEqual([]);
    expect(await outbox.claim('key', at(6), at(6))).toBeUndefined();
  });
});
