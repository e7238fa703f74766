import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { postmortemEvidenceCollectorsExtensionPoint } from '@postmortems/plugin-postmortem-node';
import { GenericEvidenceCollector } from './GenericEvidenceCollector';

/**
 * Adds evidence from any HTTP API (logs, traces, error trackers,
 * Kubernetes) to postmortem drafts, configured in
 * `postmortem.genericEvidence`; without it, adds nothing.
 *
 * @public
 */
export const postmortemModuleGenericEvidence = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'generic-evidence',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        collectors: postmortemEvidenceCollectorsExtensionPoint,
      },
      async init({ config, logger, collectors }) {
        const sources = GenericEvidenceCollector.fromConfig(config, {
          logger,
        });
        if (!sources.length) {
          logger.info(
            'postmortem.genericEvidence is not configured; no evidence from logs, traces or orchestrators',
          );
          return;
        }
        collectors.addEvidenceCollector(...sources);
        logger.info(`Evidence sources: ${sources.map(s => s.id).join(', ')}`);
      },
    });
  },
});
