import { Config } from '@backstage/config';
import { createHash } from 'node:crypto';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  IncidentLink,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  bearerToken,
  IncidentSignal,
  secretsEqual,
  IncidentSource,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';

const DEFAULT_SEVERITIES: Record<string, Severity> = {
  critical: 'SEV1',
  page: 'SEV1',
  high: 'SEV2',
  error: 'SEV2',
  major: 'SEV2',
  warning: 'SEV3',
  medium: 'SEV3',
  minor: 'SEV4',
  low: 'SEV4',
  info: 'SEV5',
};

/** One alert of an Alertmanager webhook payload (version 4). */
interface Alert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint: string;
}

export interface AlertmanagerOptions {
  token?: string;
  entityLabels: string[];
  entityAnnotation: string;
  severityMap: Record<string, Severity>;
  /** Label naming the kind of incident (security, data-loss…). */
  typeLabel?: string;
  /**
   * `group` (default): one incident per episode of a notification group,
   * as Alertmanager groups alerts so that one problem is one notification.
   * `alert`: one incident per alert.
   */
  incidentPer: 'group' | 'alert';
}

/** A group key short enough to store, the same for every delivery. */
function storedGroupKey(groupKey: string): string {
  return groupKey.length <= 200
    ? groupKey
    : `sha256:${createHash('sha256').update(groupKey, 'utf8').digest('hex')}`;
}

function incidentPerOf(value: string | undefined): 'group' | 'alert' {
  if (value === undefined || value === 'group' || value === 'alert') {
    return value ?? 'group';
  }
  throw new Error(
    `postmortem.alertmanager.incidentPer must be 'group' or 'alert', got '${value}'`,
  );
}

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function validate(body: unknown): {
  alerts: Alert[];
  externalURL?: string;
  groupKey?: string;
  commonAnnotations?: Record<string, string>;
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The Alertmanager payload must be a JSON object');
  }
  const payload = body as Record<string, unknown>;
  if (payload.version !== '4') {
    throw new InputError(
      `version must be "4" (Alertmanager webhook payload version 4), got ${JSON.stringify(
        payload.version,
      )}`,
    );
  }
  if (!Array.isArray(payload.alerts)) {
    throw new InputError('alerts must be an array');
  }
  payload.alerts.forEach((alert: any, i: number) => {
    const at = (field: string) => `alerts[${i}].${field}`;
    if (typeof alert !== 'object' || alert === null) {
      throw new InputError(`alerts[${i}] must be an object`);
    }
    if (alert.status !== 'firing' && alert.status !== 'resolved') {
      throw new InputError(`${at('status')} must be "firing" or "resolved"`);
    }
    if (typeof alert.fingerprint !== 'string' || !alert.fingerprint) {
      throw new InputError(`${at('fingerprint')} must be a non-empty string`);
    }
    if (!isTime(alert.startsAt)) {
      throw new InputError(`${at('startsAt')} must be an RFC 3339 time`);
    }
    if (alert.status === 'resolved' && !isTime(alert.endsAt)) {
      throw new InputError(
        `${at('endsAt')} must be an RFC 3339 time for a resolved alert`,
      );
    }
    stringMap(alert.labels, at('labels'));
    if (alert.annotations !== undefined) {
      stringMap(alert.annotations, at('annotations'));
    }
  });
  if (payload.groupKey !== undefined && typeof payload.groupKey !== 'string') {
    throw new InputError('groupKey must be a string');
  }
  if (payload.commonAnnotations !== undefined) {
    stringMap(payload.commonAnnotations, 'commonAnnotations');
  }
  return {
    alerts: payload.alerts as Alert[],
    externalURL:
      typeof payload.externalURL === 'string' ? payload.externalURL : undefined,
    groupKey: payload.groupKey || undefined,
    commonAnnotations: payload.commonAnnotations as
      | Record<string, string>
      | undefined,
  };
}

