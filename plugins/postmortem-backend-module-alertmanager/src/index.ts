/**
 * Prometheus Alertmanager incident source for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModuleAlertmanager as default } from './module';
export { AlertmanagerIncidentSource } from './AlertmanagerIncidentSource';
