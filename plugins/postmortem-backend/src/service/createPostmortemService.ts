import {
  AuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { postmortemPermissions } from '@postmortems/plugin-postmortem-common';
import {
  EvidenceCollector,
  postmortemPermissionResourceRef,
} from '@postmortems/plugin-postmortem-node';
import {
  readDraftSettings,
  readPluginConfig,
  readWorkflowConfig,
} from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';
import { DraftGenerator } from '../draft/DraftGenerator';
import { NotificationOutbox } from '../outbox/NotificationOutbox';
import { postmortemPermissionRules } from '../permissions/rules';
import { RecurrenceDetector } from '../recurrence/RecurrenceDetector';
import { Redactor } from '../redaction/Redactor';
import type { PostmortemStores } from '../database/createStores';
import { WorkflowEngine } from '../workflow/WorkflowEngine';
import { AuthorizedPostmortemService } from './AuthorizedPostmortemService';
import { DefaultPostmortemService } from './DefaultPostmortemService';
import { EntityResolver } from '../catalog/EntityResolver';
import { TemplateRegistry } from '../templates/TemplateRegistry';

/**
 * Builds the postmortem service (drafts, workflow, scorecards, recurrence
 * behind one interface) and its permission-checking decorator, and
 * registers the postmortem resource type with the permission framework.
 */
export function createPostmortemService(options: {
  config: Config;
  logger: LoggerService;
  stores: Pick<PostmortemStores, 'scorecards' | 'similar' | 'recurrence'>;
  store: PostmortemStore;
  redactor: Redactor;
  outbox: NotificationOutbox;
  collectors: EvidenceCollector[];
  auth: AuthService;
  catalog: CatalogService;
  userInfo: UserInfoService;
  notifications: NotificationService | undefined;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
}) {
  const { config, logger, stores, store, redactor, permissionsRegistry } =
    options;
  permissionsRegistry.addResourceType({
    resourceRef: postmortemPermissionResourceRef,
    permissions: postmortemPermissions,
    rules: Object.values(postmortemPermissionRules),
    getResources: ids => store.getPostmortems(ids),
  });
  const entities = new EntityResolver(
    options.catalog,
    options.auth,
    readPluginConfig(config).dependencyDepth,
  );
  const templates = TemplateRegistry.fromConfig(config);
  const recurrence = new RecurrenceDetector(
    stores.recurrence,
    options.outbox,
    logger,
  );
  const drafts = new DraftGenerator(
    store,
    entities,
    options.collectors,
    redactor,
    readDraftSettings(config, logger),
    logger,
    recurrence,
  );
  const { policy, processes } = readWorkflowConfig(config);
  const workflow = new WorkflowEngine(
    store,
    entities,
    options.userInfo,
    options.notifications,
    policy,
    { processes },
    logger,
  );
  const unrestricted = new DefaultPostmortemService(
    store,
    entities,
    templates,
    drafts,
    workflow,
    stores.scorecards,
    recurrence,
    redactor,
    stores.similar,
  );
  const ruleset = permissionsRegistry.getPermissionRuleset(
    postmortemPermissionResourceRef,
  );
  const service = new AuthorizedPostmortemService(
    unrestricted,
    options.permissions,
    createConditionTransformer(ruleset),
    createConditionAuthorizer(ruleset),
  );
  return { service, unrestricted, entities, templates, drafts };
}
