import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type that postmortem permissions and rules apply to.
 *
 * @public
 */
export const POSTMORTEM_RESOURCE_TYPE = 'postmortem';

/**
 * Read a postmortem and everything under it (incident, timeline, evidence…).
 *
 * @public
 */
export const postmortemReadPermission = createPermission({
  name: 'postmortem.read',
  attributes: { action: 'read' },
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});

/**
 * Declare an incident by hand and open its postmortem.
 *
 * @public
 */
export const postmortemCreatePermission = createPermission({
  name: 'postmortem.create',
  attributes: { action: 'create' },
});

/**
 * Edit a postmortem's content and its sub-records.
 *
 * @public
 */
export const postmortemUpdatePermission = createPermission({
  name: 'postmortem.update',
  attributes: { action: 'update' },
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});

/**
 * Delete a postmortem together with its incident.
 *
 * @public
 */
export const postmortemDeletePermission = createPermission({
  name: 'postmortem.delete',
  attributes: { action: 'delete' },
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});

/**
 * Approve a postmortem in review, or send it back.
 *
 * @public
 */
export const postmortemApprovePermission = createPermission({
  name: 'postmortem.approve',
  attributes: { action: 'update' },
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});

/**
 * Every permission of the plugin, for registration and policy tooling.
 *
 * @public
 */
export const postmortemPermissions = [
  postmortemReadPermission,
  postmortemCreatePermission,
  postmortemUpdatePermission,
  postmortemDeletePermission,
  postmortemApprovePermission,
];
