/**
 * Extension points and types for modules of the postmortem backend: incident
 * sources, evidence collectors and remediation trackers.
 *
 * @packageDocumentation
 */

export * from './incidentSources';
export * from './evidenceCollectors';
export * from './permissions';
export * from './trackers';
export * from './webhookAuth';
