/**
 * Prometheus for the postmortem backend: metric evidence for drafts and
 * automated verification of remediation items.
 *
 * @packageDocumentation
 */

export { postmortemModulePrometheus as default } from './module';
export {
  PrometheusEvidenceCollector,
  signalOf,
  stepFor,
} from './PrometheusEvidenceCollector';
export { PrometheusRemediationVerifier } from './PrometheusRemediationVerifier';
