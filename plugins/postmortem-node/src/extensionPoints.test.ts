import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  IncidentSource,
  postmortemIncidentSourcesExtensionPoint,
} from './incidentSources';
import {
  EvidenceCollector,
  postmortemEvidenceCollectorsExtensionPoint,
} from './evidenceCollectors';

describe('postmortem extension points', () => {
  it('carry sources and collectors from a module to the plugin', async () => {
    const sources: IncidentSource[] = [];
    const collectors: EvidenceCollector[] = [];

    // A stand-in for the postmortem backend: it only records what modules add.
    const host = createBackendPlugin({
      pluginId: 'postmortem',
      register(env) {
        env.registerExtensionPoint(postmortemIncidentSourcesExtensionPoint, {
          addIncidentSource: (...s) => sources.push(...s),
        });
        env.registerExtensionPoint(postmortemEvidenceCollectorsExtensionPoint, {
          addEvidenceCollector: (...c) => collectors.push(...c),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    const module = createBackendModule({
      pluginId: 'postmortem',
      moduleId: 'test-source',
      register(env) {
        env.registerInit({
          deps: {
            sources: postmortemIncidentSourcesExtensionPoint,
            collectors: postmortemEvidenceCollectorsExtensionPoint,
          },
          async init(deps) {
            deps.sources.addIncidentSource({
              id: 'test',
              authenticate: async () => {},
              parse: async () => [],
            });
            deps.collectors.addEvidenceCollector({
              id: 'test-metrics',
              collect: async () => [],
            });
          },
        });
      },
    });

    await startTestBackend({ features: [host, module] });

    expect(sources.map(s => s.id)).toEqual(['test']);
    expect(collectors.map(c => c.id)).toEqual(['test-metrics']);
  });
});
