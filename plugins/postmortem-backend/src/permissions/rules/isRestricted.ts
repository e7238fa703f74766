import { createPermissionRule } from '@backstage/plugin-permission-node';
import { postmortemPermissionResourceRef } from '@postmortems/plugin-postmortem-node';

/** The postmortem's visibility is restricted. */
export const isRestricted = createPermissionRule({
  name: 'IS_RESTRICTED',
  description: 'Match postmortems whose visibility is restricted',
  resourceRef: postmortemPermissionResourceRef,
  apply: postmortem => postmortem.visibility === 'restricted',
  toQuery: () => ({ kind: 'isRestricted' as const }),
});
