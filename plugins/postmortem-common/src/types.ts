/**
 * Domain vocabulary of the postmortem suite. The backend stores these shapes and
 * the frontend renders them; both import them from here so they cannot drift.
 */

/** @public */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] as const;
/** @public */
export type Severity = (typeof SEVERITIES)[number];

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
] as const;
/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

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
] as const;
/** @public */
export type PostmortemStage = (typeof POSTMORTEM_STAGES)[number];

/** @public */
export const NARRATIVE_SECTIONS = [
  'summary',
  'impact',
  'whatHappened',
  'whyItHappened',
  'whatChanged',
  'lessonsLearned',
  'glossary',
] as const;
/** @public */
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

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
] as const;
/** @public */
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

/** @public */
export const EVIDENCE_KINDS = [
  'metric_series',
  'log_excerpt',
  'deployment',
  'config_diff',
  'trace',
  'link',
] as const;
/** @public */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** @public */
export const CAUSE_TYPES = ['direct', 'contributing', 'systemic'] as const;
/** @public */
export type CauseType = (typeof CAUSE_TYPES)[number];

/** @public */
export const CAUSE_STATUSES = [
  'proposed',
  'supported',
  'refuted',
  'confirmed',
] as const;
/** @public */
export type CauseStatus = (typeof CAUSE_STATUSES)[number];

/** @public */
export const PERSPECTIVES = ['sre', 'development', 'product', 'other'] as const;
/** @public */
export type Perspective = (typeof PERSPECTIVES)[number];

/** @public */
export const REMEDIATION_HORIZONS = ['short', 'medium', 'long'] as const;
/** @public */
export type RemediationHorizon = (typeof REMEDIATION_HORIZONS)[number];

/** @public */
export const REMEDIATION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'verified',
  'wont_do',
] as const;
/** @public */
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** @public */
export const RESPONDER_ROLES = [
  'incident_commander',
  'technical_owner',
  'reviewer',
  'contributor',
  'responder',
  'communications',
] as const;
/** @public */
export type ResponderRole = (typeof RESPONDER_ROLES)[number];

/** @public */
export type Visibility = 'normal' | 'restricted';

/** A link the incident's source system or a person attached. @public */
export interface IncidentLink {
  kind:
    | 'alert'
    | 'pager'
    | 'chat'
    | 'dashboard'
    | 'runbook'
    | 'change_ticket'
    | 'other';
  url: string;
  title?: string;
}

/** @public */
export interface Responder {
  userRef: string;
  role: ResponderRole;
}

/** @public */
export interface Incident {
  id: string;
  /** Persistent human id, e.g. INC-2026-0042, used for cross-reference. */
  humanId: string;
  title: string;
  severity: Severity;
  /**
   * Kind of incident (e.g. `security`, `availability`, `data-loss`): a
   * lowercase slug that, with the severity, picks the postmortem template.
   */
  type?: string;
  status: IncidentStatus;
  impactStartedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  entityRefs: string[];
  responders: Responder[];
  source: string;
  externalIds: Record<string, string>;
  links: IncidentLink[];
  createdAt: string;
  updatedAt: string;
}

/** @public */
export interface PostmortemRoles {
  incidentCommander?: string;
  technicalOwners: string[];
  reviewers: string[];
  contributors: string[];
}

/** @public */
export interface Attachment {
  kind: 'runbook' | 'playbook' | 'link' | 'document';
  title: string;
  url: string;
}

/** @public */
export type Narrative = Partial<Record<NarrativeSection, string>>;

/**
 * A postmortem's remediation items counted by status, so that a list shows
 * each one's progress without a request per postmortem.
 * @public
 */
export interface RemediationCounts {
  total: number;
  /** Open or in progress. */
  open: number;
  /** Open or in progress, due before today (UTC). */
  overdue: number;
  done: number;
  verified: number;
  wontDo: number;
}

