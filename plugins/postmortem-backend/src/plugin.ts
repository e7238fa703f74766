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
} from '@postmortems/plugin-postmortem-node';
import { KnexPostmortemStore } from './database/KnexPostmortemStore';
import { migrateDatabase } from './database/migrateDatabase';
import { postmortemPermissionRules } from './permissions/rules';
import { AuthorizedPostmortemService } from './service/AuthorizedPostmortemService';
import { DefaultPostmortemService } from './service/DefaultPostmortemService';
import { EntityResolver } from './service/EntityResolver';
import { createRouter } from './service/router';
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
      },
      async init(deps) {
        const { config, logger, permissionsRegistry } = deps;
        const knex = await migrateDatabase(deps.database);
        const store = KnexPostmortemStore.create(knex);

        const rules = Object.values(postmortemPermissionRules);
        permissionsRegistry.addResourceType({
          resourceRef: postmortemPermissionResourceRef,
          permissions: postmortemPermissions,
          rules,
          getResources: ids => store.getPostmortems(ids),
        });

        const service = new AuthorizedPostmortemService(
          new DefaultPostmortemService(
            store,
            new EntityResolver(
              deps.catalog,
              deps.auth,
              config.getOptionalNumber('postmortem.dependencyDepth') ?? 3,
            ),
            TemplateRegistry.fromConfig(config),
          ),
          deps.permissions,
          createConditionTransformer(
            permissionsRegistry.getPermissionRuleset(
              postmortemPermissionResourceRef,
            ),
          ),
        );

        deps.httpRouter.use(
          await createRouter({
            knex,
            service,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            incidentSources: [...incidentSources.values()],
            evidenceCollectors: [...evidenceCollectors.values()],
            maxBodySize:
              config.getOptionalString('postmortem.maxBodySize') ?? '1mb',
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        logger.info(
          `Postmortem backend ready with ${incidentSources.size} incident source(s) and ${evidenceCollectors.size} evidence collector(s)`,
        );
      },
    });
  },
});
