import type {
  IncidentLink,
  IncidentStatus,
  Responder,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import type { IncidentSignal } from '@postmortems/plugin-postmortem-node';

/** What the intake's rules look at of a stored incident. */
export interface IncidentState {
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** When the event that set the current status happened. */
  statusEventAt?: Date;
  impactStartedAt?: Date;
  detectedAt?: Date;
  acknowledgedAt?: Date;
  mitigatedAt?: Date;
  resolvedAt?: Date;
  responders: Responder[];
  links: IncidentLink[];
  externalIds: Record<string, string>;
}

/** What a signal changes; absent fields stay as they are. */
export interface IncidentChange {
  title?: string;
  severity?: Severity;
  status?: IncidentStatus;
  statusEventAt?: Date;
  impactStartedAt?: Date;
  detectedAt?: Date;
  acknowledgedAt?: Date;
  mitigatedAt?: Date;
  /** `null`: the incident was reopened, its resolution no longer stands. */
  resolvedAt?: Date | null;
  responders?: Responder[];
  links?: IncidentLink[];
  externalIds?: Record<string, string>;
  /** The incident was resolved by this signal: its draft is due. */
  draftDue?: boolean;
}

function earliest(current: Date | undefined, value: string | undefined) {
  if (!value) return undefined;
  const next = new Date(value);
  return !current || next < current ? next : undefined;
}

function added<T>(
  current: T[],
  extra: T[] | undefined,
  key: (t: T) => string,
): T[] | undefined {
  if (!extra?.length) return undefined;
  const keys = new Set(current.map(key));
  const fresh = extra.filter(e => !keys.has(key(e)));
  return fresh.length ? [...current, ...fresh] : undefined;
}

/**
 * Folds a signal into an incident, whatever order deliveries arrive in:
 * times only move earlier, responders and links accumulate, and only the
 * newest event decides the status, so a trigger that arrives after its
 * resolution does not reopen the incident. A grouped signal (an alert of a
 * notification group) leaves the status to {@link settleGroup}.
 */
export function mergeSignal(
  current: IncidentState,
  signal: IncidentSignal,
  placeholderTitle: string,
): IncidentChange {
  const occurredAt = new Date(signal.occurredAt);
  const change: IncidentChange = {
    impactStartedAt: earliest(current.impactStartedAt, signal.impactStartedAt),
    detectedAt: earliest(current.detectedAt, signal.detectedAt),
    acknowledgedAt: earliest(current.acknowledgedAt, signal.acknowledgedAt),
    mitigatedAt: earliest(current.mitigatedAt, signal.mitigatedAt),
  };
  const newest = !current.statusEventAt || occurredAt >= current.statusEventAt;
  if (!signal.groupKey && signal.status && newest) {
    change.status = signal.status;
    change.statusEventAt = occurredAt;
    if (signal.status !== 'resolved' && current.status === 'resolved') {
      change.resolvedAt = null;
    }
    if (signal.severity) change.severity = signal.severity;
    if (signal.title && current.title === placeholderTitle) {
      change.title = signal.title;
    }
    if (signal.status === 'resolved') {
      change.resolvedAt = new Date(signal.resolvedAt ?? signal.occurredAt);
      change.draftDue = true;
    }
  }
  change.responders = added(
    current.responders,
    signal.responders,
    r => `${r.userRef} ${r.role}`,
  );
  change.links = added(current.links, signal.links, l => l.url);
  if (signal.externalIds) {
    change.externalIds = { ...current.externalIds, ...signal.externalIds };
  }
  return change;
}

/** One alert of a grouped incident, as stored. */
export interface AlertState {
  status: 'firing' | 'resolved';
  startedAt: Date;
  endedAt?: Date;
}

/**
 * The state of a grouped incident from all its alerts: resolved, at the
 * last alert's end, when every alert is; open (reopened if it was
 * resolved) while any fires; impact from the first alert's start; the most
 * severe severity any alert carried.
 */
export function settleGroup(
  current: Pick<IncidentState, 'status' | 'severity' | 'detectedAt'>,
  alerts: AlertState[],
  severity?: Severity,
): IncidentChange {
  const change: IncidentChange = {
    impactStartedAt: new Date(
      Math.min(...alerts.map(a => a.startedAt.getTime())),
    ),
  };
  if (!current.detectedAt) change.detectedAt = change.impactStartedAt;
  if (alerts.every(a => a.status === 'resolved')) {
    change.status = 'resolved';
    change.resolvedAt = new Date(
      Math.max(...alerts.map(a => (a.endedAt ?? a.startedAt).getTime())),
    );
    if (current.status !== 'resolved') change.draftDue = true;
  } else if (current.status === 'resolved') {
    change.status = 'declared';
    change.resolvedAt = null;
  }
  // SEV1 is the most severe; the names sort that way.
  if (severity && severity < current.severity) change.severity = severity;
  return change;
}

/**
 * Whether an alert (its start and, once resolved, its end) belongs to an
 * episode of its group: their time spans overlap; an open episode or a
 * firing alert lasts until the end of time.
 */
export function overlapsEpisode(
  alert: { start: number; end: number },
  episode: {
    status: IncidentStatus;
    impactStartedAt?: Date;
    resolvedAt?: Date;
  },
): boolean {
  const from = episode.impactStartedAt?.getTime() ?? -Infinity;
  const to =
    episode.status === 'resolved' && episode.resolvedAt
      ? episode.resolvedAt.getTime()
      : Infinity;
  return alert.start <= to && from <= alert.end;
}
