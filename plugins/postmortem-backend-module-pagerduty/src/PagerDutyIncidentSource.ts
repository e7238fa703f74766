import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  IncidentLink,
  IncidentStatus,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  IncidentSignal,
  IncidentSource,
  secretsEqual,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';
import { createHmac } from 'node:crypto';

/** A lookup table without prototype, so `constructor` & co. are not keys. */
const dict = <T>(entries: Record<string, T> = {}): Record<string, T> =>
  Object.assign(Object.create(null), entries);

const DEFAULT_SEVERITIES = dict<Severity>({
  P1: 'SEV1',
  P2: 'SEV2',
  P3: 'SEV3',
  P4: 'SEV4',
  P5: 'SEV5',
});

const HANDLED_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.resolved',
  'incident.reopened',
  'incident.annotated',
  'incident.priority_updated',
  'incident.responder.added',
] as const;
type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

const PD_STATUSES = dict<IncidentStatus>({
  triggered: 'declared',
  acknowledged: 'investigating',
  resolved: 'resolved',
});

/** A PagerDuty `*_reference` object (user, service, incident, priority...). */
interface Reference {
  id: string;
  type?: string;
  summary?: string;
  html_url?: string;
  self?: string;
  /** Not part of references in V3 payloads, but used when present. */
  email?: string;
  /** Priorities from the REST API carry a name; webhook references a summary. */
  name?: string;
}

/** `event.data` of `data.type === 'incident'` events. */
interface PdIncident {
  id: string;
  type?: string;
  html_url?: string;
  number?: number;
  status?: 'triggered' | 'acknowledged' | 'resolved';
  incident_key?: string;
  created_at?: string;
  title?: string;
  service?: Reference | null;
  priority?: Reference | null;
  urgency?: string;
  conference_bridge?: {
    conference_number?: string;
    conference_url?: string;
  } | null;
  resolve_reason?: unknown;
}

/** The `event` of a V3 webhook payload. */
interface PdEvent {
  id: string;
  event_type: string;
  resource_type?: string;
  occurred_at: string;
  agent?: Reference | null;
  client?: { name?: string } | null;
  data?: unknown;
}

/** What the source last heard about an incident's status. */
interface KnownStatus {
  status: IncidentStatus;
  at: number;
  resolvedAt?: string;
}

/** @public */
export interface PagerDutyOptions {
  /** Signing secrets of the webhook subscription(s); any one may match. */
  signingSecrets: string[];
  /** Priority name (upper case, e.g. P1) to incident severity. */
  severityMap: Record<string, Severity>;
  /** Entity annotation matched against the PagerDuty service id. */
  serviceAnnotation: string;
  /** Catalog namespace of users derived from e-mail addresses. */
  userNamespace: string;
  /** PagerDuty user id or e-mail address (lower case) to a user entity ref. */
  userOverrides: Record<string, string>;
  /** Optional REST API access, to look up user e-mails and incident status. */
  api?: { token: string; baseUrl: string };
  fetch?: typeof fetch;
  logger?: LoggerService;
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTime = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T/.test(value) &&
  !Number.isNaN(Date.parse(value));

const nonEmpty = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

function requireReference(value: unknown, path: string): Reference {
  if (!isObject(value) || !nonEmpty(value.id)) {
    throw new InputError(`${path}.id must be a non-empty string`);
  }
  return value as Reference;
}

function validateEvent(body: unknown): PdEvent {
  if (!isObject(body)) {
    throw new InputError('The PagerDuty payload must be a JSON object');
  }
  const event = body.event;
  if (!isObject(event)) {
    throw new InputError(
      'event must be an object (expected a PagerDuty V3 webhook payload)',
    );
  }
  if (!nonEmpty(event.event_type)) {
    throw new InputError('event.event_type must be a non-empty string');
  }
  return event as PdEvent;
}

function validateHandledEvent(event: PdEvent): void {
  if (!nonEmpty(event.id)) {
    throw new InputError('event.id must be a non-empty string');
  }
  if (!isTime(event.occurred_at)) {
    throw new InputError('event.occurred_at must be an ISO 8601 time');
  }
  if (!isObject(event.data)) {
    throw new InputError('event.data must be an object');
  }
  if (event.agent !== undefined && event.agent !== null) {
    requireReference(event.agent, 'event.agent');
  }
}

function validateIncident(data: Record<string, any>): PdIncident {
  if (!nonEmpty(data.id)) {
    throw new InputError('event.data.id must be a non-empty string');
  }
  if (data.status !== undefined && !(data.status in PD_STATUSES)) {
    throw new InputError(
      `event.data.status must be one of triggered, acknowledged, resolved, got ${JSON.stringify(
        data.status,
      )}`,
    );
  }
  if (data.title !== undefined && typeof data.title !== 'string') {
    throw new InputError('event.data.title must be a string');
  }
  if (data.created_at !== undefined && !isTime(data.created_at)) {
    throw new InputError('event.data.created_at must be an ISO 8601 time');
  }
  if (data.service !== undefined && data.service !== null) {
    requireReference(data.service, 'event.data.service');
  }
  if (data.priority !== undefined && data.priority !== null) {
    requireReference(data.priority, 'event.data.priority');
  }
  return data as PdIncident;
}

const isHttpUrl = (url: unknown): url is string =>
  typeof url === 'string' && /^https?:\/\//i.test(url);

/**
 * Turns the local part of an e-mail address into a catalog user name, e.g.
 * `Ada.Okafor+pager@northwind.example` into `ada.okafor`.
 */
export function userNameFromEmail(email: string): string | undefined {
  const local = email.split('@')[0].replace(/\+.*$/, '').toLocaleLowerCase();
  const name = local
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || undefined;
}

/** Keeps the newest status per incident for events that do not carry one. */
class StatusMemory {
  private readonly entries = new Map<string, KnownStatus>();

