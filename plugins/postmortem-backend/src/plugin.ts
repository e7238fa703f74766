import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { postmortemPermissions } from '@postmortems/plugin-postmortem-common';
import {
  EvidenceCollector,
  IncidentSource,
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemIncidentSourcesExtensionPoint,
  postmortemPermissionResourceRef,
  postmortemTrackersExtensionPoint,
  RemediationTracker,
} from '@postmortems/plugin-postmortem-node';
import { KnexPostmortemStore } from './database/KnexPostmortemStore';
import { migrateDatabase } from './database/migrateDatabase';
import { postmortemPermissionRules } from './permissions/rules';
import { AuthorizedPostmortemService } from './service/AuthorizedPostmortemService';
import { DefaultPostmortemService } from './service/DefaultPostmortemService';
import { EntityResolver } from './service/EntityResolver';
import { createRouter } from './service/router';
import { draftSettingsFromConfig } from './draft/analysisSettings';
import { DraftGenerator } from './draft/DraftGenerator';
import { DraftJob } from './draft/DraftJob';
import { IncidentIntake } from './intake/IncidentIntake';
import { Redactor } from './redaction/Redactor';
import { RedactingPostmortemStore } from './redaction/RedactingPostmortemStore';
import { reRedactStoredData } from './redaction/reRedactStoredData';
import { createWebhookRouter } from './webhooks/createWebhookRouter';
import { notificationService } from '@backstage/plugin-notifications-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerActions } from './actions/registerActions';
import { seedDemoData } from './demo/seedDemoData';
import { ScorecardStore } from './scorecards/ScorecardStore';
import { RecurrenceDetector } from './recurrence/RecurrenceDetector';
import { NotificationOutbox } from './outbox/NotificationOutbox';
import { TrackerSync } from './trackers/TrackerSync';
import { RemediationVerifier } from './verification/RemediationVerifier';
import {
  ReminderService,
  reminderSettingsFromConfig,
} from './reminders/ReminderService';
import { deadlinePolicyFromConfig } from './workflow/deadlines';
import { WorkflowEngine } from './workflow/WorkflowEngine';
import { TemplateRegistry } from './service/templates';

/**
 * The postmortem backend plugin: incidents in, postmortems out.
 *
 * @public
 */
