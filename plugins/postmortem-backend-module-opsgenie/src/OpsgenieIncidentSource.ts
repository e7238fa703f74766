import { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  IncidentLink,
  IncidentStatus,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  bearerToken,
  IncidentSignal,
  IncidentSource,
  secretsEqual,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';
import { createHash } from 'node:crypto';

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

/** Actions that change the status this source reports. */
const STATUS_OF_ACTION = dict<IncidentStatus>({
  Create: 'declared',
  Acknowledge: 'investigating',
  UnAcknowledge: 'declared',
  Close: 'resolved',
});

const HANDLED_ACTIONS = ['Create', 'Acknowledge', 'Close', 'AddNote'];

/** Longest description kept on the timeline. */
const MAX_DESCRIPTION = 15_000;

/**
 * The alert's details (custom key-value properties) as incident labels;
 * the backend redacts them like every alert text.
 */
function detailsAsLabels(
  details: Record<string, unknown> | undefined,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === null || value === undefined || key.length > 128) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    labels[key] = text.slice(0, 2000);
  }
  return labels;
}

/** Usernames Opsgenie reports when no person acted. */
const NON_PERSONS = new Set(['system', 'alert api', 'api', '']);

/** The `alert` of an Opsgenie outgoing webhook payload. */
interface OpsgenieAlert {
  alertId: string;
  message?: string;
  tags?: string[];
  tinyId?: string;
  entity?: string;
  alias?: string;
  /** Epoch milliseconds. */
  createdAt?: number;
  /** Epoch nanoseconds in current payloads (milliseconds in some older ones). */
  updatedAt: number | string;
  username?: string;
  userId?: string;
  note?: string;
  priority?: string | number;
  details?: Record<string, unknown>;
  /** The alert's description (up to 15,000 characters in Opsgenie). */
  description?: string;
}

/** @public */
export interface OpsgenieOptions {
  token?: string;
  severityMap: Record<string, Severity>;
  entityAnnotation: string;
  /** Keys of `alert.details` whose values name catalog entities. */
  entityDetails: string[];
  /** Prefix of tags that name catalog entities, e.g. `service:`. */
  entityTagPrefix: string;
  /** Whether `alert.entity` also names a catalog entity. */
  useAlertEntity: boolean;
  /** Base URL of the Opsgenie web app, e.g. https://acme.app.opsgenie.com. */
  alertUrl?: string;
  userNamespace: string;
  /** Opsgenie user id or e-mail (lower case) to user entity ref. */
  userOverrides: Record<string, string>;
}

