import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemTrackersExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { JiraRemediationTracker } from './JiraRemediationTracker';

/**
 * Files remediation items as Jira issues in the project of the owning team
 * (`jira/project-key`) and brings their state back.
 *
 * @public
 */
export const postmortemModuleJira = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'jira',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        trackers: postmortemTrackersExtensionPoint,
      },
      async init({ config, logger, trackers }) {
        const tracker = JiraRemediationTracker.fromConfig(config);
        if (!tracker) {
          logger.info(
            'postmortem.jira is not configured; remediation items are not filed as Jira issues',
          );
          return;
        }
        trackers.addTracker(tracker);
      },
    });
  },
});
