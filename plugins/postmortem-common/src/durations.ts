/**
 * The durations of an incident, defined once: the workspace, the exports,
 * the scorecards and the drafted text all measure them from these.
 */

/** The recorded times of an incident that durations are measured between. @public */
export type IncidentTimeField =
  | 'impactStartedAt'
  | 'detectedAt'
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt';

/** @public */
export type IncidentDurationName =
  | 'timeToDetect'
  | 'timeToAcknowledge'
  | 'timeToMitigate'
  | 'timeToRestore'
  | 'impactDuration';

/**
 * Where a duration starts and ends. `to` lists the times that can end it,
 * the first one recorded wins.
 * @public
 */
export interface IncidentDurationDefinition {
  from: IncidentTimeField;
  to: readonly IncidentTimeField[];
}

/**
 * Time to detect and to restore count from the start of the impact, as
 * users felt it (DORA's time to restore); time to acknowledge and to
 * mitigate count from detection, since responders can only act once an
 * alert exists. The impact lasts until it was mitigated, or else resolved.
 * @public
 */
export const INCIDENT_DURATIONS: Readonly<
  Record<IncidentDurationName, IncidentDurationDefinition>
> = {
  timeToDetect: { from: 'impactStartedAt', to: ['detectedAt'] },
  timeToAcknowledge: { from: 'detectedAt', to: ['acknowledgedAt'] },
  timeToMitigate: { from: 'detectedAt', to: ['mitigatedAt'] },
  timeToRestore: { from: 'impactStartedAt', to: ['resolvedAt'] },
  impactDuration: {
    from: 'impactStartedAt',
    to: ['mitigatedAt', 'resolvedAt'],
  },
};

/** The durations in the order people read them. @public */
export const INCIDENT_DURATION_NAMES: readonly IncidentDurationName[] = [
  'timeToDetect',
  'timeToAcknowledge',
  'timeToMitigate',
  'timeToRestore',
  'impactDuration',
];

/** An incident's times, as ISO strings or dates. @public */
export type IncidentTimeValues = Partial<
  Record<IncidentTimeField, string | Date | null | undefined>
>;

function millis(value: string | Date | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * One duration of an incident in milliseconds; undefined when a time it
 * needs is not recorded, or when the recorded times run backwards (a
 * negative duration would be a data error, not a measurement).
 * @public
 */
export function incidentDuration(
  times: IncidentTimeValues,
  name: IncidentDurationName,
): number | undefined {
  const definition = INCIDENT_DURATIONS[name];
  const from = millis(times[definition.from]);
  if (from === undefined) return undefined;
  for (const field of definition.to) {
    const to = millis(times[field]);
    if (to !== undefined) return to >= from ? to - from : undefined;
  }
  return undefined;
}

/** Every duration of an incident in milliseconds. @public */
export function incidentDurations(
  times: IncidentTimeValues,
): Record<IncidentDurationName, number | undefined> {
  return Object.fromEntries(
    INCIDENT_DURATION_NAMES.map(name => [name, incidentDuration(times, name)]),
  ) as Record<IncidentDurationName, number | undefined>;
}

/**
 * The names and definitions in English, for what the backend writes
 * (exports); the frontend shows the same texts through its translations.
 * @public
 */
export const INCIDENT_DURATION_TEXT_EN: Readonly<
  Record<IncidentDurationName, { name: string; definition: string }>
> = {
  timeToDetect: {
    name: 'Time to detect',
    definition: 'From the start of the impact to its detection.',
  },
  timeToAcknowledge: {
    name: 'Time to acknowledge',
    definition: 'From detection to the first acknowledgement by a responder.',
  },
  timeToMitigate: {
    name: 'Time to mitigate',
    definition: 'From detection until the impact was mitigated.',
  },
  timeToRestore: {
    name: 'Time to restore',
    definition: 'From the start of the impact until the incident was resolved.',
  },
  impactDuration: {
    name: 'Impact duration',
    definition:
      'From the start of the impact until it was mitigated, or resolved if it was not mitigated first.',
  },
};

/**
 * A duration in unit symbols, which read the same in English and German:
 * "45 s", "9 min", "2 h 5 min", "3 d 4 h".
 * @public
 */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
