import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EvidenceCollector,
  postmortemEvidenceCollectorsExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { postmortemModuleGenericEvidence } from './module';

describe('postmortemModuleGenericEvidence', () => {
  const start = async (data: object) => {
    const collectors: EvidenceCollector[] = [];
    // A stand-in for the postmortem backend: it only records what modules add.
    const host = createBackendPlugin({
      pluginId: 'postmortem',
      register(env) {
        env.registerExtensionPoint(postmortemEvidenceCollectorsExtensionPoint, {
          addEvidenceCollector: (...c) => collectors.push(...c),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [
        host,
        postmortemModuleGenericEvidence,
        mockServices.rootConfig.factory({ data }),
      ],
    });
    return { collectors, backend };
  };

  it('adds one collector per configured source', async () => {
    const { collectors, backend } = await start({
      postmortem: {
        genericEvidence: {
          sources: ['loki', 'tempo'].map(name => ({
            name,
            request: { url: `http://${name}/` },
            mapping: '$',
          })),
        },
      },
    });
    expect(collectors.map(c => c.id)).toEqual([
      'generic:loki',
      'generic:tempo',
    ]);
    await backend.stop();
  });

  it('adds nothing without postmortem.genericEvidence', async () => {
    const { collectors, backend } = await start({});
    expect(collectors).toEqual([]);
    await backend.stop();
  });
});
