import type {
  IncidentScorecardMetric,
  ScorecardDurations,
  ScorecardQuery,
  ScorecardRow,
  SimilarPostmortem,
  Cause,
  Evidence,
  HistoryEntry,
  Incident,
  Page,
  Postmortem,
  RemediationCounts,
  RemediationItem,
  Revision,
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import {
  FULL_REVIEW,
  POSTMORTEM_STAGES,
  priorityOf,
} from '@postmortems/plugin-postmortem-common';
import {
  Approval,
  CauseInput,
  CausePatch,
  CommentInput,
  DeclaredIncident,
  DependencyMap,
  ExportFormat,
  GatesNotMetError,
  GatesReport,
  LanguageWaiverInput,
  PostmortemComment,
  TransitionRequest,
  DeclareIncidentRequest,
  EvidenceInput,
  IncidentListQuery,
  IncidentPatch,
  PostmortemApi,
  postmortemApiRef,
  PostmortemListQuery,
  PostmortemPatch,
  PostmortemTemplate,
  RemediationItemInput,
  RemediationItemPatch,
  RevisionConflictError,
  RevisionDiff,
  TimelineEventInput,
  TimelineEventPatch,
} from '../api/PostmortemApi';

/** Everything the fake holds; tests seed and inspect it directly. */
export interface FakeState {
  incidents: Incident[];
  postmortems: Postmortem[];
  timeline: TimelineEvent[];
  evidence: Evidence[];
  causes: Cause[];
  remediation: RemediationItem[];
  revisions: Revision[];
  diffs: RevisionDiff[];
  history: HistoryEntry[];
  templates: PostmortemTemplate[];
  comments: PostmortemComment[];
  approvals: Approval[];
  /** What getGates answers; unmet gates also block going to review. */
  gates: GatesReport;
  /** What getDependencyMap answers; none means 404. */
  dependencyMap?: DependencyMap;
  waivers: LanguageWaiverInput[];
  /** Bodies of exports by format. */
  exports: Partial<Record<ExportFormat, string>>;
  /** What getScorecards answers, whatever the query. */
  scorecards: ScorecardRow[];
  /** What getScorecardDurations answers, whatever the query. */
  durations: ScorecardDurations[];
  /** What listSimilarPostmortems answers, whatever the postmortem. */
  similar: SimilarPostmortem[];
}

type Method = keyof PostmortemApi;

class NotFoundError extends Error {
  name = 'NotFoundError';
}

/**
 * The postmortems in the order the server would answer: without `orderBy` in
 * the order the fake holds them (newest first by convention), else by the
 * column, ties by id. The fake has no impact times; creation stands in.
 */
function sortPostmortems(
  postmortems: Postmortem[],
  query: PostmortemListQuery,
): Postmortem[] {
  if (!query.orderBy) return postmortems;
  const value = (p: Postmortem): string | number => {
    switch (query.orderBy) {
      case 'impactStartedAt':
        return p.createdAt;
      case 'title':
        return p.title.toLocaleLowerCase('en-US');
      case 'stage':
        return POSTMORTEM_STAGES.indexOf(p.stage);
      default:
        return p[query.orderBy!];
    }
  };
  const descending =
    query.order === 'desc' ||
    (!query.order &&
      (query.orderBy === 'impactStartedAt' || query.orderBy === 'updatedAt'));
  return [...postmortems].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    return a.id < b.id ? -1 : 1;
  });
}

/**
 * An in-memory PostmortemApi for component tests. It keeps revisions like
 * the backend: every change bumps the postmortem's revision, and a stale
 * `updatePostmortem` rejects with RevisionConflictError.
 */
export class FakePostmortemApi implements PostmortemApi {
  readonly state: FakeState;
  /** Every call, in order, as [method, ...args]. */
  readonly calls: Array<[Method, ...unknown[]]> = [];
  private readonly failures = new Map<Method, Error>();
  private readonly hanging = new Set<Method>();
  private nextId = 1;

  constructor(seed: Partial<FakeState> = {}) {
    this.state = {
      incidents: [],
      postmortems: [],
      timeline: [],
      evidence: [],
      causes: [],
      remediation: [],
      revisions: [],
      diffs: [],
      history: [],
      templates: [],
      comments: [],
      approvals: [],
      gates: { unmetGates: [], findings: [], process: FULL_REVIEW },
      waivers: [],
      exports: {},
      scorecards: [],
      durations: [],
      similar: [],
      ...seed,
    };
  }

