/*
 * One replica of the postmortem backend as an operating-system process, for
 * the SIGKILL proof (src/intake/sigkill.test.ts). Started by that test with
 * `node --require @backstage/cli/config/nodeTransform.cjs <this file>
 * --config <file>`; it is a real Backstage backend (catalog, permissions,
 * notifications, the postmortem plugin, Alertmanager and PagerDuty) on the
 * PostgreSQL the config names. Two things are added that a deployment
 * would not have, both to count from outside what the replicas send:
 *
 * - a notification processor that reports every notification the
 *   notifications backend is asked to send (its scope is the outbox key)
 *   to the receiver at `proof.receiverUrl`;
 * - a remediation tracker that files tickets at that receiver, which
 *   counts them by idempotency key.
 *
 * Job timeouts are cut to `proof.jobTimeoutSeconds`: a job run claimed by a
 * replica that is then killed is taken over once its timeout passed (five
 * minutes in the plugin), and the proof should not wait that long.
 */
import { createBackend } from '@backstage/backend-defaults';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import {
  postmortemTrackersExtensionPoint,
  TicketRequest,
} from '@postmortems/plugin-postmortem-node';
import { embeddedSqliteDatabaseServiceFactory } from '../database/embeddedSqlite';

const receiverModule = (pluginId: string, moduleId: string) => ({
  pluginId,
  moduleId,
});

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

const countingNotifications = createBackendModule({
  ...receiverModule('notifications', 'proof-receiver'),
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        processing: notificationsProcessingExtensionPoint,
      },
      async init({ config, processing }) {
        const receiver = config.getString('proof.receiverUrl');
        processing.addProcessor({
          getName: () => 'proof-receiver',
          async processOptions(options) {
            await post(`${receiver}/notifications`, {
              scope: options.payload.scope,
              title: options.payload.title,
              recipients: options.recipients,
            });
            return options;
          },
        });
      },
    });
  },
});

const countingTracker = createBackendModule({
  ...receiverModule('postmortem', 'proof-tracker'),
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        trackers: postmortemTrackersExtensionPoint,
      },
      async init({ config, trackers }) {
        const receiver = config.getString('proof.receiverUrl');
        trackers.addTracker({
          id: 'proof',
          appliesTo: () => true,
          async findTicket(request: TicketRequest) {
            const res = await fetch(
              `${receiver}/tickets?key=${encodeURIComponent(
                request.idempotencyKey,
              )}`,
            );
            if (res.status === 404) return undefined;
            if (!res.ok) throw new Error(`tracker answered ${res.status}`);
            return res.json();
          },
          async createTicket(request: TicketRequest) {
            return post(`${receiver}/tickets`, {
              key: request.idempotencyKey,
              title: request.item.title,
            });
          },
          async getTicketState() {
            return 'open';
          },
        });
      },
    });
  },
});

/** The scheduler, with every postmortem job's timeout cut short. */
const shortTimeoutScheduler = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    config: coreServices.rootConfig,
    database: coreServices.database,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    httpRouter: coreServices.httpRouter,
    metrics: metricsServiceRef,
  },
  async factory({ config, ...deps }): Promise<SchedulerService> {
    const scheduler = DefaultSchedulerService.create(deps);
    const seconds = config.getOptionalNumber('proof.jobTimeoutSeconds');
    if (!seconds || deps.pluginMetadata.getId() !== 'postmortem') {
      return scheduler;
    }
    return {
      ...scheduler,
      triggerTask: id => scheduler.triggerTask(id),
      getScheduledTasks: () => scheduler.getScheduledTasks(),
      createScheduledTaskRunner: schedule =>
        scheduler.createScheduledTaskRunner(schedule),
      scheduleTask: task =>
        scheduler.scheduleTask({ ...task, timeout: { seconds } }),
    };
  },
});

const backend = createBackend();
backend.add(embeddedSqliteDatabaseServiceFactory);
backend.add(shortTimeoutScheduler);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(countingNotifications);
backend.add(import('../index'));
backend.add(countingTracker);
backend.add(
  import('@postmortems/plugin-postmortem-backend-module-alertmanager'),
);
backend.add(import('@postmortems/plugin-postmortem-backend-module-pagerduty'));
backend.start();