interface KnownStatus {
  status: IncidentStatus;
  at: number;
  resolvedAt?: string;
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Opsgenie timestamps are epoch numbers of varying precision: `createdAt` in
 * milliseconds, `updatedAt` in nanoseconds. Returns ISO time, or undefined.
 */
export function epochToIso(value: unknown): string | undefined {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  let ms: number;
  if (n >= 1e17) ms = n / 1e6;
  else if (n >= 1e14) ms = n / 1e3;
  else if (n >= 1e11) ms = n;
  else ms = n * 1000;
  const date = new Date(Math.floor(ms));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `ada.okafor` from `Ada.Okafor+ops@northwind.example`. */
export function userNameFromEmail(email: string): string | undefined {
  const local = email.split('@')[0].replace(/\+.*$/, '').toLocaleLowerCase();
  const name = local
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || undefined;
}

function validate(body: unknown): { action: string; alert: OpsgenieAlert } {
  if (!isObject(body)) {
    throw new InputError('The Opsgenie payload must be a JSON object');
  }
  if (!nonEmpty(body.action)) {
    throw new InputError('action must be a non-empty string');
  }
  const alert = body.alert;
  if (!isObject(alert)) {
    throw new InputError('alert must be an object');
  }
  if (!nonEmpty(alert.alertId)) {
    throw new InputError('alert.alertId must be a non-empty string');
  }
  return { action: body.action, alert: alert as OpsgenieAlert };
}

function validateHandled(action: string, alert: OpsgenieAlert): void {
  if (!epochToIso(alert.updatedAt)) {
    throw new InputError('alert.updatedAt must be an epoch timestamp');
  }
  if (alert.createdAt !== undefined && !epochToIso(alert.createdAt)) {
    throw new InputError('alert.createdAt must be an epoch timestamp');
  }
  if (action === 'Create') {
    if (!epochToIso(alert.createdAt)) {
      throw new InputError('alert.createdAt must be an epoch timestamp');
    }
    if (typeof alert.message !== 'string') {
      throw new InputError('alert.message must be a string');
    }
  }
  if (action === 'AddNote' && typeof alert.note !== 'string') {
    throw new InputError('alert.note must be a string for AddNote');
  }
  if (
    alert.tags !== undefined &&
    (!Array.isArray(alert.tags) || alert.tags.some(t => typeof t !== 'string'))
  ) {
    throw new InputError('alert.tags must be an array of strings');
  }
  if (alert.details !== undefined && !isObject(alert.details)) {
    throw new InputError('alert.details must be an object');
  }
  if (
    alert.description !== undefined &&
    alert.description !== null &&
    typeof alert.description !== 'string'
  ) {
    throw new InputError('alert.description must be a string');
  }
  if (
    alert.alias !== undefined &&
    alert.alias !== null &&
    typeof alert.alias !== 'string'
  ) {
    throw new InputError('alert.alias must be a string');
  }
  if (
    alert.priority !== undefined &&
    !/^P?[1-5]$/i.test(String(alert.priority))
  ) {
    throw new InputError(
      `alert.priority must be one of P1..P5, got ${JSON.stringify(
        alert.priority,
      )}`,
    );
  }
}

/**
 * Opsgenie alerts as an incident source, through an outgoing Webhook
 * integration. An alert (by alias, else alert id) is an incident: Create
 * declares it, Acknowledge marks it investigated, Close resolves it and
 * AddNote adds a timeline note. Other actions are accepted and ignored.
 *
 * @public
 */
export class OpsgenieIncidentSource implements IncidentSource {
  readonly id = 'opsgenie';

  private readonly statuses = new Map<string, KnownStatus>();

  static fromConfig(config: Config): OpsgenieIncidentSource {
    const c = config.getOptionalConfig('postmortem.opsgenie');
    const severityMap = dict(DEFAULT_SEVERITIES);
    const configured = c?.getOptionalConfig('severityMap');
    for (const key of configured?.keys() ?? []) {
      const value = configured!.getString(key);
      if (!SEVERITIES.includes(value as Severity)) {
        throw new Error(
          `postmortem.opsgenie.severityMap.${key} must be one of ${SEVERITIES.join(
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
      userOverrides[match.toLocaleLowerCase('en-US')] = user.includes(':')
        ? user
        : `user:${namespace}/${user}`;
    });
    const alertUrl = c?.getOptionalString('alertUrl');
    if (alertUrl && !/^https?:\/\//.test(alertUrl)) {
      throw new Error('postmortem.opsgenie.alertUrl must be an http(s) URL');
    }
    return new OpsgenieIncidentSource({
      token: c?.getOptionalString('token'),
      severityMap,
      entityAnnotation:
        c?.getOptionalString('entityAnnotation') ??
        'postmortem.io/alert-service',
      entityDetails: c?.getOptionalStringArray('entityDetails') ?? ['service'],
      entityTagPrefix: c?.getOptionalString('entityTagPrefix') ?? 'service:',
      useAlertEntity: c?.getOptionalBoolean('useAlertEntity') ?? false,
      alertUrl: alertUrl?.replace(/\/+$/, ''),
      userNamespace: namespace,
      userOverrides,
    });
  }

  constructor(private readonly options: OpsgenieOptions) {}

  async authenticate(delivery: WebhookDelivery): Promise<void> {
    const expected = this.options.token;
    if (!expected) {
      throw new AuthenticationError(
        'The Opsgenie webhook is not configured (postmortem.opsgenie.token)',
      );
    }
    const bearer = bearerToken(delivery.headers);
    const header = delivery.headers['x-opsgenie-token']?.trim();
    const matches = (given?: string) => secretsEqual(given, expected);
    if (!bearer && !header) {
      throw new AuthenticationError(
        'Missing bearer token or X-Opsgenie-Token header',
      );
    }
    // Evaluate both, so timing does not tell which header was tried.
    const bearerOk = matches(bearer);
    const headerOk = matches(header);
    if (!bearerOk && !headerOk) {
      throw new AuthenticationError('Invalid Opsgenie webhook token');
    }
  }

  async parse(delivery: WebhookDelivery): Promise<IncidentSignal[]> {
    const { action, alert } = validate(delivery.body);
    const dedupKey = nonEmpty(alert.alias) ? alert.alias : alert.alertId;
    if (!HANDLED_ACTIONS.includes(action)) {
      // E.g. UnAcknowledge: not reported, but remembered for later notes.
      const learned = STATUS_OF_ACTION[action];
      const at = epochToIso(alert.updatedAt);
      if (learned && at) this.remember(dedupKey, learned, at);
      return [];
    }
    validateHandled(action, alert);

    const updatedAt = epochToIso(alert.updatedAt)!;
    const createdAt = epochToIso(alert.createdAt);
    const occurredAt = action === 'Create' ? createdAt ?? updatedAt : updatedAt;
    const actor = this.actorOf(alert);
    const by = actor ? ` by ${actor}` : '';
    let eventId = `${alert.alertId}:${action}:${String(alert.updatedAt)}`;
    const signal: Partial<IncidentSignal> = {};
    let status: IncidentStatus;
    switch (action) {
      case 'Create':
        status = 'declared';
        signal.impactStartedAt = createdAt;
        signal.detectedAt = createdAt;
        signal.text = `Opsgenie alert created${by}: ${alert.message}${
          nonEmpty(alert.description)
            ? `\n\n${alert.description.slice(0, MAX_DESCRIPTION)}`
            : ''
        }`;
        signal.labels = detailsAsLabels(alert.details);
        break;
      case 'Acknowledge':
        status = 'investigating';
        signal.acknowledgedAt = occurredAt;
        signal.text = `Acknowledged in Opsgenie${by}`;
        break;
      case 'Close':
        status = 'resolved';
        signal.resolvedAt = occurredAt;
        signal.text = `Closed in Opsgenie${by}`;
        break;
      default: {
        // AddNote carries no status: report the last one seen, else
        // investigating (a note is added while people work on the alert).
        const known = this.statuses.get(dedupKey);
        status = known?.status ?? 'investigating';
        if (status === 'resolved') signal.resolvedAt = known?.resolvedAt;
        const note = alert.note!;
        eventId += `:${createHash('sha256')
          .update(note, 'utf8')
          .digest('hex')
          .slice(0, 16)}`;
        signal.note = note;
        signal.text = `Note${by}: ${note}`;
      }
    }
    if (action !== 'AddNote') this.remember(dedupKey, status, occurredAt);
    // Whoever acknowledges or closes the alert is working on it.
    if (actor && (action === 'Acknowledge' || action === 'Close')) {
      signal.responders = [{ userRef: actor, role: 'responder' }];
    }

    const links: IncidentLink[] = [];
    if (this.options.alertUrl) {
      links.push({
        kind: 'pager',
        url: `${this.options.alertUrl}/alert/detail/${encodeURIComponent(
          alert.alertId,
        )}/details`,
        title: alert.tinyId
          ? `Opsgenie alert #${alert.tinyId}`
          : 'Opsgenie alert',
      });
    }
    const externalIds: Record<string, string> = {
      opsgenieAlertId: alert.alertId,
    };
    if (nonEmpty(alert.tinyId)) externalIds.opsgenieTinyId = alert.tinyId;
    if (nonEmpty(alert.alias)) externalIds.opsgenieAlias = alert.alias;
    return [
      {
        dedupKey,
        eventId,
        occurredAt,
        status,
        title: nonEmpty(alert.message) ? alert.message : undefined,
        severity: this.severityOf(alert.priority),
        actor,
        entityHints: this.entityHintsOf(alert),
        links,
        externalIds,
        ...signal,
      },
    ];
  }

  private remember(key: string, status: IncidentStatus, occurredAt: string) {
    const at = Date.parse(occurredAt);
    const current = this.statuses.get(key);
    if (current && current.at > at) return;
    this.statuses.delete(key);
    this.statuses.set(key, {
      status,
      at,
      resolvedAt:
        status === 'resolved'
          ? (current?.status === 'resolved' && current.resolvedAt) || occurredAt
          : undefined,
    });
    if (this.statuses.size > 5000) {
      this.statuses.delete(this.statuses.keys().next().value!);
    }
  }

  private severityOf(priority: unknown): Severity | undefined {
    if (priority === undefined || priority === null) return undefined;
    const key = String(priority).toLocaleUpperCase('en-US');
    return this.options.severityMap[key.startsWith('P') ? key : `P${key}`];
  }

  private actorOf(alert: OpsgenieAlert): string | undefined {
    const { userOverrides, userNamespace } = this.options;
    if (nonEmpty(alert.userId) && userOverrides[alert.userId.toLowerCase()]) {
      return userOverrides[alert.userId.toLowerCase()];
    }
    const username = typeof alert.username === 'string' ? alert.username : '';
    if (NON_PERSONS.has(username.trim().toLocaleLowerCase('en-US'))) {
      return undefined;
    }
    const override = userOverrides[username.toLocaleLowerCase('en-US')];
    if (override) return override;
    if (username.includes('@')) {
      const name = userNameFromEmail(username);
      if (name) return `user:${userNamespace}/${name}`;
    }
    return username;
  }

  private entityHintsOf(
    alert: OpsgenieAlert,
  ): Array<{ annotation: string; value: string }> {
    const values = new Set<string>();
    for (const key of this.options.entityDetails) {
      const value = alert.details?.[key];
      if (nonEmpty(value)) values.add(value.trim());
    }
    const prefix = this.options.entityTagPrefix.toLocaleLowerCase('en-US');
    for (const tag of alert.tags ?? []) {
      if (prefix && tag.toLocaleLowerCase('en-US').startsWith(prefix)) {
        const value = tag.slice(prefix.length).trim();
        if (value) values.add(value);
      }
    }
    if (this.options.useAlertEntity && nonEmpty(alert.entity)) {
      values.add(alert.entity.trim());
    }
    return [...values].map(value => ({
      annotation: this.options.entityAnnotation,
      value,
    }));
  }
}
