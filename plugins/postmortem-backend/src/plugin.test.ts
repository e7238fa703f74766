import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { postmortemIncidentSourcesExtensionPoint } from '@postmortems/plugin-postmortem-node';
import request from 'supertest';
import { postmortemPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/databases';

const databases = createTestDatabases();

const testSource = createBackendModule({
  pluginId: 'postmortem',
  moduleId: 'test-source',
  register(env) {
    env.registerInit({
      deps: { sources: postmortemIncidentSourcesExtensionPoint },
      async init({ sources }) {
        sources.addIncidentSource({
          id: 'test',
          authenticate: async () => {},
          parse: async () => [],
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())('postmortem plugin on %p', id => {
  it('migrates its database and answers health without credentials', async () => {
    const knex = await databases.init(id);
    const { server } = await startTestBackend({
      features: [
        postmortemPlugin,
        testSource,
        mockServices.database.factory({ knex }),
      ],
    });

    const res = await request(server)
      .get('/api/postmortem/health')
      .set('authorization', 'Bearer mock-none-token');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'ok',
      incidentSources: ['test'],
      evidenceCollectors: [],
      trackers: [],
    });
    expect(await knex.schema.hasTable('postmortems')).toBe(true);
  });
});
