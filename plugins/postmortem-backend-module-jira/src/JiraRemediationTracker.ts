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
  TicketStateChange,
  TrackerOwner,
  WebhookDelivery,
  TrackerRateLimitedError,
} from '@postmortems/plugin-postmortem-node';
import { parseIssueWebhook } from './issueWebhook';

/** Owner annotation naming the Jira project that gets the issues. @public */
export const JIRA_PROJECT_KEY_ANNOTATION = 'jira/project-key';

/** Label every issue filed by this tracker carries. @public */
export const JIRA_POSTMORTEM_LABEL = 'postmortem';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_SUMMARY = 255;
const MAX_SECTION = 10_000;
const SEARCH = '/rest/api/2/search';
// Jira Cloud removed GET /rest/api/2/search (CHANGE-2046) and answers 410.
const SEARCH_JQL = '/rest/api/2/search/jql';

/** @public */
export type JiraAuth = { email: string; apiToken: string } | { token: string };

/** @public */
export interface JiraTrackerOptions {
  /** e.g. https://northwind.atlassian.net or https://jira.example.com/jira */
  baseUrl: string;
  /** Basic (Jira Cloud: e-mail and API token) or Bearer (Data Center PAT). */
  auth: JiraAuth;
  /** Default 'Task'. */
  issueType?: string;
  /** Labels added to every issue next to `postmortem` and the item label. */
  labels?: string[];
  /** Secret of the admin webhook that reports status changes. */
  webhookSecret?: string;
  /** Per-request timeout. Default 30 seconds. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

class JiraHttpError extends CustomErrorBase {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

interface JiraIssue {
  id: string;
  key?: string;
  fields?: { status?: { name?: string; statusCategory?: { key?: string } } };
}

/** Jira labels may not contain spaces; keep them to a safe alphabet. */
export function sanitiseLabel(label: string): string {
  return label
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, 255);
}

/**
 * The label that ties an issue to a remediation item, derived from the
 * idempotency key: `postmortem-item-<id>` becomes `pm-<id>`.
 *
 * @public
 */
export function itemLabel(idempotencyKey: string): string {
  return sanitiseLabel(`pm-${idempotencyKey.replace(/^postmortem-item-/, '')}`);
}

const HORIZONS: Record<string, string> = {
  short: 'short term',
  medium: 'medium term',
  long: 'long term',
};

/** The description (Jira wiki markup) of the issue filed for an item. */
export function issueDescription(request: TicketRequest): string {
  const { item, postmortem } = request;
  const linkText = `${postmortem.humanId}: ${postmortem.title}`.replace(
    /[|[\]]/g,
    ' ',
  );
  const lines = [
    `Remediation item from postmortem [${linkText}|${postmortem.url}].`,
    '',
  ];
  if (item.description?.trim()) {
    lines.push(
      'h3. Description',
      item.description.trim().slice(0, MAX_SECTION),
      '',
    );
  }
  if (item.acceptanceCriteria?.trim()) {
    lines.push(
      'h3. Acceptance criteria',
      item.acceptanceCriteria.trim().slice(0, MAX_SECTION),
      '',
    );
  }
  lines.push(
    `*Priority:* ${item.priority} of 25 (impact ${item.impact} × probability ${item.probability})`,
    `*Horizon:* ${HORIZONS[item.horizon] ?? item.horizon}`,
  );
  if (item.dueDate) lines.push(`*Due:* ${item.dueDate.slice(0, 10)}`);
  lines.push(
    '',
    '----',
    `_Filed by Backstage postmortems. Moving this issue to a Done status marks the item done in ${postmortem.humanId}, pending verification._`,
    `Item key: ${request.idempotencyKey}`,
  );
  return lines.join('\n');
}

function describeFailure(error: unknown): string {
  const e = error as Error & { cause?: Error };
  const cause = e?.cause?.message ? `: ${e.cause.message}` : '';
  return `${e?.message ?? String(error)}${cause}`;
}

/**
 * Files remediation items as Jira issues in the project named by the
 * owner's `jira/project-key` annotation. An issue carries a label derived
 * from the item's idempotency key (`pm-<item id>`), which is how a retry
 * finds the issue an earlier, timed-out attempt created.
 *
 * @public
 */
