import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import type { WebhookDelivery } from './incidentSources';

/** The entity that owns a remediation item, as trackers see it. */
export interface TrackerOwner {
  entityRef: string;
  annotations: Record<string, string>;
}

/** What a tracker needs to file a ticket for a remediation item. */
export interface TicketRequest {
  item: RemediationItem;
  postmortem: { humanId: string; title: string; url: string };
  owner: TrackerOwner;
  /**
   * Unique per item. Trackers put it into the ticket (a label, a property,
   * a marker in the body) so that `findTicket` can recognise a ticket a
   * failed or timed-out attempt already created.
   */
  idempotencyKey: string;
}

/** A ticket in an outside tracker. */
export interface Ticket {
  externalId: string;
  url: string;
}

/**
 * The tracker asked us to slow down (rate limit). `retryAt` says when a
 * request may be sent again; the sync job waits until then instead of
 * backing off blindly.
 *
 * @public
 */
export class TrackerRateLimitedError extends CustomErrorBase {
  name = 'TrackerRateLimitedError' as const;
  constructor(message: string, readonly retryAt: Date) {
    super(message);
  }
}

/**
 * A ticket's state as a tracker's webhook reports it.
 *
 * @public
 */
export interface TicketStateChange {
  /** The ticket as `createTicket` identified it (`externalId`). */
  externalId: string;
  state: 'open' | 'closed';
}

/**
 * An issue tracker that remediation items are synced to (GitHub Issues,
 * Jira…), chosen by the owner entity's annotations.
 *
 * @public
 */
export interface RemediationTracker {
  readonly id: string;
  /** Whether this tracker files tickets for items of this owner. */
  appliesTo(owner: TrackerOwner): boolean;
  /** Finds the ticket an earlier attempt created with this key, if any. */
  findTicket(request: TicketRequest): Promise<Ticket | undefined>;
  createTicket(request: TicketRequest): Promise<Ticket>;
  /** Whether the ticket is still open. */
  getTicketState(
    ticket: Ticket,
    owner: TrackerOwner,
  ): Promise<'open' | 'closed'>;
  /**
   * For trackers that push changes: verifies a delivery to
   * `/api/postmortem/webhooks/trackers/<id>` (throws `AuthenticationError`
   * when it is not authentic, `InputError` when it is malformed) and returns
   * the ticket states it reports; events it does not care about give `[]`.
   * Polling still runs, so a missed delivery is caught up later.
   */
  receiveWebhook?(delivery: WebhookDelivery): Promise<TicketStateChange[]>;
}

/** @public */
export interface PostmortemTrackersExtensionPoint {
  addTracker(...trackers: RemediationTracker[]): void;
}

/**
 * Lets modules add remediation trackers to the postmortem backend.
 *
 * @public
 */
export const postmortemTrackersExtensionPoint =
  createExtensionPoint<PostmortemTrackersExtensionPoint>({
    id: 'postmortem.trackers',
  });
