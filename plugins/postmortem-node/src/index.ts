/**
 * Extension points and types for modules of the postmortem backend: incident
 * sources, evidence collectors, remediation trackers and verifiers of
 * remediation items' automated checks.
 *
 * @packageDocumentation
 */

export * from './incidentSources';
export * from './evidenceCollectors';
export * from './permissions';
export * from './remediationVerifiers';
export * from './trackers';
export * from './webhookAuth';
