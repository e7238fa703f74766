import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EvidenceCollector,
  RemediationTracker,
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemTrackersExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { postmortemModuleGithub } from './module';

describe('postmortemModuleGithub', () => {
  const start = async (data: object) => {
    const trackers: RemediationTracker[] = [];
    const collectors: EvidenceCollector[] = [];
    // A stand-in for the postmortem backend: it only records what modules add.
    const host = createBackendPlugin({
      pluginId: 'postmortem',
      register(env) {
        env.registerExtensionPoint(postmortemTrackersExtensionPoint, {
          addTracker: (...t) => trackers.push(...t),
        });
        env.registerExtensionPoint(postmortemEvidenceCollectorsExtensionPoint, {
          addEvidenceCollector: (...c) => collectors.push(...c),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        host,
        postmortemModuleGithub,
        mockServices.rootConfig.factory({ data }),
        logger.factory,
      ],
    });
    return { trackers, collectors, logger, backend };
  };

  it('adds the GitHub tracker, the configuration commits and deployments collectors when postmortem.github is configured', async () => {
    const { trackers, collectors, backend } = await start({
      postmortem: { github: { token: 'ghp_x', labels: ['reliability'] } },
    });
    expect(trackers.map(t => t.id)).toEqual(['github']);
    expect(collectors.map(c => c.id)).toEqual([
      'github-config-commits',
      'github-deployments',
    ]);
    await backend.stop();
  });

  it('leaves deployments and configuration commits out when their enabled is false', async () => {
    const { trackers, collectors, backend } = await start({
      postmortem: {
        github: {
          token: 'ghp_x',
          deployments: { enabled: false },
          configChanges: { enabled: false },
        },
      },
    });
    expect(trackers.map(t => t.id)).toEqual(['github']);
    expect(collectors).toEqual([]);
    await backend.stop();
  });

  it('adds nothing and says so when postmortem.github is absent', async () => {
    const { trackers, collectors, logger, backend } = await start({});
    expect(trackers).toEqual([]);
    expect(collectors).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/postmortem.github is not configured/),
    );
    await backend.stop();
  });
});
