/**
 * The shapes of the HTTP API, defined once: by the models generated from the
 * backend's openapi.yaml (`yarn generate:openapi` in postmortem-backend). The
 * backend stores and answers these shapes and the frontend renders them; both
 * import them from here. Names the models do not have (a stage is `Stage` in
 * the spec, the kinds inside a cause analysis are inline) are read off the
 * models below, so nothing here restates a field.
 */
import type {
  CauseAnalysis,
  Horizon,
  Narrative,
  Postmortem,
  PostmortemPage,
  Responder,
  Stage,
  Verification,
} from './schema/openapi/generated';

export type {
  Attachment,
  Cause,
  CauseAnalysis,
  CauseStatus,
  CauseType,
  Confidence,
  Evidence,
  EvidenceKind,
  HistoryEntry,
  Incident,
  IncidentLink,
  IncidentStatus,
  Narrative,
  Perspective,
  Postmortem,
  PostmortemRoles,
  RemediationCounts,
  RemediationItem,
  RemediationStatus,
  Responder,
  Revision,
  Severity,
  TimelineEvent,
  TimelineEventKind,
} from './schema/openapi/generated';

/** The stage of a postmortem in its review workflow. @public */
export type PostmortemStage = Stage;

/** @public */
export type NarrativeSection = keyof Narrative;

/** @public */
export type RemediationHorizon = Horizon;

/**
 * An automated check (a Prometheus query whose every series must meet the
 * threshold) or a sign-off by someone holding a role on the postmortem.
 *
 * @public
 */
export type RemediationVerification = Verification;

/** @public */
export type ResponderRole = Responder['role'];

/** @public */
export type Visibility = Postmortem['visibility'];

/**
 * Where one metric series left its baseline.
 *
 * @public
 */
export type SeriesOnset = CauseAnalysis['onsets'][number];

/**
 * What a metric series measures, which tells which way is bad.
 *
 * @public
 */
export type SignalKind = SeriesOnset['signal'];

/**
 * Kinds of drafted hypotheses: a change, a component that failed first
 * without a change, a surge of load at the edge, or no cause established.
 *
 * @public
 */
export type HypothesisKind = CauseAnalysis['kind'];

/** @public */
export type ChangeKind = NonNullable<CauseAnalysis['change']>['kind'];

/**
 * One page of a cursor-paginated list: the page fields every list of the
 * API shares (as IncidentPage and PostmortemPage give them) around `items`.
 *
 * @public
 */
export type Page<T> = Omit<PostmortemPage, 'items'> & { items: T[] };
