/**
 * Jira as a remediation tracker for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModuleJira as default } from './module';
export {
  JiraRemediationTracker,
  JIRA_POSTMORTEM_LABEL,
  JIRA_PROJECT_KEY_ANNOTATION,
  itemLabel,
} from './JiraRemediationTracker';
export type { JiraAuth, JiraTrackerOptions } from './JiraRemediationTracker';
