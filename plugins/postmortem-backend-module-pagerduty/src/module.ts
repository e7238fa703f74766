import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemIncidentSourcesExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { PagerDutyIncidentSource } from './PagerDutyIncidentSource';

/**
 * Adds PagerDuty (V3 webhooks) as an incident source, at
 * `POST /api/postmortem/webhooks/pagerduty`.
 *
 * @public
 */
export const postmortemModulePagerDuty = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'pagerduty',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: postmortemIncidentSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const source = PagerDutyIncidentSource.fromConfig(config, { logger });
        if (!config.has('postmortem.pagerduty.signingSecrets')) {
          logger.warn(
            'postmortem.pagerduty.signingSecrets is not set; the PagerDuty webhook refuses every delivery',
          );
        }
        sources.addIncidentSource(source);
      },
    });
  },
});