function stringMap(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${path} must be an object`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new InputError(`${path}.${k} must be a string`);
    }
  }
}

/**
 * Prometheus Alertmanager as an incident source. Alertmanager groups alerts
 * so that one problem is one notification; here, one episode of a
 * notification group (its `groupKey`, from the first alert's start until
 * every alert resolved) is one incident, its alerts (fingerprint and
 * startsAt) are signals and timeline entries, and entities and severity
 * come from all of them. A group that fires again after it resolved is a
 * new incident. With `incidentPer: alert`, each alert is an incident.
 * Repeated notifications of the same alert state are duplicates.
 */
export class AlertmanagerIncidentSource implements IncidentSource {
  readonly id = 'alertmanager';

  static fromConfig(config: Config): AlertmanagerIncidentSource {
    const c = config.getOptionalConfig('postmortem.alertmanager');
    const severityMap = { ...DEFAULT_SEVERITIES };
    const configured = c?.getOptionalConfig('severityMap');
    for (const key of configured?.keys() ?? []) {
      const value = configured!.getString(key);
      if (!SEVERITIES.includes(value as Severity)) {
        throw new Error(
          `postmortem.alertmanager.severityMap.${key} must be one of ${SEVERITIES.join(
            ', ',
          )}`,
        );
      }
      severityMap[key.toLocaleLowerCase('en-US')] = value as Severity;
    }
    return new AlertmanagerIncidentSource({
      token: c?.getOptionalString('token'),
      entityLabels: c?.getOptionalStringArray('entityLabels') ?? ['service'],
      entityAnnotation:
        c?.getOptionalString('entityAnnotation') ??
        'postmortem.io/alert-service',
      severityMap,
      typeLabel: c?.getOptionalString('typeLabel') ?? 'incident_type',
      incidentPer: incidentPerOf(c?.getOptionalString('incidentPer')),
    });
  }

  constructor(private readonly options: AlertmanagerOptions) {}

  async authenticate(delivery: WebhookDelivery): Promise<void> {
    const expected = this.options.token;
    if (!expected) {
      throw new AuthenticationError(
        'The Alertmanager webhook is not configured (postmortem.alertmanager.token)',
      );
    }
    if (!secretsEqual(bearerToken(delivery.headers), expected)) {
      throw new AuthenticationError('Invalid or missing bearer token');
    }
  }

  async parse(delivery: WebhookDelivery): Promise<IncidentSignal[]> {
    const { alerts, externalURL, groupKey, commonAnnotations } = validate(
      delivery.body,
    );
    const grouped = this.options.incidentPer === 'group' && groupKey;
    return alerts.map(alert => {
      const labels = alert.labels;
      const annotations = alert.annotations ?? {};
      const dedupKey = `${alert.fingerprint}@${alert.startsAt}`;
      const subject = this.options.entityLabels
        .map(l => labels[l])
        .find(Boolean);
      const links: IncidentLink[] = [];
      if (alert.generatorURL) {
        links.push({
          kind: 'alert',
          url: alert.generatorURL,
          title: labels.alertname,
        });
      }
      if (annotations.runbook_url) {
        links.push({ kind: 'runbook', url: annotations.runbook_url });
      }
      if (annotations.dashboard_url ?? annotations.dashboard) {
        links.push({
          kind: 'dashboard',
          url: (annotations.dashboard_url ?? annotations.dashboard)!,
        });
      }
      if (externalURL) {
        links.push({ kind: 'other', url: externalURL, title: 'Alertmanager' });
      }
      const resolved = alert.status === 'resolved';
      return {
        dedupKey,
        ...(grouped ? { groupKey: storedGroupKey(groupKey) } : {}),
        eventId: `${dedupKey}:${alert.status}`,
        occurredAt: resolved ? alert.endsAt! : alert.startsAt,
        status: resolved ? 'resolved' : 'declared',
        // A group's incident is named for what its alerts have in common.
        title:
          (grouped ? commonAnnotations?.summary : undefined) ??
          annotations.summary ??
          `${labels.alertname ?? 'Alert'}${subject ? ` on ${subject}` : ''}`,
        severity:
          this.options.severityMap[
            (labels.severity ?? '').toLocaleLowerCase('en-US')
          ] ?? 'SEV3',
        type: this.options.typeLabel
          ? labels[this.options.typeLabel]
          : undefined,
        impactStartedAt: alert.startsAt,
        detectedAt: alert.startsAt,
        resolvedAt: resolved ? alert.endsAt : undefined,
        entityHints: this.options.entityLabels
          .filter(l => labels[l])
          .map(l => ({
            annotation: this.options.entityAnnotation,
            value: labels[l],
          })),
        links: links.filter(l => /^https?:\/\//.test(l.url)),
        externalIds: { alertmanagerFingerprint: alert.fingerprint },
        labels,
        text: `Alert ${labels.alertname ?? ''} ${
          resolved ? 'resolved' : 'firing'
        }${annotations.description ? `: ${annotations.description}` : ''}`,
      };
    });
  }
}
