import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Cause,
  Evidence,
  HistoryEntry,
  Incident,
  Page,
  Postmortem,
  RemediationItem,
  Revision,
  ScorecardQuery,
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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Query string of a filter object; arrays repeat their key. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      params.append(key, String(v));
    }
  }
  return params.toString();
}

/** The revision an update is based on, as the API's If-Match header. */
const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });
const enc = encodeURIComponent;

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

/**
 * PostmortemApi over HTTP, authenticated through the app's fetch API.
 *
 * @public
 */
export class PostmortemClient implements PostmortemApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  // Incidents

  async listIncidents(query: IncidentListQuery): Promise<Page<Incident>> {
    return this.request('GET', `/incidents?${queryString(query)}`);
  }

  async declareIncident(
    request: DeclareIncidentRequest,
  ): Promise<DeclaredIncident> {
    return this.request('POST', '/incidents', request);
  }

  async getIncident(id: string): Promise<Incident> {
    return this.request('GET', `/incidents/${enc(id)}`);
  }

  async updateIncident(
    id: string,
    revision: number,
    patch: IncidentPatch,
  ): Promise<Incident> {
    return this.request(
      'PATCH',
      `/incidents/${enc(id)}`,
      patch,
      ifMatch(revision),
    );
  }

  // Postmortems

  async listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>> {
    return this.request('GET', `/postmortems?${queryString(query)}`);
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    return this.request('GET', `/postmortems/${enc(id)}`);
  }

  async updatePostmortem(
    id: string,
    revision: number,
    patch: PostmortemPatch,
  ): Promise<Postmortem> {
    return this.request(
      'PATCH',
      `/postmortems/${enc(id)}`,
      patch,
      ifMatch(revision),
    );
  }

  async deletePostmortem(id: string): Promise<void> {
    await this.request('DELETE', `/postmortems/${enc(id)}`);
  }

  // Timeline

  async listTimelineEvents(postmortemId: string): Promise<TimelineEvent[]> {
    return this.items(postmortemId, 'timeline');
  }

  async addTimelineEvent(
    postmortemId: string,
    input: TimelineEventInput,
  ): Promise<TimelineEvent> {
    return this.request('POST', this.sub(postmortemId, 'timeline'), input);
  }

  async updateTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: TimelineEventPatch,
  ): Promise<TimelineEvent> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'timeline', itemId),
      patch,
      ifMatch(revision),
    );
  }

  async deleteTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.request(
      'DELETE',
      this.sub(postmortemId, 'timeline', itemId),
      undefined,
      ifMatch(revision),
    );
  }

  // Evidence

  async listEvidence(postmortemId: string): Promise<Evidence[]> {
    return this.items(postmortemId, 'evidence');
  }

  async addEvidence(
    postmortemId: string,
    input: EvidenceInput,
  ): Promise<Evidence> {
    return this.request('POST', this.sub(postmortemId, 'evidence'), input);
  }

  async deleteEvidence(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.request(
      'DELETE',
      this.sub(postmortemId, 'evidence', itemId),
      undefined,
      ifMatch(revision),
    );
  }

  // Causes

  async listCauses(postmortemId: string): Promise<Cause[]> {
    return this.items(postmortemId, 'causes');
  }

  async addCause(postmortemId: string, input: CauseInput): Promise<Cause> {
    return this.request('POST', this.sub(postmortemId, 'causes'), input);
  }

  async updateCause(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: CausePatch,
  ): Promise<Cause> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'causes', itemId),
      patch,
      ifMatch(revision),
    );
  }

  async deleteCause(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.request(
      'DELETE',
      this.sub(postmortemId, 'causes', itemId),
      undefined,
      ifMatch(revision),
    );
  }

  // Remediation

  async listRemediationItems(postmortemId: string): Promise<RemediationItem[]> {
    return this.items(postmortemId, 'remediation');
  }

  async addRemediationItem(
    postmortemId: string,
    input: RemediationItemInput,
  ): Promise<RemediationItem> {
    return this.request('POST', this.sub(postmortemId, 'remediation'), input);
  }

  async updateRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: RemediationItemPatch,
  ): Promise<RemediationItem> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'remediation', itemId),
      patch,
      ifMatch(revision),
    );
  }

  async deleteRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void> {
    await this.request(
      'DELETE',
      this.sub(postmortemId, 'remediation', itemId),
      undefined,
      ifMatch(revision),
    );
  }

  // Revisions and history

  async listRevisions(postmortemId: string): Promise<Revision[]> {
    return this.items(postmortemId, 'revisions');
  }

  async diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
  ): Promise<RevisionDiff> {
    return this.request(
      'GET',
      `${this.sub(postmortemId, 'diff')}?${queryString({ from, to })}`,
    );
  }

  async listHistory(postmortemId: string): Promise<HistoryEntry[]> {
    return this.items(postmortemId, 'history');
  }

  async listTemplates(): Promise<PostmortemTemplate[]> {
    const { items } = await this.request<{ items: PostmortemTemplate[] }>(
      'GET',
      '/templates',
    );
    return items;
  }

  // Workflow, review and collaboration

  async generateDraft(postmortemId: string): Promise<Postmortem> {
    return this.request('POST', this.sub(postmortemId, 'draft'));
  }

  async getGates(postmortemId: string): Promise<GatesReport> {
    return this.request('GET', this.sub(postmortemId, 'gates'));
  }

  async transition(
    postmortemId: string,
    request: TransitionRequest,
  ): Promise<Postmortem> {
    return this.request('POST', this.sub(postmortemId, 'transition'), request);
  }

  async listApprovals(postmortemId: string): Promise<Approval[]> {
    return this.items(postmortemId, 'approvals');
  }

  async listComments(postmortemId: string): Promise<PostmortemComment[]> {
    return this.items(postmortemId, 'comments');
  }

  async addComment(
    postmortemId: string,
    input: CommentInput,
  ): Promise<PostmortemComment> {
    return this.request('POST', this.sub(postmortemId, 'comments'), input);
  }

  async waiveLanguageFinding(
    postmortemId: string,
    input: LanguageWaiverInput,
  ): Promise<void> {
    await this.request(
      'POST',
      this.sub(postmortemId, 'language-waivers'),
      input,
    );
  }

  async getExportUrl(
    postmortemId: string,
    format: ExportFormat,
  ): Promise<string> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('postmortem');
    return `${baseUrl}${this.sub(postmortemId, 'export')}?${queryString({
      format,
    })}`;
  }

  async exportPostmortem(
    postmortemId: string,
    format: ExportFormat,
  ): Promise<PostmortemExport> {
    const response = await this.send(
      'GET',
      `${this.sub(postmortemId, 'export')}?${queryString({ format })}`,
    );
    return {
      blob: await response.blob(),
      filename:
        filenameOf(response.headers.get('Content-Disposition')) ??
        `${postmortemId}.${EXTENSIONS[format]}`,
    };
  }

  async getDependencyMap(postmortemId: string): Promise<DependencyMap> {
    return this.request('GET', this.sub(postmortemId, 'dependency-map'));
  }

  async listSimilarPostmortems(
    postmortemId: string,
    limit?: number,
  ): Promise<SimilarPostmortem[]> {
    const { items } = await this.request<{ items: SimilarPostmortem[] }>(
      'GET',
      `${this.sub(postmortemId, 'similar')}?${queryString({ limit })}`,
    );
    return items;
  }

  async getScorecards(query: ScorecardQuery): Promise<ScorecardRow[]> {
    const { items } = await this.request<{ items: ScorecardRow[] }>(
      'GET',
      `/scorecards?${queryString({ ...query, format: 'json' })}`,
    );
    return items;
  }

  async downloadScorecardsCsv(query: ScorecardQuery): Promise<Blob> {
    const response = await this.send(
      'GET',
      `/scorecards?${queryString({ ...query, format: 'csv' })}`,
    );
    return response.blob();
  }

  private sub(postmortemId: string, resource: string, itemId?: string) {
    const base = `/postmortems/${enc(postmortemId)}/${resource}`;
    return itemId === undefined ? base : `${base}/${enc(itemId)}`;
  }

  private async items<T>(postmortemId: string, resource: string): Promise<T[]> {
    const { items } = await this.request<{ items: T[] }>(
      'GET',
      this.sub(postmortemId, resource),
    );
    return items;
  }

  private async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.send(method, path, body, headers);
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  /** Sends a request and turns failures into errors. */
  private async send(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('postmortem');
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.headers = { ...headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      if (response.status === 409) {
        const conflict = await conflictFrom(response);
        if (conflict) throw conflict;
      }
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
