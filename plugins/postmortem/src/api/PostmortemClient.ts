import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Page, Postmortem } from '@postmortems/plugin-postmortem-common';
import { PostmortemApi, PostmortemListQuery } from './PostmortemApi';

/**
 * PostmortemApi over HTTP, authenticated through the app's fetch API.
 *
 * @public
 */
export class PostmortemClient implements PostmortemApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === '') continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        params.append(key, String(v));
      }
    }
    return this.get(`/postmortems?${params}`);
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    return this.get(`/postmortems/${encodeURIComponent(id)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('postmortem');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
