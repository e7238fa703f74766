import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  ChangeKind,
  EvidenceKind,
  SignalKind,
} from '@postmortems/plugin-postmortem-common';

/**
 * The window and the entities an evidence collector looks at.
 *
 * @public
 */
export interface EvidenceRequest {
  incidentId: string;
  humanId: string;
  /**
   * The affected entities (distance 0) and their dependencies (distance in
   * dependsOn hops), with annotations that collectors use to build queries.
   */
  entities: Array<{
    entityRef: string;
    distance: number;
    annotations: Record<string, string>;
  }>;
  /**
   * Start of the window: early enough before the alert to give series a
   * baseline (`postmortem.draft.baselineMinutes`).
   */
  from: Date;
  to: Date;
  /** When the incident was detected (the alert fired). */
  detectedAt?: Date;
  /**
   * Start of the window in which changes count as cause hypotheses
   * (`postmortem.draft.changeLookbackMinutes` before impact start), usually
   * earlier than `from`. Collectors that report {@link CollectedChange}s
   * look back to here; when absent, to `from`.
   */
  changesFrom?: Date;
  labels: Record<string, string>;
}

/**
 * A change (deployment, config change) seen by a collector. The postmortem
 * backend stores it like a change posted to `/webhooks/changes`, so it is
 * ranked as a cause hypothesis and shown on the timeline; the evidence item
 * that carries it needs `entityRef` and `occurredAt` (when it happened).
 *
 * @public
 */
export interface CollectedChange {
  /**
   * Stable id of the change within the collector, unique per entity (the
   * same deployment reported for two entities needs two ids). With the
   * collector's id it records the change once, however often drafts run.
   */
  id: string;
  kind: ChangeKind;
  /** What was rolled out, e.g. `v42@3f2a1b9`. */
  version?: string;
  /** Who made the change. */
  author?: string;
  /** Where to read more, e.g. the deployment log. */
  link?: string;
  /** What to roll back to, e.g. the previous successful deployment. */
  rollbackRef?: string;
  description?: string;
}

/**
 * One metric series of one entity, as numbers.
 *
 * @public
 */
export interface CollectedSeries {
  /** Name of the query, e.g. `error ratio`. */
  name: string;
  /** What it measures, which tells the analysis which way is bad. */
  signal: SignalKind;
  /** [epoch milliseconds, value] in time order. */
  points: Array<[number, number]>;
  /**
   * The same series one day earlier, moved onto today's times: a rise that
   * also happened yesterday at this hour (a daily batch, the morning peak)
   * is not a deviation.
   */
  reference?: Array<[number, number]>;
  /**
   * The same series one week earlier, moved onto today's times: weekly
   * patterns (Monday's peak, a weekly job).
   */
  weekReference?: Array<[number, number]>;
  /**
   * For a per-edge series (a mesh's client-side latency of calls to this
   * entity, one series per caller): the caller whose view it is. A
   * deviation there is what that caller saw, not what every caller sees.
   */
  observedBy?: string;
}

/**
 * Calls from one entity to another seen in traces during the window, for
 * the incident's dependency map: an edge the catalog may not know.
 *
 * @public
 */
export interface ObservedCalls {
  /** The calling entity (ref). */
  from: string;
  /** The called entity (ref). */
  to: string;
  /** Calls seen. */
  count: number;
  /** Of those, calls that failed. */
  errors: number;
  /** Of those, calls slower than the source's threshold. */
  slow: number;
}

/**
 * One piece of evidence before redaction and storage.
 *
 * @public
 */
export interface CollectedEvidence {
  kind: EvidenceKind;
  source: string;
  query?: string;
  entityRef?: string;
  content: string;
  /** For changes: when the change happened, used to rank hypotheses. */
  occurredAt?: string;
  /**
   * Metric series behind this item, for the cause analysis: where each
   * left its baseline is detected by the backend, not by the collector.
   */
  series?: CollectedSeries[];
  /**
   * Set when this item is a change: it is then recorded as a change of
   * `entityRef` at `occurredAt` and ranked as a cause hypothesis, instead
   * of being kept as plain evidence.
   */
  change?: CollectedChange;
  /**
   * Service-to-service calls seen in traces (a tracing source): drawn on
   * the incident's dependency map beside the catalog's dependsOn edges.
   */
  calls?: ObservedCalls[];
}

/**
 * Pulls evidence (metrics, deployments, config, logs) for an incident window.
 *
 * @public
 */
export interface EvidenceCollector {
  readonly id: string;
  collect(request: EvidenceRequest): Promise<CollectedEvidence[]>;
}

/** @public */
export interface PostmortemEvidenceCollectorsExtensionPoint {
  addEvidenceCollector(...collectors: EvidenceCollector[]): void;
}

/**
 * Lets modules add evidence collectors to the postmortem backend.
 *
 * @public
 */
export const postmortemEvidenceCollectorsExtensionPoint =
  createExtensionPoint<PostmortemEvidenceCollectorsExtensionPoint>({
    id: 'postmortem.evidence-collectors',
  });