  /** Makes every later call of `method` reject with `error`. */
  failWith(method: Method, error: Error): this {
    this.failures.set(method, error);
    return this;
  }

  /** Makes every later call of `method` stay pending forever. */
  hang(method: Method): this {
    this.hanging.add(method);
    return this;
  }

  /** Simulates someone else saving the postmortem meanwhile. */
  bumpRevision(id: string, changes: PostmortemPatch = {}): Postmortem {
    const postmortem = this.findPostmortem(id);
    return this.apply(postmortem, changes, 'someone-else');
  }

  /** The [apiRef, impl] pair for renderInTestApp's `apis` option. */
  pair(): [typeof postmortemApiRef, PostmortemApi] {
    return [postmortemApiRef, this];
  }

  private async run<T>(
    method: Method,
    args: unknown[],
    body: () => T,
  ): Promise<T> {
    this.calls.push([method, ...args]);
    if (this.hanging.has(method)) return new Promise<T>(() => {});
    const failure = this.failures.get(method);
    if (failure) throw failure;
    return structuredCloneSafe(body());
  }

  private id(prefix: string) {
    return `${prefix}-${this.nextId++}`;
  }

  private findPostmortem(id: string): Postmortem {
    const found = this.state.postmortems.find(
      p => p.id === id || p.humanId === id,
    );
    if (!found) throw new NotFoundError(`No postmortem ${id}`);
    return found;
  }

  private apply(
    postmortem: Postmortem,
    changes: PostmortemPatch,
    author: string,
    changed: string[] = Object.keys(changes),
  ): Postmortem {
    const updated: Postmortem = {
      ...postmortem,
      ...(changes.narrative
        ? { narrative: { ...postmortem.narrative, ...changes.narrative } }
        : {}),
      ...(changes.roles
        ? { roles: { ...postmortem.roles, ...changes.roles } }
        : {}),
      ...(changes.attachments ? { attachments: changes.attachments } : {}),
      ...(changes.visibility ? { visibility: changes.visibility } : {}),
      revision: postmortem.revision + 1,
      updatedAt: new Date().toISOString(),
    };
    this.state.postmortems = this.state.postmortems.map(p =>
      p.id === postmortem.id ? updated : p,
    );
    this.state.revisions.unshift({
      postmortemId: postmortem.id,
      revision: updated.revision,
      author,
      createdAt: updated.updatedAt,
      changed,
    });
    return updated;
  }

  private touch(postmortemId: string, section: string) {
    this.apply(this.findPostmortem(postmortemId), {}, 'me', [section]);
  }

  /** One page of `items`, with the cursor being the offset of the next. */
  private page<T>(
    items: T[],
    query: { cursor?: string; limit?: number } = {},
  ): Page<T> {
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = query.limit ? start + query.limit : items.length;
    return {
      items: items.slice(start, end),
      totalCount: items.length,
      ...(end < items.length ? { nextCursor: String(end) } : {}),
    };
  }

  // Incidents

  listIncidents(query: IncidentListQuery) {
    return this.run('listIncidents', [query], () =>
      this.page(
        this.state.incidents.filter(
          i => !query.entityRef || i.entityRefs.includes(query.entityRef),
        ),
        query,
      ),
    );
  }

  declareIncident(request: DeclareIncidentRequest) {
    return this.run('declareIncident', [request], (): DeclaredIncident => {
      throw new Error(`not faked: declareIncident ${request.title}`);
    });
  }

  getIncident(id: string) {
    return this.run('getIncident', [id], () => {
      const found = this.state.incidents.find(
        i => i.id === id || i.humanId === id,
      );
      if (!found) throw new NotFoundError(`No incident ${id}`);
      return found;
    });
  }

  updateIncident(id: string, _revision: number, patch: IncidentPatch) {
    return this.run('updateIncident', [id, patch], () => {
      const found = this.state.incidents.find(i => i.id === id);
      if (!found) throw new NotFoundError(`No incident ${id}`);
      Object.assign(found, patch);
      return found;
    });
  }

  // Postmortems

