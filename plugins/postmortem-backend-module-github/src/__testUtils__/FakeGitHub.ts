import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of the GitHub REST API the module uses:
 * create issue, get issue, list repository issues, search issues, list
 * deployments (newest first, `environment` filter, `page`/`per_page` with a
 * `Link` header), list deployment statuses (newest first), list commits
 * (newest first, `path`, `since` and `until` filters, pages) and get a
 * commit with its files. It answers
 * like GitHub does (status codes, error bodies, rate-limit headers), can run
 * out of its rate limit, and can be told to fail the next matching request
 * in various ways.
 */

export interface FakeIssue {
  number: number;
  repo: string;
  title: string;
  body: string;
  labels: Array<{ name: string }>;
  state: 'open' | 'closed';
  html_url: string;
  created: number;
}

export interface FakeDeploymentStatus {
  id: number;
  state:
    | 'error'
    | 'failure'
    | 'inactive'
    | 'in_progress'
    | 'queued'
    | 'pending'
    | 'success';
  description?: string;
  log_url?: string;
  target_url?: string;
  created_at: string;
}

export interface FakeDeployment {
  id: number;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  creator: string;
  created_at: string;
  /** Oldest first, as created. */
  statuses: FakeDeploymentStatus[];
}

export interface FakeCommitFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed';
  patch?: string;
}

export interface FakeCommit {
  repo: string;
  sha: string;
  message: string;
  /** GitHub login; null for an author without a GitHub account. */
  login: string | null;
  authorName: string;
  /** When the commit landed (committer date), which since/until filter on. */
  date: string;
  parents: string[];
  files: FakeCommitFile[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body?: any;
}

export type Fault =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
    }
  /** Handle the request (an issue is stored), then destroy the socket. */
  | { drop: true }
  /** Handle the request (an issue is stored), then never answer. */
  | { hang: true };

export class FakeGitHub {
  readonly token = 'ghp_test';
  readonly repos = new Set(['northwind/checkout']);
  readonly issues: FakeIssue[] = [];
  readonly deployments: FakeDeployment[] = [];
  readonly commits: FakeCommit[] = [];
  readonly requests: RecordedRequest[] = [];
  /**
   * Requests left in the core rate limit; undefined for no limit. At 0,
   * requests get 403 with `x-ratelimit-remaining: 0` until `rateLimitReset`.
   */
  rateLimitRemaining?: number;
  /** Epoch seconds at which the rate limit resets. */
  rateLimitReset = Math.floor(Date.parse('2026-11-20T13:00:00Z') / 1000);
  private nextId = 1000;
  /** Issues younger than this many ms are not in the search index yet. */
  searchLagMs = 0;
  private faults: Array<{ route: RegExp; fault: Fault }> = [];
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  baseUrl = '';

  /** Fails the next request whose "METHOD /path" matches `route`. */
  failNext(route: RegExp, fault: Fault) {
    this.faults.push({ route, fault });
  }

