/**
 * PagerDuty (V3 webhooks) incident source for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModulePagerDuty as default } from './module';
export {
  PagerDutyIncidentSource,
  userNameFromEmail,
} from './PagerDutyIncidentSource';
export type { PagerDutyOptions } from './PagerDutyIncidentSource';
