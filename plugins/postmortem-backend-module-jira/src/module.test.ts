import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  RemediationTracker,
  postmortemTrackersExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { postmortemModuleJira } from './module';

describe('postmortemModuleJira', () => {
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
        postmortemModuleJira,
        mockServices.rootConfig.factory({ data }),
        logger.factory,
      ],
    });
    return { trackers, logger, backend };
  };

  it('adds the Jira tracker when postmortem.jira is configured', async () => {
    const { trackers, backend } = await start({
      postmortem: { jira: { baseUrl: 'https://jira.example', token: 'pat' } },
    });
    expect(trackers.map(t => t.id)).toEqual(['jira']);
    await backend.stop();
  });

  it('adds nothing and says so when postmortem.jira is absent', async () => {
    const { trackers, logger, backend } = await start({});
    expect(trackers).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/postmortem.jira is not configured/),
    );
    await backend.stop();
  });
});
