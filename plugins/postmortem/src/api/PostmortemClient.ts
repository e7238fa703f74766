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
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import {
  CauseInput,
  CausePatch,
  DeclaredIncident,
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

const enc = encodeURIComponent;

/** The revision of a 409 answer, from its body or else its ETag. */
async function conflictFrom(
  response: Response,
): Promise<RevisionConflictError | undefined> {
  let body: any;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
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

  async updateIncident(id: string, patch: IncidentPatch): Promise<Incident> {
    return this.request('PATCH', `/incidents/${enc(id)}`, patch);
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
    return this.request('PATCH', `/postmortems/${enc(id)}`, patch, {
      'If-Match': `"${revision}"`,
    });
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
    patch: TimelineEventPatch,
  ): Promise<TimelineEvent> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'timeline', itemId),
      patch,
    );
  }

  async deleteTimelineEvent(
    postmortemId: string,
    itemId: string,
  ): Promise<void> {
    await this.request('DELETE', this.sub(postmortemId, 'timeline', itemId));
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

  async deleteEvidence(postmortemId: string, itemId: string): Promise<void> {
    await this.request('DELETE', this.sub(postmortemId, 'evidence', itemId));
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
    patch: CausePatch,
  ): Promise<Cause> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'causes', itemId),
      patch,
    );
  }

  async deleteCause(postmortemId: string, itemId: string): Promise<void> {
    await this.request('DELETE', this.sub(postmortemId, 'causes', itemId));
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
    patch: RemediationItemPatch,
  ): Promise<RemediationItem> {
    return this.request(
      'PATCH',
      this.sub(postmortemId, 'remediation', itemId),
      patch,
    );
  }

  async deleteRemediationItem(
    postmortemId: string,
    itemId: string,
  ): Promise<void> {
    await this.request('DELETE', this.sub(postmortemId, 'remediation', itemId));
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
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}
