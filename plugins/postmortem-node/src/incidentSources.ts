import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  IncidentLink,
  IncidentStatus,
  Responder,
  Severity,
} from '@postmortems/plugin-postmortem-common';

/**
 * A webhook delivery as the backend received it, before any parsing.
 *
 * @public
 */
export interface WebhookDelivery {
  /** Raw body bytes, needed to verify signatures. */
  rawBody: Buffer;
  /** Body parsed as JSON. */
  body: unknown;
  /** Request headers, lower-cased names. */
  headers: Record<string, string | undefined>;
  /** Path segment after the source id, e.g. the name of a generic source. */
  subPath?: string;
}

/**
 * What a source tells the backend about one incident. Several signals may
 * describe the same incident; `dedupKey` ties them together and `eventId` makes
 * each delivery idempotent.
 *
 * @public
 */
export interface IncidentSignal {
  /** Stable key of the incident in the source, e.g. fingerprint + startsAt. */
  dedupKey: string;
  /**
   * Set by sources that group alerts into one incident (an Alertmanager
   * notification group). `dedupKey` then identifies the alert, and the
   * incident is the group's episode: alerts of the group whose time spans
   * overlap belong to one incident, which is resolved when all of them
   * are (`status: 'resolved'` of each alert, `resolvedAt` its end). A
   * group that fires again after it resolved is a new incident.
   */
  groupKey?: string;
  /** Unique id of this event; a repeated id is ignored. */
  eventId: string;
  /** When the source says the event happened (used to tolerate reordering). */
  occurredAt: string;
  /**
   * The incident's status after this event. Omit it for events that do not
   * change the status (notes, responders added): the current one is kept.
   */
  status?: IncidentStatus;
  title?: string;
  severity?: Severity;
  /** Kind of incident (e.g. `security`); normalised to a lowercase slug. */
  type?: string;
  impactStartedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** Who acted, when a person did (acknowledged, added a note, resolved). */
  actor?: string;
  /** Timeline text for this event; a default is derived from the status. */
  text?: string;
  /** Entity refs, or source-specific hints the backend maps through annotations. */
  entityRefs?: string[];
  entityHints?: Array<{ annotation: string; value: string }>;
  responders?: Responder[];
  links?: IncidentLink[];
  externalIds?: Record<string, string>;
  /** Free-form note for the timeline (e.g. an annotation added in the pager). */
  note?: string;
  labels?: Record<string, string>;
}

/**
 * An alerting tool that declares and updates incidents through a webhook
 * served at `/api/postmortem/webhooks/<id>`.
 *
 * @public
 */
export interface IncidentSource {
  /** URL segment and name of the source, e.g. `alertmanager`. */
  readonly id: string;
  /** Throws an AuthenticationError when the delivery is not authentic. */
  authenticate(delivery: WebhookDelivery): Promise<void>;
  /** Translates a delivery into signals; throws InputError on bad payloads. */
  parse(delivery: WebhookDelivery): Promise<IncidentSignal[]>;
}

/** @public */
export interface PostmortemIncidentSourcesExtensionPoint {
  addIncidentSource(...sources: IncidentSource[]): void;
}

/**
 * Lets modules add incident sources to the postmortem backend.
 *
 * @public
 */
export const postmortemIncidentSourcesExtensionPoint =
  createExtensionPoint<PostmortemIncidentSourcesExtensionPoint>({
    id: 'postmortem.incident-sources',
  });
