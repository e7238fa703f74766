/**
 * GitHub Issues as a remediation tracker, and GitHub deployments and
 * configuration commits as changes for drafts, for the postmortem backend.
 *
 * @packageDocumentation
 */

export { postmortemModuleGithub as default } from './module';
export {
  GitHubRemediationTracker,
  GITHUB_POSTMORTEM_LABEL,
  GITHUB_PROJECT_SLUG_ANNOTATION,
} from './GitHubRemediationTracker';
export type { GitHubTrackerOptions } from './GitHubRemediationTracker';
export { GitHubDeploymentsCollector } from './GitHubDeploymentsCollector';
export type { GitHubDeploymentsCollectorOptions } from './GitHubDeploymentsCollector';
export {
  GitHubConfigChangesCollector,
  CONFIG_PATHS_ANNOTATION,
} from './GitHubConfigChangesCollector';
export type { GitHubConfigChangesCollectorOptions } from './GitHubConfigChangesCollector';
export type { GitHubClientOptions } from './GitHubClient';
