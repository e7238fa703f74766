/**
 * The vocabulary of the postmortem domain that is not an API shape: the
 * values of each API enumeration as lists (for menus, validation and
 * ordering), the columns the postmortem list sorts by, incident type slugs
 * and the priority formula. The types of the values are the API's (see
 * apiTypes.ts); each list is checked against its type.
 */
import type {
  CauseStatus,
  CauseType,
  EvidenceKind,
  IncidentStatus,
  NarrativeSection,
  Perspective,
  PostmortemStage,
  RemediationHorizon,
  RemediationStatus,
  ResponderRole,
  Severity,
  TimelineEventKind,
} from './apiTypes';

/** @public */
export const SEVERITIES = [
  'SEV1',
  'SEV2',
  'SEV3',
  'SEV4',
  'SEV5',
] as const satisfies readonly Severity[];

/**
 * The columns the postmortem list can be sorted by on the server.
 *
 * @public
 */
export const POSTMORTEM_ORDER_BYS = [
  'impactStartedAt',
  'updatedAt',
  'humanId',
  'title',
  'severity',
  'stage',
] as const;

/** @public */
export type PostmortemOrderBy = (typeof POSTMORTEM_ORDER_BYS)[number];

/**
 * An incident type is a lowercase slug such as `security` or `data-loss`.
 *
 * @public
 */
export const INCIDENT_TYPE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A value from an alerting tool (`Data Loss`, `data_loss`) as an incident
 * type slug, or undefined when nothing usable remains.
 *
 * @public
 */
export function toIncidentType(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const slug = value
    .trim()
    .toLocaleLowerCase('en-US')
    .replace(/[\s_]+/g, '-');
  return INCIDENT_TYPE_PATTERN.test(slug) ? slug : undefined;
}

/** @public */
export const INCIDENT_STATUSES = [
  'declared',
  'investigating',
  'mitigated',
  'resolved',
] as const satisfies readonly IncidentStatus[];

/** @public */
export const POSTMORTEM_STAGES = [
  'draft',
  'investigation',
  'evidence_collection',
  'cause_analysis',
  'remediation_planning',
  'in_review',
  'approved',
  'published',
] as const satisfies readonly PostmortemStage[];

/** @public */
export const NARRATIVE_SECTIONS = [
  'summary',
  'impact',
  'whatHappened',
  'whyItHappened',
  'whatChanged',
  'lessonsLearned',
  'glossary',
] as const satisfies readonly NarrativeSection[];

/** @public */
export const TIMELINE_EVENT_KINDS = [
  'alert',
  'page',
  'status_change',
  'deployment',
  'config_change',
  'decision',
  'action',
  'observation',
  'communication',
] as const satisfies readonly TimelineEventKind[];

/** @public */
export const EVIDENCE_KINDS = [
  'metric_series',
  'log_excerpt',
  'deployment',
  'config_diff',
  'trace',
  'link',
] as const satisfies readonly EvidenceKind[];

/** @public */
export const CAUSE_TYPES = [
  'direct',
  'contributing',
  'systemic',
] as const satisfies readonly CauseType[];

/** @public */
export const CAUSE_STATUSES = [
  'proposed',
  'supported',
  'refuted',
  'confirmed',
] as const satisfies readonly CauseStatus[];

/** @public */
export const PERSPECTIVES = [
  'sre',
  'development',
  'product',
  'other',
] as const satisfies readonly Perspective[];

/** @public */
export const REMEDIATION_HORIZONS = [
  'short',
  'medium',
  'long',
] as const satisfies readonly RemediationHorizon[];

/** @public */
export const REMEDIATION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'verified',
  'wont_do',
] as const satisfies readonly RemediationStatus[];

/** @public */
export const RESPONDER_ROLES = [
  'incident_commander',
  'technical_owner',
  'reviewer',
  'contributor',
  'responder',
  'communications',
] as const satisfies readonly ResponderRole[];

/** An item's priority: impact x probability, 1 to 25. @public */
export function priorityOf(impact: number, probability: number): number {
  return impact * probability;
}
