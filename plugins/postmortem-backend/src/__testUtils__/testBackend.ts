import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  AuthService,
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { postmortemReadPermission } from '@postmortems/plugin-postmortem-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import createKnex, { Knex } from 'knex';
import request from 'supertest';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createPostmortemConditionalDecision, postmortemConditions } from '..';
import { postmortemPlugin } from '../plugin';
import { embeddedSqliteDatabaseServiceFactory } from '../database/embeddedSqlite';

const examples = path.resolve(__dirname, '../../../../examples');

/**
 * Groups each test user belongs to. The mock user-info service only knows
 * the user itself, so the policy adds these claims the way a real sign-in
 * resolver would.
 */
const GROUPS: Record<string, string[]> = {
  'user:default/sofia.martinez': ['group:default/checkout-team'],
};

/**
 * A policy like an adopter's: everyone reads normal postmortems; restricted
 * ones only role holders and owners of affected entities; `viewer` users may
 * read but never change anything.
 */
class TestPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ref = user?.info.userEntityRef ?? '';
    const claims = [
      ...(user?.info.ownershipEntityRefs ?? []),
      ...(GROUPS[ref] ?? []),
    ];
    if (isPermission(query.permission, postmortemReadPermission)) {
      return createPostmortemConditionalDecision(query.permission, {
        anyOf: [
          { not: postmortemConditions.isRestricted() },
          postmortemConditions.hasRole({ claims }),
          postmortemConditions.ownsAffectedEntity({ claims }),
        ],
      });
    }
    if (
      ref.includes('viewer') &&
      query.permission.attributes.action !== 'read'
    ) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const policyModule = (permissionPolicy: PermissionPolicy) =>
  createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy(permissionPolicy);
        },
      });
    },
  });

/**
 * Mock auth whose on-behalf-of tokens name the calling plugin as actor, as
 * real Backstage auth does; the permission backend refuses resource
 * permission checks from a user without an actor. (The mock in
 * backend-test-utils 1.11 predates that check.)
 */
const actorAwareAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => auth.authenticate(token, options),
      isPrincipal: ((credentials: any, type: any) =>
        auth.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

// Backends started by a test file are stopped after it, so their database
// pools do not pile up against PostgreSQL's connection limit.
const started: Array<{ stop(): Promise<void> }> = [];
afterAll(async () => {
  for (const backend of started.splice(0)) await backend.stop();
});

/** The databases of a started backend, for starting a replica on them. */
export interface PluginDatabases {
  clientFor(pluginId: string): Promise<Knex>;
  factory: BackendFeature;
  destroy(): Promise<void>;
}

/** Each plugin gets its own logical database, as in a real deployment. */
function perPluginDatabases(
  databases: TestDatabases,
  id: TestDatabaseId,
  replicaOf?: PluginDatabases,
): PluginDatabases {
  const clients = new Map<string, Promise<Knex>>();
  const clientFor = (pluginId: string) => {
    if (!clients.has(pluginId)) {
      // A replica opens its own pool on the same databases, as a second
      // backend process would.
      clients.set(
        pluginId,
        replicaOf
          ? replicaOf
              .clientFor(pluginId)
              .then(primary => createKnex(primary.client.config))
          : databases.init(id),
      );
    }
    return clients.get(pluginId)!;
  };
  return {
    clientFor,
    factory: createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }): DatabaseService => ({
        getClient: () => clientFor(plugin.getId()),
      }),
    }),
    async destroy() {
      if (replicaOf) {
        for (const client of clients.values()) await (await client).destroy();
      }
    },
  };
}

/**
 * The embedded default's databases: one SQLite file per plugin in a
 * directory, opened by Backstage's own database service as `./run start`
 * opens `data/sqlite/`.
 */
function sqliteFileDatabases(directory: string): PluginDatabases {
  const clients = new Map<string, Knex>();
  return {
    async clientFor(pluginId: string) {
      if (!clients.has(pluginId)) {
        clients.set(
          pluginId,
          createKnex({
            client: 'better-sqlite3',
            connection: {
              filename: path.join(directory, `${pluginId}.sqlite`),
            },
            useNullAsDefault: true,
          }),
        );
      }
      return clients.get(pluginId)!;
    },
    factory: embeddedSqliteDatabaseServiceFactory,
    async destroy() {
      for (const client of clients.values()) await client.destroy();
    },
  };
}