export const postmortemPlugin = createBackendPlugin({
  pluginId: 'postmortem',
  register(env) {
    const incidentSources = new Map<string, IncidentSource>();
    const evidenceCollectors = new Map<string, EvidenceCollector>();
    const trackers = new Map<string, RemediationTracker>();

    env.registerExtensionPoint(postmortemIncidentSourcesExtensionPoint, {
      addIncidentSource(...sources) {
        for (const source of sources) {
          if (incidentSources.has(source.id)) {
            throw new Error(`Incident source '${source.id}' is already added`);
          }
          incidentSources.set(source.id, source);
        }
      },
    });
    env.registerExtensionPoint(postmortemEvidenceCollectorsExtensionPoint, {
      addEvidenceCollector(...collectors) {
        for (const collector of collectors) {
          if (evidenceCollectors.has(collector.id)) {
            throw new Error(
              `Evidence collector '${collector.id}' is already added`,
            );
          }
          evidenceCollectors.set(collector.id, collector);
        }
      },
    });

    env.registerExtensionPoint(postmortemTrackersExtensionPoint, {
      addTracker(...added) {
        for (const tracker of added) {
          if (trackers.has(tracker.id)) {
            throw new Error(`Tracker '${tracker.id}' is already added`);
          }
          trackers.set(tracker.id, tracker);
        }
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, permissionsRegistry } = deps;
        const knex = await migrateDatabase(deps.database);
        const redactor = Redactor.fromConfig(config);
        // Everything stored passes the redactor first.
        const store = RedactingPostmortemStore.wrap(
          KnexPostmortemStore.create(knex),
          redactor,
        );
        // What was stored before a detector existed is redacted again, once
        // per redactor version, by one replica.
        await deps.scheduler.scheduleTask({
          id: 'postmortem-re-redact-stored-data',
          scope: 'global',
          frequency: { hours: 24 },
          initialDelay: { seconds: 5 },
          timeout: { hours: 1 },
          fn: async () => {
            await reRedactStoredData(knex, redactor, logger);
          },
        });

        const rules = Object.values(postmortemPermissionRules);
        permissionsRegistry.addResourceType({
          resourceRef: postmortemPermissionResourceRef,
          permissions: postmortemPermissions,
          rules,
          getResources: ids => store.getPostmortems(ids),
        });

        const entities = new EntityResolver(
          deps.catalog,
          deps.auth,
          config.getOptionalNumber('postmortem.dependencyDepth') ?? 3,
        );
        const templates = TemplateRegistry.fromConfig(config);
        // Notifications caused by a write are recorded with it and sent
        // after commit (here, or by the job below after a crash).
        const outbox = new NotificationOutbox(knex, deps.notifications, logger);
        await deps.scheduler.scheduleTask({
          id: 'postmortem-send-notifications',
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber('postmortem.outbox.retrySeconds') ?? 60,
          },
          timeout: { minutes: 5 },
          fn: async () => {
            await outbox.deliverPending();
          },
        });
        const recurrence = new RecurrenceDetector(knex, outbox, logger);
        const drafts = new DraftGenerator(
          store,
          entities,
          [...evidenceCollectors.values()],
          redactor,
          draftSettingsFromConfig(config),
          logger,
          recurrence,
        );
        const deadlinePolicy = deadlinePolicyFromConfig(config);
        const workflow = new WorkflowEngine(
          store,
          entities,
          deps.userInfo,
          deps.notifications,
          deadlinePolicy,
          {
            requiredApprovals:
              config.getOptionalNumber(
                'postmortem.workflow.requiredApprovals',
              ) ?? 1,
          },
          logger,
        );
        const unrestricted = new DefaultPostmortemService(
          store,
          entities,
          templates,
          drafts,
          workflow,
          new ScorecardStore(knex),
          recurrence,
          redactor,
        );
        const service = new AuthorizedPostmortemService(
          unrestricted,
          deps.permissions,
          createConditionTransformer(
            permissionsRegistry.getPermissionRuleset(
              postmortemPermissionResourceRef,
            ),
          ),
        );

        registerActions(deps.actionsRegistry, service);

        const draftJob = await DraftJob.start({
          config,
          scheduler: deps.scheduler,
          store,
          drafts,
          logger,
        });
        const reminders = new ReminderService(
          store,
          outbox,
          deadlinePolicy,
          reminderSettingsFromConfig(config),
          logger,
        );
        await deps.scheduler.scheduleTask({
          id: 'postmortem-send-reminders',
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'postmortem.reminders.frequencySeconds',
              ) ?? 900,
          },
          timeout: { minutes: 5 },
          fn: async () => {
            await reminders.run();
          },
        });

        if (config.getOptionalBoolean('postmortem.demoData')) {
          let seeded = false;
          await deps.scheduler.scheduleTask({
            id: 'postmortem-demo-data',
            scope: 'global',
            frequency: { seconds: 20 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 5 },
            fn: async () => {
              if (seeded) return;
              seeded = await seedDemoData({
                store,
                service: unrestricted,
                drafts,
                credentials: await deps.auth.getOwnServiceCredentials(),
                logger,
              });
            },
          });
        }

        const trackerSync = new TrackerSync(
          knex,
          store,
          entities,
          [...trackers.values()],
          config.getOptionalString('app.baseUrl') ?? '',
          logger,
        );
        await deps.scheduler.scheduleTask({
          id: 'postmortem-sync-trackers',
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber('postmortem.trackers.syncSeconds') ??
              120,
          },
          timeout: { minutes: 5 },
          fn: () => trackerSync.run(),
        });

        const verifier = new RemediationVerifier(
          knex,
          store,
          config.getOptionalString(
            'postmortem.verification.prometheusBaseUrl',
          ) ?? config.getOptionalString('postmortem.prometheus.baseUrl'),
          deps.notifications,
          logger,
        );
        await deps.scheduler.scheduleTask({
          id: 'postmortem-verify-remediation',
          scope: 'global',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'postmortem.verification.checkSeconds',
              ) ?? 300,
          },
          timeout: { minutes: 5 },
          fn: () => verifier.run(),
        });

        const entityNameFallback =
          config.getOptionalBoolean('postmortem.intake.entityNameFallback') ??
          true;
        const intake = new IncidentIntake(
          store,
          entities,
          templates,
          logger,
          () => draftJob.runSoon(),
          redactor,
          { entityNameFallback },
        );

        const maxBodySize =
          config.getOptionalString('postmortem.maxBodySize') ?? '1mb';
        deps.httpRouter.use(
          createWebhookRouter({
            sources: [...incidentSources.values()],
            intake,
            store,
            entities,
            logger,
            trackers: [...trackers.values()],
            trackerSync,
            changesToken: config.getOptionalString('postmortem.changes.token'),
            maxBodySize,
            entityNameFallback,
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            knex,
            service,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            incidentSources: [...incidentSources.values()],
            evidenceCollectors: [...evidenceCollectors.values()],
            trackers: [...trackers.keys()],
            maxBodySize,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        // Alerting tools carry no Backstage token; every source checks its
        // own secret or signature and answers 401 otherwise.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });

        logger.info(
          `Postmortem backend ready with ${incidentSources.size} incident source(s), ${evidenceCollectors.size} evidence collector(s) and ${trackers.size} tracker(s)`,
        );
      },
    });
  },
});
