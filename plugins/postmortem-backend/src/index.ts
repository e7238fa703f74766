/**
 * Backend plugin for automated incident postmortems.
 *
 * @packageDocumentation
 */

export { postmortemPlugin as default } from './plugin';
export {
  postmortemConditions,
  createPostmortemConditionalDecision,
} from './permissions/conditionExports';
export { PostmortemPermissionPolicy } from './permissions/PostmortemPermissionPolicy';
export type { PostmortemPermissionPolicyOptions } from './permissions/PostmortemPermissionPolicy';
export { embeddedSqliteDatabaseServiceFactory } from './database/embeddedSqlite';