  /** A postmortem's items counted by status, as list responses carry them. */
  private remediationCounts(postmortemId: string): RemediationCounts {
    const items = this.state.remediation.filter(
      r => r.postmortemId === postmortemId,
    );
    const count = (...statuses: string[]) =>
      items.filter(i => statuses.includes(i.status)).length;
    const today = new Date().toISOString().slice(0, 10);
    return {
      total: items.length,
      open: count('open', 'in_progress'),
      overdue: items.filter(
        i =>
          (i.status === 'open' || i.status === 'in_progress') &&
          !!i.dueDate &&
          i.dueDate.slice(0, 10) < today,
      ).length,
      done: count('done'),
      verified: count('verified'),
      wontDo: count('wont_do'),
    };
  }

  listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>> {
    return this.run('listPostmortems', [query], () => {
      const page = this.page(
        sortPostmortems(this.state.postmortems, query).filter(
          p =>
            (!query.entityRef || p.entityRefs.includes(query.entityRef)) &&
            (!query.ownerRef || p.ownerRefs.includes(query.ownerRef)) &&
            (!query.severity?.length || query.severity.includes(p.severity)) &&
            (!query.stage?.length || query.stage.includes(p.stage)) &&
            // The fake has no impact times; creation stands in for them.
            (!query.from || p.createdAt >= query.from) &&
            (!query.to || p.createdAt < query.to) &&
            (!query.text ||
              `${p.humanId} ${p.title}`
                .toLocaleLowerCase('en-US')
                .includes(query.text.toLocaleLowerCase('en-US'))),
        ),
        query,
      );
      return {
        ...page,
        items: page.items.map(p => ({
          ...p,
          remediation: this.remediationCounts(p.id),
        })),
      };
    });
  }

  getPostmortem(id: string) {
    return this.run('getPostmortem', [id], () => this.findPostmortem(id));
  }

  updatePostmortem(id: string, revision: number, patch: PostmortemPatch) {
    return this.run('updatePostmortem', [id, revision, patch], () => {
      const postmortem = this.findPostmortem(id);
      if (postmortem.revision !== revision) {
        throw new RevisionConflictError(postmortem.revision);
      }
      return this.apply(postmortem, patch, 'me');
    });
  }

  deletePostmortem(id: string) {
    return this.run('deletePostmortem', [id], () => {
      const postmortem = this.findPostmortem(id);
      this.state.postmortems = this.state.postmortems.filter(
        p => p !== postmortem,
      );
    });
  }

  // Timeline

  listTimelineEvents(postmortemId: string) {
    return this.run('listTimelineEvents', [postmortemId], () =>
      this.state.timeline.filter(e => e.postmortemId === postmortemId),
    );
  }

  addTimelineEvent(postmortemId: string, input: TimelineEventInput) {
    return this.run('addTimelineEvent', [postmortemId, input], () => {
      const event: TimelineEvent = {
        id: this.id('event'),
        postmortemId,
        source: 'manual',
        keyDecision: false,
        evidenceIds: [],
        ...input,
      };
      this.state.timeline.push(event);
      this.touch(postmortemId, 'timeline');
      return event;
    });
  }

  updateTimelineEvent(
    postmortemId: string,
    itemId: string,
    _revision: number,
    patch: TimelineEventPatch,
  ) {
    return this.run('updateTimelineEvent', [postmortemId, itemId, patch], () =>
      this.patchItem(this.state.timeline, postmortemId, itemId, patch),
    );
  }

  deleteTimelineEvent(postmortemId: string, itemId: string, _revision: number) {
    return this.run('deleteTimelineEvent', [postmortemId, itemId], () => {
      this.state.timeline = this.state.timeline.filter(e => e.id !== itemId);
    });
  }

  // Evidence

  listEvidence(postmortemId: string) {
    return this.run('listEvidence', [postmortemId], () =>
      this.state.evidence.filter(e => e.postmortemId === postmortemId),
    );
  }

  addEvidence(postmortemId: string, input: EvidenceInput) {
    return this.run('addEvidence', [postmortemId, input], () => {
      const evidence: Evidence = {
        id: this.id('evidence'),
        postmortemId,
        source: 'manual',
        capturedAt: new Date().toISOString(),
        redactions: {},
        ...input,
      };
      this.state.evidence.push(evidence);
      return evidence;
    });
  }

