import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  EvidenceCollector,
  IncidentSource,
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemIncidentSourcesExtensionPoint,
} from '@postmortems/plugin-postmortem-node';
import { KnexPostmortemStore } from './database/KnexPostmortemStore';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './service/router';

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

    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, logger }) {
        const knex = await migrateDatabase(database);

        httpRouter.use(
          await createRouter({
            knex,
            store: KnexPostmortemStore.create(knex),
            incidentSources: [...incidentSources.values()],
            evidenceCollectors: [...evidenceCollectors.values()],
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        logger.info(
          `Postmortem backend ready with ${incidentSources.size} incident source(s) and ${evidenceCollectors.size} evidence collector(s)`,
        );
      },
    });
  },
});
