import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemTrackersExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { GitHubConfigChangesCollector } from './GitHubConfigChangesCollector';
import { GitHubDeploymentsCollector } from './GitHubDeploymentsCollector';
import { GitHubRemediationTracker } from './GitHubRemediationTracker';

/**
 * Files remediation items as GitHub issues in the repository of the owning
 * team (`github.com/project-slug`) and brings their state back; collects the
 * GitHub deployments of affected entities and their dependencies, and the
 * commits touching their configuration paths, as changes for the draft's
 * cause hypotheses.
 *
 * @public
 */
export const postmortemModuleGithub = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        trackers: postmortemTrackersExtensionPoint,
        collectors: postmortemEvidenceCollectorsExtensionPoint,
      },
      async init({ config, logger, trackers, collectors }) {
        const tracker = GitHubRemediationTracker.fromConfig(config);
        if (!tracker) {
          logger.info(
            'postmortem.github is not configured; remediation items are not filed as GitHub issues and GitHub deployments are not collected',
          );
          return;
        }
        trackers.addTracker(tracker);
        const configChanges = GitHubConfigChangesCollector.fromConfig(
          config,
          logger,
        );
        if (configChanges) collectors.addEvidenceCollector(configChanges);
        if (
          config.getOptionalBoolean('postmortem.github.deployments.enabled') ===
          false
        ) {
          logger.info(
            'postmortem.github.deployments.enabled is false; GitHub deployments are not collected',
          );
          return;
        }
        collectors.addEvidenceCollector(
          GitHubDeploymentsCollector.fromConfig(config, logger)!,
        );
      },
    });
  },
});
