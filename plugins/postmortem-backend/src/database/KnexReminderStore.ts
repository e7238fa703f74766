import { Knex } from 'knex';
import type { NewReminder, ReminderStore } from './PostmortemStore';
import { recordNotification } from './KnexOutboxStore';
import { json, toIso } from './rows';

/** Reminders sent about postmortems, each recorded once under its key. */
export class KnexReminderStore implements ReminderStore {
  constructor(private readonly knex: Knex) {}

  async recordReminder(reminder: NewReminder): Promise<boolean> {
    // The unique key decides which replica records the reminder; the
    // notification goes into the outbox in the same transaction and is
    // sent after commit, never while the transaction is open.
    return this.knex.transaction(async tx => {
      const inserted = await tx('reminders')
        .insert({
          reminder_key: reminder.key,
          postmortem_id: reminder.postmortemId,
          kind: reminder.kind,
          recipients: JSON.stringify(reminder.recipients),
          sent_at: reminder.sentAt,
        })
        .onConflict('reminder_key')
        .ignore()
        .returning('reminder_key');
      if (!inserted.length) return false;
      await recordNotification(
        tx,
        reminder.key,
        reminder.notification,
        reminder.sentAt,
      );
      return true;
    });
  }

  async listReminders(postmortemId?: string) {
    const query = this.knex('reminders').orderBy([
      { column: 'sent_at', order: 'asc' },
      { column: 'reminder_key', order: 'asc' },
    ]);
    if (postmortemId) query.where({ postmortem_id: postmortemId });
    return (await query).map(r => ({
      key: r.reminder_key,
      kind: r.kind,
      recipients: json<string[]>(r.recipients, []),
      sentAt: toIso(r.sent_at)!,
    }));
  }
}
