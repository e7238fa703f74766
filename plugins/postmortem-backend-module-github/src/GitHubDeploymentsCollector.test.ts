import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EvidenceRequest } from '@postmortems/plugin-postmortem-node';
import { FakeGitHub } from './__testUtils__/FakeGitHub';
import {
  GitHubDeploymentsCollector,
  GitHubDeploymentsCollectorOptions,
  versionOf,
} from './GitHubDeploymentsCollector';

const CHECKOUT = 'component:default/checkout-service';
const PAYMENTS = 'component:default/payments-service';
const FRAUD = 'component:default/fraud-service';

const sha = (n: number | string) => String(n).padStart(40, 'a');

/** An incident with impact from 10:00 to 10:30; the margins make 09:30–10:45. */
const request = (
  entities: EvidenceRequest['entities'] = [
    {
      entityRef: CHECKOUT,
      distance: 0,
      annotations: { 'github.com/project-slug': 'northwind/checkout-service' },
    },
    {
      entityRef: PAYMENTS,
      distance: 1,
      annotations: { 'github.com/project-slug': 'northwind/payments-service' },
    },
  ],
): EvidenceRequest => ({
  incidentId: 'inc-1',
  humanId: 'PM-7',
  entities,
  from: new Date('2026-11-21T09:30:00Z'),
  to: new Date('2026-11-21T10:45:00Z'),
  labels: {},
});

