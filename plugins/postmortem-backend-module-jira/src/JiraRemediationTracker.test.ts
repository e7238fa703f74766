import { ConfigReader } from '@backstage/config';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import {
  TicketRequest,
  TrackerRateLimitedError,
} from '@postmortems/plugin-postmortem-node';
import { FakeJira } from './__testUtils__/FakeJira';
import { JiraRemediationTracker, itemLabel } from './JiraRemediationTracker';

const owner = {
  entityRef: 'group:default/checkout-team',
  annotations: { 'jira/project-key': 'CHK' },
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
  horizon: 'medium',
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
const attempt = async (tracker: JiraRemediationTracker, req: TicketRequest) =>
  (await tracker.findTicket(req)) ?? (await tracker.createTicket(req));

describe('JiraRemediationTracker against a Jira-compatible server', () => {
  let jira: FakeJira;
  let tracker: JiraRemediationTracker;
  let now: Date;

  beforeEach(async () => {
    jira = new FakeJira();
    await jira.start();
    now = new Date('2026-11-20T12:00:00.000Z');
    tracker = new JiraRemediationTracker({
      baseUrl: `${jira.baseUrl}/`,
      auth: { email: jira.email, apiToken: jira.apiToken },
      labels: ['reliability', 'sre team'],
      timeoutMs: 500,
      now: () => now,
    });
  });

  afterEach(async () => {
    await jira.stop();
  });

  it('applies to owners with jira/project-key only', () => {
    expect(tracker.appliesTo(owner)).toBe(true);
    expect(
      tracker.appliesTo({ entityRef: 'group:default/x', annotations: {} }),
    ).toBe(false);
    expect(
      tracker.appliesTo({
        entityRef: 'group:default/x',
        annotations: { 'github.com/project-slug': 'northwind/checkout' },
      }),
    ).toBe(false);
  });

  it('derives a label from the idempotency key', () => {
    expect(itemLabel('postmortem-item-3f2a-77')).toBe('pm-3f2a-77');
    expect(itemLabel('postmortem-item-a b"c')).toBe('pm-a-b-c');
  });

  it('creates an issue with summary, wiki description, labels and due date', async () => {
    const ticket = await tracker.createTicket(request());

    expect(ticket).toEqual({
      externalId: 'CHK-1',
      url: `${jira.baseUrl}/browse/CHK-1`,
    });
    const post = jira.requests.find(r => r.method === 'POST')!;
    expect(post.path).toBe('/rest/api/2/issue');
    const basic = Buffer.from(`${jira.email}:${jira.apiToken}`).toString(
      'base64',
    );
    expect(post.headers).toMatchObject({
      authorization: `Basic ${basic}`,
      'content-type': 'application/json',
    });
    const { fields } = post.body;
    expect(fields).toMatchObject({
      project: { key: 'CHK' },
      summary: '[PM-42] Alert on connection pool saturation',
      issuetype: { name: 'Task' },
      labels: ['postmortem', 'reliability', 'sre-team', 'pm-item-1'],
      duedate: '2026-12-01',
    });
    expect(fields.description).toContain(
      '[PM-42: Checkout outage|https://backstage.example/postmortems/PM-42]',
    );
    expect(fields.description).toContain(
      'h3. Description\nThe pool ran dry for 40 minutes',
    );
    expect(fields.description).toContain(
      'h3. Acceptance criteria\nAn alert fires at 80% pool usage',
    );
    expect(fields.description).toContain(
      '*Priority:* 12 of 25 (impact 4 × probability 3)',
    );
    expect(fields.description).toContain('*Horizon:* medium term');
    expect(fields.description).toContain('*Due:* 2026-12-01');
    expect(fields.description).toContain('Item key: postmortem-item-item-1');
  });

  it('files without the due date where the create screen lacks it', async () => {
    jira.noDueDateOnScreen.add('CHK');
    await expect(tracker.createTicket(request())).resolves.toMatchObject({
      externalId: 'CHK-1',
    });
    expect(jira.issues).toHaveLength(1);
    expect(jira.issues[0].duedate).toBeUndefined();
    expect(jira.creates).toBe(2);
  });

  it('finds the issue by its label with a URL-encoded JQL search', async () => {
    await tracker.createTicket(request('item-1'));
    await tracker.createTicket(request('item-2'));

    await expect(tracker.findTicket(request('item-2'))).resolves.toEqual({
      externalId: 'CHK-2',
      url: `${jira.baseUrl}/browse/CHK-2`,
    });
    const search = jira.requests.find(r => r.path === '/rest/api/2/search')!;
    expect(search.query.get('jql')).toBe(
      'labels = "pm-item-2" ORDER BY created ASC',
    );
    await expect(tracker.findTicket(request('item-3'))).resolves.toBe(
      undefined,
    );
  });

  it('moves to /search/jql when Jira Cloud answers 410 for /search', async () => {
    jira.cloudSearchOnly = true;
    jira.searchReturnsIdsOnly = true;
    await tracker.createTicket(request());

    await expect(tracker.findTicket(request())).resolves.toEqual({
      externalId: 'CHK-1',
      url: `${jira.baseUrl}/browse/CHK-1`,
    });
    await tracker.findTicket(request());
    expect(
      jira.requests
        .filter(r => r.method === 'GET')
        .map(r => r.path.replace('/rest/api/2', '')),
    ).toEqual([
      '/search',
      '/search/jql',
      '/issue/10000',
      '/search/jql',
      '/issue/10000',
    ]);
  });

  it('reads the state back from the status category', async () => {
    const ticket = await tracker.createTicket(request());
    await expect(tracker.getTicketState(ticket)).resolves.toBe('open');
    jira.transition('CHK-1', 'In Progress');
    await expect(tracker.getTicketState(ticket)).resolves.toBe('open');
    jira.transition('CHK-1', 'Done');
    await expect(tracker.getTicketState(ticket)).resolves.toBe('closed');
    const get = jira.requests.filter(r => r.path === '/rest/api/2/issue/CHK-1');
    expect(get[0].query.get('fields')).toBe('status');
    await expect(
      tracker.getTicketState({ externalId: 'CHK-99', url: '' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/Issue does not exist/),
    });
  });

  it('authenticates with a Bearer token for Data Center', async () => {
    const dc = new JiraRemediationTracker({
      baseUrl: jira.baseUrl,
      auth: { token: jira.pat },
    });
    await expect(dc.createTicket(request())).resolves.toMatchObject({
      externalId: 'CHK-1',
    });
    expect(jira.requests[0].headers.authorization).toBe(`Bearer ${jira.pat}`);
  });

  describe('no duplicate issue after retries', () => {
    it('when the create response is lost after Jira stored the issue', async () => {
      jira.failNext(/^POST /, { drop: true });

      await expect(attempt(tracker, request())).rejects.toThrow(
        /Jira POST \/rest\/api\/2\/issue failed: .*looks it up first/,
      );
      expect(jira.issues).toHaveLength(1);

      const ticket = await attempt(tracker, request());
      const again = await attempt(tracker, request());

      expect(jira.issues).toHaveLength(1);
      expect(jira.creates).toBe(1);
      expect(ticket).toEqual({
        externalId: 'CHK-1',
        url: `${jira.baseUrl}/browse/CHK-1`,
      });
      expect(again).toEqual(ticket);
    });

    it('when the create times out', async () => {
      jira.failNext(/^POST /, { hang: true });
      await expect(attempt(tracker, request())).rejects.toThrow(/timeout/i);

      await attempt(tracker, request());

      expect(jira.issues).toHaveLength(1);
      expect(jira.creates).toBe(1);
    });

    it('when the first create fails with 500', async () => {
      jira.failNext(/^POST /, {
        status: 500,
        body: { errorMessages: ['Internal server error'], errors: {} },
      });
      await expect(attempt(tracker, request())).rejects.toThrow(
        /Jira answered 500 \(Internal server error\); will retry/,
      );
      expect(jira.issues).toHaveLength(0);

      await attempt(tracker, request());
      await attempt(tracker, request());
      expect(jira.issues).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it('401: bad credentials', async () => {
      const wrong = new JiraRemediationTracker({
        baseUrl: jira.baseUrl,
        auth: { email: jira.email, apiToken: 'wrong' },
      });
      await expect(wrong.findTicket(request())).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(
          /401: You are not authenticated\. Authentication required/,
        ),
      });
    });

    it('400: surfaces the field errors', async () => {
      const wrongType = new JiraRemediationTracker({
        baseUrl: jira.baseUrl,
        auth: { token: jira.pat },
        issueType: 'Story',
      });
      await expect(wrongType.createTicket(request())).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /400: issuetype: Specify a valid issue type/,
        ),
      });
      const req = request();
      req.owner = { ...owner, annotations: { 'jira/project-key': 'NOPE' } };
      await expect(tracker.createTicket(req)).rejects.toThrow(
        /400: project: valid project is required/,
      );
      expect(jira.issues).toHaveLength(0);
    });

    it('rejects a malformed project key before calling Jira', async () => {
      const req = request();
      req.owner = {
        ...owner,
        annotations: { 'jira/project-key': 'CHK" OR 1=1' },
      };
      await expect(tracker.findTicket(req)).rejects.toMatchObject({
        name: 'InputError',
      });
      expect(jira.requests).toHaveLength(0);
    });

    it('429 with Retry-After says when to retry and fails fast until then', async () => {
      jira.failNext(/^GET \/rest\/api\/2\/search/, {
        status: 429,
        headers: { 'retry-after': '45' },
        body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
      });
      const error = await attempt(tracker, request()).catch(e => e);
      expect(error).toBeInstanceOf(TrackerRateLimitedError);
      expect(error.retryAt).toEqual(new Date('2026-11-20T12:00:45.000Z'));
      expect(error.message).toMatch(
        /rate limited \(429: Rate limit exceeded\.\); retry after 2026-11-20T12:00:45\.000Z/,
      );
      expect(jira.creates).toBe(0);

      const before = jira.requests.length;
      await expect(attempt(tracker, request())).rejects.toThrow(
        /retry after 2026-11-20T12:00:45\.000Z/,
      );
      expect(jira.requests).toHaveLength(before);

      now = new Date('2026-11-20T12:01:00.000Z');
      await expect(attempt(tracker, request())).resolves.toMatchObject({
        externalId: 'CHK-1',
      });
    });

    it('503 with Retry-After is a rate limit too; a bare 5xx carries the status', async () => {
      jira.failNext(/^GET /, {
        status: 503,
        headers: { 'retry-after': '10' },
        body: { errorMessages: ['Service unavailable'], errors: {} },
      });
      await expect(
        tracker.getTicketState({ externalId: 'CHK-1', url: '' }),
      ).rejects.toThrow(/retry after 2026-11-20T12:00:10\.000Z/);

      now = new Date('2026-11-20T12:00:11.000Z');
      jira.failNext(/^GET /, { status: 502, body: 'Bad Gateway' });
      await expect(
        tracker.getTicketState({ externalId: 'CHK-1', url: '' }),
      ).rejects.toThrow(/Jira answered 502 \(Bad Gateway\); will retry/);
    });
  });

  it('reads its configuration', () => {
    expect(
      JiraRemediationTracker.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
    for (const jiraConfig of [
      { baseUrl: 'https://x.atlassian.net', email: 'a@b', apiToken: 't' },
      { baseUrl: 'https://jira.example', token: 'pat' },
    ]) {
      expect(
        JiraRemediationTracker.fromConfig(
          new ConfigReader({ postmortem: { jira: jiraConfig } }),
        ),
      ).toBeInstanceOf(JiraRemediationTracker);
    }
    expect(() =>
      JiraRemediationTracker.fromConfig(
        new ConfigReader({
          postmortem: { jira: { baseUrl: 'https://x', email: 'a@b' } },
        }),
      ),
    ).toThrow(/email and apiToken .* or token/);
  });
});
