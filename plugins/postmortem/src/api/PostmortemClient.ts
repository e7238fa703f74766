import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  TypedResponse,
} from '@postmortems/plugin-postmortem-common/openapi';
import { SEVERITIES } from '@postmortems/plugin-postmortem-common';
import type {
  Cause,
  Evidence,
  HistoryEntry,
  Incident,
  Page,
  Postmortem,
  RemediationItem,
  Revision,
  IncidentScorecardMetric,
  ScorecardDurations,
  ScorecardQuery,
  Severity,
  ScorecardRow,
  SimilarPostmortem,
  TimelineEvent,
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
  PostmortemExport,
  TransitionRequest,
  DeclareIncidentRequest,
  EvidenceInput,
  IncidentListQuery,
  IncidentPatch,
  PostmortemApi,
  PostmortemListQuery,
  PostmortemPatch,
  PostmortemTemplate,
  RemediationItemInput,
  RemediationItemPatch,
  RevisionConflictError,
  RevisionDiff,
  TimelineEventInput,
  TimelineEventPatch,
} from './PostmortemApi';

/** The revision an update is based on, as the API's If-Match header. */
const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });

const EXTENSIONS: Record<ExportFormat, string> = {
  markdown: 'md',
  json: 'json',
  html: 'html',
};

/** The file name of a Content-Disposition header, if it names one. */
function filenameOf(disposition: string | null): string | undefined {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * What a 409 means: unmet review gates (a body with `unmetGates`) or a
 * stale revision (the revision from the body or else the ETag).
 */
async function conflictFrom(
  response: Response,
): Promise<GatesNotMetError | RevisionConflictError | undefined> {
  let body: any;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  if (Array.isArray(body?.unmetGates)) {
    return new GatesNotMetError(body.unmetGates, body?.error?.message);
  }
  let revision = Number(body?.currentRevision);
  if (!Number.isInteger(revision)) {
    const etag = /(\d+)/.exec(response.headers.get('ETag') ?? '');
    revision = etag ? Number(etag[1]) : NaN;
  }
  if (!Number.isInteger(revision)) return undefined;
  return new RevisionConflictError(revision, body?.error?.message);
}

/** The scorecards' query as the API takes it (the filters keep severities as plain strings). */
function scorecardQuery(query: ScorecardQuery, format: 'json' | 'csv') {
  const severities: readonly string[] = SEVERITIES;
  return {
    ...query,
    severity: query.severity?.filter((s): s is Severity =>
      severities.includes(s),
    ),
    format,
  };
}

/**
 * PostmortemApi over HTTP, authenticated through the app's fetch API. Every
 * call goes through the client generated from the backend's OpenAPI spec;
 * this class adds what the app needs on top: errors (a 409 as a revision
 * conflict or unmet gates), the revision as `If-Match`, unwrapped lists and
 * downloads.
 *
 * @public
 */
export class PostmortemClient implements PostmortemApi {
  private readonly api: DefaultApiClient;

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {
    this.api = new DefaultApiClient(deps);
  }

  // Incidents

  async listIncidents(query: IncidentListQuery): Promise<Page<Incident>> {
    return this.json(this.api.listIncidents({ query }));
  }

  async declareIncident(
    request: DeclareIncidentRequest,
  ): Promise<DeclaredIncident> {
    return this.answer(this.api.declareIncident({ body: request }));
  }

  async getIncident(id: string): Promise<Incident> {
    return this.json(this.api.getIncident({ path: { incidentId: id } }));
  }

  async updateIncident(
    id: string,
    revision: number,
    patch: IncidentPatch,
  ): Promise<Incident> {
    return this.json(
      this.api.updateIncident({
        path: { incidentId: id },
        header: ifMatch(revision),
        body: patch,
      }),
    );
  }

  // Postmortems

  async listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>> {
    return this.answer(this.api.listPostmortems({ query }));
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    return this.answer(this.api.getPostmortem({ path: { postmortemId: id } }));
  }

  async updatePostmortem(
    id: string,
    revision: number,
    patch: PostmortemPatch,
  ): Promise<Postmortem> {
    return this.answer(
      this.api.updatePostmortem({
        path: { postmortemId: id },
        header: ifMatch(revision),
        body: patch,
      }),
    );
  }

  async deletePostmortem(id: string): Promise<void> {
    await this.ok(this.api.deletePostmortem({ path: { postmortemId: id } }));
  }

  // Timeline

  async listTimelineEvents(postmortemId: string): Promise<TimelineEvent[]> {
    return this.items(this.api.listTimelineEvents({ path: { postmortemId } }));
  }

  async addTimelineEvent(
    postmortemId: string,
    input: TimelineEventInput,
  ): Promise<TimelineEvent> {
    return this.json(
      this.api.addTimelineEvent({ path: { postmortemId }, body: input }),
    );
  }

  async updateTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: TimelineEventPatch,
  ): Promise<TimelineEvent> {
    return this.json(
      this.api.updateTimelineEvent({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
        body: patch,
      }),
    );
  }

  async deleteTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.ok(
      this.api.deleteTimelineEvent({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
      }),
    );
  }

  // Evidence

  async listEvidence(postmortemId: string): Promise<Evidence[]> {
    return this.items(this.api.listEvidence({ path: { postmortemId } }));
  }

  async addEvidence(
    postmortemId: string,
    input: EvidenceInput,
  ): Promise<Evidence> {
    return this.json(
      this.api.addEvidence({ path: { postmortemId }, body: input }),
    );
  }

  async deleteEvidence(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.ok(
      this.api.deleteEvidence({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
      }),
    );
  }

  // Causes

  async listCauses(postmortemId: string): Promise<Cause[]> {
    return this.items(this.api.listCauses({ path: { postmortemId } }));
  }

  async addCause(postmortemId: string, input: CauseInput): Promise<Cause> {
    return this.json(
      this.api.addCause({ path: { postmortemId }, body: input }),
    );
  }

  async updateCause(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: CausePatch,
  ): Promise<Cause> {
    return this.json(
      this.api.updateCause({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
        body: patch,
      }),
    );
  }

  async deleteCause(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.ok(
      this.api.deleteCause({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
      }),
    );
  }

  // Remediation

  async listRemediationItems(postmortemId: string): Promise<RemediationItem[]> {
    return this.items(
      this.api.listRemediationItems({ path: { postmortemId } }),
    );
  }

  async addRemediationItem(
    postmortemId: string,
    input: RemediationItemInput,
  ): Promise<RemediationItem> {
    return this.json(
      this.api.addRemediationItem({ path: { postmortemId }, body: input }),
    );
  }

  async updateRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: RemediationItemPatch,
  ): Promise<RemediationItem> {
    return this.json(
      this.api.updateRemediationItem({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
        body: patch,
      }),
    );
  }

  async deleteRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.ok(
      this.api.deleteRemediationItem({
        path: { postmortemId, itemId },
        header: ifMatch(revision),
      }),
    );
  }

  // Revisions and history

  async listRevisions(postmortemId: string): Promise<Revision[]> {
    return this.items(this.api.listRevisions({ path: { postmortemId } }));
  }

  async diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
  ): Promise<RevisionDiff> {
    return this.json(
      this.api.diffRevisions({ path: { postmortemId }, query: { from, to } }),
    );
  }

  async listHistory(postmortemId: string): Promise<HistoryEntry[]> {
    return this.items(this.api.listHistory({ path: { postmortemId } }));
  }

  async listTemplates(): Promise<PostmortemTemplate[]> {
    return this.items(this.api.listTemplates());
  }

  // Workflow, review and collaboration

  async generateDraft(postmortemId: string): Promise<Postmortem> {
    return this.answer(this.api.generateDraft({ path: { postmortemId } }));
  }

  async getGates(postmortemId: string): Promise<GatesReport> {
    return this.answer(this.api.getGates({ path: { postmortemId } }));
  }

  async transition(
    postmortemId: string,
    request: TransitionRequest,
  ): Promise<Postmortem> {
    return this.answer(
      this.api.transitionPostmortem({ path: { postmortemId }, body: request }),
    );
  }

  async listApprovals(postmortemId: string): Promise<Approval[]> {
    return this.items(this.api.listApprovals({ path: { postmortemId } }));
  }

  async listComments(postmortemId: string): Promise<PostmortemComment[]> {
    return this.items(this.api.listComments({ path: { postmortemId } }));
  }

  async addComment(
    postmortemId: string,
    input: CommentInput,
  ): Promise<PostmortemComment> {
    return this.json(
      this.api.addComment({ path: { postmortemId }, body: input }),
    );
  }

  async waiveLanguageFinding(
    postmortemId: string,
    input: LanguageWaiverInput,
  ): Promise<void> {
    await this.ok(
      this.api.waiveLanguageFinding({ path: { postmortemId }, body: input }),
    );
  }

  async getExportUrl(
    postmortemId: string,
    format: ExportFormat,
  ): Promise<string> {
    // A link for the browser to open, not a call: the URL the client would use.
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('postmortem');
    return `${baseUrl}/postmortems/${encodeURIComponent(
      postmortemId,
    )}/export?${new URLSearchParams({ format })}`;
  }

  async exportPostmortem(
    postmortemId: string,
    format: ExportFormat,
  ): Promise<PostmortemExport> {
    const response = await this.ok(
      this.api.exportPostmortem({ path: { postmortemId }, query: { format } }),
    );
    return {
      blob: await response.blob(),
      filename:
        filenameOf(response.headers.get('Content-Disposition')) ??
        `${postmortemId}.${EXTENSIONS[format]}`,
    };
  }

  async getDependencyMap(postmortemId: string): Promise<DependencyMap> {
    return this.json(this.api.getDependencyMap({ path: { postmortemId } }));
  }

  async listSimilarPostmortems(
    postmortemId: string,
    limit?: number,
  ): Promise<SimilarPostmortem[]> {
    // The spec types a cause's type and status as plain strings.
    return (await this.items(
      this.api.listSimilarPostmortems({
        path: { postmortemId },
        query: { limit },
      }),
    )) as SimilarPostmortem[];
  }

  async getScorecards(query: ScorecardQuery): Promise<ScorecardRow[]> {
    // JSON when asked for JSON; the spec's answer also allows CSV text.
    const { items } = await this.answer<{ items: ScorecardRow[] }>(
      this.api.getScorecards({ query: scorecardQuery(query, 'json') }),
    );
    return items;
  }

  async getScorecardDurations(
    query: ScorecardQuery,
    metric: IncidentScorecardMetric,
  ): Promise<ScorecardDurations[]> {
    // The durations have no periods: the interval does not apply.
    const {
      interval: _interval,
      format: _format,
      ...scope
    } = scorecardQuery(query, 'json');
    return this.items(
      this.api.getScorecardDurations({ query: { ...scope, metric } }),
    );
  }

  async downloadScorecardsCsv(query: ScorecardQuery): Promise<Blob> {
    const response = await this.ok(
      this.api.getScorecards({ query: scorecardQuery(query, 'csv') }),
    );
    return response.blob();
  }

  /** The answer's JSON, as the spec types it. */
  private async json<T>(call: Promise<TypedResponse<T>>): Promise<T> {
    return (await this.ok(call)).json();
  }

  /**
   * The answer's JSON as the app's type, where the spec is looser than what
   * the backend answers: a schema that serves requests too (a postmortem's
   * roles, whose lists are optional when declaring and always present in
   * answers) or that leaves an object open (gate findings).
   */
  private async answer<T>(call: Promise<TypedResponse<unknown>>): Promise<T> {
    return (await this.json(call)) as T;
  }

  /** The `items` of a list answer. */
  private async items<T>(
    call: Promise<TypedResponse<{ items: T[] }>>,
  ): Promise<T[]> {
    return (await this.json(call)).items;
  }

  /** The answer, or the error it carries. */
  private async ok<T>(
    call: Promise<TypedResponse<T>>,
  ): Promise<TypedResponse<T>> {
    const response = await call;
    if (!response.ok) {
      if (response.status === 409) {
        const conflict = await conflictFrom(response as Response);
        if (conflict) throw conflict;
      }
      throw await ResponseError.fromResponse(response as Response);
    }
    return response;
  }
}