  deleteEvidence(postmortemId: string, itemId: string, _revision: number) {
    return this.run('deleteEvidence', [postmortemId, itemId], () => {
      this.state.evidence = this.state.evidence.filter(e => e.id !== itemId);
    });
  }

  // Causes

  listCauses(postmortemId: string) {
    return this.run('listCauses', [postmortemId], () =>
      this.state.causes.filter(c => c.postmortemId === postmortemId),
    );
  }

  addCause(postmortemId: string, input: CauseInput) {
    return this.run('addCause', [postmortemId, input], () => {
      const cause: Cause = {
        id: this.id('cause'),
        postmortemId,
        status: 'proposed',
        perspective: 'other',
        evidenceIds: [],
        changeRelated: false,
        ...input,
      };
      this.state.causes.push(cause);
      this.touch(postmortemId, 'causes');
      return cause;
    });
  }

  updateCause(
    postmortemId: string,
    itemId: string,
    _revision: number,
    patch: CausePatch,
  ) {
    return this.run('updateCause', [postmortemId, itemId, patch], () =>
      this.patchItem(this.state.causes, postmortemId, itemId, patch),
    );
  }

  deleteCause(postmortemId: string, itemId: string, _revision: number) {
    return this.run('deleteCause', [postmortemId, itemId], () => {
      this.state.causes = this.state.causes.filter(c => c.id !== itemId);
    });
  }

  // Remediation

  listRemediationItems(postmortemId: string) {
    return this.run('listRemediationItems', [postmortemId], () =>
      this.state.remediation.filter(r => r.postmortemId === postmortemId),
    );
  }

  addRemediationItem(postmortemId: string, input: RemediationItemInput) {
    return this.run('addRemediationItem', [postmortemId, input], () => {
      const now = new Date().toISOString();
      const item: RemediationItem = {
        id: this.id('item'),
        postmortemId,
        status: 'open',
        priority: priorityOf(input.impact, input.probability),
        createdAt: now,
        updatedAt: now,
        ...input,
      };
      this.state.remediation.push(item);
      this.touch(postmortemId, 'remediation');
      return item;
    });
  }

  updateRemediationItem(
    postmortemId: string,
    itemId: string,
    _revision: number,
    patch: RemediationItemPatch,
  ) {
    return this.run(
      'updateRemediationItem',
      [postmortemId, itemId, patch],
      () => this.patchItem(this.state.remediation, postmortemId, itemId, patch),
    );
  }

  deleteRemediationItem(
    postmortemId: string,
    itemId: string,
    _revision: number,
  ) {
    return this.run('deleteRemediationItem', [postmortemId, itemId], () => {
      this.state.remediation = this.state.remediation.filter(
        r => r.id !== itemId,
      );
    });
  }

  // Revisions and history

  listRevisions(postmortemId: string) {
    return this.run('listRevisions', [postmortemId], () =>
      this.state.revisions.filter(r => r.postmortemId === postmortemId),
    );
  }

  diffRevisions(postmortemId: string, from: number, to: number) {
    return this.run('diffRevisions', [postmortemId, from, to], () => {
      const diff = this.state.diffs.find(d => d.from === from && d.to === to);
      return diff ?? { from, to, sections: [] };
    });
  }

  listHistory(postmortemId: string) {
    return this.run('listHistory', [postmortemId], () => this.state.history);
  }

  listTemplates() {
    return this.run('listTemplates', [], () => this.state.templates);
  }

  // Workflow, review and collaboration

  generateDraft(postmortemId: string) {
    return this.run('generateDraft', [postmortemId], () =>
      this.apply(this.findPostmortem(postmortemId), {}, 'drafter', ['draft']),
    );
  }

  getGates(postmortemId: string) {
    return this.run('getGates', [postmortemId], () => {
      this.findPostmortem(postmortemId);
      return this.state.gates;
    });
  }

