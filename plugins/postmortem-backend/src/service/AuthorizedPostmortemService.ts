import type { IncidentMetric } from '../database/ScorecardStore';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  Perspective,
  Postmortem,
  PostmortemStage,
  postmortemApprovePermission,
  postmortemCreatePermission,
  postmortemDeletePermission,
  postmortemReadPermission,
  postmortemUpdatePermission,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { SubRecordKind, SubRecords } from '../database/PostmortemStore';
import {
  CallOptions,
  DeclareIncidentInput,
  ListQuery,
  PostmortemService,
  ScorecardApiQuery,
  UpdateIncidentInput,
  UpdatePostmortemInput,
} from './PostmortemService';

/** A read filter that matches nothing, for callers denied outright. */
const NOTHING: PermissionCriteria<PostmortemPermissionQuery> = {
  allOf: [{ kind: 'isRestricted' }, { not: { kind: 'isRestricted' } }],
};

/**
 * Applies the permission framework around the postmortem service. A denied
 * read is a 404 and a denied list is filtered in SQL, so the existence of a
 * restricted postmortem never leaks; a denied write is a 403.
 */
export class AuthorizedPostmortemService implements PostmortemService {
  constructor(
    private readonly inner: PostmortemService,
    private readonly permissions: PermissionsService,
    private readonly transformConditions: ConditionTransformer<PostmortemPermissionQuery>,
    private readonly isAuthorized: (
      decision: PolicyDecision,
      postmortem: Postmortem,
    ) => boolean,
  ) {}

