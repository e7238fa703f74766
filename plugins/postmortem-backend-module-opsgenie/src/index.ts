/**
 * Opsgenie incident source for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModuleOpsgenie as default } from './module';
export { OpsgenieIncidentSource } from './OpsgenieIncidentSource';
export type { OpsgenieOptions } from './OpsgenieIncidentSource';
