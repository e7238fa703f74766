import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  diffSnapshots,
  Perspective,
  Postmortem,
  PostmortemRoles,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import {
  PostmortemStore,
  SubRecordKind,
  SubRecords,
} from '../database/PostmortemStore';
import { DraftGenerator } from '../draft/DraftGenerator';
import { WorkflowEngine } from '../workflow/WorkflowEngine';
import { IncidentMetric, ScorecardStore } from '../scorecards/ScorecardStore';
import { SimilarPostmortemStore } from '../database/SimilarPostmortemStore';
import { rankSimilar } from '../similar/rankSimilar';
import { Redactor } from '../redaction/Redactor';
import { RecurrenceDetector } from '../recurrence/RecurrenceDetector';
import { EntityResolver, normalizeRef } from '../catalog/EntityResolver';
import {
  CallOptions,
  DeclareIncidentInput,
  ListQuery,
  PostmortemService,
  revisionOf,
  ScorecardApiQuery,
  UpdateIncidentInput,
  UpdatePostmortemInput,
} from './PostmortemService';
import { principalRef } from '../auth/principalRef';
import { TemplateRegistry } from '../templates/TemplateRegistry';
import { buildNewIncident } from '../intake/newIncident';

const TIME_ORDER = [
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/** Rejects times that run backwards (e.g. resolved before impact started). */
function checkTimeOrder(
  times: Partial<Record<(typeof TIME_ORDER)[number], string>>,
) {
  const impact = times.impactStartedAt && Date.parse(times.impactStartedAt);
  for (const field of TIME_ORDER.slice(1)) {
    const value = times[field];
    if (impact && value && Date.parse(value) < impact) {
      throw new InputError(`${field} is before impactStartedAt`);
    }
  }
}

/** The postmortem logic, without authorization (see AuthorizedPostmortemService). */
export class DefaultPostmortemService implements PostmortemService {
  constructor(
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly templates: TemplateRegistry,
    private readonly drafts: DraftGenerator,
    private readonly workflow: WorkflowEngine,
    private readonly scorecards: ScorecardStore,
    private readonly recurrence: RecurrenceDetector,
    private readonly redactor: Redactor,
    private readonly similar: SimilarPostmortemStore,
  ) {}

  /**
   * Masks secrets and personal data in the free-text fields people send,
   * before anything is stored.
   */
  private scrub<T extends object>(input: T, fields: string[]): T {
    const copy = { ...input } as Record<string, unknown>;
    for (const field of fields) {
      if (copy[field] === undefined) continue;
      copy[field] = this.redactor.redactValue(copy[field]).value;
    }
    return copy as T;
  }

  listTemplates() {
    return this.templates.list();
  }

  private async checkRoles(
    roles: Partial<PostmortemRoles> | undefined,
  ): Promise<PostmortemRoles> {
    const people = async (field: string, refs: string[] | undefined) =>
      refs?.length ? this.entities.requireExisting(field, refs, 'user') : [];
    return {
      incidentCommander: roles?.incidentCommander
        ? (
            await this.entities.requireExisting(
              'roles.incidentCommander',
              [roles.incidentCommander],
              'user',
            )
          )[0]
        : undefined,
      technicalOwners: await people(
        'roles.technicalOwners',
        roles?.technicalOwners,
      ),
      reviewers: await people('roles.reviewers', roles?.reviewers),
      contributors: await people('roles.contributors', roles?.contributors),
    };
  }

  async declareIncident(input: DeclareIncidentInput, options: CallOptions) {
    checkTimeOrder(input);
    const entityRefs = await this.entities.requireExisting(
      'entityRefs',
      input.entityRefs,
    );
    const responders = await Promise.all(
      (input.responders ?? []).map(async (r, i) => ({
        ...r,
        userRef: (
          await this.entities.requireExisting(
            `responders[${i}].userRef`,
            [r.userRef],
            'user',
          )
        )[0],
      })),
    );
    // Whoever declares an incident by hand commands it unless someone is
    // named, when the catalog knows them (a guest, say, it does not).
    const declarer = options.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    let declarerRef: string | undefined;
    if (declarer.type === 'user' && declarer.userEntityRef && !input.source) {
      declarerRef = await this.entities
        .requireExisting('declarer', [declarer.userEntityRef], 'user')
        .then(([ref]) => ref)
        .catch(() => undefined);
    }
    const roles = await this.checkRoles({
      ...input.roles,
      incidentCommander:
        input.roles?.incidentCommander ??
        responders.find(r => r.role === 'incident_commander')?.userRef ??
        declarerRef,
    });
    // Built and cleaned as a webhook's incident is (intake/newIncident).
    return this.store.createIncident(
      buildNewIncident(
        {
          ...input,
          status: input.status ?? 'declared',
          entityRefs,
          responders,
          links: input.links ?? [],
          source: input.source ?? 'manual',
          externalIds: input.externalIds ?? {},
          labels: input.labels ?? {},
          roles,
          ownerRefs: await this.entities.ownersOf(entityRefs),
          author: principalRef(options.credentials),
        },
        { templates: this.templates, redactor: this.redactor },
      ),
    );
  }

  async getIncident(id: string, options: CallOptions) {
    const incident = await this.store.getIncident(id, options.readFilter);
    if (!incident) throw new NotFoundError(`No incident ${id}`);
    return incident;
  }

  async updateIncident(
    id: string,
    rawInput: UpdateIncidentInput,
    options: CallOptions,
  ) {
    const input = this.scrub(rawInput, ['title']);
    const current = await this.getIncident(id, options);
    const basedOn = revisionOf(options, current);
    checkTimeOrder({ ...current, ...input });
    const entityRefs = input.entityRefs
      ? await this.entities.requireExisting('entityRefs', input.entityRefs)
      : undefined;
    const responders = input.responders
      ? await Promise.all(
          input.responders.map(async (r, i) => ({
            ...r,
            userRef: (
              await this.entities.requireExisting(
                `responders[${i}].userRef`,
                [r.userRef],
                'user',
              )
            )[0],
          })),
        )
      : undefined;
    const author = principalRef(options.credentials);
    const updated = await this.store.updateIncident(
      current.id,
      {
        ...input,
        entityRefs,
        responders,
        ownerRefs: entityRefs && (await this.entities.ownersOf(entityRefs)),
      },
      { author, expectedRevision: basedOn },
    );
    const postmortem = await this.store.getPostmortem(current.id);
    await this.store.addHistory(postmortem!.id, {
      actor: author,
      action: 'incident.updated',
      details: { fields: Object.keys(input) },
    });
    return updated;
  }

  private async expandEntity(query: ListQuery) {
    if (!query.entityRef) return undefined;
    const ref = normalizeRef(query.entityRef);
    if (!query.includeDependencies) return [ref];
    return (await this.entities.dependencyClosure(ref)).map(d => d.entityRef);
  }

  async listIncidents(query: ListQuery, options: CallOptions) {
    return this.store.listIncidents({
      ...query,
      entityRefs: await this.expandEntity(query),
      permission: options.readFilter,
    });
  }

  async getPostmortem(id: string, options: CallOptions): Promise<Postmortem> {
    const postmortem = await this.store.getPostmortem(id, options.readFilter);
    if (!postmortem) throw new NotFoundError(`No postmortem ${id}`);
    return this.workflow.decorate(postmortem);
  }

  async listPostmortems(query: ListQuery, options: CallOptions) {
    const page = await this.store.listPostmortems({
      ...query,
      entityRefs: await this.expandEntity(query),
      permission: options.readFilter,
    });
    return { ...page, items: page.items.map(p => this.workflow.decorate(p)) };
  }

  async updatePostmortem(
    id: string,
    rawInput: UpdatePostmortemInput,
    expectedRevision: number | undefined,
    options: CallOptions,
  ) {
    const input = this.scrub(rawInput, ['narrative']);
    const current = await this.getPostmortem(id, options);
    const basedOn = revisionOf(options, current, expectedRevision);
    const author = principalRef(options.credentials);
    const roles = input.roles
      ? await this.checkRoles({ ...current.roles, ...input.roles })
      : undefined;
    const updated = await this.store.updatePostmortem(
      current.id,
      { ...input, roles },
      { author, expectedRevision: basedOn },
    );
    await this.store.addHistory(current.id, {
      actor: author,
      action: 'postmortem.updated',
      details: { fields: Object.keys(input), revision: updated.revision },
    });
    await this.workflow.invalidateApproval(current.id, author);
    // Read back without the caller's filter: a writer who just restricted
    // the postmortem still gets the result of the write.
    return this.workflow.decorate(
      (await this.store.getPostmortem(current.id))!,
    );
  }

  async deletePostmortem(id: string, options: CallOptions) {
    const current = await this.getPostmortem(id, options);
    await this.store.deletePostmortem(current.id);
  }

  async generateDraft(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const author = principalRef(options.credentials);
    await this.drafts.generate(postmortem.incidentId, author);
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: 'draft.generated',
      details: {},
    });
    return this.getPostmortem(postmortem.id, options);
  }

  async getDependencyMap(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const snapshot = await this.store.getDependencySnapshot(postmortem.id);
    if (snapshot) return { ...snapshot, live: false };
    // Not drafted yet: the catalog as it is now.
    const graph = await this.entities.dependencyGraph(postmortem.entityRefs);
    return {
      capturedAt: new Date().toISOString(),
      nodes: graph.nodes.map(n => ({ ...n, affected: n.distance === 0 })),
      edges: graph.edges,
      live: true,
    };
  }

  async findSimilarPostmortems(
    id: string,
    limit: number,
    options: CallOptions,
  ) {
    // Read through the permission check first: an unreadable one is a 404.
    const postmortem = await this.getPostmortem(id, options);
    const target = await this.similar.record(postmortem.id);
    if (!target) throw new NotFoundError(`No postmortem ${id}`);
    const candidates = await this.similar.candidates(
      target,
      options.readFilter,
    );
    return rankSimilar(target, candidates, { limit, now: new Date() });
  }

  async getScorecards(query: ScorecardApiQuery, options: CallOptions) {
    return this.scorecards.compute(await this.scorecardScope(query, options));
  }

  async getScorecardDurations(
    query: ScorecardApiQuery,
    metric: IncidentMetric,
    options: CallOptions,
  ) {
    const groups = await this.scorecards.durations(
      await this.scorecardScope(query, options),
      metric,
    );
    // Nearest rank, as the scorecard rows compute them in SQL.
    const rank = (values: number[], p: number) =>
      values.length ? values[Math.ceil((p / 100) * values.length) - 1] : null;
    return groups.map(({ group, values }) => ({
      group,
      count: values.length,
      median: rank(values, 50),
      p90: rank(values, 90),
      values,
    }));
  }

  /** What a scorecard query covers, as the store takes it. */
  private async scorecardScope(query: ScorecardApiQuery, options: CallOptions) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - 180 * 86_400_000);
    if (from >= to) throw new InputError('from must be before to');
    let entityRefs = await this.expandEntity(query);
    if (query.systemRef) {
      const parts = await this.entities.partsOfSystem(query.systemRef);
      entityRefs = entityRefs
        ? entityRefs.filter(r => parts.includes(r))
        : parts;
    }
    return {
      groupBy: query.groupBy ?? 'none',
      interval: query.interval ?? 'month',
      from,
      to,
      entityRefs,
      ownerRef: query.ownerRef && normalizeRef(query.ownerRef, 'group'),
      severity: query.severity,
      permission: options.readFilter,
    } as const;
  }

  async listRelated(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const related = await this.recurrence.related(postmortem.incidentId);
    // Only incidents the caller may read.
    const readable = await Promise.all(
      related.map(r =>
        this.store.getIncident(r.incidentId, options.readFilter),
      ),
    );
    return related.filter((_, i) => readable[i]);
  }

  async signOffRemediation(
    id: string,
    itemId: string,
    comment: string | undefined,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(id, options);
    const item = (
      await this.store.listSubRecords('remediation', postmortem.id)
    ).find(i => i.id === itemId);
    if (!item) throw new NotFoundError(`No remediation item ${itemId}`);
    if (item.verification?.kind !== 'manual') {
      throw new InputError('This item is not verified by sign-off');
    }
    if (item.status !== 'done') {
      throw new InputError(
        `Only a done item can be verified; it is ${item.status}`,
      );
    }
    const held = this.workflow.rolesHeld(
      postmortem,
      await this.workflow.claimsOf(options.credentials),
    );
    if (!held.has(item.verification.role)) {
      throw new NotAllowedError(
        `Only the ${item.verification.role.replace(
          /_/g,
          ' ',
        )} may verify this item`,
      );
    }
    const author = principalRef(options.credentials);
    const verified = await this.store.updateSubRecord(
      'remediation',
      postmortem.id,
      itemId,
      { status: 'verified' },
      { author },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: 'remediation.verified',
      details: { id: itemId, ...(comment ? { comment } : {}) },
    });
    return verified;
  }

  async exportDocument(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const [incident, timeline, evidence, causes, remediation] =
      await Promise.all([
        this.getIncident(postmortem.incidentId, options),
        this.store.listSubRecords('timeline', postmortem.id),
        this.store.listSubRecords('evidence', postmortem.id),
        this.store.listSubRecords('causes', postmortem.id),
        this.store.listSubRecords('remediation', postmortem.id),
      ]);
    return { postmortem, incident, timeline, evidence, causes, remediation };
  }

  async getGates(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const [unmetGates, findings, waivers] = await Promise.all([
      this.workflow.gates(postmortem),
      this.workflow.findings(postmortem),
      this.store.listWaivers(postmortem.id),
    ]);
    const waived = new Set(waivers.map(w => w.findingKey));
    return {
      unmetGates,
      findings: findings.map(f => ({ ...f, waived: waived.has(f.key) })),
      process: this.workflow.processFor(postmortem),
    };
  }

  async transition(
    id: string,
    input: { to: PostmortemStage; comment?: string },
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(id, options);
    await this.workflow.transition(
      postmortem,
      input.to,
      input.comment,
      options.credentials,
    );
    return this.getPostmortem(postmortem.id, options);
  }

  async listApprovals(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    return this.store.listApprovals(postmortem.id);
  }

  async addComment(
    id: string,
    input: { text: string; perspective: Perspective; section?: string },
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(id, options);
    return this.workflow.addComment(
      postmortem,
      this.scrub(input, ['text']),
      options.credentials,
    );
  }

  async listComments(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    return this.store.listComments(postmortem.id);
  }

  async waiveFinding(
    id: string,
    input: { findingKey: string; reason: string },
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(id, options);
    await this.workflow.waive(
      postmortem,
      input.findingKey,
      input.reason,
      options.credentials,
    );
  }

  async listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listSubRecords(kind, postmortem.id);
  }

  private async checkSubRecord<K extends SubRecordKind>(
    kind: K,
    input: Partial<SubRecords[K]['input']>,
  ) {
    const checked = this.scrub({ ...input }, [
      'text',
      'query',
      'statement',
      'rollbackPlan',
      'title',
      'description',
      'acceptanceCriteria',
    ]) as Record<string, unknown>;
    if (typeof checked.content === 'string') {
      // Evidence keeps which kinds were masked and how many, never the values.
      const { value, counts } = this.redactor.redactValue(checked.content);
      checked.content = value;
      checked.redactions = counts;
    }
    if (kind === 'remediation' && typeof checked.ownerRef === 'string') {
      [checked.ownerRef] = await this.entities.requireExisting(
        'ownerRef',
        [checked.ownerRef],
        'group',
      );
    }
    if (
      (kind === 'causes' || kind === 'evidence') &&
      typeof checked.entityRef === 'string'
    ) {
      [checked.entityRef] = await this.entities.requireExisting('entityRef', [
        checked.entityRef,
      ]);
    }
    return checked as Partial<SubRecords[K]['input']>;
  }

  async addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    const author = principalRef(options.credentials);
    const record = await this.store.addSubRecord(
      kind,
      postmortem.id,
      (await this.checkSubRecord(kind, input)) as SubRecords[K]['input'],
      { author },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.added`,
      details: { id: record.id },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
    return record;
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    const basedOn = revisionOf(options, postmortem);
    const author = principalRef(options.credentials);
    const record = await this.store.updateSubRecord(
      kind,
      postmortem.id,
      itemId,
      await this.checkSubRecord(kind, patch),
      { author, expectedRevision: basedOn },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.updated`,
      details: { id: itemId, fields: Object.keys(patch) },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
    return record;
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    const author = principalRef(options.credentials);
    await this.store.deleteSubRecord(kind, postmortem.id, itemId, {
      author,
      expectedRevision: revisionOf(options, postmortem),
    });
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.deleted`,
      details: { id: itemId },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
  }

  async listRevisions(postmortemId: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listRevisions(postmortem.id);
  }

  async diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    const [before, after] = await Promise.all([
      this.store.getSnapshot(postmortem.id, from),
      this.store.getSnapshot(postmortem.id, to),
    ]);
    if (!before) throw new NotFoundError(`No revision ${from}`);
    if (!after) throw new NotFoundError(`No revision ${to}`);
    return diffSnapshots(before, after);
  }

  async listHistory(postmortemId: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listHistory(postmortem.id);
  }
}
