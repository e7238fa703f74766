import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { readOutboxConfig } from '../config/readConfig';
import { OutboxStore } from '../database/KnexOutboxStore';
import { scheduleJob } from '../scheduleJob';

export type { OutboxNotification } from '../database/KnexOutboxStore';

/** How long a replica's claim on an entry holds before another may retry. */
const CLAIM_MS = 60_000;
/** Entries that failed this often stay in the table, for an operator. */
const MAX_ATTEMPTS = 20;

/**
 * What a write must send is recorded in the write's transaction
 * (`recordNotification` of the outbox store) and sent after commit
 * ({@link NotificationOutbox.deliver}), so no request or job calls the
 * notifications backend while it holds a database connection: on the
 * embedded SQLite there is one, and the notifications backend needs it
 * again (to verify this plugin's token), which stalled every request until
 * the pool timed out. An entry is claimed by one replica at a time and
 * marked sent; entries left behind by a crash are sent by the scheduled
 * {@link NotificationOutbox.deliverPending}. The notification's `scope`
 * is its key, so even a send repeated after a crash between sending and
 * marking updates the recipient's notification instead of adding one.
 */
export class NotificationOutbox {
  /** Schedules the job that sends what is pending (`postmortem.outbox`). */
  static async create(options: {
    config: Config;
    scheduler: SchedulerService;
    stores: { outbox: OutboxStore };
    notifications: NotificationService | undefined;
    logger: LoggerService;
  }): Promise<NotificationOutbox> {
    const outbox = new NotificationOutbox(
      options.stores.outbox,
      options.notifications,
      options.logger,
    );
    await scheduleJob(
      options.scheduler,
      'postmortem-send-notifications',
      readOutboxConfig(options.config, options.logger),
      () => outbox.deliverPending(),
    );
    return outbox;
  }

  constructor(
    private readonly store: OutboxStore,
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Sends the given entries (after the transaction that recorded them has
   * committed); returns how many this call sent. Never throws: an entry
   * that fails stays pending for the scheduled retry.
   */
  async deliver(keys: string[]): Promise<number> {
    let sent = 0;
    for (const key of keys) {
      if (await this.deliverOne(key)) sent++;
    }
    return sent;
  }

  /** Sends whatever is still pending (crash, failed send); the job's body. */
  async deliverPending(limit = 100): Promise<number> {
    const keys = await this.store.listPending(limit, MAX_ATTEMPTS);
    return this.deliver(keys);
  }

  private async deliverOne(key: string): Promise<boolean> {
    const now = this.clock();
    // One statement claims the entry: of two replicas, one updates the row.
    const entry = await this.store.claim(
      key,
      now,
      new Date(now.getTime() - CLAIM_MS),
    );
    if (!entry) return false;
    try {
      if (this.notifications && entry.recipients.length) {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: entry.recipients },
          payload: entry.payload,
        });
      }
    } catch (error) {
      this.logger.warn(`Notification ${key} not sent yet: ${error}`);
      await this.store.release(key, String(error).slice(0, 2000));
      return false;
    }
    await this.store.markSent(key, this.clock());
    return true;
  }
}
