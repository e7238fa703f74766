import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemTrackersExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { GitHubRemediationTracker } from './GitHubRemediationTracker';

/**
 * Files remediation items as GitHub issues in the repository of the owning
 * team (`github.com/project-slug`) and brings their state back.
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
      },
      async init({ config, logger, trackers }) {
        const tracker = GitHubRemediationTracker.fromConfig(config);
        if (!tracker) {
          logger.info(
            'postmortem.github is not configured; remediation items are not filed as GitHub issues',
          );
          return;
        }
        trackers.addTracker(tracker);
      },
    });
  },
});
