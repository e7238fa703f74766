import { LoggerService } from '@backstage/backend-plugin-api';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import {
  RemediationTracker,
  Ticket,
  TrackerOwner,
} from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { PostmortemStore } from '../database/PostmortemStore';
import { EntityResolver } from '../service/EntityResolver';

const MAX_BACKOFF_MINUTES = 60;

/**
 * Files remediation items in the owning team's tracker and brings ticket
 * state back. A ticket is looked up by the item's idempotency key before it
 * is created, so a retry after a timeout never files it twice; failures are
 * retried with exponential backoff and shown on the item. A closed ticket
 * makes the item done, pending verification.
 */
export class TrackerSync {
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
        qb
          .whereNull('l.item_id')
          .orWhere(q =>
            q
              .whereIn('l.state', ['pending', 'failed'])
              .andWhere('l.next_attempt_at', '<=', now),
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
      await this.knex('tracker_links')
        .insert({
          item_id: item.id,
          tracker: tracker.id,
          state: 'pending',
          attempts: 0,
        })
        .onConflict('item_id')
        .ignore();
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
        await this.knex('tracker_links')
          .where({ item_id: item.id })
          .update({
            state: 'failed',
            attempts,
            next_attempt_at: new Date(now.getTime() + backoff * 60_000),
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
      .select('l.*', 'r.postmortem_id', 'r.owner_ref')
      .limit(200);
    for (const link of links) {
      const tracker = this.trackers.find(t => t.id === link.tracker);
      if (!tracker) continue;
      try {
        const state = await tracker.getTicketState(
          { externalId: link.external_id, url: link.url },
          await this.owner(link.owner_ref),
        );
        await this.knex('tracker_links')
          .where({ item_id: link.item_id })
          .update({ last_synced_at: this.clock(), last_error: null });
        if (state === 'closed') {
          // Done, not verified: verification is a separate step.
          await this.store.updateSubRecord(
            'remediation',
            link.postmortem_id,
            link.item_id,
            { status: 'done' },
            { author: `tracker:${tracker.id}` },
          );
        }
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
}
