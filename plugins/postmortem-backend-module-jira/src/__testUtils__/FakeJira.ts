import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of the Jira REST API v2 the tracker uses:
 * create issue, get issue, and JQL search by label (the classic
 * `/rest/api/2/search` of Data Center, or Jira Cloud's `/search/jql`, with
 * the classic one answering 410 Gone). It answers like Jira does (status
 * codes, `errorMessages`/`errors` bodies, Retry-After) and can be told to
 * fail the next matching request in various ways.
 */

export interface FakeJiraIssue {
  id: string;
  key: string;
  project: string;
  summary: string;
  description: string;
  issuetype: string;
  labels: string[];
  duedate?: string;
  status: 'To Do' | 'In Progress' | 'Done';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body?: any;
}

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Handle the request (an issue is stored), then destroy the socket. */
  | { drop: true }
  /** Handle the request (an issue is stored), then never answer. */
  | { hang: true };

const CATEGORY = {
  'To Do': { id: 2, key: 'new', name: 'To Do' },
  'In Progress': { id: 4, key: 'indeterminate', name: 'In Progress' },
  Done: { id: 3, key: 'done', name: 'Done' },
} as const;

export class FakeJira {
  readonly email = 'sre-bot@northwind.example';
  readonly apiToken = 'atl-token';
  readonly pat = 'dc-pat';
  readonly projects = new Set(['CHK']);
  readonly issueTypes = new Set(['Task', 'Bug']);
  readonly issues: FakeJiraIssue[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Jira Cloud: the classic search is gone (410), only /search/jql works. */
  cloudSearchOnly = false;
  /** The enhanced search returns issue ids only (no key). */
  searchReturnsIdsOnly = false;
  /** Projects whose create screen lacks the Due date field. */
  readonly noDueDateOnScreen = new Set<string>();
  private faults: Array<{ route: RegExp; fault: Fault }> = [];
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  private nextId = 10000;
  baseUrl = '';

  failNext(route: RegExp, fault: Fault) {
    this.faults.push({ route, fault });
  }

  get creates() {
    return this.requests.filter(
      r => r.method === 'POST' && r.path === '/rest/api/2/issue',
    ).length;
  }

  transition(key: string, status: FakeJiraIssue['status']) {
    const issue = this.issues.find(i => i.key === key);
    if (!issue) throw new Error(`no issue ${key}`);
    issue.status = status;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop() {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  private authorised(header?: string) {
    const basic = Buffer.from(`${this.email}:${this.apiToken}`).toString(
      'base64',
    );
    return header === `Basic ${basic}` || header === `Bearer ${this.pat}`;
  }

  private handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: Buffer,
  ) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });
    const send = (status: number, payload: unknown, headers = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json;charset=UTF-8',
        ...headers,
      });
      res.end(JSON.stringify(payload));
    };

    const faultIndex = this.faults.findIndex(f =>
      f.route.test(`${method} ${url.pathname}`),
    );
    const fault =
      faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0].fault : undefined;
    if (fault && 'status' in fault) {
      send(fault.status, fault.body ?? {}, fault.headers);
      return;
    }
    if (!this.authorised(req.headers.authorization)) {
      send(
        401,
        {
          errorMessages: [
            'You are not authenticated. Authentication required to perform this operation.',
          ],
          errors: {},
        },
        { 'www-authenticate': 'Basic realm="protected-area"' },
      );
      return;
    }

    const [status, payload] = this.route(method, url, body);
    if (fault && 'drop' in fault) {
      res.socket?.destroy();
      return;
    }
    if (fault && 'hang' in fault) {
      this.hanging.add(res);
      return;
    }
    send(status, payload);
  }

  private route(method: string, url: URL, body: any): [number, unknown] {
    const path = url.pathname;
    if (method === 'POST' && path === '/rest/api/2/issue') {
      return this.create(body);
    }
    if (method === 'GET' && path === '/rest/api/2/search') {
      if (this.cloudSearchOnly) {
        return [
          410,
          {
            errorMessages: [
              'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
            ],
            errors: {},
          },
        ];
      }
      return this.search(url.searchParams, false);
    }
    if (method === 'GET' && path === '/rest/api/2/search/jql') {
      return this.search(url.searchParams, true);
    }
    const get = /^\/rest\/api\/2\/issue\/([^/]+)$/.exec(path);
    if (method === 'GET' && get) {
      const idOrKey = decodeURIComponent(get[1]);
      const issue = this.issues.find(
        i => i.key === idOrKey || i.id === idOrKey,
      );
      if (!issue) {
        return [
          404,
          {
            errorMessages: [
              'Issue does not exist or you do not have permission to see it.',
            ],
            errors: {},
          },
        ];
      }
      return [200, this.view(issue, true)];
    }
    return [404, { errorMessages: ['Not found'], errors: {} }];
  }

  private create(body: any): [number, unknown] {
    const f = body?.fields ?? {};
    const errors: Record<string, string> = {};
    if (!this.projects.has(f.project?.key)) {
      errors.project = 'valid project is required';
    }
    if (typeof f.summary !== 'string' || !f.summary.trim()) {
      errors.summary = 'You must specify a summary of the issue.';
    } else if (f.summary.length > 255) {
      errors.summary = 'Summary must be less than 255 characters.';
    }
    if (!this.issueTypes.has(f.issuetype?.name)) {
      errors.issuetype = 'Specify a valid issue type';
    }
    for (const label of f.labels ?? []) {
      if (/\s/.test(label)) {
        errors.labels = `The label '${label}' contains spaces which is invalid.`;
      }
    }
    if (f.duedate !== undefined) {
      if (this.noDueDateOnScreen.has(f.project?.key)) {
        errors.duedate =
          "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.";
      } else if (!/^\d{4}-\d{2}-\d{2}$/.test(f.duedate)) {
        errors.duedate = `Error parsing date string: ${f.duedate}`;
      }
    }
    if (Object.keys(errors).length) return [400, { errorMessages: [], errors }];

    const id = String(this.nextId++);
    const number =
      this.issues.filter(i => i.project === f.project.key).length + 1;
    const issue: FakeJiraIssue = {
      id,
      key: `${f.project.key}-${number}`,
      project: f.project.key,
      summary: f.summary,
      description: f.description ?? '',
      issuetype: f.issuetype.name,
      labels: f.labels ?? [],
      duedate: f.duedate,
      status: 'To Do',
    };
    this.issues.push(issue);
    return [
      201,
      { id, key: issue.key, self: `${this.baseUrl}/rest/api/2/issue/${id}` },
    ];
  }

  /** The JQL the tracker uses: labels = "x", optionally ORDER BY created. */
  private search(query: URLSearchParams, enhanced: boolean): [number, unknown] {
    const jql = query.get('jql') ?? '';
    const m =
      /^\s*labels\s*=\s*"([^"]*)"\s*(?:ORDER BY created (ASC|DESC))?\s*$/i.exec(
        jql,
      );
    if (!m) {
      return [
        400,
        {
          errorMessages: [
            `Error in the JQL Query: this fake only understands labels = "x" (${jql})`,
          ],
          errors: {},
        },
      ];
    }
    const max = Number(query.get('maxResults') ?? 50);
    let found = this.issues.filter(i => i.labels.includes(m[1]));
    if (m[2]?.toUpperCase() === 'DESC') found = [...found].reverse();
    const issues = found
      .slice(0, max)
      .map(i =>
        enhanced && this.searchReturnsIdsOnly
          ? { id: i.id }
          : this.view(i, (query.get('fields') ?? '').includes('status')),
      );
    return enhanced
      ? [200, { issues, isLast: true }]
      : [200, { startAt: 0, maxResults: max, total: found.length, issues }];
  }

  private view(issue: FakeJiraIssue, withStatus: boolean) {
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.baseUrl}/rest/api/2/issue/${issue.id}`,
      fields: withStatus
        ? {
            status: {
              name: issue.status,
              statusCategory: CATEGORY[issue.status],
            },
          }
        : {},
    };
  }
}
