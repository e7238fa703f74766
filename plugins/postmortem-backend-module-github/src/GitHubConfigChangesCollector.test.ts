import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EvidenceRequest } from '@postmortems/plugin-postmortem-node';
import { FakeGitHub } from './__testUtils__/FakeGitHub';
import {
  GitHubConfigChangesCollector,
  GitHubConfigChangesCollectorOptions,
} from './GitHubConfigChangesCollector';

const CHECKOUT = 'component:default/checkout-service';
const PAYMENTS = 'component:default/payments-service';
const FRAUD = 'component:default/fraud-service';

const sha = (n: number | string) => String(n).padStart(40, 'c');

/** Impact from 10:00; the change window starts at 08:00 and ends at 10:45. */
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
      annotations: {
        'github.com/project-slug': 'northwind/payments-service',
        'postmortem.io/config-paths': 'settings/*.properties, flags.json',
      },
    },
  ],
): EvidenceRequest => ({
  incidentId: 'inc-1',
  humanId: 'PM-9',
  entities,
  from: new Date('2026-11-21T09:30:00Z'),
  to: new Date('2026-11-21T10:45:00Z'),
  changesFrom: new Date('2026-11-21T08:00:00Z'),
  labels: {},
});

describe('GitHubConfigChangesCollector against a GitHub-compatible server', () => {
  let github: FakeGitHub;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  const collector = (
    options: Partial<GitHubConfigChangesCollectorOptions> = {},
  ) =>
    new GitHubConfigChangesCollector({
      token: github.token,
      apiBaseUrl: github.baseUrl,
      timeoutMs: 2000,
      paths: ['config/**', 'deploy/values-*.yaml'],
      logger,
      ...options,
    });
  const asked = () =>
    github.requests.map(r => `${r.path}?${r.query.toString()}`);

  beforeEach(async () => {
    github = new FakeGitHub();
    logger = mockServices.logger.mock();
    await github.start();
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(1),
      message: 'Initial configuration',
      date: '2026-11-01T10:00:00Z',
      files: ['config/app.yaml'],
    });
    // In the window: code only, config, values of a chart, a docs file.
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(2),
      message: 'Refactor the cart',
      date: '2026-11-21T08:30:00Z',
      files: ['src/cart.ts'],
    });
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(3),
      message: 'Lower the payment timeout\n\nPayments answers in 300 ms.',
      login: 'dana',
      date: '2026-11-21T09:52:00Z',
      files: [
        {
          filename: 'config/production/payments.yaml',
          patch:
            '@@ -1,2 +1,2 @@\n-timeoutMs: 2000\n+timeoutMs: 500\n password: hunter2',
        },
        'src/payments.ts',
      ],
    });
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(4),
      message: 'Scale out',
      login: null,
      authorName: 'Release Robot',
      date: '2026-11-21T09:58:00Z',
      files: ['deploy/values-prod.yaml'],
    });
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(5),
      message: 'Document the chart',
      date: '2026-11-21T09:59:00Z',
      files: ['deploy/README.md'],
    });
    // After the window.
    github.commit({
      repo: 'northwind/checkout-service',
      sha: sha(6),
      message: 'Raise the timeout again',
      date: '2026-11-21T11:30:00Z',
      files: ['config/production/payments.yaml'],
    });
    github.commit({
      repo: 'northwind/payments-service',
      sha: sha(7),
      message: 'Turn on 3-D Secure',
      date: '2026-11-21T09:40:00Z',
      files: ['flags.json'],
    });
    github.commit({
      repo: 'northwind/payments-service',
      sha: sha(8),
      message: 'Pool size',
      date: '2026-11-21T09:45:00Z',
      files: ['config/pool.yaml'], // not among payments' annotated paths
    });
  });
  afterEach(() => github.stop());

  it('reports commits that touched configuration paths in the change window as config changes', async () => {
    const items = await collector().collect(request());
    expect(items.map(i => [i.entityRef, i.change?.version])).toEqual([
      [CHECKOUT, sha(4).slice(0, 7)],
      [CHECKOUT, sha(3).slice(0, 7)],
      [PAYMENTS, sha(7).slice(0, 7)],
    ]);
    const timeout = items[1];
    expect(timeout).toMatchObject({
      kind: 'config_diff',
      source: 'github-config-commits',
      occurredAt: '2026-11-21T09:52:00.000Z',
      change: {
        id: `northwind/checkout-service/commits/${sha(3)}@${CHECKOUT}`,
        kind: 'config',
        author: 'dana',
        link: `https://github.example/northwind/checkout-service/commit/${sha(
          3,
        )}`,
        rollbackRef: `revert to ${sha(2).slice(0, 7)}`,
        description: `Configuration commit ${sha(3).slice(
          0,
          7,
        )} to northwind/checkout-service: Lower the payment timeout (config/production/payments.yaml)`,
      },
    });
    // The diff of the configuration files, not of the code beside them.
    const content = JSON.parse(timeout.content);
    expect(content.files.map((f: any) => f.filename)).toEqual([
      'config/production/payments.yaml',
    ]);
    expect(content.files[0].patch).toContain('+timeoutMs: 500');
    // Without a GitHub account, the commit's author name.
    expect(items[0].change?.author).toBe('Release Robot');
  });

  it('asks GitHub for each literal directory in the window, then reads the found commits', async () => {
    await collector().collect(request());
    const lists = asked().filter(p => /\/commits\?/.test(p));
    expect(lists).toEqual([
      '/repos/northwind/checkout-service/commits?path=config&since=2026-11-21T08%3A00%3A00.000Z&until=2026-11-21T10%3A45%3A00.000Z&per_page=100',
      '/repos/northwind/checkout-service/commits?path=deploy&since=2026-11-21T08%3A00%3A00.000Z&until=2026-11-21T10%3A45%3A00.000Z&per_page=100',
      '/repos/northwind/payments-service/commits?path=flags.json&since=2026-11-21T08%3A00%3A00.000Z&until=2026-11-21T10%3A45%3A00.000Z&per_page=100',
      '/repos/northwind/payments-service/commits?path=settings&since=2026-11-21T08%3A00%3A00.000Z&until=2026-11-21T10%3A45%3A00.000Z&per_page=100',
    ]);
    // The code-only commit is never read; the README under deploy/ is, and dropped.
    expect(asked()).not.toContain(
      `/repos/northwind/checkout-service/commits/${sha(2)}?`,
    );
    expect(asked()).toContain(
      `/repos/northwind/checkout-service/commits/${sha(5)}?`,
    );
  });

  it('asks once for the whole repository when a glob starts with a wildcard', async () => {
    const items = await collector({ paths: ['**/*.yaml', 'config'] }).collect(
      request([request().entities[0]]),
    );
    const lists = asked().filter(p => /\/commits\?/.test(p));
    expect(lists).toHaveLength(1);
    expect(lists[0]).not.toContain('path=');
    expect(items.map(i => i.change?.version)).toEqual([
      sha(4).slice(0, 7),
      sha(3).slice(0, 7),
    ]);
  });

  it('skips entities without paths, without a repository or beyond maxDistance; one entity set per repository and paths', async () => {
    const items = await collector({ paths: [], maxDistance: 1 }).collect(
      request([
        {
          entityRef: CHECKOUT,
          distance: 0,
          annotations: {
            'github.com/project-slug': 'northwind/checkout-service',
          },
        },
        {
          entityRef: PAYMENTS,
          distance: 1,
          annotations: {
            'github.com/project-slug': 'northwind/payments-service',
            'postmortem.io/config-paths': 'flags.json',
          },
        },
        {
          entityRef: 'component:default/payments-worker',
          distance: 1,
          annotations: {
            'github.com/project-slug': 'northwind/payments-service',
            'postmortem.io/config-paths': 'flags.json',
          },
        },
        {
          entityRef: FRAUD,
          distance: 2,
          annotations: {
            'github.com/project-slug': 'northwind/fraud-service',
            'postmortem.io/config-paths': 'flags.json',
          },
        },
        {
          entityRef: 'component:default/no-repo',
          distance: 0,
          annotations: { 'postmortem.io/config-paths': 'config/**' },
        },
      ]),
    );
    expect(items.map(i => i.entityRef)).toEqual([
      PAYMENTS,
      'component:default/payments-worker',
    ]);
    expect(asked().filter(p => /\/commits\?/.test(p))).toHaveLength(1);
  });

  it('warns about a malformed annotation and collects the others', async () => {
    const entities = request().entities;
    entities[1].annotations['postmortem.io/config-paths'] = '../secrets/**';
    const items = await collector().collect(request(entities));
    expect(items.map(i => i.entityRef)).toEqual([CHECKOUT, CHECKOUT]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `${PAYMENTS} has postmortem.io/config-paths: '../secrets/**' is not a path glob`,
      ),
    );
  });

  it('reads at most maxCommits commits per repository, newest first, and says so', async () => {
    // The README under deploy/ (09:59) and the values (09:58) are read.
    const items = await collector({ maxCommits: 2 }).collect(
      request([request().entities[0]]),
    );
    expect(items.map(i => i.change?.version)).toEqual([sha(4).slice(0, 7)]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('3 in the window, only the newest 2 were read'),
    );
  });

  it('keeps what it read when one repository is unknown, and fails when all are', async () => {
    const entities = request().entities;
    entities[1].annotations['github.com/project-slug'] = 'northwind/gone';
    const items = await collector().collect(request(entities));
    expect(items).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('northwind/gone: GitHub GET'),
    );
    await expect(collector().collect(request([entities[1]]))).rejects.toThrow(
      /No configuration commits could be read from GitHub: northwind\/gone: .*not found \(404/,
    );
  });

  it('says what the token lacks', async () => {
    github.failNext(/commits/, {
      status: 403,
      body: { message: 'Resource not accessible by personal access token' },
    });
    await expect(
      collector().collect(request([request().entities[0]])),
    ).rejects.toThrow(/the token needs read access to the contents/);
  });

  it('reads its configuration, and refuses a glob that is no path', () => {
    const config = (configChanges?: object) =>
      new ConfigReader({
        postmortem: {
          github: { token: 't', apiBaseUrl: github.baseUrl, configChanges },
        },
      });
    expect(
      GitHubConfigChangesCollector.fromConfig(
        config({ paths: ['config/**'], maxCommits: 5 }),
      ),
    ).toBeInstanceOf(GitHubConfigChangesCollector);
    expect(
      GitHubConfigChangesCollector.fromConfig(config({ enabled: false })),
    ).toBeUndefined();
    expect(
      GitHubConfigChangesCollector.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
    expect(() =>
      GitHubConfigChangesCollector.fromConfig(
        config({ paths: ['config/**', '../etc'] }),
      ),
    ).toThrow(/postmortem.github.configChanges.paths\[1\]: '..\/etc'/);
  });
});