describe('GitHubDeploymentsCollector against a GitHub-compatible server', () => {
  let github: FakeGitHub;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  const collector = (
    options: Partial<GitHubDeploymentsCollectorOptions> = {},
  ) =>
    new GitHubDeploymentsCollector({
      token: github.token,
      apiBaseUrl: github.baseUrl,
      timeoutMs: 2000,
      logger,
      now: () => new Date('2026-11-21T12:00:00Z'),
      ...options,
    });
  const paths = () =>
    github.requests.map(r => `${r.path}?${r.query.toString()}`);

  beforeEach(async () => {
    github = new FakeGitHub();
    logger = mockServices.logger.mock();
    await github.start();
  });

  afterEach(async () => {
    await github.stop();
  });

  it('reports the deployments in the window as changes, with status, author, log and rollback', async () => {
    const repo = 'northwind/payments-service';
    github.deploy({
      repo,
      sha: sha(1),
      ref: 'v41',
      createdAt: '2026-11-20T15:00:00Z',
      statuses: [{ state: 'success' }, { state: 'inactive' }],
    });
    github.deploy({
      repo,
      sha: sha(2),
      ref: 'v42-rc',
      createdAt: '2026-11-21T08:00:00Z',
      statuses: [{ state: 'failure' }],
    });
    github.deploy({
      repo,
      sha: sha(3),
      ref: 'v42',
      creator: 'ci-bot',
      description: 'Release v42',
      createdAt: '2026-11-21T09:55:00Z',
      statuses: [
        { state: 'in_progress' },
        {
          state: 'success',
          description: 'Deployed to 12 pods',
          log_url: 'https://ci.example/runs/42',
          created_at: '2026-11-21T09:58:00Z',
        },
      ],
    });
    github.deploy({
      repo,
      sha: sha(4),
      ref: 'v43',
      createdAt: '2026-11-21T11:00:00Z', // after the window
      statuses: [{ state: 'success' }],
    });
    github.deploy({
      repo: 'northwind/checkout-service',
      sha: sha(9),
      createdAt: '2026-11-21T10:10:00Z',
    });

    const evidence = await collector().collect(request());

    expect(evidence).toHaveLength(2);
    const payments = evidence.find(e => e.entityRef === PAYMENTS)!;
    expect(payments).toMatchObject({
      kind: 'deployment',
      source: 'github-deployments',
      occurredAt: '2026-11-21T09:55:00.000Z',
      query: 'GET /repos/northwind/payments-service/deployments?per_page=100',
      change: {
        id: expect.stringMatching(
          /^northwind\/payments-service\/deployments\/\d+@component:default\/payments-service$/,
        ),
        kind: 'deployment',
        version: 'v42@aaaaaaa',
        author: 'ci-bot',
        link: 'https://ci.example/runs/42',
        // v42-rc failed; v41 was live until v42 replaced it (now inactive).
        rollbackRef: 'v41@aaaaaaa',
      },
    });
    expect(payments.change!.description).toMatch(
      /^GitHub deployment \d+ of northwind\/payments-service to production \(deploy\): success – Deployed to 12 pods – Release v42$/,
    );
    expect(JSON.parse(payments.content)).toMatchObject({
      repository: repo,
      ref: 'v42',
      sha: sha(3),
      creator: 'ci-bot',
      status: { state: 'success', logUrl: 'https://ci.example/runs/42' },
    });

    // No status yet: says so, links the deployed commit, nothing to roll back to.
    const checkout = evidence.find(e => e.entityRef === CHECKOUT)!;
    expect(checkout.change).toMatchObject({
      version: 'aaaaaaa',
      author: 'octocat',
      link: `${github.baseUrl}/northwind/checkout-service/commit/${sha(9)}`,
      rollbackRef: undefined,
    });
    expect(checkout.change!.description).toContain(': no status reported');

    // One list per repository, the latest status of each deployment in the
    // window, and statuses of earlier ones only until a live one is found.
    expect(paths().sort()).toEqual(
      [
        '/repos/northwind/checkout-service/deployments?per_page=100',
        '/repos/northwind/payments-service/deployments?per_page=100',
        `/repos/northwind/checkout-service/deployments/${github.deployments[4].id}/statuses?per_page=1`,
        ...[2, 1, 0].map(
          i =>
            `/repos/northwind/payments-service/deployments/${github.deployments[i].id}/statuses?per_page=1`,
        ),
      ].sort(),
    );
    expect(github.requests[0].headers).toMatchObject({
      authorization: `Bearer ${github.token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
  });

  it('looks back to changesFrom when the request gives one', async () => {
    github.deploy({
      repo: 'northwind/payments-service',
      sha: sha(1),
      createdAt: '2026-11-21T08:30:00Z',
    });
    const plain = await collector().collect(request());
    expect(plain).toEqual([]);

    const withLookback = await collector().collect({
      ...request(),
      changesFrom: new Date('2026-11-21T07:00:00Z'),
    });
    expect(withLookback.map(e => e.occurredAt)).toEqual([
      '2026-11-21T08:30:00.000Z',
    ]);
  });

  it('follows the Link header page by page and stops once a page reaches before the window', async () => {
    const repo = 'northwind/payments-service';
    // 300 deployments before the window (one a minute), 150 in it.
    for (let i = 0; i < 450; i++) {
      github.deploy({
        repo,
        sha: sha(i),
        createdAt: new Date(
          i < 300
            ? Date.parse('2026-11-21T09:30:00Z') - (300 - i) * 60_000
            : Date.parse('2026-11-21T09:30:30Z') + (i - 300) * 25_000,
        ).toISOString(),
        statuses: [{ state: 'success' }],
      });
    }
    const evidence = await collector().collect(
      request([
        {
          entityRef: PAYMENTS,
          distance: 1,
          annotations: { 'github.com/project-slug': repo },
        },
      ]),
    );

    expect(evidence).toHaveLength(150);
    const lists = paths().filter(p => !p.includes('/statuses'));
    expect(lists).toEqual([
      '/repos/northwind/payments-service/deployments?per_page=100',
      '/repos/northwind/payments-service/deployments?per_page=100&page=2',
    ]);
    expect(new Set(evidence.map(e => e.change!.id)).size).toBe(150);
    // Each deployment's status, and the one before the window's for the
    // oldest one's rollback; every other rollback is already known.
    expect(paths().filter(p => p.includes('/statuses'))).toHaveLength(151);
    expect(evidence.at(-1)!.change!.rollbackRef).toBe('aaaaaaa');
  });

  it('reads at most maxPages pages and says the window was cut short', async () => {
    const repo = 'northwind/payments-service';
    for (let i = 0; i < 250; i++) {
      github.deploy({
        repo,
        sha: sha(i),
        createdAt: new Date(
          Date.parse('2026-11-21T09:31:00Z') + i * 10_000,
        ).toISOString(),
      });
    }
    const evidence = await collector({ maxPages: 2 }).collect(
      request([
        {
          entityRef: PAYMENTS,
          distance: 0,
          annotations: { 'github.com/project-slug': repo },
        },
      ]),
    );
    expect(evidence).toHaveLength(200);
    expect(paths().filter(p => !p.includes('/statuses'))).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/stopped after 2 pages/),
    );
  });

  it('asks for the configured environments only', async () => {
    const repo = 'northwind/payments-service';
    github.deploy({
      repo,
      sha: sha(1),
      environment: 'staging',
      createdAt: '2026-11-21T09:50:00Z',
    });
    github.deploy({
      repo,
      sha: sha(2),
      environment: 'production',
      createdAt: '2026-11-21T09:52:00Z',
    });
    github.deploy({
      repo,
      sha: sha(3),
      environment: 'eu-production',
      createdAt: '2026-11-21T09:54:00Z',
    });
    const evidence = await collector({
      environments: ['production', 'eu-production'],
    }).collect(request([request().entities[1]]));

    expect(evidence.map(e => JSON.parse(e.content).environment).sort()).toEqual(
      ['eu-production', 'production'],
    );
    expect(paths().filter(p => !p.includes('/statuses'))).toEqual([
      '/repos/northwind/payments-service/deployments?environment=production&per_page=100',
      '/repos/northwind/payments-service/deployments?environment=eu-production&per_page=100',
    ]);
  });

  it('skips entities without the annotation, with a malformed one, or beyond maxDistance; one request per repository', async () => {
    github.deploy({
      repo: 'northwind/shared',
      sha: sha(1),
      createdAt: '2026-11-21T09:50:00Z',
    });
    const evidence = await collector({ maxDistance: 1 }).collect(
      request([
        { entityRef: CHECKOUT, distance: 0, annotations: {} },
        {
          entityRef: 'component:default/monolith-a',
          distance: 0,
          annotations: { 'github.com/project-slug': 'northwind/shared' },
        },
        {
          entityRef: 'component:default/monolith-b',
          distance: 1,
          annotations: { 'github.com/project-slug': 'Northwind/Shared' },
        },
        {
          entityRef: PAYMENTS,
          distance: 1,
          annotations: { 'github.com/project-slug': 'just-a-name' },
        },
        {
          entityRef: FRAUD,
          distance: 2,
          annotations: { 'github.com/project-slug': 'northwind/fraud-service' },
        },
      ]),
    );

    // The shared repository is read once and reported for both entities,
    // each with its own change id.
    expect(evidence.map(e => e.entityRef)).toEqual([
      'component:default/monolith-a',
      'component:default/monolith-b',
    ]);
    expect(new Set(evidence.map(e => e.change!.id)).size).toBe(2);
    expect(paths().filter(p => !p.includes('/statuses'))).toEqual([
      '/repos/northwind/shared/deployments?per_page=100',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /payments-service has github.com\/project-slug: 'just-a-name', expected <owner>\/<repo>/,
      ),
    );

    github.requests.length = 0;
    await expect(
      collector().collect(
        request([{ entityRef: CHECKOUT, distance: 0, annotations: {} }]),
      ),
    ).resolves.toEqual([]);
    expect(github.requests).toHaveLength(0);
  });

  it('keeps what it read when one repository is unknown, and fails when all are', async () => {
    github.deploy({
      repo: 'northwind/payments-service',
      sha: sha(1),
      createdAt: '2026-11-21T09:50:00Z',
    });
    const evidence = await collector().collect(request());
    expect(evidence.map(e => e.entityRef)).toEqual([PAYMENTS]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /northwind\/checkout-service: GitHub GET \/repos\/northwind\/checkout-service\/deployments: not found \(404: Not Found\); check github.com\/project-slug/,
      ),
    );

    await expect(
      collector().collect(
        request([
          {
            entityRef: CHECKOUT,
            distance: 0,
            annotations: { 'github.com/project-slug': 'northwind/gone' },
          },
        ]),
      ),
    ).rejects.toThrow(
      /No GitHub deployments could be read: northwind\/gone: .*404/,
    );
  });

  it('stops at the rate limit, keeps what it has, and fails fast until the reset', async () => {
    for (const repo of [
      'northwind/checkout-service',
      'northwind/payments-service',
    ]) {
      github.deploy({ repo, sha: sha(1), createdAt: '2026-11-21T09:50:00Z' });
    }
    // Enough for the first repository's list and status.
    github.rateLimitRemaining = 2;
    github.rateLimitReset = Date.parse('2026-11-21T13:00:00Z') / 1000;
    const c = collector();

    const evidence = await c.collect(request());
    expect(evidence.map(e => e.entityRef)).toEqual([CHECKOUT]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /northwind\/payments-service: .*rate limited \(403: API rate limit exceeded.*\); retry after 2026-11-21T13:00:00\.000Z/,
      ),
    );

    // Still before the reset: no request goes out.
    const sent = github.requests.length;
    await expect(c.collect(request())).rejects.toThrow(
      /rate limit \(core\) exhausted; retry after/,
    );
    expect(github.requests).toHaveLength(sent);
  });

  it('reports 429 with Retry-After, bad tokens and missing permissions in words', async () => {
    github.failNext(/deployments$/, {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    await expect(
      collector().collect(request([request().entities[1]])),
    ).rejects.toThrow(
      /rate limited \(429: You have exceeded a secondary rate limit\.\); retry after 2026-11-21T12:00:30\.000Z/,
    );

    await expect(
      collector({ token: 'wrong' }).collect(request([request().entities[1]])),
    ).rejects.toThrow(/rejected the token \(401: Bad credentials\)/);

    github.repos.add('northwind/payments-service');
    github.failNext(/deployments$/, {
      status: 403,
      body: { message: 'Resource not accessible by personal access token' },
    });
    await expect(
      collector().collect(request([request().entities[1]])),
    ).rejects.toThrow(
      /403: Resource not accessible by personal access token\); the token needs read access to deployments/,
    );
  });

  it('reads its configuration', () => {
    expect(
      GitHubDeploymentsCollector.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
    expect(
      GitHubDeploymentsCollector.fromConfig(
        new ConfigReader({
          postmortem: {
            github: {
              token: 't',
              deployments: { environments: ['production'], maxPages: 2 },
            },
          },
        }),
      ),
    ).toBeInstanceOf(GitHubDeploymentsCollector);
    expect(() =>
      GitHubDeploymentsCollector.fromConfig(
        new ConfigReader({
          postmortem: {
            github: { token: 't', deployments: { environments: 'prod' } },
          },
        }),
      ),
    ).toThrow();
  });

  it('names versions by ref and short commit', () => {
    expect(versionOf({ ref: 'v42', sha: sha(3) })).toBe('v42@aaaaaaa');
    expect(versionOf({ ref: sha(3), sha: sha(3) })).toBe('aaaaaaa');
    expect(versionOf({ ref: 'main', sha: '' })).toBe('main');
  });
});
