import { createPermissionRule } from '@backstage/plugin-permission-node';
import { postmortemPermissionResourceRef } from '@postmortems/plugin-postmortem-node';
import { z } from 'zod';

/** The principal (or one of its groups) owns an entity the incident affected. */
export const ownsAffectedEntity = createPermissionRule({
  name: 'OWNS_AFFECTED_ENTITY',
  description:
    'Allow principals who own, directly or through a group, an entity the incident affected',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the principal and its groups'),
  }),
  apply(postmortem, { claims }) {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    return postmortem.ownerRefs.some(o =>
      wanted.has(o.toLocaleLowerCase('en-US')),
    );
  },
  toQuery({ claims }) {
    return { kind: 'ownsAffectedEntity', claims };
  },
});
