import { InputError } from '@backstage/errors';
import {
  INCIDENT_STATUSES,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import { IncidentSignal } from '@postmortems/plugin-postmortem-node';

/** Longest key the store keeps (dedup keys, event ids); group keys less. */
export const MAX_KEY_LENGTH = 512;
const MAX_GROUP_KEY_LENGTH = 400;
const TIMES = [
  'occurredAt',
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

function refuseNul(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new InputError(`${path} must not contain NUL characters`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseNul(v, `${path}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      refuseNul(k, `${path} key`);
      refuseNul(v, `${path}.${k}`);
    }
  }
}

function key(value: unknown, path: string, max: number): void {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(`${path} must be a non-empty string`);
  }
  if (value.length > max) {
    throw new InputError(
      `${path} is ${value.length} characters long; at most ${max} are accepted`,
    );
  }
}

/**
 * What every incident source must hand the intake, checked before anything
 * is stored: a source module (ours or someone else's) that lets through a
 * NUL byte, an oversized key or a time that is no time gets a 400 naming
 * the field, not a 500 from the database halfway through a delivery.
 */
export function checkSignal(signal: IncidentSignal): void {
  refuseNul(signal, 'signal');
  key(signal.dedupKey, 'dedupKey', MAX_KEY_LENGTH);
  key(signal.eventId, 'eventId', MAX_KEY_LENGTH);
  if (signal.groupKey !== undefined) {
    key(signal.groupKey, 'groupKey', MAX_GROUP_KEY_LENGTH);
  }
  for (const field of TIMES) {
    const value = signal[field];
    if (field === 'occurredAt' || value !== undefined) {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw new InputError(`${field} must be an ISO 8601 time`);
      }
    }
  }
  if (
    signal.status !== undefined &&
    !(INCIDENT_STATUSES as readonly string[]).includes(signal.status)
  ) {
    throw new InputError(
      `status must be one of ${INCIDENT_STATUSES.join(', ')}`,
    );
  }
  if (
    signal.severity !== undefined &&
    !(SEVERITIES as readonly string[]).includes(signal.severity)
  ) {
    throw new InputError(`severity must be one of ${SEVERITIES.join(', ')}`);
  }
}
