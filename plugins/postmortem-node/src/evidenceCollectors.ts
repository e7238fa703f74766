import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { EvidenceKind } from '@postmortems/plugin-postmortem-common';

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
  from: Date;
  to: Date;
  labels: Record<string, string>;
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
  /** The collector saw abnormal behaviour here (e.g. a metric left its baseline). */
  anomalous?: boolean;
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
