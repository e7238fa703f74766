import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  HttpRouterService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
// The test runs the real postmortem backend that the collator reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import postmortemPlugin from '@postmortems/plugin-postmortem-backend';
import { postmortemReadPermission } from '@postmortems/plugin-postmortem-common';
import request from 'supertest';
import searchModulePostmortemCollator from '.';

/**
 * The catalog as far as the postmortem backend asks it when an incident is
 * declared: every requested component exists and is owned by checkout-team.
 */
const fakeCatalogPlugin = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const handler: Parameters<HttpRouterService['use']>[0] = (req, res) => {
          if (req.method === 'POST' && req.path === '/entities/by-refs') {
            let body = '';
            req.setEncoding('utf8');
            req.on('data', chunk => {
              body += chunk;
            });
            req.on('end', () => {
              const { entityRefs } = JSON.parse(body) as {
                entityRefs: string[];
              };
              res.json({
                items: entityRefs.map(ref => {
                  const [kind, rest] = ref.split(':');
                  const [namespace, name] = rest.split('/');
                  return {
                    kind,
                    metadata: { name, namespace },
                    spec: { owner: 'group:default/checkout-team' },
                  };
                }),
              });
            });
            return;
          }
          res.json(req.path === '/entities' ? [] : { items: [] });
        };
        httpRouter.use(handler);
      },
    });
  },
});

/** Who may read the restricted postmortems, by postmortem id. */
const restrictedReaders = new Map<string, string[]>();

type Decision = Awaited<ReturnType<PermissionsService['authorize']>>[number];
type ConditionalDecision = Awaited<
  ReturnType<PermissionsService['authorizeConditional']>
>[number];
const ALLOW = 'ALLOW' as Decision['result'];
const DENY = 'DENY' as Decision['result'];

/**
 * Stands in for the permission framework. The postmortem plugin may do
 * anything; for the search plugin, `postmortem.read` is conditional, so the
 * search backend has to check each document by its resourceRef, and a
 * restricted postmortem is only readable by the users listed for it.
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): PermissionsService {
    if (plugin.getId() !== 'search') {
      return mockServices.permissions();
    }
    return {
      async authorizeConditional(queries) {
        return queries.map(
          query =>
            (query.permission.name === postmortemReadPermission.name
              ? {
                  result: 'CONDITIONAL',
                  pluginId: 'postmortem',
                  resourceType: 'postmortem',
                  conditions: { rule: 'IS_READABLE', params: {} },
                }
              : { result: ALLOW }) as unknown as ConditionalDecision,
        );
      },
      async authorize(queries, options) {
        const principal = options.credentials.principal as {
          userEntityRef?: string;
        };
        return queries.map(query => {
          const readers =
            'resourceRef' in query && query.resourceRef
              ? restrictedReaders.get(query.resourceRef)
              : undefined;
          const allowed =
            !readers || readers.includes(principal.userEntityRef ?? '');
          return { result: allowed ? ALLOW : DENY };
        });
      },
    };
  },
});

/** The search plugin's scheduler, so the test can run the index task itself. */
let searchScheduler: SchedulerService | undefined;
const captureSearchScheduler = createBackendModule({
  pluginId: 'search',
  moduleId: 'test-scheduler-handle',
  register(env) {
    env.registerInit({
      deps: { scheduler: coreServices.scheduler },
      async init({ scheduler }) {
        searchScheduler = scheduler;
      },
    });
  },
});

describe('searchModulePostmortemCollator', () => {
  it('indexes postmortems from the real postmortem backend and filters them per user', async () => {
    const { server } = await startTestBackend({
      features: [
        postmortemPlugin,
        searchPlugin,
        searchModulePostmortemCollator,
        fakeCatalogPlugin,
        permissionsFactory,
        captureSearchScheduler,
        // No task runs by itself; the test triggers the index task below.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            // One postmortem per page, so the collator has to follow cursors.
            search: { collators: { postmortem: { batchSize: 1 } } },
          },
        }),
      ],
    });

    const author = mockCredentials.user.header('user:default/alice');
    async function declare(title: string, visibility: 'normal' | 'restricted') {
      const declared = await request(server)
        .post('/api/postmortem/incidents')
        .set('authorization', author)
        .send({
          title,
          severity: 'SEV2',
          entityRefs: ['component:default/checkout-service'],
          visibility,
        });
      expect(declared.status).toBe(201);
      const { id, humanId, revision } = declared.body.postmortem;
      const updated = await request(server)
        .patch(`/api/postmortem/postmortems/${id}`)
        .set('authorization', author)
        .send({
          revision,
          narrative: {
            summary: `**${title}**: the payment gateway _rejected_ requests.`,
            lessonsLearned: '- Alert on `gateway_errors` sooner',
          },
        });
      expect(updated.status).toBe(200);
      return { id: id as string, humanId: humanId as string };
    }

    const normal = await declare('Checkout outage', 'normal');
    const restricted = await declare('Checkout data exposure', 'restricted');
    restrictedReaders.set(restricted.id, ['user:default/alice']);

    await searchScheduler!.triggerTask('search_index_postmortem');

    async function search(user: string) {
      const res = await request(server)
        .get('/api/search/query')
        .query({ term: 'gateway', types: ['postmortem'] })
        .set('authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return res.body.results as Array<{
        type: string;
        document: Record<string, unknown>;
      }>;
    }

    const aliceResults = await search('user:default/alice');
    expect(aliceResults.map(r => r.type)).toEqual(['postmortem', 'postmortem']);
    expect(aliceResults.map(r => r.document.location).sort()).toEqual(
      [
        `/postmortems/${normal.humanId}`,
        `/postmortems/${restricted.humanId}`,
      ].sort(),
    );
    expect(
      aliceResults.find(r => r.document.humanId === normal.humanId)?.document,
    ).toEqual(
      expect.objectContaining({
        title: `${normal.humanId}: Checkout outage`,
        text: 'Checkout outage: the payment gateway rejected requests.\n\nAlert on gateway_errors sooner',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout-service'],
        ownerRefs: ['group:default/checkout-team'],
      }),
    );
    // The search backend keeps resourceRefs to itself.
    expect(aliceResults.every(r => !('authorization' in r.document))).toBe(
      true,
    );

    // Bob is not allowed to read the restricted postmortem, so search hides it.
    const bobResults = await search('user:default/bob');
    expect(bobResults.map(r => r.document.humanId)).toEqual([normal.humanId]);
  });
});
