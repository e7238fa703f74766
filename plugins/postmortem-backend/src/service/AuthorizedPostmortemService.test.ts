import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  Postmortem,
  postmortemReadPermission,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import {
  createPostmortemConditionalDecision,
  postmortemConditions,
} from '../permissions/conditionExports';
import { postmortemPermissionRules } from '../permissions/rules';
import { AuthorizedPostmortemService } from './AuthorizedPostmortemService';
import { CallOptions, PostmortemService } from './PostmortemService';

const rules = Object.values(postmortemPermissionRules);
const ruleset = {
  getRuleByName: (name: string) => rules.find(r => r.name === name)!,
} as PermissionRuleset<Postmortem, PostmortemPermissionQuery>;

const ALICE = 'user:default/ada.okafor';
const postmortem = {
  id: '6f1c1a52-0d7e-4c55-9a43-6a3f0d1f2b10',
  incidentId: '0b8f3e0e-7f6b-4f43-9a55-3c1d2b4e5f60',
  humanId: 'INC-2026-0001',
  visibility: 'normal',
  revision: 3,
  roles: {
    incidentCommander: ALICE,
    technicalOwners: [],
    reviewers: [],
    contributors: [],
  },
  ownerRefs: [],
} as unknown as Postmortem;

/**
 * The permission layer around a fake service whose reads and writes are
 * recorded, with a permission service that answers `decide` per permission
 * and counts its calls.
 */
function setup(decide: (name: string) => PolicyDecision) {
  const calls: string[][] = [];
  const permissions = {
    async authorize(queries) {
      calls.push(queries.map(q => q.permission.name));
      return queries.map(q => decide(q.permission.name)) as any;
    },
    async authorizeConditional(queries) {
      calls.push(queries.map(q => q.permission.name));
      return queries.map(q => decide(q.permission.name)) as any;
    },
  } as PermissionsService;
  const reads: CallOptions[] = [];
  const writes: CallOptions[] = [];
  const inner = {
    async getPostmortem(_id: string, options: CallOptions) {
      reads.push(options);
      if (options.readFilter) throw new NotFoundError('No postmortem');
      return postmortem;
    },
    async updatePostmortem(
      _id: string,
      _input: unknown,
      _revision: number | undefined,
      options: CallOptions,
    ) {
      writes.push(options);
      return postmortem;
    },
  } as unknown as PostmortemService;
  const service = new AuthorizedPostmortemService(
    inner,
    permissions,
    createConditionTransformer(ruleset),
    createConditionAuthorizer(ruleset),
  );
  return { service, calls, reads, writes };
}

const update = (service: PostmortemService) =>
  service.updatePostmortem(
    postmortem.humanId,
    { narrative: { summary: 'x' } },
    3,
    { credentials: mockCredentials.user(ALICE) },
  );

describe('AuthorizedPostmortemService', () => {
  it('asks once per write (read and write together) and reads the postmortem once', async () => {
    const { service, calls, reads, writes } = setup(() => ({
      result: AuthorizeResult.ALLOW,
    }));
    await update(service);
    expect(calls).toEqual([['postmortem.read', 'postmortem.update']]);
    expect(reads).toHaveLength(1);
    // The operation starts from the postmortem just read.
    expect(writes[0].current).toBe(postmortem);
  });

  it('evaluates a conditional write decision on the postmortem read', async () => {
    const conditional =
      (claims: string[]) =>
      (name: string): PolicyDecision =>
        name === postmortemReadPermission.name
          ? { result: AuthorizeResult.ALLOW }
          : createPostmortemConditionalDecision(
              { ...postmortemReadPermission, name } as any,
              postmortemConditions.hasRole({ claims }),
            );
    const holder = setup(conditional([ALICE]));
    await update(holder.service);
    expect(holder.writes).toHaveLength(1);
    expect(holder.calls).toHaveLength(1);

    const other = setup(conditional(['user:default/someone.else']));
    await expect(update(other.service)).rejects.toThrow(NotAllowedError);
    expect(other.writes).toHaveLength(0);
    expect(other.calls).toHaveLength(1);
  });

  it('answers 404 before 403 when the postmortem cannot be read', async () => {
    const { service, writes } = setup(() => ({
      result: AuthorizeResult.DENY,
    }));
    await expect(update(service)).rejects.toThrow(NotFoundError);
    expect(writes).toHaveLength(0);
  });

  it('a denied write is 403', async () => {
    const { service, writes } = setup(name =>
      name === postmortemReadPermission.name
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY },
    );
    await expect(update(service)).rejects.toThrow(NotAllowedError);
    expect(writes).toHaveLength(0);
  });
});
