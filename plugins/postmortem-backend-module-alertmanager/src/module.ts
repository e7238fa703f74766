import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemIncidentSourcesExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { AlertmanagerIncidentSource } from './AlertmanagerIncidentSource';

/**
 * Adds Prometheus Alertmanager as an incident source, at
 * `POST /api/postmortem/webhooks/alertmanager`.
 *
 * @public
 */
export const postmortemModuleAlertmanager = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'alertmanager',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        sources: postmortemIncidentSourcesExtensionPoint,
      },
      async init({ config, sources }) {
        sources.addIncidentSource(
          AlertmanagerIncidentSource.fromConfig(config),
        );
      },
    });
  },
});