  /** The caller's read conditions, or undefined when reads are unrestricted. */
  private async readFilter(options: CallOptions): Promise<CallOptions> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: postmortemReadPermission }],
      { credentials: options.credentials },
    );
    return this.scoped(options, decision);
  }

  /** The call options with the read conditions of a read decision. */
  private scoped(options: CallOptions, read: PolicyDecision): CallOptions {
    if (read.result === AuthorizeResult.ALLOW) return options;
    if (read.result === AuthorizeResult.DENY) {
      return { ...options, readFilter: NOTHING };
    }
    if (read.result !== AuthorizeResult.CONDITIONAL) return options;
    return {
      ...options,
      readFilter: this.transformConditions(read.conditions),
    };
  }

  /**
   * Read first (404 if unreadable), then the write permission (403). One
   * round trip to the permission backend per request: the read and the
   * write permission are asked together, and a conditional write decision
   * is evaluated here on the postmortem just read, with the rules the
   * permission backend would apply (as the catalog does). Nothing is kept
   * beyond the request. The postmortem read goes to the operation as
   * `current`, so it does not read it again.
   */
  private async authorizeWrite(
    postmortemId: string,
    permission: ResourcePermission<'postmortem'>,
    options: CallOptions,
  ): Promise<CallOptions> {
    const [read, write] = await this.permissions.authorizeConditional(
      [{ permission: postmortemReadPermission }, { permission }],
      { credentials: options.credentials },
    );
    const scoped = this.scoped(options, read);
    const postmortem = await this.inner.getPostmortem(postmortemId, scoped);
    if (!this.isAuthorized(write, postmortem)) {
      throw new NotAllowedError(
        `You may not ${permission.attributes.action ?? 'change'} postmortem ${
          postmortem.humanId
        }`,
      );
    }
    return { ...scoped, current: postmortem };
  }

  listTemplates() {
    return this.inner.listTemplates();
  }

  async declareIncident(input: DeclareIncidentInput, options: CallOptions) {
    const [decision] = await this.permissions.authorize(
      [{ permission: postmortemCreatePermission }],
      { credentials: options.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not declare incidents');
    }
    return this.inner.declareIncident(input, options);
  }

  async getIncident(id: string, options: CallOptions) {
    return this.inner.getIncident(id, await this.readFilter(options));
  }

  async updateIncident(
    id: string,
    input: UpdateIncidentInput,
    options: CallOptions,
  ) {
    // The incident's postmortem carries the permissions (it is found by the
    // incident's id too); not readable is a 404 of the incident.
    const scoped = await this.authorizeWrite(
      id,
      postmortemUpdatePermission,
      options,
    ).catch(error => {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(`No incident ${id}`);
      }
      throw error;
    });
    return this.inner.updateIncident(id, input, scoped);
  }

  async listIncidents(query: ListQuery, options: CallOptions) {
    return this.inner.listIncidents(query, await this.readFilter(options));
  }

  async getPostmortem(id: string, options: CallOptions) {
    return this.inner.getPostmortem(id, await this.readFilter(options));
  }

  async listPostmortems(query: ListQuery, options: CallOptions) {
    return this.inner.listPostmortems(query, await this.readFilter(options));
  }

  async updatePostmortem(
    id: string,
    input: UpdatePostmortemInput,
    expectedRevision: number | undefined,
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.updatePostmortem(id, input, expectedRevision, scoped);
  }

  async deletePostmortem(id: string, options: CallOptions) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemDeletePermission,
      options,
    );
    return this.inner.deletePostmortem(id, scoped);
  }

  async generateDraft(id: string, options: CallOptions) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.generateDraft(id, scoped);
  }

  async getDependencyMap(id: string, options: CallOptions) {
    return this.inner.getDependencyMap(id, await this.readFilter(options));
  }

  async findSimilarPostmortems(
    id: string,
    limit: number,
    options: CallOptions,
  ) {
    return this.inner.findSimilarPostmortems(
      id,
      limit,
      await this.readFilter(options),
    );
  }

  async getScorecardDurations(
    query: ScorecardApiQuery,
    metric: IncidentMetric,
    options: CallOptions,
  ) {
    return this.inner.getScorecardDurations(
      query,
      metric,
      await this.readFilter(options),
    );
  }

  async getScorecards(query: ScorecardApiQuery, options: CallOptions) {
    return this.inner.getScorecards(query, await this.readFilter(options));
  }

  async listRelated(id: string, options: CallOptions) {
    return this.inner.listRelated(id, await this.readFilter(options));
  }

  async signOffRemediation(
    id: string,
    itemId: string,
    comment: string | undefined,
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.signOffRemediation(id, itemId, comment, scoped);
  }

  async exportDocument(id: string, options: CallOptions) {
    return this.inner.exportDocument(id, await this.readFilter(options));
  }

  async getGates(id: string, options: CallOptions) {
    return this.inner.getGates(id, await this.readFilter(options));
  }

  async transition(
    id: string,
    input: { to: PostmortemStage; comment?: string },
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      id,
      input.to === 'approved'
        ? postmortemApprovePermission
        : postmortemUpdatePermission,
      options,
    );
    return this.inner.transition(id, input, scoped);
  }

  async listApprovals(id: string, options: CallOptions) {
    return this.inner.listApprovals(id, await this.readFilter(options));
  }

  async addComment(
    id: string,
    input: { text: string; perspective: Perspective; section?: string },
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.addComment(id, input, scoped);
  }

  async listComments(id: string, options: CallOptions) {
    return this.inner.listComments(id, await this.readFilter(options));
  }

  async waiveFinding(
    id: string,
    input: { findingKey: string; reason: string },
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      id,
      postmortemApprovePermission,
      options,
    );
    return this.inner.waiveFinding(id, input, scoped);
  }

  async listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    options: CallOptions,
  ) {
    return this.inner.listSubRecords(
      kind,
      postmortemId,
      await this.readFilter(options),
    );
  }

  async addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      postmortemId,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.addSubRecord(kind, postmortemId, input, scoped);
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      postmortemId,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.updateSubRecord(
      kind,
      postmortemId,
      itemId,
      patch,
      scoped,
    );
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    options: CallOptions,
  ) {
    const scoped = await this.authorizeWrite(
      postmortemId,
      postmortemUpdatePermission,
      options,
    );
    return this.inner.deleteSubRecord(kind, postmortemId, itemId, scoped);
  }

  async listRevisions(postmortemId: string, options: CallOptions) {
    return this.inner.listRevisions(
      postmortemId,
      await this.readFilter(options),
    );
  }

  async diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
    options: CallOptions,
  ) {
    return this.inner.diffRevisions(
      postmortemId,
      from,
      to,
      await this.readFilter(options),
    );
  }

  async listHistory(postmortemId: string, options: CallOptions) {
    return this.inner.listHistory(postmortemId, await this.readFilter(options));
  }
}
