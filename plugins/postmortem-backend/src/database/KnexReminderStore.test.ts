import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { createTestStore } from '../__testUtils__/storeTest';
import { KnexOutboxStore } from './KnexOutboxStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexReminderStore on %p', id => {
  it('records a reminder and its notification once per key', async () => {
    const { knex, store } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('Remind'));
    const other = await store.createIncident(newIncident('Other'));
    const reminder = (key: string, postmortemId: string, minute: number) => ({
      key,
      postmortemId,
      kind: 'deadline',
      recipients: ['group:default/checkout-team'],
      sentAt: new Date(Date.UTC(2026, 0, 5, 9, minute)),
      notification: {
        recipients: ['group:default/checkout-team'],
        payload: { title: `Reminder ${key}` },
      },
    });
    const results = await Promise.all([
      store.recordReminder(reminder('draft:approaching', postmortem.id, 1)),
      store.recordReminder(reminder('draft:approaching', postmortem.id, 1)),
    ]);
    expect(results.sort()).toEqual([false, true]);
    await store.recordReminder(reminder('draft:passed', postmortem.id, 2));
    await store.recordReminder(
      reminder('other:passed', other.postmortem.id, 0),
    );

    expect(await store.listReminders(postmortem.id)).toEqual([
      {
        key: 'draft:approaching',
        kind: 'deadline',
        recipients: ['group:default/checkout-team'],
        sentAt: '2026-01-05T09:01:00.000Z',
      },
      expect.objectContaining({ key: 'draft:passed' }),
    ]);
    expect((await store.listReminders()).map(r => r.key)).toEqual([
      'other:passed',
      'draft:approaching',
      'draft:passed',
    ]);
    // Each notification is in the outbox, at the time of its reminder.
    expect(await new KnexOutboxStore(knex).listPending(10, 20)).toEqual([
      'other:passed',
      'draft:approaching',
      'draft:passed',
    ]);
  });
});
