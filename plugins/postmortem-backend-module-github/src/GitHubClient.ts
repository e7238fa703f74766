import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { TrackerRateLimitedError } from '@postmortems/plugin-postmortem-node';

/** Owner/entity annotation naming a GitHub repository. @public */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

const DEFAULT_API_BASE_URL = 'https://api.github.com';
const DEFAULT_TIMEOUT_MS = 30_000;

/** @public */
export interface GitHubClientOptions {
  token: string;
  /** Default https://api.github.com; `https://<host>/api/v3` for GitHub Enterprise Server. */
  apiBaseUrl?: string;
  /** Per-request timeout. Default 30 seconds. */
  timeoutMs?: number;
  /**
   * What the token needs, for the 403 message, e.g. "read access to
   * deployments of the repository".
   */
  access: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Per-request additions to the error messages. */
export interface GitHubRequestOptions {
  body?: unknown;
  /** Appended when the request failed without an answer (network, timeout). */
  failureHint?: string;
}

function describeFailure(error: unknown): string {
  const e = error as Error & { cause?: Error };
  const cause = e?.cause?.message ? `: ${e.cause.message}` : '';
  return `${e?.message ?? String(error)}${cause}`;
}

/** The `rel="next"` target of a Link header, if any. */
export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

/**
 * The GitHub REST plumbing shared by the tracker and the deployments
 * collector: auth headers, API version, timeouts, rate-limit bookkeeping
 * (fail fast until the reset, per resource) and errors that say what to fix.
 *
 * @public
 */
export class GitHubClient {
  readonly apiBaseUrl: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  private readonly now: () => Date;
  /** Rate-limit blocks per GitHub resource ('core', 'search'). */
  private readonly blockedUntil = new Map<string, Date>();

  constructor(private readonly options: GitHubClientOptions) {
    this.apiBaseUrl = (options.apiBaseUrl || DEFAULT_API_BASE_URL).replace(
      /\/+$/,
      '',
    );
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? (() => new Date());
  }

  /** Sends a request and returns the parsed JSON answer. */
  async request<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    options: GitHubRequestOptions = {},
  ): Promise<T> {
    return (await this.send<T>(method, pathAndQuery, options)).data;
  }

  /**
   * GETs one page of a list and the path of the next page, taken from the
   * `Link` header. A next link outside `apiBaseUrl` is not followed (the
   * token would go to another host); `next` is then undefined.
   */
  async requestPage<T>(
    pathAndQuery: string,
  ): Promise<{ data: T; next?: string }> {
    const { data, response } = await this.send<T>('GET', pathAndQuery, {});
    const link = nextLink(response.headers.get('link'));
    const next =
      link && link.startsWith(`${this.apiBaseUrl}/`)
        ? link.slice(this.apiBaseUrl.length)
        : undefined;
    return { data, next };
  }

  private async send<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    { body, failureHint }: GitHubRequestOptions,
  ): Promise<{ data: T; response: Response }> {
    const path = pathAndQuery.split('?')[0];
    const what = `GitHub ${method} ${path}`;
    const resource = path.startsWith('/search/') ? 'search' : 'core';
    const blocked = this.blockedUntil.get(resource);
    if (blocked && blocked > this.now()) {
      throw new TrackerRateLimitedError(
        `GitHub rate limit (${resource}) exhausted; retry after ${blocked.toISOString()}`,
        blocked,
      );
    }

    let response: Response;
    try {
      response = await this.doFetch(`${this.apiBaseUrl}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'backstage-postmortem',
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(
        `${what} failed: ${describeFailure(error)}${failureHint ?? ''}`,
      );
    }

    if (response.ok) {
      return { data: (await response.json()) as T, response };
    }

    const text = await response.text().catch(() => '');
    let payload: {
      message?: string;
      errors?: Array<string | Record<string, string>>;
    } = {};
    try {
      payload = JSON.parse(text);
    } catch {
      payload = { message: text.slice(0, 300) };
    }
    const message = payload.message || response.statusText || 'no message';
    const status = response.status;

    const retryAt = this.retryAtOf(response, message);
    if (retryAt) {
      const bucket =
        response.headers.get('x-ratelimit-resource') === 'search'
          ? 'search'
          : resource;
      this.blockedUntil.set(bucket, retryAt);
      throw new TrackerRateLimitedError(
        `${what} was rate limited (${status}: ${message}); retry after ${retryAt.toISOString()}`,
        retryAt,
      );
    }
    switch (status) {
      case 401:
        throw new AuthenticationError(
          `${what}: GitHub rejected the token (401: ${message})`,
        );
      case 403:
        throw new NotAllowedError(
          `${what}: forbidden (403: ${message}); the token needs ${this.options.access}`,
        );
      case 404:
        throw new NotFoundError(
          `${what}: not found (404: ${message}); check ${GITHUB_PROJECT_SLUG_ANNOTATION} and that the token can see the repository`,
        );
      case 410:
        throw new InputError(`${what}: gone (410: ${message})`);
      case 422: {
        const details = (payload.errors ?? [])
          .map(e =>
            typeof e === 'string'
              ? e
              : e.message ?? [e.resource, e.field, e.code].join(' '),
          )
          .join('; ');
        throw new InputError(
          `${what}: GitHub rejected the request (422: ${message}${
            details ? `: ${details}` : ''
          })`,
        );
      }
      default:
        throw new Error(
          status >= 500
            ? `${what}: GitHub answered ${status} (${message}); will retry`
            : `${what}: GitHub answered ${status} (${message})`,
        );
    }
  }

  /** When a rate-limited response says we may try again, else undefined. */
  private retryAtOf(response: Response, message: string): Date | undefined {
    const status = response.status;
    if (status !== 403 && status !== 429) return undefined;
    const now = this.now().getTime();
    const retryAfter = response.headers.get('retry-after')?.trim();
    if (retryAfter) {
      if (/^\d+$/.test(retryAfter)) {
        return new Date(now + Number(retryAfter) * 1000);
      }
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) return new Date(Math.max(at, now));
    }
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (remaining === '0' && reset > 0) {
      return new Date(Math.max(reset * 1000, now));
    }
    // Secondary limits without headers: GitHub asks to wait at least a minute.
    if (status === 429 || remaining === '0' || /rate limit/i.test(message)) {
      return new Date(now + 60_000);
    }
    return undefined;
  }
}
