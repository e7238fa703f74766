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
  entityRefs: string[];
  /** Dependencies of the affected entities, with their distance in hops. */
  dependencies: Array<{ entityRef: string; distance: number }>;
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
