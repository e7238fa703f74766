import {
  coreServices,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
// Benchmarks run from source with the dev dependencies, as tests do.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { notificationService } from '@backstage/plugin-notifications-node';
// eslint-disable-next-line @backstage/no-undeclared-imports
import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postmortemPlugin } from '../../plugin';
import { inMemoryCatalog } from './catalog';

export const ALERTMANAGER_TOKEN = 'benchmark-alertmanager-token';

/**
 * The postmortem backend on the benchmark's database, with the catalog of
 * the data set in memory (the catalog itself is not what is measured), the
 * Alertmanager intake.
 */
export async function startBenchmarkBackend(
  knex: Knex,
  entities: Entity[],
): Promise<{ baseUrl: string; server: Server; stop(): Promise<void> }> {
  const database = createServiceFactory({
    service: coreServices.database,
    deps: {},
    factory: (): DatabaseService => ({
      getClient: async () => knex,
      migrations: { skip: true },
    }),
  });
  const notifications = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({ send: async () => {} }),
  });
  const backend = await startTestBackend({
    features: [
      postmortemPlugin,
      alertmanagerModule,
      database,
      notifications,
      inMemoryCatalog(entities),
      // Jobs (drafts, reminders, outbox) are not started: only the measured
      // requests touch the database.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          postmortem: { alertmanager: { token: ALERTMANAGER_TOKEN } },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/postmortem`,
    server: backend.server,
    stop: () => backend.stop(),
  };
}