  get creates() {
    return this.requests.filter(
      r => r.method === 'POST' && /\/issues$/.test(r.path),
    ).length;
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

  /** Adds a deployment (and its repository) with statuses in the given order. */
  deploy(d: {
    repo: string;
    sha: string;
    ref?: string;
    environment?: string;
    creator?: string;
    task?: string;
    description?: string;
    createdAt: string;
    statuses?: Array<
      Pick<FakeDeploymentStatus, 'state'> &
        Partial<Omit<FakeDeploymentStatus, 'id' | 'state'>>
    >;
  }): FakeDeployment {
    this.repos.add(d.repo);
    const deployment: FakeDeployment = {
      id: this.nextId++,
      repo: d.repo,
      sha: d.sha,
      ref: d.ref ?? d.sha,
      task: d.task ?? 'deploy',
      environment: d.environment ?? 'production',
      description: d.description ?? null,
      creator: d.creator ?? 'octocat',
      created_at: d.createdAt,
      statuses: (d.statuses ?? []).map(s => ({
        created_at: d.createdAt,
        ...s,
        id: this.nextId++,
      })),
    };
    this.deployments.push(deployment);
    return deployment;
  }

  /** Adds a commit (and its repository); its parent is the repository's previous commit. */
  commit(c: {
    repo: string;
    sha: string;
    message: string;
    date: string;
    files: Array<string | FakeCommitFile>;
    login?: string | null;
    authorName?: string;
  }): FakeCommit {
    this.repos.add(c.repo);
    const previous = this.commits
      .filter(x => x.repo === c.repo)
      .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
    const commit: FakeCommit = {
      repo: c.repo,
      sha: c.sha,
      message: c.message,
      date: c.date,
      login: c.login === undefined ? 'octocat' : c.login,
      authorName: c.authorName ?? 'The Octocat',
      parents: previous ? [previous.sha] : [],
      files: c.files.map(f =>
        typeof f === 'string' ? { filename: f, status: 'modified' } : f,
      ),
    };
    this.commits.push(commit);
    return commit;
  }

  close(repo: string, number: number) {
    const issue = this.issues.find(i => i.repo === repo && i.number === number);
    if (!issue) throw new Error(`no issue ${repo}#${number}`);
    issue.state = 'closed';
  }

  private handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: Buffer,
  ) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });

    const send = (status: number, payload: unknown, headers = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
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

    if (req.headers.authorization !== `Bearer ${this.token}`) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }

    const resource = url.pathname.startsWith('/search/') ? 'search' : 'core';
    if (resource === 'core' && this.rateLimitRemaining !== undefined) {
      if (this.rateLimitRemaining <= 0) {
        send(
          403,
          {
            message:
              'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            status: '403',
          },
          {
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(this.rateLimitReset),
            'x-ratelimit-resource': 'core',
          },
        );
        return;
      }
      this.rateLimitRemaining--;
    }

    const [status, payload, extraHeaders] = this.route(method, url, body);
    if (fault && 'drop' in fault) {
      res.socket?.destroy();
      return;
    }
    if (fault && 'hang' in fault) {
      this.hanging.add(res);
      return;
    }
    send(status, payload, {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(
        resource === 'core' ? this.rateLimitRemaining ?? 4999 : 29,
      ),
      'x-ratelimit-reset': String(this.rateLimitReset),
      'x-ratelimit-resource': resource,
      ...extraHeaders,
    });
  }

  private route(
    method: string,
    url: URL,
    body: any,
  ): [number, unknown, Record<string, string>?] {
    const notFound: [number, unknown] = [
      404,
      {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      },
    ];
    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+))?$/.exec(
      url.pathname,
    );
    if (repoMatch) {
      const repo = `${decodeURIComponent(repoMatch[1])}/${decodeURIComponent(
        repoMatch[2],
      )}`;
      if (!this.repos.has(repo)) return notFound;
      const number = repoMatch[3] ? Number(repoMatch[3]) : undefined;
      if (method === 'POST' && number === undefined) {
        return this.createIssue(repo, body);
      }
      if (method === 'GET' && number !== undefined) {
        const issue = this.issues.find(
          i => i.repo === repo && i.number === number,
        );
        return issue ? [200, this.view(issue)] : notFound;
      }
      if (method === 'GET') return [200, this.list(repo, url.searchParams)];
    }
    if (method === 'GET' && url.pathname === '/search/issues') {
      return this.search(url.searchParams.get('q') ?? '');
    }
    const deploymentsMatch =
      /^\/repos\/([^/]+)\/([^/]+)\/deployments(?:\/(\d+)\/statuses)?$/.exec(
        url.pathname,
      );
    if (method === 'GET' && deploymentsMatch) {
      const repo = `${decodeURIComponent(
        deploymentsMatch[1],
      )}/${decodeURIComponent(deploymentsMatch[2])}`;
      if (!this.repos.has(repo)) return notFound;
      if (deploymentsMatch[3] === undefined) {
        const environment = url.searchParams.get('environment');
        return this.page(
          url,
          this.deployments
            .filter(d => d.repo === repo)
            .filter(d => !environment || d.environment === environment)
            .sort(
              (a, b) =>
                Date.parse(b.created_at) - Date.parse(a.created_at) ||
                b.id - a.id,
            )
            .map(d => this.deploymentView(d)),
        );
      }
      const deployment = this.deployments.find(
        d => d.repo === repo && d.id === Number(deploymentsMatch[3]),
      );
      if (!deployment) return notFound;
      return this.page(
        url,
        [...deployment.statuses]
          .reverse()
          .map(s => this.statusView(deployment, s)),
      );
    }
    const commitsMatch =
      /^\/repos\/([^/]+)\/([^/]+)\/commits(?:\/([^/]+))?$/.exec(url.pathname);
    if (method === 'GET' && commitsMatch) {
      const repo = `${decodeURIComponent(commitsMatch[1])}/${decodeURIComponent(
        commitsMatch[2],
      )}`;
      if (!this.repos.has(repo)) return notFound;
      const ofRepo = this.commits.filter(c => c.repo === repo);
      if (commitsMatch[3] !== undefined) {
        const ref = decodeURIComponent(commitsMatch[3]);
        const commit = ofRepo.find(c => c.sha.startsWith(ref));
        if (!commit) {
          return [
            422,
            {
              message: `No commit found for SHA: ${ref}`,
              documentation_url:
                'https://docs.github.com/rest/commits/commits#get-a-commit',
              status: '422',
            },
          ];
        }
        return [200, this.commitView(commit, true)];
      }
      // A path is a file or a directory, never a pattern, as in git log -- <path>.
      const path = (url.searchParams.get('path') ?? '').replace(
        /^\/+|\/+$/g,
        '',
      );
      const since = url.searchParams.get('since');
      const until = url.searchParams.get('until');
      return this.page(
        url,
        ofRepo
          .filter(
            c =>
              !path ||
              c.files.some(
                f => f.filename === path || f.filename.startsWith(`${path}/`),
              ),
          )
          .filter(c => !since || Date.parse(c.date) >= Date.parse(since))
          .filter(c => !until || Date.parse(c.date) <= Date.parse(until))
          .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
          .map(c => this.commitView(c, false)),
      );
    }
    return notFound;
  }

  /** A commit as GitHub's list (without files) or get (with stats and files) answers it. */
  private commitView(c: FakeCommit, withFiles: boolean) {
    const api = `${this.baseUrl}/repos/${c.repo}`;
    const web = `https://github.example/${c.repo}`;
    const person = {
      name: c.authorName,
      email: `${c.login ?? 'someone'}@users.noreply.github.com`,
      date: c.date,
    };
    const user = c.login && {
      login: c.login,
      id: 1,
      type: 'User',
      html_url: `https://github.example/${c.login}`,
    };
    const lines = (p?: string, sign = '+') =>
      (p ?? '').split('\n').filter(l => l.startsWith(sign)).length;
    const files = c.files.map(f => {
      const additions = lines(f.patch, '+');
      const deletions = lines(f.patch, '-');
      return {
        sha: c.sha,
        filename: f.filename,
        status: f.status ?? 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${web}/blob/${c.sha}/${f.filename}`,
        raw_url: `${web}/raw/${c.sha}/${f.filename}`,
        contents_url: `${api}/contents/${f.filename}?ref=${c.sha}`,
        ...(f.patch !== undefined && { patch: f.patch }),
      };
    });
    return {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 12)}`,
      commit: {
        author: person,
        committer: { ...person, name: 'GitHub', email: 'noreply@github.com' },
        message: c.message,
        tree: {
          sha: c.sha.split('').reverse().join(''),
          url: `${api}/git/trees/x`,
        },
        url: `${api}/git/commits/${c.sha}`,
        comment_count: 0,
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      url: `${api}/commits/${c.sha}`,
      html_url: `${web}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      author: user,
      committer: user,
      parents: c.parents.map(p => ({
        sha: p,
        url: `${api}/commits/${p}`,
        html_url: `${web}/commit/${p}`,
      })),
      ...(withFiles && {
        stats: {
          total: files.reduce((n, f) => n + f.changes, 0),
          additions: files.reduce((n, f) => n + f.additions, 0),
          deletions: files.reduce((n, f) => n + f.deletions, 0),
        },
        files,
      }),
    };
  }

  /** One page of a list, with GitHub's Link header (first/prev/next/last). */
  private page(
    url: URL,
    items: unknown[],
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(
      100,
      Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30),
    );
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const target = new URL(`${this.baseUrl}${url.pathname}`);
      url.searchParams.forEach((v, k) => target.searchParams.set(k, v));
      target.searchParams.set('page', String(p));
      return `<${target}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ];
    return [
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    ];
  }

  private deploymentView(d: FakeDeployment) {
    const api = `${this.baseUrl}/repos/${d.repo}`;
    return {
      url: `${api}/deployments/${d.id}`,
      id: d.id,
      node_id: `DE_${d.id}`,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: {},
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: { login: d.creator, id: 1, type: 'User' },
      created_at: d.created_at,
      updated_at: d.created_at,
      statuses_url: `${api}/deployments/${d.id}/statuses`,
      repository_url: api,
      transient_environment: false,
      production_environment: d.environment === 'production',
    };
  }

  private statusView(d: FakeDeployment, s: FakeDeploymentStatus) {
    const api = `${this.baseUrl}/repos/${d.repo}`;
    return {
      url: `${api}/deployments/${d.id}/statuses/${s.id}`,
      id: s.id,
      node_id: `DES_${s.id}`,
      state: s.state,
      creator: { login: d.creator, id: 1, type: 'User' },
      description: s.description ?? '',
      environment: d.environment,
      target_url: s.target_url ?? s.log_url ?? '',
      log_url: s.log_url ?? '',
      environment_url: '',
      created_at: s.created_at,
      updated_at: s.created_at,
      deployment_url: `${api}/deployments/${d.id}`,
      repository_url: api,
    };
  }

  private createIssue(repo: string, body: any): [number, unknown] {
    const invalid = (field: string, code: string): [number, unknown] => [
      422,
      {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code, field }],
        documentation_url:
          'https://docs.github.com/rest/issues/issues#create-an-issue',
        status: '422',
      },
    ];
    if (typeof body?.title !== 'string' || !body.title.trim()) {
      return invalid('title', 'missing_field');
    }
    if (body.title.length > 256) return invalid('title', 'custom');
    if (body.labels !== undefined && !Array.isArray(body.labels)) {
      return invalid('labels', 'invalid');
    }
    if ((body.labels ?? []).some((l: unknown) => String(l).length > 50)) {
      return [
        422,
        {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'invalid', field: 'name' }],
          status: '422',
        },
      ];
    }
    const number =
      Math.max(
        0,
        ...this.issues.filter(i => i.repo === repo).map(i => i.number),
      ) + 1;
    const issue: FakeIssue = {
      number,
      repo,
      title: body.title,
      body: typeof body.body === 'string' ? body.body : '',
      labels: (body.labels ?? []).map((name: string) => ({ name })),
      state: 'open',
      html_url: `https://github.example/${repo}/issues/${number}`,
      created: Date.now(),
    };
    this.issues.push(issue);
    return [201, this.view(issue)];
  }

  private list(repo: string, query: URLSearchParams) {
    const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
    const state = query.get('state') ?? 'open';
    const perPage = Number(query.get('per_page') ?? 30);
    return this.issues
      .filter(i => i.repo === repo)
      .filter(i => state === 'all' || i.state === state)
      .filter(i => labels.every(l => i.labels.some(x => x.name === l)))
      .sort((a, b) =>
        query.get('direction') === 'asc'
          ? a.number - b.number
          : b.number - a.number,
      )
      .slice(0, perPage)
      .map(i => this.view(i));
  }

  /** The qualifiers the tracker uses: repo:, is:issue, in:body and one "phrase". */
  private search(q: string): [number, unknown] {
    const repo = /(?:^|\s)repo:(\S+)/.exec(q)?.[1];
    const phrase = /"([^"]*)"/.exec(q)?.[1];
    if (!q.trim() || !repo) {
      return [
        422,
        {
          message: 'Validation Failed',
          errors: [{ resource: 'Search', field: 'q', code: 'missing' }],
          status: '422',
        },
      ];
    }
    if (!this.repos.has(repo)) {
      return [
        422,
        {
          message: 'Validation Failed',
          errors: [
            {
              message:
                'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
              resource: 'Search',
              field: 'q',
              code: 'invalid',
            },
          ],
          status: '422',
        },
      ];
    }
    // Tokenised phrase match, as GitHub's index does it: punctuation splits words.
    const words = (s: string) =>
      s
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
    const needle = words(phrase ?? '').join(' ');
    const now = Date.now();
    const items = this.issues
      .filter(i => i.repo === repo && now - i.created >= this.searchLagMs)
      .filter(
        i => !needle || ` ${words(i.body).join(' ')} `.includes(` ${needle} `),
      )
      .map(i => ({ ...this.view(i), score: 1 }));
    return [
      200,
      { total_count: items.length, incomplete_results: false, items },
    ];
  }

  private view(issue: FakeIssue) {
    const [owner, name] = issue.repo.split('/');
    return {
      url: `${this.baseUrl}/repos/${owner}/${name}/issues/${issue.number}`,
      repository_url: `${this.baseUrl}/repos/${owner}/${name}`,
      html_url: issue.html_url,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      state: issue.state,
      state_reason: issue.state === 'closed' ? 'completed' : null,
    };
  }
}
