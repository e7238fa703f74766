import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  RemediationTracker,
  postmortemTrackersExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { postmortemModuleGithub } from './module';

describe('postmortemModuleGithub', () => {
  const start = async (data: object) => {
    const trackers: RemediationTracker[] = [];
    // A stand-in for the postmortem backend: it only records what modules add.
    const host = createBackendPlugin({
      pluginId: 'postmortem',
      register(env) {
        env.registerExtensionPoint(postmortemTrackersExtensionPoint, {
          addTracker: (...t) => trackers.push(...t),
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
    return { trackers, logger, backend };
  };

  it('adds the GitHub tracker when postmortem.github is configured', async () => {
    const { trackers, backend } = await start({
      postmortem: { github: { token: 'ghp_x', labels: ['reliability'] } },
    });
    expect(trackers.map(t => t.id)).toEqual(['github']);
    await backend.stop();
  });

  it('adds nothing and says so when postmortem.github is absent', async () => {
    const { trackers, logger, backend } = await start({});
    expect(trackers).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/postmortem.github is not configured/),
    );
    await backend.stop();
  });
});
