import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemRemediationVerifiersExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { PrometheusEvidenceCollector } from './PrometheusEvidenceCollector';
import { PrometheusRemediationVerifier } from './PrometheusRemediationVerifier';

/**
 * Adds Prometheus metrics as evidence to postmortem drafts, and checks
 * remediation items whose verification is a Prometheus query.
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
        verifiers: postmortemRemediationVerifiersExtensionPoint,
      },
      async init({ config, logger, collectors, verifiers }) {
        const verifier = PrometheusRemediationVerifier.fromConfig(config);
        if (verifier) verifiers.addRemediationVerifier(verifier);
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
