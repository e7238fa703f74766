import { Config } from '@backstage/config';
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
}

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function validate(body: unknown): {
  alerts: Alert[];
  externalURL?: string;
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
    if (typeof alert.labels !== 'object' || alert.labels === null) {
      throw new InputError(`${at('labels')} must be an object`);
    }
  });
  return {
    alerts: payload.alerts as Alert[],
    externalURL:
      typeof payload.externalURL === 'string' ? payload.externalURL : undefined,
  };
}

/**
 * Prometheus Alertmanager as an incident source. An alert, identified by its
 * fingerprint and startsAt, is an incident: its first firing notification
 * declares it and its resolved notification resolves it. Repeated firing
 * notifications of the same alert are duplicates.
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
    const { alerts, externalURL } = validate(delivery.body);
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
        eventId: `${dedupKey}:${alert.status}`,
        occurredAt: resolved ? alert.endsAt! : alert.startsAt,
        status: resolved ? 'resolved' : 'declared',
        title:
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
