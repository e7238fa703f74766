import { ConfigReader } from '@backstage/config';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import {
  TicketRequest,
  TrackerRateLimitedError,
} from '@postmortems/plugin-postmortem-node';
import { FakeGitHub } from './__testUtils__/FakeGitHub';
import {
  GitHubRemediationTracker,
  itemMarker,
} from './GitHubRemediationTracker';

const owner = {
  entityRef: 'group:default/checkout-team',
  annotations: { 'github.com/project-slug': 'northwind/checkout' },
};

const item = (id = 'item-1'): RemediationItem => ({
  id,
  postmortemId: 'pm-1',
  title: 'Alert on connection pool saturation',
  description: 'The pool ran dry for 40 minutes before anyone noticed.',
  acceptanceCriteria: 'An alert fires at 80% pool usage for 5 minutes.',
  ownerRef: owner.entityRef,
  dueDate: '2026-12-01',
  impact: 4,
  probability: 3,
  priority: 12,
  horizon: 'short',
  status: 'open',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
});

const request = (id = 'item-1'): TicketRequest => ({
  item: item(id),
  postmortem: {
    humanId: 'PM-42',
    title: 'Checkout outage',
    url: 'https://backstage.example/postmortems/PM-42',
  },
  owner,
  idempotencyKey: `postmortem-item-${id}`,
});

/** What TrackerSync does on each attempt. */
const attempt = async (tracker: GitHubRemediationTracker, req: TicketRequest) =>
  (await tracker.findTicket(req)) ?? (await tracker.createTicket(req));