  /** Like the backend, minus roles: fail it with a 403 to test those. */
  transition(postmortemId: string, request: TransitionRequest) {
    return this.run('transition', [postmortemId, request], () => {
      const postmortem = this.findPostmortem(postmortemId);
      const from = POSTMORTEM_STAGES.indexOf(postmortem.stage);
      const to = POSTMORTEM_STAGES.indexOf(request.to);
      if (
        postmortem.stage === 'in_review' &&
        to < from &&
        !request.comment?.trim()
      ) {
        throw new Error('comment is required when sending a postmortem back');
      }
      if (request.to === 'in_review' && this.state.gates.unmetGates.length) {
        throw new GatesNotMetError(this.state.gates.unmetGates);
      }
      if (request.to === 'approved') {
        this.state.approvals.push({
          reviewer: 'user:default/me',
          revision: postmortem.revision,
          ...(request.comment ? { comment: request.comment } : {}),
          approvedAt: new Date().toISOString(),
        });
      }
      this.state.history.push({
        actor: 'user:default/me',
        action: 'stage.transition',
        details: { from: postmortem.stage, to: request.to },
        createdAt: new Date().toISOString(),
      });
      const updated = this.apply(postmortem, {}, 'me', ['stage']);
      updated.stage = request.to;
      return updated;
    });
  }

  listApprovals(postmortemId: string) {
    return this.run(
      'listApprovals',
      [postmortemId],
      () => this.state.approvals,
    );
  }

  listComments(postmortemId: string) {
    return this.run('listComments', [postmortemId], () =>
      this.state.comments.filter(c => c.postmortemId === postmortemId),
    );
  }

  addComment(postmortemId: string, input: CommentInput) {
    return this.run('addComment', [postmortemId, input], () => {
      const comment: PostmortemComment = {
        id: this.id('comment'),
        postmortemId,
        author: 'user:default/me',
        createdAt: new Date().toISOString(),
        ...input,
      };
      this.state.comments.push(comment);
      return comment;
    });
  }

  waiveLanguageFinding(postmortemId: string, input: LanguageWaiverInput) {
    return this.run('waiveLanguageFinding', [postmortemId, input], () => {
      this.state.waivers.push(input);
      this.state.gates = {
        ...this.state.gates,
        findings: this.state.gates.findings.map(f =>
          f.key === input.findingKey ? { ...f, waived: true } : f,
        ),
      };
    });
  }

  exportPostmortem(postmortemId: string, format: ExportFormat) {
    this.calls.push(['exportPostmortem', postmortemId, format]);
    const failure = this.failures.get('exportPostmortem');
    if (failure) return Promise.reject(failure);
    const extension = { markdown: 'md', json: 'json', html: 'html' }[format];
    // A Blob does not survive the JSON copy `run` makes.
    return Promise.resolve({
      blob: new Blob([this.state.exports[format] ?? `${format} export`]),
      filename: `${postmortemId}.${extension}`,
    });
  }

  getExportUrl(postmortemId: string, format: ExportFormat) {
    return this.run(
      'getExportUrl',
      [postmortemId, format],
      () =>
        `http://backend/api/postmortem/postmortems/${postmortemId}/export?format=${format}`,
    );
  }

  getDependencyMap(postmortemId: string) {
    return this.run('getDependencyMap', [postmortemId], () => {
      if (!this.state.dependencyMap) {
        throw new NotFoundError(`No dependency map for ${postmortemId}`);
      }
      return this.state.dependencyMap;
    });
  }

  listSimilarPostmortems(postmortemId: string, limit?: number) {
    return this.run('listSimilarPostmortems', [postmortemId, limit], () =>
      this.state.similar.slice(0, limit ?? 5),
    );
  }

  getScorecardDurations(
    query: ScorecardQuery,
    metric: IncidentScorecardMetric,
  ) {
    return this.run(
      'getScorecardDurations',
      [query, metric],
      () => this.state.durations,
    );
  }

  getScorecards(query: ScorecardQuery) {
    return this.run('getScorecards', [query], () => this.state.scorecards);
  }

  downloadScorecardsCsv(query: ScorecardQuery) {
    return this.run(
      'downloadScorecardsCsv',
      [query],
      () => new Blob(['group,period\n'], { type: 'text/csv' }),
    );
  }

  private patchItem<T extends { id: string; postmortemId: string }>(
    items: T[],
    postmortemId: string,
    itemId: string,
    patch: object,
  ): T {
    const item = items.find(
      i => i.id === itemId && i.postmortemId === postmortemId,
    );
    if (!item) throw new NotFoundError(`No item ${itemId}`);
    Object.assign(item, patch);
    return item;
  }
}

/** Copies answers so components never share objects with the fake. */
function structuredCloneSafe<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
