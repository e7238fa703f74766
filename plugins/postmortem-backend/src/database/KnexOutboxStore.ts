import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';

type NotificationPayload = Parameters<
  NotificationService['send']
>[0]['payload'];

/** A notification recorded by a write, to be sent after its commit. */
export interface OutboxNotification {
  /** Entity refs (users or groups) that receive it. */
  recipients: string[];
  payload: NotificationPayload;
}

/**
 * The notification outbox: entries recorded in the transaction of the write
 * that caused them ({@link recordNotification}), claimed by one replica at
 * a time, and marked sent.
 */
export interface OutboxStore {
  /** Keys of entries not sent yet and tried fewer than `maxAttempts` times, oldest first. */
  listPending(limit: number, maxAttempts: number): Promise<string[]>;
  /**
   * Claims an entry for sending (one statement: of two replicas, one wins)
   * and counts the attempt; undefined when it was sent, or claimed by
   * another replica after `staleBefore`.
   */
  claim(
    key: string,
    now: Date,
    staleBefore: Date,
  ): Promise<OutboxNotification | undefined>;
  /** Gives up a claim after a failed send, keeping the error. */
  release(key: string, error: string): Promise<void>;
  markSent(key: string, at: Date): Promise<void>;
}

/** Records a notification inside the caller's transaction; once per key. */
export async function recordNotification(
  tx: Knex | Knex.Transaction,
  key: string,
  notification: OutboxNotification,
  now = new Date(),
): Promise<void> {
  await tx('notification_outbox')
    .insert({
      outbox_key: key,
      payload: JSON.stringify({
        ...notification,
        payload: { ...notification.payload, scope: key },
      }),
      created_at: now,
      attempts: 0,
    })
    .onConflict('outbox_key')
    .ignore();
}

/** OutboxStore on the plugin's database. */
export class KnexOutboxStore implements OutboxStore {
  constructor(private readonly knex: Knex) {}

  async listPending(limit: number, maxAttempts: number): Promise<string[]> {
    return this.knex('notification_outbox')
      .whereNull('sent_at')
      .andWhere('attempts', '<', maxAttempts)
      .orderBy('created_at')
      .limit(limit)
      .pluck('outbox_key');
  }

  async claim(
    key: string,
    now: Date,
    staleBefore: Date,
  ): Promise<OutboxNotification | undefined> {
    const claimed = await this.knex('notification_outbox')
      .where({ outbox_key: key })
      .whereNull('sent_at')
      .andWhere(q =>
        q.whereNull('claimed_at').orWhere('claimed_at', '<', staleBefore),
      )
      .update({ claimed_at: now, attempts: this.knex.raw('attempts + 1') });
    if (!claimed) return undefined;
    const row = await this.knex('notification_outbox')
      .where({ outbox_key: key })
      .first('payload');
    return JSON.parse(row.payload) as OutboxNotification;
  }

  async release(key: string, error: string): Promise<void> {
    await this.knex('notification_outbox')
      .where({ outbox_key: key })
      .update({ claimed_at: null, last_error: error });
  }

  async markSent(key: string, at: Date): Promise<void> {
    await this.knex('notification_outbox')
      .where({ outbox_key: key })
      .update({ sent_at: at, last_error: null });
  }
}
