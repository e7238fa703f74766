import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import {
  RemediationTracker,
  Ticket,
  TicketStateChange,
  TrackerOwner,
  type TrackerRateLimitedError,
} from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { readTrackerSyncConfig } from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';
import { scheduleJob } from '../scheduleJob';
import { EntityResolver } from '../catalog/EntityResolver';

const MAX_BACKOFF_MINUTES = 60;
/** How long a run's claim on filing an item holds (a tracker call takes seconds). */
const PENDING_CLAIM_MS = 60_000;

/**
 * Files remediation items in the owning team's tracker and brings ticket
 * state back. A ticket is looked up by the item's idempotency key before it
 * is created, so a retry after a timeout never files it twice; failures are
 * retried with exponential backoff and shown on the item. A closed ticket
 * makes the item done, pending verification.
 */
export class TrackerSync {
  /** Reads `postmortem.trackers` and schedules the sync. */
  static async create(options: {
    config: Config;
    scheduler: SchedulerService;
    knex: Knex;
    store: PostmortemStore;
    entities: EntityResolver;
    trackers: RemediationTracker[];
    logger: LoggerService;
  }): Promise<TrackerSync> {
    const { frequency, appBaseUrl } = readTrackerSyncConfig(
      options.config,
      options.logger,
    );
    const sync = new TrackerSync(
      options.knex,
      options.store,
      options.entities,
      options.trackers,
      appBaseUrl,
      options.logger,
    );
    await scheduleJob(
      options.scheduler,
      'postmortem-sync-trackers',
      { frequency },
      () => sync.run(),
    );
    return sync;
  }