export class JiraRemediationTracker implements RemediationTracker {
  readonly id = 'jira';

  private readonly baseUrl: string;
  private readonly webhookSecret?: string;
  private readonly authorization: string;
  private readonly issueType: string;
  private readonly labels: string[];
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  private readonly now: () => Date;
  private searchPath = SEARCH;
  private blockedUntil?: Date;

  /** Undefined when `postmortem.jira` is not configured. */
  static fromConfig(config: Config): JiraRemediationTracker | undefined {
    const c = config.getOptionalConfig('postmortem.jira');
    if (!c) return undefined;
    const token = c.getOptionalString('token');
    const email = c.getOptionalString('email');
    const apiToken = c.getOptionalString('apiToken');
    let auth: JiraAuth;
    if (email && apiToken) auth = { email, apiToken };
    else if (token) auth = { token };
    else {
      throw new Error(
        'postmortem.jira needs either email and apiToken (Jira Cloud) or token (Data Center personal access token)',
      );
    }
    return new JiraRemediationTracker({
      baseUrl: c.getString('baseUrl'),
      auth,
      issueType: c.getOptionalString('issueType'),
      labels: c.getOptionalStringArray('labels'),
      webhookSecret: c.getOptionalString('webhookSecret'),
    });
  }

  constructor(options: JiraTrackerOptions) {
    this.webhookSecret = options.webhookSecret;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authorization =
      'token' in options.auth
        ? `Bearer ${options.auth.token}`
        : `Basic ${Buffer.from(
            `${options.auth.email}:${options.auth.apiToken}`,
          ).toString('base64')}`;
    this.issueType = options.issueType || 'Task';
    this.labels = (options.labels ?? []).map(sanitiseLabel).filter(Boolean);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? (() => new Date());
  }

  appliesTo(owner: TrackerOwner): boolean {
    return Boolean(owner.annotations[JIRA_PROJECT_KEY_ANNOTATION]?.trim());
  }

  async findTicket(request: TicketRequest): Promise<Ticket | undefined> {
    this.projectOf(request.owner);
    // Labels are unique per item, so the search spans all projects: an issue
    // moved to another project is still found.
    const jql = `labels = "${itemLabel(
      request.idempotencyKey,
    )}" ORDER BY created ASC`;
    const query = new URLSearchParams({
      jql,
      maxResults: '1',
      fields: 'status',
    });
    let result: { issues?: JiraIssue[] };
    try {
      result = await this.request('GET', `${this.searchPath}?${query}`);
    } catch (error) {
      if (
        !(error instanceof JiraHttpError && error.status === 410) ||
        this.searchPath === SEARCH_JQL
      ) {
        throw error;
      }
      this.searchPath = SEARCH_JQL;
      result = await this.request('GET', `${this.searchPath}?${query}`);
    }
    const [issue] = result.issues ?? [];
    if (!issue) return undefined;
    // The enhanced search may return ids only.
    const key =
      issue.key ??
      (
        await this.request<JiraIssue>(
          'GET',
          `/rest/api/2/issue/${encodeURIComponent(issue.id)}?fields=status`,
        )
      ).key!;
    return this.ticketOf(key);
  }

  async createTicket(request: TicketRequest): Promise<Ticket> {
    const project = this.projectOf(request.owner);
    const { item, postmortem } = request;
    const fields: Record<string, unknown> = {
      project: { key: project },
      summary: `[${postmortem.humanId}] ${item.title}`
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, MAX_SUMMARY),
      description: issueDescription(request),
      issuetype: { name: this.issueType },
      labels: [
        ...new Set([
          JIRA_POSTMORTEM_LABEL,
          ...this.labels,
          itemLabel(request.idempotencyKey),
        ]),
      ],
    };
    const due = item.dueDate?.slice(0, 10);
    if (due && /^\d{4}-\d{2}-\d{2}$/.test(due)) fields.duedate = due;

