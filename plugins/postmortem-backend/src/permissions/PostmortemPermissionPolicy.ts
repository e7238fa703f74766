import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  postmortemApprovePermission,
  postmortemCreatePermission,
  postmortemDeletePermission,
  postmortemReadPermission,
  postmortemUpdatePermission,
} from '@postmortems/plugin-postmortem-common';
import {
  createPostmortemConditionalDecision,
  postmortemConditions,
} from './conditionExports';

/** Options of {@link PostmortemPermissionPolicy}. */
export interface PostmortemPermissionPolicyOptions {
  /**
   * Users who may only read (for example the guest of a demo portal).
   * Default: `user:development/guest`.
   */
  readOnlyUsers?: string[];
  /** Decides permissions that are not the postmortem's; default allow. */
  fallback?: PermissionPolicy;
}

/**
 * A permission policy for the postmortem plugin that adopters can use as it
 * is or copy:
 *
 * - everyone signed in reads normal postmortems; restricted ones only their
 *   role holders (incident commander, technical owners, reviewers,
 *   contributors, directly or through a group);
 * - the role holders and the owners of affected entities edit (on a
 *   restricted postmortem, the role holders only);
 * - reviewers approve; the incident commander deletes;
 * - signed-in users declare incidents; read-only users change nothing;
 * - service principals (search indexing, scheduled jobs) are allowed.
 *
 * Groups come from the user's ownership claims, as the sign-in resolver
 * sets them.
 */
export class PostmortemPermissionPolicy implements PermissionPolicy {
  private readonly readOnly: Set<string>;

  constructor(
    private readonly options: PostmortemPermissionPolicyOptions = {},
  ) {
    this.readOnly = new Set(
      (options.readOnlyUsers ?? ['user:development/guest']).map(r =>
        r.toLocaleLowerCase('en-US'),
      ),
    );
  }

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const permission = query.permission;
    const isOurs = [
      postmortemReadPermission,
      postmortemCreatePermission,
      postmortemUpdatePermission,
      postmortemDeletePermission,
      postmortemApprovePermission,
    ].some(p => isPermission(permission, p));
    if (!isOurs) {
      return this.options.fallback
        ? this.options.fallback.handle(query, user)
        : { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      // A service principal acting for itself.
      return { result: AuthorizeResult.ALLOW };
    }
    const ref = user.info.userEntityRef.toLocaleLowerCase('en-US');
    const claims = [
      ...new Set([ref, ...(user.info.ownershipEntityRefs ?? [])]),
    ];
    const readOnly = this.readOnly.has(ref);

    if (isPermission(permission, postmortemReadPermission)) {
      return createPostmortemConditionalDecision(permission, {
        anyOf: [
          { not: postmortemConditions.isRestricted() },
          postmortemConditions.hasRole({ claims }),
        ],
      });
    }
    if (readOnly) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(permission, postmortemCreatePermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, postmortemApprovePermission)) {
      return createPostmortemConditionalDecision(
        permission,
        postmortemConditions.hasRole({ claims, roles: ['reviewer'] }),
      );
    }
    if (isPermission(permission, postmortemDeletePermission)) {
      return createPostmortemConditionalDecision(
        permission,
        postmortemConditions.hasRole({
          claims,
          roles: ['incident_commander'],
        }),
      );
    }
    // postmortem.update
    return createPostmortemConditionalDecision(
      permission as typeof postmortemUpdatePermission,
      {
        anyOf: [
          postmortemConditions.hasRole({ claims }),
          {
            allOf: [
              { not: postmortemConditions.isRestricted() },
              postmortemConditions.ownsAffectedEntity({ claims }),
            ],
          },
        ],
      },
    );
  }
}