/** Where a backend keeps its data: a test database, or SQLite files. */
export type BackendDatabase = TestDatabaseId | { sqliteDirectory: string };

/**
 * A backend with the postmortem plugin and the real catalog (loading the
 * demo catalog from examples/), permission framework and policy above.
 */
export async function startPostmortemBackend(
  databases: TestDatabases,
  id: BackendDatabase,
  config: Record<string, unknown> = {},
  extraFeatures: BackendFeature[] = [],
  /** Start a second replica on the databases of this one. */
  replicaOf?: PluginDatabases,
  /** The permission policy; the test policy above when not given. */
  policy: PermissionPolicy = new TestPolicy(),
  options: {
    /**
     * How often the catalog processes every entity again. Every second
     * unless told: tests see the demo files' relations soon. `'default'`
     * sets no interval, so the catalog keeps its own (100 to 150 s), as
     * `./run start` does.
     */
    catalogProcessing?: 'everySecond' | 'default';
  } = {},
): Promise<{
  server: Server;
  knex: Knex;
  databases: PluginDatabases;
  stop(): Promise<void>;
}> {
  const perPlugin =
    typeof id === 'string'
      ? perPluginDatabases(databases, id, replicaOf)
      : sqliteFileDatabases(id.sqliteDirectory);
  const backend = await startTestBackend({
    features: [
      postmortemPlugin,
      catalogPlugin,
      permissionPlugin,
      notificationsPlugin,
      policyModule(policy),
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      perPlugin.factory,
      actorAwareAuth,
      ...extraFeatures,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          ...(typeof id === 'string'
            ? {}
            : {
                backend: {
                  database: {
                    client: 'better-sqlite3',
                    connection: { directory: id.sqliteDirectory },
                  },
                },
              }),
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Domain',
                  'Group',
                  'User',
                ],
              },
            ],
            ...(options.catalogProcessing === 'default'
              ? {}
              : { processingInterval: { seconds: 1 } }),
            locations: [
              { type: 'file', target: path.join(examples, 'entities.yaml') },
              { type: 'file', target: path.join(examples, 'org.yaml') },
            ],
          },
          ...config,
        },
      }),
    ],
  });
  // Once: a test may stop a replica itself, and the hook stops it again.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await backend.stop();
      await perPlugin.destroy();
    })());
  started.push({ stop });
  await waitForCatalog(backend.server);
  const knex: Knex = await perPlugin.clientFor('postmortem');
  return { server: backend.server, knex, databases: perPlugin, stop };
}

/** Every entity of the demo catalog, as refs. */
const demoEntityRefs = ['entities.yaml', 'org.yaml'].flatMap(file =>
  parseAllDocuments(readFileSync(path.join(examples, file), 'utf8'))
    .map(doc => doc.toJS())
    .filter(Boolean)
    .map(
      (e: { kind: string; metadata: { name: string; namespace?: string } }) =>
        `${e.kind}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLocaleLowerCase('en-US'),
    ),
);

async function waitForCatalog(server: Server) {
  // The catalog processes the demo files in the background, in no particular
  // order; the tests need every entity and the relations (ownedBy,
  // dependsOn) that processing adds.
  for (let attempt = 0; attempt < 240; attempt++) {
    const res = await request(server)
      .post('/api/catalog/entities/by-refs')
      .set('authorization', mockCredentials.service.header())
      .send({ entityRefs: demoEntityRefs });
    const items: Array<{ relations?: unknown[] } | null> = res.body.items ?? [];
    if (
      res.status === 200 &&
      items.length === demoEntityRefs.length &&
      items.every(e => e?.relations?.length)
    ) {
      return;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error('The catalog did not load the demo entities in time');
}

/** The Authorization header of a signed-in user. */
export const asUser = (ref: string) => ({
  authorization: mockCredentials.user.header(ref),
});