  constructor(
    private readonly knex: Knex,
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly trackers: RemediationTracker[],
    private readonly appBaseUrl: string,
    private readonly logger: LoggerService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(): Promise<void> {
    if (!this.trackers.length) return;
    await this.fileTickets();
    await this.pullStates();
  }

  private async owner(ref: string): Promise<TrackerOwner> {
    const annotations =
      (await this.entities.annotationsOf([ref])).get(ref) ?? {};
    return { entityRef: ref, annotations };
  }

  private async fileTickets() {
    const now = this.clock();
    const due = await this.knex('remediation_items as r')
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
      .limit(50);
    for (const row of due) {
      const owner = await this.owner(row.owner_ref);
      const tracker = this.trackers.find(t => t.appliesTo(owner));
      if (!tracker) continue; // items without a tracker stay first-class
      const [item] = (
        await this.store.listSubRecords('remediation', row.postmortem_id)
      ).filter(i => i.id === row.id);
      const postmortem = await this.store.getPostmortem(row.postmortem_id);
      if (!item || !postmortem) continue;
      // Claimed for a while: a replica killed between here and recording
      // the ticket leaves the link pending, and another files it once the
      // claim lapsed (findTicket finds what the dead one had created).
      const claimedUntil = new Date(now.getTime() + PENDING_CLAIM_MS);
      await this.knex('tracker_links')
        .insert({
          item_id: item.id,
          tracker: tracker.id,
          state: 'pending',
          attempts: 0,
          next_attempt_at: claimedUntil,
        })
        .onConflict('item_id')
        .ignore();
      await this.knex('tracker_links')
        .where({ item_id: item.id })
        .whereIn('state', ['pending', 'failed'])
        .update({ next_attempt_at: claimedUntil });
      const request = {
        item,
        postmortem: {
          humanId: postmortem.humanId,
          title: postmortem.title,
          url: `${this.appBaseUrl}/postmortems/${postmortem.humanId}`,
        },
        owner,
        idempotencyKey: `postmortem-item-${item.id}`,
      };
      try {
        const ticket =
          (await tracker.findTicket(request)) ??
          (await tracker.createTicket(request));
        await this.created(item, tracker, ticket);
      } catch (error) {
        const attempts = Number(row.attempts ?? 0) + 1;
        const backoff = Math.min(2 ** (attempts - 1), MAX_BACKOFF_MINUTES);
        // A rate-limited tracker says when to come back; otherwise back off.
        // By name, so that a module built against another copy of -node counts.
        const limited = error as Partial<TrackerRateLimitedError>;
        const retryAt =
          limited?.name === 'TrackerRateLimitedError' &&
          limited.retryAt instanceof Date
            ? limited.retryAt
            : new Date(now.getTime() + backoff * 60_000);
        await this.knex('tracker_links')
          .where({ item_id: item.id })
          .update({
            state: 'failed',
            attempts,
            next_attempt_at: retryAt,
            last_error: String((error as Error).message ?? error).slice(
              0,
              1000,
            ),
          });
        this.logger.warn(
          `Filing ${item.id} in ${tracker.id} failed (attempt ${attempts}): ${error}`,
        );
      }
    }
  }

  private async created(
    item: RemediationItem,
    tracker: RemediationTracker,
    ticket: Ticket,
  ) {
    // The item first: a reader who sees the link 'created' also sees its URL,
    // and a crash in between is repaired by the next run's findTicket.
    await this.store.updateSubRecord(
      'remediation',
      item.postmortemId,
      item.id,
      { trackerUrl: ticket.url },
      { author: `tracker:${tracker.id}` },
    );
    await this.knex('tracker_links').where({ item_id: item.id }).update({
      state: 'created',
      external_id: ticket.externalId,
      url: ticket.url,
      last_error: null,
      next_attempt_at: null,
      last_synced_at: this.clock(),
    });
  }

  private async pullStates() {
    const links = await this.knex('tracker_links as l')
      .join('remediation_items as r', 'r.id', 'l.item_id')
      .where('l.state', 'created')
      .whereIn('r.status', ['open', 'in_progress'])
      .select('l.*', 'r.postmortem_id', 'r.owner_ref', 'r.status')
      .limit(200);
    for (const link of links) {
      const tracker = this.trackers.find(t => t.id === link.tracker);
      if (!tracker) continue;
      try {
        const state = await tracker.getTicketState(
          { externalId: link.external_id, url: link.url },
          await this.owner(link.owner_ref),
        );
        await this.follow(tracker.id, link, state);
      } catch (error) {
        await this.knex('tracker_links')
          .where({ item_id: link.item_id })
          .update({
            last_error: String((error as Error).message ?? error).slice(
              0,
              1000,
            ),
          });
      }
    }
  }

  /**
   * Applies ticket states a tracker pushed through its webhook. Tickets this
   * suite did not file are ignored; applying the same state twice changes
   * nothing, so redelivered events are harmless.
   */
  async applyStates(
    trackerId: string,
    changes: TicketStateChange[],
  ): Promise<{ applied: number; ignored: number }> {
    let applied = 0;
    for (const change of changes) {
      // Tracker ids are case-insensitive (GitHub repository names, Jira keys).
      const link = await this.knex('tracker_links as l')
        .join('remediation_items as r', 'r.id', 'l.item_id')
        .where('l.tracker', trackerId)
        .andWhere('l.state', 'created')
        .andWhereRaw('lower(l.external_id) = ?', [
          change.externalId.toLocaleLowerCase('en-US'),
        ])
        .first('l.item_id', 'r.postmortem_id', 'r.status');
      if (link && (await this.follow(trackerId, link, change.state))) {
        applied++;
      }
    }
    return { applied, ignored: changes.length - applied };
  }

  /**
   * Moves the item with its ticket: closed makes an open item done (not
   * verified: verification is a separate step); reopened makes an item that
   * the tracker had closed open again. Returns whether the item changed.
   */
  private async follow(
    trackerId: string,
    link: { item_id: string; postmortem_id: string; status: string },
    state: 'open' | 'closed',
  ): Promise<boolean> {
    await this.knex('tracker_links')
      .where({ item_id: link.item_id })
      .update({ last_synced_at: this.clock(), last_error: null });
    let next: 'done' | 'open';
    if (state === 'closed' && ['open', 'in_progress'].includes(link.status)) {
      next = 'done';
    } else if (state === 'open' && link.status === 'done') {
      next = 'open';
    } else {
      return false;
    }
    await this.store.updateSubRecord(
      'remediation',
      link.postmortem_id,
      link.item_id,
      { status: next },
      { author: `tracker:${trackerId}` },
    );
    return true;
  }
}
