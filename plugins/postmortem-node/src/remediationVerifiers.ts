import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { RemediationVerification } from '@postmortems/plugin-postmortem-common';

/**
 * The outcome of one automated check of a done remediation item.
 *
 * @public
 */
export interface RemediationCheckResult {
  /** True when the fix holds: the item becomes verified; otherwise it reopens. */
  passed: boolean;
  /** What was measured, shown on the item, e.g. `error_ratio = 0.01 (want < 0.05)`. */
  detail: string;
}

/**
 * Runs the automated checks of one kind (e.g. `prometheus`) that remediation
 * items carry. The backend calls it for done items on its verification
 * schedule, records the result on the item, and reopens the item and tells
 * its owner when the check fails. A check that cannot run (the system is
 * unreachable) throws; the item stays as it is until the next run.
 *
 * @public
 */
export interface RemediationCheckVerifier {
  /** The `verification.kind` of the items this verifier checks. */
  kind: RemediationVerification['kind'];
  verify(check: RemediationVerification): Promise<RemediationCheckResult>;
}

/**
 * Adds verifiers of remediation items' automated checks.
 *
 * @public
 */
export interface PostmortemRemediationVerifiersExtensionPoint {
  addRemediationVerifier(...verifiers: RemediationCheckVerifier[]): void;
}

/**
 * How modules add verifiers of remediation items' automated checks, such
 * as the Prometheus module's query-against-threshold check.
 *
 * @public
 */
export const postmortemRemediationVerifiersExtensionPoint =
  createExtensionPoint<PostmortemRemediationVerifiersExtensionPoint>({
    id: 'postmortem.remediation-verifiers',
  });