  constructor(private readonly max = 5000) {}

  get(key: string): KnownStatus | undefined {
    return this.entries.get(key);
  }

  remember(key: string, value: KnownStatus) {
    const current = this.entries.get(key);
    if (current && current.at > value.at) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

/**
 * PagerDuty V3 webhooks as an incident source. A PagerDuty incident is an
 * incident here: `incident.triggered` declares it, acknowledge, resolve and
 * reopen change its status, and notes, priority changes and added responders
 * enrich it. Other event types are accepted and ignored.
 *
 * @public
 */
export class PagerDutyIncidentSource implements IncidentSource {
  readonly id = 'pagerduty';

  private readonly statuses = new StatusMemory();
  private readonly emails = new Map<string, string | undefined>();

  static fromConfig(
    config: Config,
    deps: { logger?: LoggerService; fetch?: typeof fetch } = {},
  ): PagerDutyIncidentSource {
    const c = config.getOptionalConfig('postmortem.pagerduty');
    const severityMap = dict(DEFAULT_SEVERITIES);
    const configured = c?.getOptionalConfig('severityMap');
    for (const key of configured?.keys() ?? []) {
      const value = configured!.getString(key);
      if (!SEVERITIES.includes(value as Severity)) {
        throw new Error(
          `postmortem.pagerduty.severityMap.${key} must be one of ${SEVERITIES.join(
            ', ',
          )}`,
        );
      }
      severityMap[key.toLocaleUpperCase('en-US')] = value as Severity;
    }
    const namespace = c?.getOptionalString('users.namespace') ?? 'default';
    const userOverrides = dict<string>();
    (c?.getOptionalConfigArray('users.overrides') ?? []).forEach(o => {
      const match = o.getString('match').trim();
      const user = o.getString('user').trim();
      userOverrides[
        match.includes('@') ? match.toLocaleLowerCase('en-US') : match
      ] = user.includes(':') ? user : `user:${namespace}/${user}`;
    });
    const token = c?.getOptionalString('apiToken');
    return new PagerDutyIncidentSource({
      signingSecrets: (
        c?.getOptionalStringArray('signingSecrets') ?? []
      ).filter(Boolean),
      severityMap,
      serviceAnnotation:
        c?.getOptionalString('serviceAnnotation') ?? 'pagerduty.com/service-id',
      userNamespace: namespace,
      userOverrides,
      api: token
        ? {
            token,
            baseUrl: (
              c?.getOptionalString('apiBaseUrl') ?? 'https://api.pagerduty.com'
            ).replace(/\/+$/, ''),
          }
        : undefined,
      fetch: deps.fetch,
      logger: deps.logger,
    });
  }

  constructor(private readonly options: PagerDutyOptions) {}

  async authenticate(delivery: WebhookDelivery): Promise<void> {
    const secrets = this.options.signingSecrets;
    if (!secrets.length) {
      throw new AuthenticationError(
        'The PagerDuty webhook is not configured (postmortem.pagerduty.signingSecrets)',
      );
    }
    const header = delivery.headers['x-pagerduty-signature'];
    if (!header) {
      throw new AuthenticationError('Missing X-PagerDuty-Signature header');
    }
    const given = header
      .split(',')
      .map(s => s.trim())
      .filter(s => s.startsWith('v1='))
      .map(s => s.slice(3).toLocaleLowerCase('en-US'));
    let valid = false;
    for (const secret of secrets) {
      const expected = createHmac('sha256', secret)
        .update(delivery.rawBody)
        .digest('hex');
      for (const signature of given) {
        if (secretsEqual(signature, expected)) {
          valid = true;
        }
      }
    }
    if (!valid) {
      throw new AuthenticationError('Invalid X-PagerDuty-Signature');
    }
  }

  async parse(delivery: WebhookDelivery): Promise<IncidentSignal[]> {
    const event = validateEvent(delivery.body);
    const type = event.event_type;
    if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(type)) {
      // Still learn the status from other incident events (unacknowledged,
      // escalated...), for notes that arrive later.
      if (
        isObject(event.data) &&
        event.data.type === 'incident' &&
        nonEmpty(event.data.id) &&
        event.data.status in PD_STATUSES &&
        isTime(event.occurred_at)
      ) {
        this.remember(
          event.data.id,
          PD_STATUSES[event.data.status],
          event.occurred_at,
        );
      }
      return [];
    }
    validateHandledEvent(event);
    const data = event.data as Record<string, any>;
    switch (type as HandledEventType) {
      case 'incident.annotated':
        return [await this.noteSignal(event, data)];
      case 'incident.responder.added':
        return [await this.responderSignal(event, data)];
      default:
        return [await this.incidentSignal(event, validateIncident(data))];
    }
  }

  private remember(
    incidentId: string,
    status: IncidentStatus,
    occurredAt: string,
  ) {
    const previous = this.statuses.get(incidentId);
    this.statuses.remember(incidentId, {
      status,
      at: Date.parse(occurredAt),
      resolvedAt:
        status === 'resolved'
          ? (previous?.status === 'resolved' && previous.resolvedAt) ||
            occurredAt
          : undefined,
    });
  }

  private severityOf(priority?: Reference | null): Severity | undefined {
    const name = priority?.name ?? priority?.summary;
    return name
      ? this.options.severityMap[name.trim().toLocaleUpperCase('en-US')]
      : undefined;
  }

  private async api<T>(path: string): Promise<T | undefined> {
    const { api, logger } = this.options;
    if (!api) return undefined;
    const fetchImpl = this.options.fetch ?? fetch;
    try {
      const res = await fetchImpl(`${api.baseUrl}${path}`, {
        headers: {
          Authorization: `Token token=${api.token}`,
          Accept: 'application/vnd.pagerduty+json;version=2',
        },
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) {
        logger?.warn(`PagerDuty API GET ${path} answered ${res.status}`);
        return undefined;
      }
      return (await res.json()) as T;
    } catch (error) {
      logger?.warn(`PagerDuty API GET ${path} failed: ${error}`);
      return undefined;
    }
  }

  /** The catalog user of a PagerDuty user reference, when it can be known. */
  private async userRefOf(
    user: Reference | null | undefined,
  ): Promise<string | undefined> {
    if (!user || !nonEmpty(user.id)) return undefined;
    const { userOverrides, userNamespace } = this.options;
    if (userOverrides[user.id]) return userOverrides[user.id];
    let email = nonEmpty(user.email) ? user.email : undefined;
    if (!email && this.options.api) {
      if (!this.emails.has(user.id)) {
        const found = await this.api<{ user?: { email?: unknown } }>(
          `/users/${encodeURIComponent(user.id)}`,
        );
        const value = found?.user?.email;
        this.emails.set(user.id, nonEmpty(value) ? value : undefined);
      }
      email = this.emails.get(user.id);
    }
    if (!email) return undefined;
    const byEmail = userOverrides[email.toLocaleLowerCase('en-US')];
    if (byEmail) return byEmail;
    const name = userNameFromEmail(email);
    return name ? `user:${userNamespace}/${name}` : undefined;
  }

  /** Who acted: a catalog user when known, else the PagerDuty display name. */
  private async actorOf(event: PdEvent): Promise<string | undefined> {
    const agent = event.agent;
    if (!agent || agent.type !== 'user_reference') return undefined;
    return (await this.userRefOf(agent)) ?? agent.summary ?? agent.id;
  }

  /**
   * The status to report with an event that does not carry one (a note, a
   * responder): the incident's current status from the REST API when
   * configured, else the last status this source saw, else investigating.
   */
  private async currentStatus(
    incidentId: string,
  ): Promise<{ status: IncidentStatus; resolvedAt?: string }> {
    const fromApi = await this.api<{
      incident?: { status?: string; last_status_change_at?: string };
    }>(`/incidents/${encodeURIComponent(incidentId)}`);
    const apiStatus = fromApi?.incident?.status;
    if (apiStatus && apiStatus in PD_STATUSES) {
      const status = PD_STATUSES[apiStatus];
      const known = this.statuses.get(incidentId);
      return {
        status,
        resolvedAt:
          status === 'resolved'
            ? (known?.status === 'resolved' && known.resolvedAt) ||
              (isTime(fromApi?.incident?.last_status_change_at)
                ? fromApi!.incident!.last_status_change_at
                : undefined)
            : undefined,
      };
    }
    const known = this.statuses.get(incidentId);
    if (known) return { status: known.status, resolvedAt: known.resolvedAt };
    return { status: 'investigating' };
  }

  private pagerLink(ref: {
    html_url?: unknown;
    number?: unknown;
  }): IncidentLink[] {
    if (!isHttpUrl(ref.html_url)) return [];
    return [
      {
        kind: 'pager',
        url: ref.html_url,
        title:
          typeof ref.number === 'number'
            ? `PagerDuty incident #${ref.number}`
            : 'PagerDuty incident',
      },
    ];
  }

  private async incidentSignal(
    event: PdEvent,
    incident: PdIncident,
  ): Promise<IncidentSignal> {
    const type = event.event_type as HandledEventType;
    const actor = await this.actorOf(event);
    const by = actor ? ` by ${actor}` : '';
    const title = incident.title;
    const severity = this.severityOf(incident.priority);
    const fromData = incident.status ? PD_STATUSES[incident.status] : undefined;
    let status: IncidentStatus;
    let text: string;
    const extra: Partial<IncidentSignal> = {};
    switch (type) {
      case 'incident.triggered':
        status = 'declared';
        text = `Triggered in PagerDuty${by}: ${title ?? incident.id}`;
        extra.impactStartedAt = incident.created_at ?? event.occurred_at;
        extra.detectedAt = incident.created_at ?? event.occurred_at;
        break;
      case 'incident.acknowledged':
        status = 'investigating';
        text = `Acknowledged in PagerDuty${by}`;
        extra.acknowledgedAt = event.occurred_at;
        break;
      case 'incident.resolved':
        status = 'resolved';
        text = `Resolved in PagerDuty${by}${
          typeof incident.resolve_reason === 'string' && incident.resolve_reason
            ? `: ${incident.resolve_reason}`
            : ''
        }`;
        extra.resolvedAt = event.occurred_at;
        break;
      case 'incident.reopened':
        status = fromData && fromData !== 'resolved' ? fromData : 'declared';
        text = `Reopened in PagerDuty${by}`;
        break;
      default: {
        // incident.priority_updated carries the incident, status included.
        const current: { status: IncidentStatus; resolvedAt?: string } =
          fromData
            ? { status: fromData }
            : await this.currentStatus(incident.id);
        status = current.status;
        if (status === 'resolved') {
          extra.resolvedAt =
            current.resolvedAt ??
            this.statuses.get(incident.id)?.resolvedAt ??
            event.occurred_at;
        }
        const name = incident.priority?.name ?? incident.priority?.summary;
        text = name
          ? `Priority changed to ${name}${
              severity ? ` (${severity})` : ''
            }${by}`
          : `Priority removed${by}`;
      }
    }
    this.remember(incident.id, status, event.occurred_at);
    // Whoever acknowledges, resolves or reopens it is working on it.
    if (actor && type !== 'incident.triggered') {
      extra.responders = [{ userRef: actor, role: 'responder' }];
    }

    const links = this.pagerLink(incident);
    const bridge = incident.conference_bridge?.conference_url;
    if (isHttpUrl(bridge)) {
      links.push({ kind: 'chat', url: bridge, title: 'Conference bridge' });
    }
    const externalIds: Record<string, string> = {
      pagerdutyIncidentId: incident.id,
    };
    if (typeof incident.number === 'number') {
      externalIds.pagerdutyIncidentNumber = String(incident.number);
    }
    if (nonEmpty(incident.incident_key)) {
      externalIds.pagerdutyIncidentKey = incident.incident_key;
    }
    const labels: Record<string, string> = {};
    if (nonEmpty(incident.urgency)) labels.urgency = incident.urgency;
    if (nonEmpty(incident.service?.summary)) {
      labels.pagerdutyService = incident.service!.summary!;
    }
    return {
      dedupKey: incident.id,
      eventId: event.id,
      occurredAt: event.occurred_at,
      status,
      title,
      severity,
      actor,
      text,
      entityHints: incident.service?.id
        ? [
            {
              annotation: this.options.serviceAnnotation,
              value: incident.service.id,
            },
          ]
        : [],
      links,
      externalIds,
      labels,
      ...extra,
    };
  }

  private async noteSignal(
    event: PdEvent,
    data: Record<string, any>,
  ): Promise<IncidentSignal> {
    const incident = requireReference(data.incident, 'event.data.incident');
    if (typeof data.content !== 'string') {
      throw new InputError('event.data.content must be a string');
    }
    const actor = await this.actorOf(event);
    const current = await this.currentStatus(incident.id);
    const content = `${data.content}${data.trimmed === true ? ' …' : ''}`;
    return {
      dedupKey: incident.id,
      eventId: event.id,
      occurredAt: event.occurred_at,
      status: current.status,
      resolvedAt: current.resolvedAt,
      title: incident.summary,
      actor,
      note: content,
      text: `Note${actor ? ` by ${actor}` : ''}: ${content}`,
      links: this.pagerLink(incident),
      externalIds: { pagerdutyIncidentId: incident.id },
    };
  }

  private async responderSignal(
    event: PdEvent,
    data: Record<string, any>,
  ): Promise<IncidentSignal> {
    const incident = requireReference(data.incident, 'event.data.incident');
    const user = requireReference(data.user, 'event.data.user');
    const actor = await this.actorOf(event);
    const userRef = await this.userRefOf(user);
    const current = await this.currentStatus(incident.id);
    const who = userRef ?? user.summary ?? user.id;
    const message =
      typeof data.message === 'string' && data.message
        ? `: ${data.message}`
        : '';
    return {
      dedupKey: incident.id,
      eventId: event.id,
      occurredAt: event.occurred_at,
      status: current.status,
      resolvedAt: current.resolvedAt,
      title: incident.summary,
      actor,
      // Without an e-mail the person's name goes to the backend, which
      // resolves it to a catalog user where it can.
      responders: nonEmpty(userRef ?? user.summary)
        ? [{ userRef: (userRef ?? user.summary)!, role: 'responder' }]
        : [],
      text: `${who} added as responder${actor ? ` by ${actor}` : ''}${message}`,
      links: this.pagerLink(incident),
      externalIds: { pagerdutyIncidentId: incident.id },
    };
  }
}
