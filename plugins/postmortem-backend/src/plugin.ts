import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { registerActions } from './actions/registerActions';
import { readPluginConfig } from './config/readConfig';
import { createStores } from './database/createStores';
import { scheduleDemoData } from './demo/seedDemoData';
import { DraftJob } from './draft/DraftJob';
import { registerExtensionPoints } from './extensions';
import { IncidentIntake } from './intake/IncidentIntake';
import { NotificationOutbox } from './outbox/NotificationOutbox';
import { RedactingPostmortemStore } from './redaction/RedactingPostmortemStore';
import { Redactor } from './redaction/Redactor';
import { scheduleReRedaction } from './redaction/reRedactStoredData';
import { ReminderService } from './reminders/ReminderService';
import { createPostmortemService } from './service/createPostmortemService';
import { createRouter } from './service/router';
import { TrackerSync } from './trackers/TrackerSync';
import { RemediationVerifier } from './verification/RemediationVerifier';
import { createWebhookRouter } from './intake/createWebhookRouter';

/**
 * The postmortem backend plugin: incidents in, postmortems out. This file
 * only wires; each job reads its own config and schedules itself.
 *
 * @public
 */
export const postmortemPlugin = createBackendPlugin({
  pluginId: 'postmortem',
  register(env) {
    const extensions = registerExtensionPoints(env);
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        const settings = readPluginConfig(config);
        const sources = [...extensions.incidentSources.values()];
        const collectors = [...extensions.evidenceCollectors.values()];
        const trackers = [...extensions.trackers.values()];

        const stores = await createStores(deps.database);
        const redactor = Redactor.fromConfig(config);
        // Everything stored passes the redactor first.
        const store = RedactingPostmortemStore.wrap(
          stores.postmortems,
          redactor,
        );
        const jobDeps = { ...deps, stores, store };
        await scheduleReRedaction({ ...jobDeps, redactor });
        // Notifications caused by a write are recorded with it and sent
        // after commit (by the writer, or by the outbox job after a crash).
        const outbox = await NotificationOutbox.create(jobDeps);
        const { service, unrestricted, entities, templates, drafts } =
          createPostmortemService({ ...jobDeps, redactor, outbox, collectors });
        registerActions(deps.actionsRegistry, service);

        const draftJob = await DraftJob.start({ ...jobDeps, drafts });
        await ReminderService.create({ ...jobDeps, outbox });
        const trackerSync = await TrackerSync.create({
          ...jobDeps,
          entities,
          trackers,
          redactor,
        });
        const verifiers = [...extensions.verifiers.values()];
        await RemediationVerifier.create({ ...jobDeps, verifiers, redactor });
        await scheduleDemoData({
          ...jobDeps,
          enabled: settings.demoData,
          service: unrestricted,
          drafts,
        });

        const intake = new IncidentIntake(
          store,
          entities,
          templates,
          logger,
          draftJob,
          redactor,
          { entityNameFallback: settings.entityNameFallback },
        );
        deps.httpRouter.use(
          createWebhookRouter({
            ...settings,
            sources,
            intake,
            store,
            entities,
            logger,
            trackers,
            trackerSync,
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            database: stores.health,
            service,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            incidentSources: sources,
            evidenceCollectors: collectors,
            trackers: [...extensions.trackers.keys()],
            maxBodySize: settings.maxBodySize,
          }),
        );
        // Alerting tools carry no Backstage token; every source checks its
        // own secret or signature and answers 401 otherwise.
        for (const path of ['/health', '/webhooks']) {
          deps.httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
        logger.info(
          `Postmortem backend ready with ${sources.length} incident source(s), ${collectors.length} evidence collector(s) and ${trackers.length} tracker(s)`,
        );
      },
    });
  },
});
