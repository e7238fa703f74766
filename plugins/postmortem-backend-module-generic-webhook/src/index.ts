/**
 * Configuration-only incident sources (JSONata mappings) for the postmortem
 * backend.
 *
 * @packageDocumentation
 */

export { postmortemModuleGenericWebhook as default } from './module';
export { GenericWebhookIncidentSource } from './GenericWebhookIncidentSource';
export type {
  GenericWebhook,
  GenericWebhookHmac,
} from './GenericWebhookIncidentSource';
