import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createPostmortemAddRemediationAction,
  createPostmortemCreateAction,
} from './actions';

/**
 * Registers the `postmortem:create` and `postmortem:add-remediation`
 * scaffolder actions.
 *
 * @public
 */
export const scaffolderModulePostmortem = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'postmortem',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, auth, discovery, config }) {
        const options = { auth, discovery, config };
        scaffolderActions.addActions(
          createPostmortemCreateAction(options),
          createPostmortemAddRemediationAction(options),
        );
      },
    });
  },
});
