import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PostmortemPermissionPolicy } from '@postmortems/plugin-postmortem-backend';

/**
 * Sets the permission policy: the postmortem policy when
 * `permission.postmortemPolicy.enabled` is true, allow-all otherwise (so a
 * demo portal switches it on by config alone).
 *
 * @public
 */
export const permissionModulePostmortemPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'postmortem-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const settings = config.getOptionalConfig(
          'permission.postmortemPolicy',
        );
        if (settings?.getOptionalBoolean('enabled')) {
          policy.setPolicy(
            new PostmortemPermissionPolicy({
              readOnlyUsers: settings.getOptionalStringArray('readOnlyUsers'),
            }),
          );
          logger.info('Postmortem permission policy in force');
          return;
        }
        policy.setPolicy({
          async handle() {
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});
