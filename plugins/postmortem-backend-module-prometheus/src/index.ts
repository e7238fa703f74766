/**
 * Prometheus evidence collector for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModulePrometheus as default } from './module';
export {
  PrometheusEvidenceCollector,
  signalOf,
  stepFor,
} from './PrometheusEvidenceCollector';