    let created: { key: string };
    try {
      created = await this.request('POST', '/rest/api/2/issue', { fields });
    } catch (error) {
      // Projects whose create screen lacks "Due date" refuse the field; Jira
      // created nothing, so file again without it (it is in the description).
      if (
        !(error instanceof InputError && /duedate/.test(error.message)) ||
        !('duedate' in fields)
      ) {
        throw error;
      }
      delete fields.duedate;
      created = await this.request('POST', '/rest/api/2/issue', { fields });
    }
    return this.ticketOf(created.key);
  }

  async getTicketState(ticket: Ticket): Promise<'open' | 'closed'> {
    const issue = await this.request<JiraIssue>(
      'GET',
      `/rest/api/2/issue/${encodeURIComponent(
        ticket.externalId,
      )}?fields=status`,
    );
    return issue.fields?.status?.statusCategory?.key === 'done'
      ? 'closed'
      : 'open';
  }

  /** Served at /api/postmortem/webhooks/trackers/jira. */
  async receiveWebhook(
    delivery: WebhookDelivery,
  ): Promise<TicketStateChange[]> {
    return parseIssueWebhook(delivery, this.webhookSecret);
  }

  private projectOf(owner: TrackerOwner): string {
    const key = owner.annotations[JIRA_PROJECT_KEY_ANNOTATION]?.trim();
    if (!key || !/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw new InputError(
        `${owner.entityRef} has ${JIRA_PROJECT_KEY_ANNOTATION}: '${
          key ?? ''
        }', expected a Jira project key such as CHK`,
      );
    }
    return key;
  }

  private ticketOf(key: string): Ticket {
    return { externalId: key, url: `${this.baseUrl}/browse/${key}` };
  }

  private async request<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
  ): Promise<T> {
    const what = `Jira ${method} ${pathAndQuery.split('?')[0]}`;
    if (this.blockedUntil && this.blockedUntil > this.now()) {
      throw new TrackerRateLimitedError(
        `Jira rate limit: retry after ${this.blockedUntil.toISOString()}`,
        this.blockedUntil,
      );
    }

    let response: Response;
    try {
      response = await this.doFetch(`${this.baseUrl}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
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

    const status = response.status;
    const text = await response.text().catch(() => '');
    let payload: {
      errorMessages?: string[];
      errors?: Record<string, string>;
      message?: string;
    } = {};
    try {
      payload = JSON.parse(text);
    } catch {
      payload = { message: text.replace(/\s+/g, ' ').trim().slice(0, 300) };
    }
    const message =
      [
        ...(payload.errorMessages ?? []),
        ...Object.entries(payload.errors ?? {}).map(([f, m]) => `${f}: ${m}`),
        ...(payload.message ? [payload.message] : []),
      ].join('; ') ||
      response.statusText ||
      'no message';

    const retryAt = this.retryAtOf(response);
    if (retryAt) {
      this.blockedUntil = retryAt;
      throw new TrackerRateLimitedError(
        `${what} was rate limited (${status}: ${message}); retry after ${retryAt.toISOString()}`,
        retryAt,
      );
    }
    switch (status) {
      case 400:
        throw new InputError(
          `${what}: Jira rejected the request (400: ${message})`,
        );
      case 401:
        throw new AuthenticationError(
          `${what}: Jira rejected the credentials (401: ${message})`,
        );
      case 403: {
        const denied =
          response.headers.get('x-seraph-loginreason') ??
          response.headers.get('x-authentication-denied-reason');
        throw new NotAllowedError(
          `${what}: forbidden (403: ${message}${
            denied ? `; login: ${denied}` : ''
          }); the account needs Browse and Create Issues in the project`,
        );
      }
      case 404:
        throw new NotFoundError(`${what}: not found (404: ${message})`);
      default:
        throw new JiraHttpError(
          status >= 500
            ? `${what}: Jira answered ${status} (${message}); will retry`
            : `${what}: Jira answered ${status} (${message})`,
          status,
        );
    }
  }

  private retryAtOf(response: Response): Date | undefined {
    const status = response.status;
    if (status !== 429 && status !== 503) return undefined;
    const now = this.now().getTime();
    const retryAfter = response.headers.get('retry-after')?.trim();
    if (retryAfter) {
      if (/^\d+$/.test(retryAfter)) {
        return new Date(now + Number(retryAfter) * 1000);
      }
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) return new Date(Math.max(at, now));
    }
    const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
    if (!Number.isNaN(reset)) return new Date(Math.max(reset, now));
    // A 429 without a hint: wait a minute. A bare 503 is an ordinary 5xx.
    return status === 429 ? new Date(now + 60_000) : undefined;
  }
}
