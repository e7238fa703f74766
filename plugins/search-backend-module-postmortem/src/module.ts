import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readScheduleConfigOptions } from './collator/config';
import { PostmortemCollatorFactory } from './collator/PostmortemCollatorFactory';

/**
 * Indexes postmortems in Backstage search, as documents of type `postmortem`.
 *
 * @public
 */
export const searchModulePostmortemCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'postmortem-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readScheduleConfigOptions(config),
          ),
          factory: PostmortemCollatorFactory.fromConfig(config, {
            auth,
            discovery,
            logger,
          }),
        });
      },
    });
  },
});
