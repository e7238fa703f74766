import { Config } from '@backstage/config';
import {
  AuthenticationError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  RemediationTracker,
  Ticket,
  TicketRequest,
  TrackerOwner,
} from '@postmortems/plugin-postmortem-node';

/** Owner annotation naming the repository that gets the issues. @public */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** Label every issue filed by this tracker carries. @public */
export const GITHUB_POSTMORTEM_LABEL = 'postmortem';

const DEFAULT_API_BASE_URL = 'https://api.github.com';
const DEFAULT_TIMEOUT_MS = 30_000;
// GitHub limits: title 256 characters, body 65536.
const MAX_TITLE = 256;
const MAX_SECTION = 20_000;

/** @public */
export interface GitHubTrackerOptions {
  token: string;
  /** Default https://api.github.com; `https://<host>/api/v3` for GitHub Enterprise Server. */
  apiBaseUrl?: string;
  /** Labels added to every issue next to `postmortem`. */
  labels?: string[];
  /** Per-request timeout. Default 30 seconds. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * GitHub (or the tracker) asked us to slow down. `retryAt` says when a
 * request may be sent again; until then this tracker fails fast.
 *
 * @public
 */
export class TrackerRateLimitedError extends CustomErrorBase {
  name = 'TrackerRateLimitedError' as const;
  constructor(message: string, readonly retryAt: Date) {
    super(message);
  }
}

interface GitHubIssue {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  body?: string | null;
  pull_request?: unknown;
}

/** The marker that ties an issue to a remediation item. */
export function itemMarker(idempotencyKey: string): string {
  return `<!-- postmortem-item: ${idempotencyKey} -->`;
}

const HORIZONS: Record<string, string> = {
  short: 'short term',
  medium: 'medium term',
  long: 'long term',
};

/** The Markdown body of the issue filed for an item. */
export function issueBody(request: TicketRequest): string {
  const { item, postmortem } = request;
  const linkText = `${postmortem.humanId}: ${postmortem.title}`.replace(
    /[[\]]/g,
    '\\$&',
  );
  const lines = [
    `Remediation item from postmortem **[${linkText}](${postmortem.url})**.`,
    '',
  ];
  if (item.description?.trim()) {
    lines.push(
      '### Description',
      '',
      item.description.trim().slice(0, MAX_SECTION),
      '',
    );
  }
  if (item.acceptanceCriteria?.trim()) {
    lines.push(
      '### Acceptance criteria',
      '',
      item.acceptanceCriteria.trim().slice(0, MAX_SECTION),
      '',
    );
  }
  lines.push(
    `- **Priority:** ${item.priority} of 25 (impact ${item.impact} × probability ${item.probability})`,
    `- **Horizon:** ${HORIZONS[item.horizon] ?? item.horizon}`,
  );
  if (item.dueDate) lines.push(`- **Due:** ${item.dueDate.slice(0, 10)}`);
  lines.push(
    '',
    '---',
    `_Filed by Backstage postmortems. Closing this issue marks the item done in [${postmortem.humanId}](${postmortem.url}), pending verification._`,
    '',
    itemMarker(request.idempotencyKey),
  );
  return lines.join('\n');
}

function describeFailure(error: unknown): string {
  const e = error as Error & { cause?: Error };
  const cause = e?.cause?.message ? `: ${e.cause.message}` : '';
  return `${e?.message ?? String(error)}${cause}`;
}

/**
 * Files remediation items as GitHub issues in the repository named by the
 * owner's `github.com/project-slug` annotation. An issue carries the item's
 * idempotency key as an HTML comment, which is how a retry finds the issue
 * an earlier, timed-out attempt created.
 *
 * @public
 */
export class GitHubRemediationTracker implements RemediationTracker {
  readonly id = 'github';

  private readonly apiBaseUrl: string;
  private readonly labels: string[];
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  private readonly now: () => Date;
  /** Rate-limit blocks per GitHub resource ('core', 'search'). */
  private readonly blockedUntil = new Map<string, Date>();

  /** Undefined when `postmortem.github` is not configured. */
  static fromConfig(config: Config): GitHubRemediationTracker | undefined {
    const c = config.getOptionalConfig('postmortem.github');
    if (!c) return undefined;
    return new GitHubRemediationTracker({
      token: c.getString('token'),
      apiBaseUrl: c.getOptionalString('apiBaseUrl'),
      labels: c.getOptionalStringArray('labels'),
    });
  }

