import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  KnexOutboxStore,
  recordNotification,
} from '../database/KnexOutboxStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { NotificationOutbox } from './NotificationOutbox';

const databases = createTestDatabases();

const notification = {
  recipients: ['user:default/ada.okafor'],
  payload: { title: 'INC-2026-0002 looks like a repeat of INC-2026-0001' },
};

describe.each(databases.eachSupportedId())('NotificationOutbox on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    await migrateDatabase({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const sent: string[] = [];
    let failing = false;
    const notifications: NotificationService = {
      async send(options) {
        await new Promise(r => setTimeout(r, 20));
        if (failing) throw new Error('notifications backend unavailable');
        sent.push(options.payload.scope!);
      },
    };
    const outbox = () =>
      new NotificationOutbox(
        new KnexOutboxStore(knex),
        notifications,
        mockServices.logger.mock(),
      );
    return {
      knex,
      sent,
      outbox,
      fail: (value: boolean) => {
        failing = value;
      },
    };
  }

  it('sends a recorded notification once, however many replicas deliver it', async () => {
    const { knex, sent, outbox } = await setUp();
    await knex.transaction(tx =>
      recordNotification(tx, 'recurrence:a:b', notification),
    );
    // Recording twice (a retried write) keeps one entry.
    await recordNotification(knex, 'recurrence:a:b', notification);
    const [a, b] = [outbox(), outbox()];
    await Promise.all([
      a.deliver(['recurrence:a:b']),
      b.deliver(['recurrence:a:b']),
      a.deliverPending(),
      b.deliverPending(),
    ]);
    expect(sent).toEqual(['recurrence:a:b']);
    await a.deliverPending();
    expect(sent).toHaveLength(1);
  });

  it('keeps what it could not send for the next run', async () => {
    const { knex, sent, outbox, fail } = await setUp();
    await recordNotification(knex, 'deadline:p:draft:passed', notification);
    fail(true);
    expect(await outbox().deliver(['deadline:p:draft:passed'])).toBe(0);
    const [pending] = await knex('notification_outbox');
    expect(pending).toMatchObject({ sent_at: null, attempts: 1 });
    expect(pending.last_error).toMatch(/unavailable/);
    fail(false);
    expect(await outbox().deliverPending()).toBe(1);
    expect(sent).toEqual(['deadline:p:draft:passed']);
  });

  it('sends nothing recorded in a transaction that rolled back', async () => {
    const { knex, sent, outbox } = await setUp();
    await expect(
      knex.transaction(async tx => {
        await recordNotification(tx, 'recurrence:x:y', notification);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow(/write failed/);
    expect(await outbox().deliverPending()).toBe(0);
    expect(sent).toEqual([]);
  });
});
