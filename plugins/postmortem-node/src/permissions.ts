import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  POSTMORTEM_RESOURCE_TYPE,
  Postmortem,
} from '@postmortems/plugin-postmortem-common';

/**
 * The declarative query that postmortem permission rules translate to; the
 * backend's store turns it into SQL so denied rows never leave the database.
 *
 * @public
 */
export type PostmortemPermissionQuery =
  | { kind: 'hasRole'; claims: string[]; roles?: PostmortemRoleName[] }
  | { kind: 'ownsAffectedEntity'; claims: string[] }
  | { kind: 'isRestricted' };

/**
 * Role names as permission rules see them.
 *
 * @public
 */
export type PostmortemRoleName =
  | 'incident_commander'
  | 'technical_owner'
  | 'reviewer'
  | 'contributor';

/**
 * The postmortem resource for the permission framework.
 *
 * @public
 */
export const postmortemPermissionResourceRef = createPermissionResourceRef<
  Postmortem,
  PostmortemPermissionQuery
>().with({
  pluginId: 'postmortem',
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});
