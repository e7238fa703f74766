/**
 * The shapes of `GET /scorecards`, shared by the backend that computes them
 * and the frontend that shows them.
 */

/** @public */
export type ScorecardGroupBy =
  | 'none'
  | 'severity'
  | 'owner'
  | 'entity'
  | 'system';
/** @public */
export type ScorecardInterval = 'week' | 'month' | 'quarter';

/** @public */
export const SCORECARD_GROUP_BYS: readonly ScorecardGroupBy[] = [
  'none',
  'severity',
  'owner',
  'entity',
  'system',
];
/** @public */
export const SCORECARD_INTERVALS: readonly ScorecardInterval[] = [
  'week',
  'month',
  'quarter',
];

/**
 * The group, when grouping by system, of the incidents whose affected
 * entities belong to no catalog system (as 'unowned' is by owner).
 * @public
 */
export const SCORECARD_NO_SYSTEM = 'no system';

/** Count, median, p90 and mean of one duration metric, in seconds. @public */
export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** One group in one period, as `GET /scorecards` answers it. @public */
export interface ScorecardRow {
  group: string;
  period: string;
  incidents: number;
  timeToDetect: Distribution;
  timeToAcknowledge: Distribution;
  timeToRestore: Distribution;
  postmortemLeadTime: Distribution;
  remediationCycleTime: Distribution;
  /** Share (0..1) of published postmortems published on time. */
  publishedOnTimeShare: number | null;
  /**
   * Share (0..1) of the incidents that repeated an earlier failure (are
   * linked to an earlier incident by recurrence); null without incidents.
   */
  recurrenceRate: number | null;
  overdueItems: number;
}

/** The duration metrics of a scorecard row. @public */
export type DistributionMetric =
  | 'timeToDetect'
  | 'timeToAcknowledge'
  | 'timeToRestore'
  | 'postmortemLeadTime'
  | 'remediationCycleTime';

/** @public */
export const DISTRIBUTION_METRICS: readonly DistributionMetric[] = [
  'timeToDetect',
  'timeToAcknowledge',
  'timeToRestore',
  'postmortemLeadTime',
  'remediationCycleTime',
];

/** The query of `GET /scorecards`; `from` and `to` are ISO timestamps. @public */
export interface ScorecardQuery {
  groupBy?: ScorecardGroupBy;
  interval?: ScorecardInterval;
  from?: string;
  to?: string;
  entityRef?: string;
  includeDependencies?: boolean;
  systemRef?: string;
  ownerRef?: string;
  severity?: string[];
}

/** The scorecard metrics measured per incident. @public */
export type IncidentScorecardMetric =
  | 'timeToDetect'
  | 'timeToAcknowledge'
  | 'timeToRestore'
  | 'postmortemLeadTime';

/** @public */
export const INCIDENT_SCORECARD_METRICS: readonly IncidentScorecardMetric[] = [
  'timeToDetect',
  'timeToAcknowledge',
  'timeToRestore',
  'postmortemLeadTime',
];

/**
 * One group's durations of a metric, one per incident in scope (seconds,
 * shortest first), with their nearest-rank median and p90, as `GET
 * /scorecards/durations` answers.
 * @public
 */
export interface ScorecardDurations {
  group: string;
  count: number;
  median: number | null;
  p90: number | null;
  values: number[];
}