  constructor(private readonly options: GitHubTrackerOptions) {
    this.apiBaseUrl = (options.apiBaseUrl || DEFAULT_API_BASE_URL).replace(
      /\/+$/,
      '',
    );
    this.labels = [
      ...new Set([GITHUB_POSTMORTEM_LABEL, ...(options.labels ?? [])]),
    ].filter(Boolean);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? (() => new Date());
  }

  appliesTo(owner: TrackerOwner): boolean {
    return Boolean(owner.annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim());
  }

  async findTicket(request: TicketRequest): Promise<Ticket | undefined> {
    const { owner, repo } = this.repositoryOf(request.owner);
    const marker = itemMarker(request.idempotencyKey);
    const matches = (issue: GitHubIssue) =>
      !issue.pull_request && (issue.body ?? '').includes(marker);

    const phrase = request.idempotencyKey.replace(/"/g, '');
    const q = `repo:${owner}/${repo} is:issue in:body "${phrase}"`;
    const found = await this.request<{ items?: GitHubIssue[] }>(
      'GET',
      `/search/issues?${new URLSearchParams({ q, per_page: '20' })}`,
    );
    let issue = (found.items ?? []).find(matches);
    if (!issue) {
      // The search index trails writes by seconds to minutes, and a retry
      // after a timeout comes soon after the write: look at the newest
      // postmortem issues of the repository directly as well.
      const recent = await this.request<GitHubIssue[]>(
        'GET',
        `${this.issuesPath(owner, repo)}?${new URLSearchParams({
          labels: GITHUB_POSTMORTEM_LABEL,
          state: 'all',
          sort: 'created',
          direction: 'desc',
          per_page: '100',
        })}`,
      );
      issue = recent.find(matches);
    }
    return issue ? this.ticketOf(owner, repo, issue) : undefined;
  }

  async createTicket(request: TicketRequest): Promise<Ticket> {
    const { owner, repo } = this.repositoryOf(request.owner);
    const title = `[${request.postmortem.humanId}] ${request.item.title}`
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_TITLE);
    const issue = await this.request<GitHubIssue>(
      'POST',
      this.issuesPath(owner, repo),
      { title, body: issueBody(request), labels: this.labels },
    );
    return this.ticketOf(owner, repo, issue);
  }

  async getTicketState(ticket: Ticket): Promise<'open' | 'closed'> {
    const match = /^([^/\s]+)\/([^#\s]+)#(\d+)$/.exec(ticket.externalId);
    if (!match) {
      throw new InputError(
        `Not a GitHub issue reference: '${ticket.externalId}' (expected <owner>/<repo>#<number>)`,
      );
    }
    const [, owner, repo, number] = match;
    const issue = await this.request<GitHubIssue>(
      'GET',
      `${this.issuesPath(owner, repo)}/${number}`,
    );
    // Closed as completed or as not planned: either way the team is done
    // with it; verification in the postmortem is a separate step.
    return issue.state === 'closed' ? 'closed' : 'open';
  }

  private repositoryOf(owner: TrackerOwner): { owner: string; repo: string } {
    const slug = owner.annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
    const match = slug && /^([\w.-]+)\/([\w.-]+)$/.exec(slug);
    if (!match) {
      throw new InputError(
        `${owner.entityRef} has ${GITHUB_PROJECT_SLUG_ANNOTATION}: '${
          slug ?? ''
        }', expected <owner>/<repo>`,
      );
    }
    return { owner: match[1], repo: match[2] };
  }

  private issuesPath(owner: string, repo: string) {
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
      repo,
    )}/issues`;
  }

  private ticketOf(owner: string, repo: string, issue: GitHubIssue): Ticket {
    return {
      externalId: `${owner}/${repo}#${issue.number}`,
      url: issue.html_url,
    };
  }

  private async request<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
  ): Promise<T> {
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
      const hint =
        method === 'POST'
          ? '; the issue may exist anyway, the next attempt looks it up first'
          : '';
      throw new Error(`${what} failed: ${describeFailure(error)}${hint}`);
    }

    if (response.ok) return (await response.json()) as T;

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
          `${what}: forbidden (403: ${message}); the token needs read and write access to issues of the repository`,
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
