import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemIncidentSourcesExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { OpsgenieIncidentSource } from './OpsgenieIncidentSource';

/**
 * Adds Opsgenie (outgoing Webhook integration) as an incident source, at
 * `POST /api/postmortem/webhooks/opsgenie`.
 *
 * @public
 */
export const postmortemModuleOpsgenie = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'opsgenie',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: postmortemIncidentSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        if (!config.has('postmortem.opsgenie.token')) {
          logger.warn(
            'postmortem.opsgenie.token is not set; the Opsgenie webhook refuses every delivery',
          );
        }
        sources.addIncidentSource(OpsgenieIncidentSource.fromConfig(config));
      },
    });
  },
});
