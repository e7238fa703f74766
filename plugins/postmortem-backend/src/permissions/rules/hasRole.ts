import { createPermissionRule } from '@backstage/plugin-permission-node';
import { postmortemPermissionResourceRef } from '@postmortems/plugin-postmortem-node';
import { z } from 'zod';

const ROLES = [
  'incident_commander',
  'technical_owner',
  'reviewer',
  'contributor',
] as const;

/** The principal (or one of its groups) holds a role on the postmortem. */
export const hasRole = createPermissionRule({
  name: 'HAS_ROLE',
  description:
    'Allow principals who hold a role on the postmortem (incident commander, technical owner, reviewer or contributor), directly or through a group',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the principal and its groups'),
    roles: z
      .array(z.enum(ROLES))
      .optional()
      .describe('Only these roles count; all roles when omitted'),
  }),
  apply(postmortem, { claims, roles }) {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    const holders: Array<[string | undefined, (typeof ROLES)[number]]> = [
      [postmortem.roles.incidentCommander, 'incident_commander'],
      ...postmortem.roles.technicalOwners.map(
        r => [r, 'technical_owner'] as [string, 'technical_owner'],
      ),
      ...postmortem.roles.reviewers.map(
        r => [r, 'reviewer'] as [string, 'reviewer'],
      ),
      ...postmortem.roles.contributors.map(
        r => [r, 'contributor'] as [string, 'contributor'],
      ),
    ];
    return holders.some(
      ([ref, role]) =>
        ref !== undefined &&
        wanted.has(ref.toLocaleLowerCase('en-US')) &&
        (!roles?.length || roles.includes(role)),
    );
  },
  toQuery({ claims, roles }) {
    return { kind: 'hasRole', claims, roles };
  },
});
