import { Knex } from 'knex';
import type {
  NewReminder,
  ReminderLook,
  ReminderStore,
} from './PostmortemStore';
import { recordNotification } from './KnexOutboxStore';
import { json, toIso } from './rows';

/** What a change sets reminder_due_at to: look at once. */
export const REMINDER_LOOK_NOW = new Date(0);

/** Rows of one transaction when the job stores when to look next. */
const LOOK_CHUNK = 200;

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

  async listRemindersDue(now: Date): Promise<ReminderLook[]> {
    // The condition of postmortems_reminder_due_idx, so that both engines
    // read the index of the postmortems that have a time at all.
    const rows = await this.knex('postmortems')
      .whereNotNull('reminder_due_at')
      .andWhere('reminder_due_at', '<=', now)
      .select('id', 'revision');
    return rows
      .map(r => ({ postmortemId: r.id, revision: Number(r.revision) }))
      .sort((a, b) => (a.postmortemId < b.postmortemId ? -1 : 1));
  }

  async setRemindersDue(
    looks: Array<ReminderLook & { dueAt: Date | null }>,
  ): Promise<void> {
    // Only where the revision is still the one looked at: a change since
    // set the time back to the epoch, and it stays there for the next pass.
    const sorted = [...looks].sort((a, b) =>
      a.postmortemId < b.postmortemId ? -1 : 1,
    );
    for (let i = 0; i < sorted.length; i += LOOK_CHUNK) {
      await this.knex.transaction(async tx => {
        for (const look of sorted.slice(i, i + LOOK_CHUNK)) {
          await tx('postmortems')
            .where({ id: look.postmortemId, revision: look.revision })
            .update({ reminder_due_at: look.dueAt });
        }
      });
    }
  }

  async adoptReminderRules(fingerprint: string): Promise<boolean> {
    const current = await this.knex('reminder_rules')
      .where({ id: 1 })
      .first('fingerprint');
    if (current?.fingerprint === fingerprint) return false;
    await this.knex.transaction(async tx => {
      await tx('reminder_rules')
        .insert({ id: 1, fingerprint, adopted_at: new Date() })
        .onConflict('id')
        .merge();
      await tx('postmortems').update({ reminder_due_at: REMINDER_LOOK_NOW });
    });
    return true;
  }
}