/** @public */
export interface Postmortem {
  id: string;
  incidentId: string;
  /** Same as the incident's human id, repeated so lists need no join. */
  humanId: string;
  title: string;
  severity: Severity;
  templateId: string;
  templateVersion: number;
  stage: PostmortemStage;
  roles: PostmortemRoles;
  narrative: Narrative;
  attachments: Attachment[];
  /** ISO deadline per stage, computed from the policy when the stage opens. */
  deadlines: Partial<Record<PostmortemStage, string>>;
  visibility: Visibility;
  /** Increases on every content change; the optimistic-concurrency token. */
  revision: number;
  entityRefs: string[];
  /** Owners of the affected entities, resolved from the catalog. */
  ownerRefs: string[];
  /** Its remediation items counted by status; in list responses. */
  remediation?: RemediationCounts;
  /** When the incident was resolved; deadlines count from here. */
  resolvedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export interface TimelineEvent {
  id: string;
  postmortemId: string;
  occurredAt: string;
  kind: TimelineEventKind;
  source: string;
  author?: string;
  text: string;
  keyDecision: boolean;
  evidenceIds: string[];
}

/** @public */
export interface Evidence {
  id: string;
  postmortemId: string;
  kind: EvidenceKind;
  source: string;
  query?: string;
  entityRef?: string;
  content: string;
  capturedAt: string;
  /** Kinds of values masked before storage, with counts; never the values. */
  redactions: Record<string, number>;
}

/** @public */
export interface Cause {
  id: string;
  postmortemId: string;
  type: CauseType;
  statement: string;
  status: CauseStatus;
  perspective: Perspective;
  evidenceIds: string[];
  rollbackPlan?: string;
  changeRelated: boolean;
  entityRef?: string;
  /** Probability in [0, 1] that this hypothesis is the cause (drafted ones). */
  score?: number;
  /** How sure the draft is; `high` tops are right 9 times in 10 on the benchmark. */
  confidence?: Confidence;
  /** Why the draft proposed it: the evidence chain, for drafted causes. */
  analysis?: CauseAnalysis;
}

/**
 * What a metric series measures, which tells which way is bad.
 *
 * @public
 */
export type SignalKind = 'errors' | 'latency' | 'saturation' | 'throughput';

/** @public */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Kinds of drafted hypotheses: a change, a component that failed first
 * without a change, a surge of load at the edge, or no cause established.
 *
 * @public
 */
export type HypothesisKind = 'change' | 'origin' | 'surge' | 'none';

/** @public */
export type ChangeKind = 'deployment' | 'config' | 'flag' | 'migration';

/**
 * Where one metric series left its baseline.
 *
 * @public
 */
export interface SeriesOnset {
  entityRef: string;
  series: string;
  signal: SignalKind;
  onsetAt: string;
  direction: 'up' | 'down';
  baseline: number;
  peak: number;
  /** Size of the deviation in robust standard deviations. */
  robustZ: number;
}

/**
 * The evidence chain behind a drafted hypothesis.
 *
 * @public
 */
export interface CauseAnalysis {
  kind: HypothesisKind;
  probability: number;
  confidence: Confidence;
  /** Deviations that support (or, for a flat entity, fail to support) it. */
  onsets: SeriesOnset[];
  change?: {
    id: string;
    kind: ChangeKind;
    version?: string;
    occurredAt: string;
    entityRef: string;
  };
  /** Entities from the suspected origin to the alerting entity. */
  path: string[];
  /** One sentence of reasoning. */
  reasoning: string;
}

/** @public */
export interface RemediationItem {
  id: string;
  postmortemId: string;
  title: string;
  description?: string;
  ownerRef?: string;
  dueDate?: string;
  acceptanceCriteria?: string;
  impact: number;
  probability: number;
  /** impact x probability, 1 to 25. */
  priority: number;
  horizon: RemediationHorizon;
  status: RemediationStatus;
  trackerUrl?: string;
  /** Set when a later incident repeated the failure this item addressed. */
  recurrenceIncidentId?: string;
  /** How the item is verified once done. */
  verification?: RemediationVerification;
  /** Outcome of the last automated check. */
  lastCheck?: { at: string; passed: boolean; detail: string };
  /** Sync with an outside tracker, when the owner has one. */
  tracker?: {
    id: string;
    state: 'pending' | 'created' | 'failed';
    attempts: number;
    lastError?: string;
    url?: string;
  };
  createdAt: string;
  updatedAt: string;
}

/**
 * An automated check (a Prometheus query whose every series must meet the
 * threshold) or a sign-off by someone holding a role on the postmortem.
 *
 * @public
 */
export type RemediationVerification =
  | {
      kind: 'prometheus';
      query: string;
      comparator: '<' | '<=' | '>' | '>=';
      threshold: number;
    }
  | {
      kind: 'manual';
      role: 'incident_commander' | 'technical_owner' | 'reviewer';
    };

/** @public */
export interface Revision {
  postmortemId: string;
  revision: number;
  author: string;
  createdAt: string;
  /** Names of the fields or sections that this revision changed. */
  changed: string[];
}

/** Who did what to a postmortem, readable by everyone who can read it. @public */
export interface HistoryEntry {
  actor: string;
  action: string;
  details: Record<string, unknown>;
  createdAt: string;
}

/** One page of a cursor-paginated list. @public */
export interface Page<T> {
  items: T[];
  /** How many match, counted up to a cap (see totalCountCapped). */
  totalCount: number;
  /** Set when more than totalCount match: counting stopped at the cap. */
  totalCountCapped?: boolean;
  nextCursor?: string;
}

/** @public */
export function priorityOf(impact: number, probability: number): number {
  return impact * probability;
}
