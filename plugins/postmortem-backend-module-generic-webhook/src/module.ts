import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemIncidentSourcesExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { GenericWebhookIncidentSource } from './GenericWebhookIncidentSource';

/**
 * Adds configuration-only incident sources, one per entry of
 * `postmortem.genericWebhooks`, at
 * `POST /api/postmortem/webhooks/generic/<name>`.
 *
 * @public
 */
export const postmortemModuleGenericWebhook = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'generic-webhook',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: postmortemIncidentSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        // Compiles every mapping now: a broken expression stops the backend
        // at startup, naming its config key.
        const source = GenericWebhookIncidentSource.fromConfig(config);
        logger.info(
          source.names.length
            ? `Generic incident webhooks: ${source.names
                .map(n => `/webhooks/generic/${n}`)
                .join(', ')}`
            : 'No postmortem.genericWebhooks configured',
        );
        sources.addIncidentSource(source);
      },
    });
  },
});
