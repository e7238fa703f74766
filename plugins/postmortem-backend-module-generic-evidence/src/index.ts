/**
 * Evidence for postmortem drafts from any HTTP API, configured with
 * request templates and JSONata mappings instead of code.
 *
 * @packageDocumentation
 */

export { postmortemModuleGenericEvidence as default } from './module';
export { GenericEvidenceCollector } from './GenericEvidenceCollector';
export type {
  EvidenceSource,
  LogTemplateSettings,
  TlsSettings,
} from './readSources';
export { readSources } from './readSources';
export {
  groupLines,
  maskLine,
  risenTemplates,
  type LogLine,
  type RisenTemplate,
  type RisenTemplatesOptions,
} from './logTemplates';
