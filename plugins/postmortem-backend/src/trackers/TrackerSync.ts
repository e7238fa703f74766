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
import { readTrackerSyncConfig } from '../config/readConfig';
import { LinkedItem, TrackerLinkStore } from '../database/KnexTrackerLinkStore';
import { PostmortemStore } from '../database/PostmortemStore';
import { Redactor } from '../redaction/Redactor';
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
    stores: { trackerLinks: TrackerLinkStore };
    store: PostmortemStore;
    entities: EntityResolver;
    trackers: RemediationTracker[];
    redactor: Redactor;
    logger: LoggerService;
  }): Promise<TrackerSync> {
    const { frequency, appBaseUrl } = readTrackerSyncConfig(
      options.config,
      options.logger,
    );
    const sync = new TrackerSync(
      options.stores.trackerLinks,
      options.store,
      options.entities,
      options.trackers,
      options.redactor,
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
    private readonly links: TrackerLinkStore,
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly trackers: RemediationTracker[],
    private readonly redactor: Redactor,
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
    const due = await this.links.listDueForFiling(now, 50);
    for (const row of due) {
      const owner = await this.owner(row.ownerRef);
      const tracker = this.trackers.find(t => t.appliesTo(owner));
      if (!tracker) continue; // items without a tracker stay first-class
      const [item] = (
        await this.store.listSubRecords('remediation', row.postmortemId)
      ).filter(i => i.id === row.itemId);
      const postmortem = await this.store.getPostmortem(row.postmortemId);
      if (!item || !postmortem) continue;
      // Claimed for a while: a replica killed between here and recording
      // the ticket leaves the link pending, and another files it once the
      // claim lapsed (findTicket finds what the dead one had created).
      const claimedUntil = new Date(now.getTime() + PENDING_CLAIM_MS);
      await this.links.claimFiling(item.id, tracker.id, claimedUntil);
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
        const attempts = row.attempts + 1;
        const backoff = Math.min(2 ** (attempts - 1), MAX_BACKOFF_MINUTES);
        // A rate-limited tracker says when to come back; otherwise back off.
        // By name, so that a module built against another copy of -node counts.
        const limited = error as Partial<TrackerRateLimitedError>;
        const retryAt =
          limited?.name === 'TrackerRateLimitedError' &&
          limited.retryAt instanceof Date
            ? limited.retryAt
            : new Date(now.getTime() + backoff * 60_000);
        await this.links.recordFailure(item.id, {
          attempts,
          retryAt,
          error: await this.errorText(error),
        });
        this.logger.warn(
          `Filing ${item.id} in ${tracker.id} failed (attempt ${attempts}): ${error}`,
        );
      }
    }
  }

  /**
   * A tracker's error as shown on the item: masked first (an HTTP error may
   * echo a URL with its token), then shortened, so no secret is cut in two.
   */
  private async errorText(error: unknown) {
    const { text } = await this.redactor.redactAsync(
      String((error as Error)?.message ?? error),
    );
    return text.slice(0, 1000);
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
    await this.links.recordCreated(item.id, ticket, this.clock());
  }

  private async pullStates() {
    const links = await this.links.listFiled(200);
    for (const link of links) {
      const tracker = this.trackers.find(t => t.id === link.tracker);
      if (!tracker) continue;
      try {
        const state = await tracker.getTicketState(
          { externalId: link.externalId, url: link.url },
          await this.owner(link.ownerRef),
        );
        await this.follow(tracker.id, link, state);
      } catch (error) {
        await this.links.recordSyncError(
          link.itemId,
          await this.errorText(error),
        );
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
      const link = await this.links.findByTicket(trackerId, change.externalId);
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
    link: LinkedItem,
    state: 'open' | 'closed',
  ): Promise<boolean> {
    await this.links.markSynced(link.itemId, this.clock());
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
      link.postmortemId,
      link.itemId,
      { status: next },
      { author: `tracker:${trackerId}` },
    );
    return true;
  }
}
