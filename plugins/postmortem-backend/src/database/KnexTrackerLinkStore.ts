import { Knex } from 'knex';

/** A remediation item as the tracker sync sees it. */
export interface LinkedItem {
  itemId: string;
  postmortemId: string;
  /** The item's status. */
  status: string;
}

/**
 * The links of remediation items to the tickets filed for them in outside
 * trackers: which items are due to be filed, their claims, failures and
 * backoff, and the tickets' state.
 */
export interface TrackerLinkStore {
  /**
   * Open items with an owner that have no ticket yet, or whose filing is
   * pending or failed and due again at `now`.
   */
  listDueForFiling(
    now: Date,
    limit: number,
  ): Promise<
    Array<{
      itemId: string;
      postmortemId: string;
      ownerRef: string;
      attempts: number;
    }>
  >;
  /** Claims the filing of an item until then (creating its pending link). */
  claimFiling(
    itemId: string,
    tracker: string,
    claimedUntil: Date,
  ): Promise<void>;
  /** A failed filing: counted, retried at `retryAt`, its error shown. */
  recordFailure(
    itemId: string,
    failure: { attempts: number; retryAt: Date; error: string },
  ): Promise<void>;
  /** The ticket filed for the item. */
  recordCreated(
    itemId: string,
    ticket: { externalId: string; url: string },
    at: Date,
  ): Promise<void>;
  /** Open items with a filed ticket, whose state is pulled. */
  listFiled(limit: number): Promise<
    Array<
      LinkedItem & {
        tracker: string;
        ownerRef: string;
        externalId: string;
        url: string;
      }
    >
  >;
  /** The item of a filed ticket (external ids compared case-insensitively). */
  findByTicket(
    tracker: string,
    externalId: string,
  ): Promise<LinkedItem | undefined>;
  /** The ticket state was read or pushed at `at`; clears the last error. */
  markSynced(itemId: string, at: Date): Promise<void>;
  /** Reading the ticket state failed. */
  recordSyncError(itemId: string, error: string): Promise<void>;
}

/** TrackerLinkStore on the plugin's database. */
export class KnexTrackerLinkStore implements TrackerLinkStore {
  constructor(private readonly knex: Knex) {}

  async listDueForFiling(now: Date, limit: number) {
    const rows = await this.knex('remediation_items as r')
      .leftJoin('tracker_links as l', 'l.item_id', 'r.id')
      .whereNotNull('r.owner_ref')
      .whereIn('r.status', ['open', 'in_progress'])
      .andWhere(qb =>
        qb.whereNull('l.item_id').orWhere(q =>
          q
            .whereIn('l.state', ['pending', 'failed'])
            // No time: left pending by a version that did not claim.
            .andWhere(t =>
              t
                .whereNull('l.next_attempt_at')
                .orWhere('l.next_attempt_at', '<=', now),
            ),
        ),
      )
      .select('r.id', 'r.postmortem_id', 'r.owner_ref', 'l.attempts')
      .limit(limit);
    return rows.map(row => ({
      itemId: row.id as string,
      postmortemId: row.postmortem_id as string,
      ownerRef: row.owner_ref as string,
      attempts: Number(row.attempts ?? 0),
    }));
  }

  async claimFiling(itemId: string, tracker: string, claimedUntil: Date) {
    await this.knex('tracker_links')
      .insert({
        item_id: itemId,
        tracker,
        state: 'pending',
        attempts: 0,
        next_attempt_at: claimedUntil,
      })
      .onConflict('item_id')
      .ignore();
    await this.knex('tracker_links')
      .where({ item_id: itemId })
      .whereIn('state', ['pending', 'failed'])
      .update({ next_attempt_at: claimedUntil });
  }

  async recordFailure(
    itemId: string,
    failure: { attempts: number; retryAt: Date; error: string },
  ) {
    await this.knex('tracker_links').where({ item_id: itemId }).update({
      state: 'failed',
      attempts: failure.attempts,
      next_attempt_at: failure.retryAt,
      last_error: failure.error,
    });
  }

  async recordCreated(
    itemId: string,
    ticket: { externalId: string; url: string },
    at: Date,
  ) {
    await this.knex('tracker_links').where({ item_id: itemId }).update({
      state: 'created',
      external_id: ticket.externalId,
      url: ticket.url,
      last_error: null,
      next_attempt_at: null,
      last_synced_at: at,
    });
  }

  async listFiled(limit: number) {
    const rows = await this.knex('tracker_links as l')
      .join('remediation_items as r', 'r.id', 'l.item_id')
      .where('l.state', 'created')
      .whereIn('r.status', ['open', 'in_progress'])
      .select('l.*', 'r.postmortem_id', 'r.owner_ref', 'r.status')
      .limit(limit);
    return rows.map(row => ({
      itemId: row.item_id as string,
      postmortemId: row.postmortem_id as string,
      status: row.status as string,
      tracker: row.tracker as string,
      ownerRef: row.owner_ref as string,
      externalId: row.external_id as string,
      url: row.url as string,
    }));
  }

  async findByTicket(
    tracker: string,
    externalId: string,
  ): Promise<LinkedItem | undefined> {
    const link = await this.knex('tracker_links as l')
      .join('remediation_items as r', 'r.id', 'l.item_id')
      .where('l.tracker', tracker)
      .andWhere('l.state', 'created')
      .andWhereRaw('lower(l.external_id) = ?', [
        externalId.toLocaleLowerCase('en-US'),
      ])
      .first('l.item_id', 'r.postmortem_id', 'r.status');
    return link
      ? {
          itemId: link.item_id,
          postmortemId: link.postmortem_id,
          status: link.status,
        }
      : undefined;
  }

  async markSynced(itemId: string, at: Date) {
    await this.knex('tracker_links')
      .where({ item_id: itemId })
      .update({ last_synced_at: at, last_error: null });
  }

  async recordSyncError(itemId: string, error: string) {
    await this.knex('tracker_links')
      .where({ item_id: itemId })
      .update({ last_error: error });
  }
}