describe('GitHubRemediationTracker against a GitHub-compatible server', () => {
  let github: FakeGitHub;
  let tracker: GitHubRemediationTracker;
  let now: Date;

  beforeEach(async () => {
    github = new FakeGitHub();
    await github.start();
    now = new Date('2026-11-20T12:00:00.000Z');
    tracker = new GitHubRemediationTracker({
      token: github.token,
      apiBaseUrl: `${github.baseUrl}/`,
      labels: ['reliability'],
      timeoutMs: 500,
      now: () => now,
    });
  });

  afterEach(async () => {
    await github.stop();
  });

  it('applies to owners with github.com/project-slug only', () => {
    expect(tracker.appliesTo(owner)).toBe(true);
    expect(
      tracker.appliesTo({ entityRef: 'group:default/x', annotations: {} }),
    ).toBe(false);
    expect(
      tracker.appliesTo({
        entityRef: 'group:default/x',
        annotations: { 'github.com/project-slug': ' ' },
      }),
    ).toBe(false);
    expect(
      tracker.appliesTo({
        entityRef: 'group:default/x',
        annotations: { 'jira/project-key': 'CHK' },
      }),
    ).toBe(false);
  });

  it('creates an issue with title, Markdown body, marker and labels', async () => {
    const ticket = await tracker.createTicket(request());

    expect(ticket).toEqual({
      externalId: 'northwind/checkout#1',
      url: 'https://github.example/northwind/checkout/issues/1',
    });
    const post = github.requests.find(r => r.method === 'POST')!;
    expect(post.path).toBe('/repos/northwind/checkout/issues');
    expect(post.headers).toMatchObject({
      authorization: `Bearer ${github.token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'content-type': 'application/json',
    });
    expect(post.body.title).toBe('[PM-42] Alert on connection pool saturation');
    expect(post.body.labels).toEqual(['postmortem', 'reliability']);
    const body: string = post.body.body;
    expect(body).toContain(
      '[PM-42: Checkout outage](https://backstage.example/postmortems/PM-42)',
    );
    expect(body).toContain('### Description');
    expect(body).toContain('The pool ran dry for 40 minutes');
    expect(body).toContain('### Acceptance criteria');
    expect(body).toContain('An alert fires at 80% pool usage');
    expect(body).toContain('**Priority:** 12 of 25 (impact 4 × probability 3)');
    expect(body).toContain('**Horizon:** short term');
    expect(body).toContain('**Due:** 2026-12-01');
    expect(body).toContain('<!-- postmortem-item: postmortem-item-item-1 -->');
  });

  it('finds the issue by its key with an exact-phrase body search', async () => {
    await tracker.createTicket(request('item-1'));
    await tracker.createTicket(request('item-2'));

    await expect(tracker.findTicket(request('item-2'))).resolves.toEqual({
      externalId: 'northwind/checkout#2',
      url: 'https://github.example/northwind/checkout/issues/2',
    });
    const search = github.requests.find(r => r.path === '/search/issues')!;
    expect(search.query.get('q')).toBe(
      'repo:northwind/checkout is:issue in:body "postmortem-item-item-2"',
    );
    await expect(tracker.findTicket(request('item-3'))).resolves.toBe(
      undefined,
    );
  });

  it('ignores search hits that only mention the key without the marker', async () => {
    github.issues.push({
      number: 7,
      repo: 'northwind/checkout',
      title: 'Discussion',
      body: 'See postmortem-item-item-1 for context',
      labels: [],
      state: 'open',
      html_url: 'https://github.example/northwind/checkout/issues/7',
      created: 0,
    });
    await expect(tracker.findTicket(request('item-1'))).resolves.toBe(
      undefined,
    );
  });

  it('finds a fresh issue the search index does not show yet', async () => {
    await tracker.createTicket(request());
    github.searchLagMs = 60_000;

    await expect(tracker.findTicket(request())).resolves.toEqual({
      externalId: 'northwind/checkout#1',
      url: 'https://github.example/northwind/checkout/issues/1',
    });
    const list = github.requests.find(
      r => r.method === 'GET' && r.path === '/repos/northwind/checkout/issues',
    )!;
    expect(Object.fromEntries(list.query)).toMatchObject({
      labels: 'postmortem',
      state: 'all',
      sort: 'created',
    });
  });

  it('reads the state back', async () => {
    const ticket = await tracker.createTicket(request());
    await expect(tracker.getTicketState(ticket)).resolves.toBe('open');
    github.close('northwind/checkout', 1);
    await expect(tracker.getTicketState(ticket)).resolves.toBe('closed');
    await expect(
      tracker.getTicketState({ externalId: 'nonsense', url: '' }),
    ).rejects.toThrow(/Not a GitHub issue reference/);
    await expect(
      tracker.getTicketState({
        externalId: 'northwind/checkout#99',
        url: '',
      }),
    ).rejects.toThrow(/404: Not Found/);
  });

  describe('no duplicate issue after retries', () => {
    it('when the create response is lost after GitHub stored the issue', async () => {
      github.failNext(/^POST /, { drop: true });

      await expect(attempt(tracker, request())).rejects.toThrow(
        /GitHub POST \/repos\/northwind\/checkout\/issues failed: .*looks it up first/,
      );
      expect(github.issues).toHaveLength(1);

      const ticket = await attempt(tracker, request());
      const again = await attempt(tracker, request());

      expect(github.issues).toHaveLength(1);
      expect(github.creates).toBe(1);
      expect(ticket).toEqual({
        externalId: 'northwind/checkout#1',
        url: 'https://github.example/northwind/checkout/issues/1',
      });
      expect(again).toEqual(ticket);
    });

    it('when the create times out and the search index lags', async () => {
      github.failNext(/^POST /, { hang: true });
      await expect(attempt(tracker, request())).rejects.toThrow(/timeout/i);
      github.searchLagMs = 60_000;

      await attempt(tracker, request());

      expect(github.issues).toHaveLength(1);
      expect(github.creates).toBe(1);
    });

    it('when the first create fails with 500', async () => {
      github.failNext(/^POST /, {
        status: 500,
        body: { message: 'Server Error' },
      });
      await expect(attempt(tracker, request())).rejects.toThrow(
        /GitHub answered 500 \(Server Error\); will retry/,
      );
      expect(github.issues).toHaveLength(0);

      await attempt(tracker, request());
      await attempt(tracker, request());
      expect(github.issues).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it('401: bad token', async () => {
      const wrong = new GitHubRemediationTracker({
        token: 'wrong',
        apiBaseUrl: github.baseUrl,
      });
      await expect(wrong.createTicket(request())).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(
          /rejected the token \(401: Bad credentials\)/,
        ),
      });
    });

    it('422: surfaces the validation message', async () => {
      const badLabel = new GitHubRemediationTracker({
        token: github.token,
        apiBaseUrl: github.baseUrl,
        labels: ['x'.repeat(60)],
      });
      await expect(badLabel.createTicket(request())).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /422: Validation Failed: Label name invalid/,
        ),
      });
      expect(github.issues).toHaveLength(0);
      github.failNext(/^POST /, {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'Label',
              field: 'name',
              code: 'custom',
              message: 'Label does not exist',
            },
          ],
        },
      });
      await expect(tracker.createTicket(request())).rejects.toThrow(
        /Validation Failed: Label does not exist/,
      );
    });

    it('404: unknown repository', async () => {
      const req = request();
      req.owner = {
        ...owner,
        annotations: { 'github.com/project-slug': 'northwind/gone' },
      };
      await expect(tracker.createTicket(req)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    });

    it('rejects a malformed project slug before calling GitHub', async () => {
      const req = request();
      req.owner = {
        ...owner,
        annotations: { 'github.com/project-slug': 'just-a-name' },
      };
      await expect(tracker.findTicket(req)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/expected <owner>\/<repo>/),
      });
      expect(github.requests).toHaveLength(0);
    });

    it('429 with Retry-After says when to retry and fails fast until then', async () => {
      github.failNext(/^POST /, {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      });
      const error = await tracker.createTicket(request()).catch(e => e);
      expect(error).toBeInstanceOf(TrackerRateLimitedError);
      expect(error.retryAt).toEqual(new Date('2026-11-20T12:00:30.000Z'));
      expect(error.message).toMatch(
        /rate limited \(429: You have exceeded a secondary rate limit\.\); retry after 2026-11-20T12:00:30\.000Z/,
      );

      const before = github.requests.length;
      await expect(tracker.createTicket(request())).rejects.toThrow(
        /retry after 2026-11-20T12:00:30\.000Z/,
      );
      expect(github.requests).toHaveLength(before);

      now = new Date('2026-11-20T12:00:31.000Z');
      await expect(tracker.createTicket(request())).resolves.toMatchObject({
        externalId: 'northwind/checkout#1',
      });
    });

    it('403 with x-ratelimit-remaining: 0 retries at x-ratelimit-reset', async () => {
      const reset = Date.parse('2026-11-20T12:10:00.000Z') / 1000;
      github.failNext(/^GET \/search/, {
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'search',
        },
        body: { message: 'API rate limit exceeded for user ID 1.' },
      });
      await expect(tracker.findTicket(request())).rejects.toThrow(
        /403: API rate limit exceeded for user ID 1\.\); retry after 2026-11-20T12:10:00\.000Z/,
      );
      // The search limit does not hold up other calls.
      await expect(tracker.createTicket(request())).resolves.toBeDefined();
      await expect(tracker.findTicket(request())).rejects.toThrow(
        /rate limit \(search\) exhausted; retry after 2026-11-20T12:10:00\.000Z/,
      );
    });

    it('403 without rate-limit headers is a permission error', async () => {
      github.failNext(/^POST /, {
        status: 403,
        body: { message: 'Resource not accessible by personal access token' },
      });
      await expect(tracker.createTicket(request())).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /403: Resource not accessible by personal access token/,
        ),
      });
    });

    it('5xx on reads carries the status', async () => {
      github.failNext(/^GET \/repos/, {
        status: 502,
        body: { message: 'Server Error' },
      });
      await expect(
        tracker.getTicketState({
          externalId: 'northwind/checkout#1',
          url: '',
        }),
      ).rejects.toThrow(/GitHub answered 502/);
    });
  });

  it('reads its configuration', () => {
    expect(
      GitHubRemediationTracker.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
    expect(
      GitHubRemediationTracker.fromConfig(
        new ConfigReader({ postmortem: { github: { token: 't' } } }),
      ),
    ).toBeInstanceOf(GitHubRemediationTracker);
    expect(() =>
      GitHubRemediationTracker.fromConfig(
        new ConfigReader({ postmortem: { github: { labels: ['x'] } } }),
      ),
    ).toThrow(/token/);
  });

  it('uses the marker format the search relies on', () => {
    expect(itemMarker('postmortem-item-abc')).toBe(
      '<!-- postmortem-item: postmortem-item-abc -->',
    );
  });
});
