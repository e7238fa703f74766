import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemEvidenceCollectorsExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { PrometheusEvidenceCollector } from './PrometheusEvidenceCollector';

/**
 * Adds Prometheus metrics as evidence to postmortem drafts.
 *
 * @public
 */
export const postmortemModulePrometheus = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        collectors: postmortemEvidenceCollectorsExtensionPoint,
      },
      async init({ config, logger, collectors }) {
        const collector = PrometheusEvidenceCollector.fromConfig(config);
        if (!collector) {
          logger.info(
            'postmortem.prometheus is not configured; no metric evidence',
          );
          return;
        }
        collectors.addEvidenceCollector(collector);
      },
    });
  },
});
