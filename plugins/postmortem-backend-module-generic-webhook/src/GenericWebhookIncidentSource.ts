import { Config } from '@backstage/config';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  INCIDENT_STATUSES,
  IncidentLink,
  IncidentStatus,
  SEVERITIES,
  Severity,
  toIncidentType,
} from '@postmortems/plugin-postmortem-common';
import {
  bearerToken,
  IncidentSignal,
  IncidentSource,
  secretsEqual,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';
import jsonata from 'jsonata';
import { createHash, createHmac } from 'node:crypto';

const LINK_KINDS: ReadonlyArray<IncidentLink['kind']> = [
  'alert',
  'pager',
  'chat',
  'dashboard',
  'runbook',
  'change_ticket',
  'other',
];

/** Mapping keys whose value is one JSONata expression. */
const EXPRESSION_KEYS = [
  'alerts',
  'groupKey',
  'dedupKey',
  'eventId',
  'occurredAt',
  'status',
  'title',
  'severity',
  'type',
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
  'entityRefs',
  'links',
  'text',
] as const;
type ExpressionKey = (typeof EXPRESSION_KEYS)[number];
const REQUIRED_KEYS: ExpressionKey[] = ['dedupKey', 'occurredAt', 'status'];
const TIME_KEYS = [
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/** Alerts one delivery may carry (`mapping.alerts`). */
const MAX_ALERTS = 500;

/** Long group keys are stored as their hash (the store keeps 400 characters). */
function storedGroupKey(groupKey: string): string {
  return groupKey.length <= 200
    ? groupKey
    : `sha256:${createHash('sha256').update(groupKey, 'utf8').digest('hex')}`;
}

/** Limits for one evaluation, so a mapping cannot hang the backend. */
const EVALUATION_LIMITS = { timeout: 1000, stack: 500 };

interface Compiled {
  /** Mapping key, e.g. `status` or `entityHints[0].value`, for messages. */
  key: string;
  expression: jsonata.Expression;
}

/** @public */
export interface GenericWebhookHmac {
  /** Lower-case name of the header carrying the signature. */
  header: string;
  secret: string;
  algorithm: 'sha256' | 'sha512';
  /** Text before the digest in the header, e.g. `sha256=`. */
  prefix: string;
  encoding: 'hex' | 'base64';
}

/**
 * One configured generic webhook, with its mapping compiled.
 *
 * @public
 */
export interface GenericWebhook {
  name: string;
  token?: string;
  hmac?: GenericWebhookHmac;
  mapping: Partial<Record<ExpressionKey, Compiled>> & {
    entityHints: Array<{ annotation: string; value: Compiled }>;
  };
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function compile(key: string, text: string, configKey: string): Compiled {
  try {
    return { key, expression: jsonata(text, EVALUATION_LIMITS) };
  } catch (error: any) {
    const at =
      typeof error?.position === 'number'
        ? ` at position ${error.position}`
        : '';
    throw new Error(
      `${configKey} is not a valid JSONata expression${at}: ${
        error?.message ?? error
      }`,
    );
  }
}

function readWebhook(config: Config, path: string): GenericWebhook {
  const name = config.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${path}.name must be a URL segment (letters, digits, '-', '_', '.'), got '${name}'`,
    );
  }
  const token = config.getOptionalString('token');
  let hmac: GenericWebhookHmac | undefined;
  const h = config.getOptionalConfig('hmac');
  if (h) {
    const algorithm = h.getOptionalString('algorithm') ?? 'sha256';
    if (algorithm !== 'sha256' && algorithm !== 'sha512') {
      throw new Error(`${path}.hmac.algorithm must be sha256 or sha512`);
    }
    const encoding = h.getOptionalString('encoding') ?? 'hex';
    if (encoding !== 'hex' && encoding !== 'base64') {
      throw new Error(`${path}.hmac.encoding must be hex or base64`);
    }
    hmac = {
      header: h.getString('header').toLocaleLowerCase('en-US'),
      secret: h.getString('secret'),
      algorithm,
      prefix: h.getOptionalString('prefix') ?? '',
      encoding,
    };
  }
  if (!token && !hmac) {
    throw new Error(`${path} needs a token or hmac to authenticate deliveries`);
  }

  const m = config.getConfig('mapping');
  for (const key of m.keys()) {
    if (
      !(EXPRESSION_KEYS as readonly string[]).includes(key) &&
      key !== 'entityHints'
    ) {
      throw new Error(
        `${path}.mapping.${key} is not a mapping key; use one of ${[
          ...EXPRESSION_KEYS,
          'entityHints',
        ].join(', ')}`,
      );
    }
  }
  const mapping: GenericWebhook['mapping'] = { entityHints: [] };
  for (const key of EXPRESSION_KEYS) {
    const text = REQUIRED_KEYS.includes(key)
      ? m.getString(key)
      : m.getOptionalString(key);
    if (text !== undefined) {
      mapping[key] = compile(key, text, `${path}.mapping.${key}`);
    }
  }
  (m.getOptionalConfigArray('entityHints') ?? []).forEach((hint, i) => {
    const key = `entityHints[${i}].value`;
    mapping.entityHints.push({
      annotation: hint.getString('annotation'),
      value: compile(key, hint.getString('value'), `${path}.mapping.${key}`),
    });
  });
  return { name, token, hmac, mapping };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flattens a JSONata result into a list of values. */
const listOf = (value: unknown): unknown[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.flat(Infinity) : [value];
};

/**
 * Incident source for any tool that can send a JSON webhook, configured
 * without code: each `postmortem.genericWebhooks` entry is served at
 * `/api/postmortem/webhooks/generic/<name>` and maps the payload to one
 * incident signal with JSONata expressions.
 *
 * @public
 */
export class GenericWebhookIncidentSource implements IncidentSource {
  readonly id = 'generic';

  private readonly webhooks: Map<string, GenericWebhook>;

  static fromConfig(config: Config): GenericWebhookIncidentSource {
    const webhooks = (
      config.getOptionalConfigArray('postmortem.genericWebhooks') ?? []
    ).map((c, i) => readWebhook(c, `postmortem.genericWebhooks[${i}]`));
    return new GenericWebhookIncidentSource(webhooks);
  }

  constructor(webhooks: GenericWebhook[]) {
    this.webhooks = new Map();
    for (const webhook of webhooks) {
      if (this.webhooks.has(webhook.name)) {
        throw new Error(
          `postmortem.genericWebhooks has two webhooks named '${webhook.name}'`,
        );
      }
      this.webhooks.set(webhook.name, webhook);
    }
  }

  /** Names of the configured webhooks. */
  get names(): string[] {
    return [...this.webhooks.keys()];
  }

  private webhookOf(delivery: WebhookDelivery): GenericWebhook {
    const name = delivery.subPath;
    if (!name) {
      throw new NotFoundError(
        'A generic webhook is served at /webhooks/generic/<name>; the name is missing',
      );
    }
    const webhook = this.webhooks.get(name);
    if (!webhook) {
      throw new NotFoundError(
        `No generic webhook named '${name}' is configured`,
      );
    }
    return webhook;
  }

  async authenticate(delivery: WebhookDelivery): Promise<void> {
    const webhook = this.webhookOf(delivery);
    if (webhook.token) {
      const given = bearerToken(delivery.headers);
      if (!given) {
        throw new AuthenticationError('Missing bearer token');
      }
      if (!secretsEqual(given, webhook.token)) {
        throw new AuthenticationError('Invalid bearer token');
      }
    }
    if (webhook.hmac) {
      const { header, secret, algorithm, prefix, encoding } = webhook.hmac;
      const value = delivery.headers[header]?.trim();
      if (!value) {
        throw new AuthenticationError(`Missing signature header ${header}`);
      }
      const digest = createHmac(algorithm, secret)
        .update(delivery.rawBody)
        .digest(encoding);
      const given = value.startsWith(prefix) ? value.slice(prefix.length) : '';
      const normalize = (s: string) =>
        encoding === 'hex' ? s.toLocaleLowerCase('en-US') : s;
      if (!secretsEqual(normalize(given), normalize(digest))) {
        throw new AuthenticationError(`Invalid signature in ${header}`);
      }
    }
  }

  async parse(delivery: WebhookDelivery): Promise<IncidentSignal[]> {
    const webhook = this.webhookOf(delivery);
    const { mapping, name } = webhook;
    if (!mapping.alerts) {
      return [await this.signalOf(webhook, delivery, delivery.body)];
    }
    // One signal per alert of the payload, each mapping evaluated with
    // the alert as its context ($payload is the whole payload).
    let alerts: unknown;
    try {
      alerts = await mapping.alerts.expression.evaluate(delivery.body, {
        payload: delivery.body,
      });
    } catch (error: any) {
      throw new InputError(
        `Generic webhook '${name}': mapping.alerts could not be evaluated: ${
          error?.message ?? error?.code ?? error
        }`,
      );
    }
    const list = listOf(alerts);
    if (!list.length || list.length > MAX_ALERTS) {
      throw new InputError(
        `Generic webhook '${name}': mapping.alerts must evaluate to between 1 and ${MAX_ALERTS} alerts, got ${list.length}`,
      );
    }
    const signals: IncidentSignal[] = [];
    for (const [i, alert] of list.entries()) {
      signals.push(
        await this.signalOf(webhook, delivery, alert, `alerts[${i}]`),
      );
    }
    return signals;
  }

  /** The signal of one payload, or of one alert of it (`at`). */
  private async signalOf(
    webhook: GenericWebhook,
    delivery: WebhookDelivery,
    context: unknown,
    at?: string,
  ): Promise<IncidentSignal> {
    const { mapping, name } = webhook;
    const fail = (key: string, message: string) =>
      new InputError(
        `Generic webhook '${name}': mapping.${key} ${message}${
          at ? ` (${at})` : ''
        }`,
      );

    const evaluate = async (compiled?: Compiled): Promise<unknown> => {
      if (!compiled) return undefined;
      try {
        return await compiled.expression.evaluate(context, {
          payload: delivery.body,
        });
      } catch (error: any) {
        throw fail(
          compiled.key,
          `could not be evaluated: ${error?.message ?? error?.code ?? error}`,
        );
      }
    };
    const string = async (
      key: ExpressionKey,
      required = false,
    ): Promise<string | undefined> => {
      const value = await evaluate(mapping[key]);
      if (value === undefined || value === null || value === '') {
        if (required) throw fail(key, 'evaluated to nothing');
        return undefined;
      }
      if (typeof value === 'number' || typeof value === 'boolean') {
        return String(value);
      }
      if (typeof value !== 'string') {
        throw fail(
          key,
          `must evaluate to a string, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    };
    const time = async (
      key: ExpressionKey,
      required = false,
    ): Promise<string | undefined> => {
      const value = await evaluate(mapping[key]);
      if (value === undefined || value === null || value === '') {
        if (required) throw fail(key, 'evaluated to nothing');
        return undefined;
      }
      let ms = NaN;
      if (typeof value === 'number') ms = value;
      else if (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(
          value,
        )
      ) {
        ms = Date.parse(value);
      }
      // Before 1970 is a placeholder (Grafana and Alertmanager send
      // 0001-01-01T00:00:00Z for "not ended"), not a time.
      if (!Number.isFinite(ms) || ms < 0) {
        throw fail(
          key,
          `must evaluate to an ISO 8601 time or epoch milliseconds, got ${JSON.stringify(
            value,
          )}`,
        );
      }
      return new Date(ms).toISOString();
    };

    const dedupKey = (await string('dedupKey', true))!;
    const eventId =
      (await string('eventId')) ??
      createHash('sha256')
        .update(delivery.rawBody)
        .update(at ? `\u0000${dedupKey}` : '')
        .digest('hex');
    const groupKey = await string('groupKey');
    const occurredAt = (await time('occurredAt', true))!;

    const status = (await string('status', true))!.toLocaleLowerCase('en-US');
    if (!INCIDENT_STATUSES.includes(status as IncidentStatus)) {
      throw fail(
        'status',
        `must evaluate to one of ${INCIDENT_STATUSES.join(
          ', ',
        )}, got ${JSON.stringify(status)}`,
      );
    }
    const severityValue = (await string('severity'))?.toLocaleUpperCase(
      'en-US',
    );
    if (
      severityValue !== undefined &&
      !SEVERITIES.includes(severityValue as Severity)
    ) {
      throw fail(
        'severity',
        `must evaluate to one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(
          severityValue,
        )}`,
      );
    }

    const times: Partial<Record<(typeof TIME_KEYS)[number], string>> = {};
    for (const key of TIME_KEYS) {
      const value = await time(key);
      if (value) times[key] = value;
    }

    const entityRefs: string[] = [];
    for (const ref of listOf(await evaluate(mapping.entityRefs))) {
      if (typeof ref !== 'string' || !ref.trim()) {
        throw fail(
          'entityRefs',
          `must evaluate to entity refs (strings), got ${JSON.stringify(ref)}`,
        );
      }
      if (!entityRefs.includes(ref.trim())) entityRefs.push(ref.trim());
    }

    const entityHints: Array<{ annotation: string; value: string }> = [];
    for (const hint of mapping.entityHints) {
      for (const value of listOf(await evaluate(hint.value))) {
        if (value === '') continue;
        if (typeof value !== 'string' && typeof value !== 'number') {
          throw fail(
            hint.value.key,
            `must evaluate to strings, got ${JSON.stringify(value)}`,
          );
        }
        const text = String(value).trim();
        if (
          text &&
          !entityHints.some(
            h => h.annotation === hint.annotation && h.value === text,
          )
        ) {
          entityHints.push({ annotation: hint.annotation, value: text });
        }
      }
    }

    const links: IncidentLink[] = [];
    listOf(await evaluate(mapping.links)).forEach((link, i) => {
      if (!isObject(link)) {
        throw fail(
          `links[${i}]`,
          `must be an object with url, kind and title, got ${JSON.stringify(
            link,
          )}`,
        );
      }
      if (link.url === undefined || link.url === null || link.url === '') {
        return; // optional URLs, e.g. an empty dashboardURL
      }
      if (typeof link.url !== 'string' || !/^https?:\/\//i.test(link.url)) {
        throw fail(
          `links[${i}].url`,
          `must be an http(s) URL, got ${JSON.stringify(link.url)}`,
        );
      }
      const kind = link.kind ?? 'other';
      if (!LINK_KINDS.includes(kind as IncidentLink['kind'])) {
        throw fail(
          `links[${i}].kind`,
          `must be one of ${LINK_KINDS.join(', ')}, got ${JSON.stringify(
            kind,
          )}`,
        );
      }
      if (links.some(l => l.url === link.url)) return;
      links.push({
        kind: kind as IncidentLink['kind'],
        url: link.url,
        ...(typeof link.title === 'string' && link.title
          ? { title: link.title }
          : {}),
      });
    });

    const title = await string('title');
    const text = await string('text');
    const signal: IncidentSignal = {
      // Names share the source id 'generic': keep their keys apart.
      dedupKey: `${name}:${dedupKey}`,
      eventId: `${name}:${eventId}`,
      // With a group key the incident is the group's episode and dedupKey
      // names one alert of it (as Alertmanager's groupKey).
      ...(groupKey ? { groupKey: storedGroupKey(`${name}:${groupKey}`) } : {}),
      occurredAt,
      status: status as IncidentStatus,
      ...times,
      entityRefs,
      entityHints,
      links,
      externalIds: { [`${name}DedupKey`]: dedupKey },
    };
    if (title) signal.title = title;
    if (severityValue) signal.severity = severityValue as Severity;
    const type = await string('type');
    if (type !== undefined) {
      signal.type = toIncidentType(type);
      if (!signal.type) {
        throw fail(
          'type',
          `must evaluate to an incident type such as security or data-loss, got ${JSON.stringify(
            type,
          )}`,
        );
      }
    }
    if (text) signal.text = text;
    return signal;
  }
}
