import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  RemediationTracker,
  Ticket,
  TicketRequest,
  TicketStateChange,
  TrackerOwner,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';
import { parseIssuesWebhook } from './issuesWebhook';
import {
  GitHubClient,
  GitHubClientOptions,
  GITHUB_PROJECT_SLUG_ANNOTATION,
} from './GitHubClient';

export { GITHUB_PROJECT_SLUG_ANNOTATION } from './GitHubClient';

/** Label every issue filed by this tracker carries. @public */
export const GITHUB_POSTMORTEM_LABEL = 'postmortem';

// GitHub limits: title 256 characters, body 65536.
const MAX_TITLE = 256;
const MAX_SECTION = 20_000;

/** @public */
export interface GitHubTrackerOptions
  extends Omit<GitHubClientOptions, 'access'> {
  /** Labels added to every issue next to `postmortem`. */
  labels?: string[];
  /** Secret of the `issues` webhook that reports closed and reopened issues. */
  webhookSecret?: string;
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

  private readonly labels: string[];
  private readonly github: GitHubClient;
  private readonly webhookSecret?: string;

  /** Undefined when `postmortem.github` is not configured. */
  static fromConfig(config: Config): GitHubRemediationTracker | undefined {
    const c = config.getOptionalConfig('postmortem.github');
    if (!c) return undefined;
    return new GitHubRemediationTracker({
      token: c.getString('token'),
      apiBaseUrl: c.getOptionalString('apiBaseUrl'),
      labels: c.getOptionalStringArray('labels'),
      webhookSecret: c.getOptionalString('webhookSecret'),
    });
  }

  constructor(options: GitHubTrackerOptions) {
    this.webhookSecret = options.webhookSecret;
    this.labels = [
      ...new Set([GITHUB_POSTMORTEM_LABEL, ...(options.labels ?? [])]),
    ].filter(Boolean);
    this.github = new GitHubClient({
      token: options.token,
      apiBaseUrl: options.apiBaseUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      now: options.now,
      access: 'read and write access to issues of the repository',
    });
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

  /** Served at /api/postmortem/webhooks/trackers/github. */
  async receiveWebhook(
    delivery: WebhookDelivery,
  ): Promise<TicketStateChange[]> {
    return parseIssuesWebhook(delivery, this.webhookSecret);
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

  private request<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
  ): Promise<T> {
    return this.github.request<T>(method, pathAndQuery, {
      body,
      failureHint:
        method === 'POST'
          ? '; the issue may exist anyway, the next attempt looks it up first'
          : undefined,
    });
  }
}
