import { DiscoveryService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import {
  Page,
  Postmortem,
  postmortemReadPermission,
} from '@postmortems/plugin-postmortem-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PostmortemCollatorFactory } from './PostmortemCollatorFactory';

function postmortem(
  n: number,
  overrides: Partial<Postmortem> = {},
): Postmortem {
  const humanId = `INC-2026-${String(n).padStart(4, '0')}`;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    incidentId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    humanId,
    title: `Incident ${n}`,
    severity: 'SEV2',
    templateId: 'default',
    templateVersion: 1,
    stage: 'published',
    roles: { technicalOwners: [], reviewers: [], contributors: [] },
    narrative: { summary: `Summary ${n}` },
    attachments: [],
    deadlines: {},
    visibility: 'normal',
    revision: 1,
    entityRefs: ['component:default/checkout-service'],
    ownerRefs: ['group:default/checkout-team'],
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * A stand-in for the postmortem backend's `GET /postmortems`: pages of
 * `limit` items, with the offset of the next page as an opaque cursor.
 */
class FakePostmortemBackend {
  readonly requests: Array<{ url: URL; authorization?: string }> = [];
  status = 200;
  private server?: Server;

  constructor(private readonly postmortems: Postmortem[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/postmortem`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private handle(
    req: IncomingMessage,
    res: import('node:http').ServerResponse,
  ) {
    const url = new URL(req.url!, 'http://localhost');
    this.requests.push({ url, authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    if (url.pathname !== '/api/postmortem/postmortems') {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ error: { name: 'NotFoundError', message: 'nope' } }),
      );
      return;
    }
    if (this.status !== 200) {
      res.statusCode = this.status;
      res.end(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Denied' },
          request: { method: req.method, url: req.url },
          response: { statusCode: this.status },
        }),
      );
      return;
    }
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(
      Buffer.from(url.searchParams.get('cursor') ?? '', 'base64').toString() ||
        0,
    );
    const items = this.postmortems.slice(offset, offset + limit);
    const next = offset + limit;
    const page: Page<Postmortem> = {
      items,
      totalCount: this.postmortems.length,
      ...(next < this.postmortems.length && {
        nextCursor: Buffer.from(String(next)).toString('base64'),
      }),
    };
    res.end(JSON.stringify(page));
  }
}

describe('PostmortemCollatorFactory', () => {
  let backend: FakePostmortemBackend;
  let discovery: DiscoveryService;

  async function startBackend(postmortems: Postmortem[]) {
    backend = new FakePostmortemBackend(postmortems);
    const baseUrl = await backend.start();
    discovery = {
      getBaseUrl: async pluginId => {
        expect(pluginId).toBe('postmortem');
        return baseUrl;
      },
      getExternalBaseUrl: async () => 'http://backstage.example.com/api',
    };
  }

  afterEach(async () => {
    await backend?.stop();
  });

  function factory(batchSize?: number) {
    return PostmortemCollatorFactory.fromConfig(
      mockServices.rootConfig({
        data:
          batchSize === undefined
            ? {}
            : { search: { collators: { postmortem: { batchSize } } } },
      }),
      {
        auth: mockServices.auth({ pluginId: 'search' }),
        discovery,
        logger: mockServices.logger.mock(),
      },
    );
  }

  it('declares its type and the read permission that filters results', async () => {
    await startBackend([]);
    const subject = factory();
    expect(subject.type).toBe('postmortem');
    expect(subject.visibilityPermission).toBe(postmortemReadPermission);
  });

  it('pages through /postmortems with a service token and maps each postmortem', async () => {
    await startBackend([
      postmortem(1, {
        title: 'Checkout 500s',
        severity: 'SEV1',
        stage: 'in_review',
        visibility: 'restricted',
        narrative: {
          summary: '**Checkout** returned _500s_ for 25 minutes.',
          impact: '- 12% of orders failed\n- [Status page](https://status)',
          whatHappened: 'Not indexed: the timeline is elsewhere.',
          whyItHappened: '## Cause\n\nThe `db_pool_size` was too small.',
          lessonsLearned: '> Load test pool changes.',
          glossary: 'Not indexed either.',
        },
        resolvedAt: '2026-03-01T11:00:00.000Z',
      }),
      postmortem(2, { narrative: {} }),
      postmortem(3),
    ]);

    const { documents, error } = await TestPipeline.fromCollator(
      await factory(2).getCollator(),
    ).execute();

    expect(error).toBeUndefined();

    // Two pages: the second follows the first page's nextCursor.
    expect(backend.requests.map(r => r.url.searchParams.toString())).toEqual([
      'limit=2',
      `limit=2&cursor=${encodeURIComponent(
        Buffer.from('2').toString('base64'),
      )}`,
    ]);
    // The search plugin's own service token, addressed to the postmortem plugin.
    const expectedAuthorization = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:search'),
      targetPluginId: 'postmortem',
    });
    for (const request of backend.requests) {
      expect(request.authorization).toBe(expectedAuthorization);
    }

    expect(documents).toEqual([
      {
        title: 'INC-2026-0001: Checkout 500s',
        text: [
          'Checkout returned 500s for 25 minutes.',
          '12% of orders failed\nStatus page',
          'Cause\n\nThe db_pool_size was too small.',
          'Load test pool changes.',
        ].join('\n\n'),
        location: '/postmortems/INC-2026-0001',
        humanId: 'INC-2026-0001',
        severity: 'SEV1',
        stage: 'in_review',
        entityRefs: ['component:default/checkout-service'],
        ownerRefs: ['group:default/checkout-team'],
        createdAt: '2026-03-01T10:00:00.000Z',
        authorization: {
          resourceRef: '00000000-0000-4000-8000-000000000001',
        },
      },
      expect.objectContaining({
        title: 'INC-2026-0002: Incident 2',
        text: '',
        location: '/postmortems/INC-2026-0002',
        authorization: {
          resourceRef: '00000000-0000-4000-8000-000000000002',
        },
      }),
      expect.objectContaining({
        title: 'INC-2026-0003: Incident 3',
        text: 'Summary 3',
        authorization: {
          resourceRef: '00000000-0000-4000-8000-000000000003',
        },
      }),
    ]);
  });

  it('asks for 100 postmortems per page by default', async () => {
    await startBackend([postmortem(1)]);

    const { documents } = await TestPipeline.fromCollator(
      await factory().getCollator(),
    ).execute();

    expect(documents).toHaveLength(1);
    expect(backend.requests.map(r => r.url.searchParams.toString())).toEqual([
      'limit=100',
    ]);
  });

  it('streams: fetches nothing up front and a page only when it is read', async () => {
    await startBackend(
      Array.from({ length: 100 }, (_, i) => postmortem(i + 1)),
    );

    const collator = await factory(50).getCollator();
    expect(backend.requests).toHaveLength(0);

    for await (const document of collator) {
      expect(document.humanId).toBe('INC-2026-0001');
      break; // destroys the stream after the first document
    }

    // The stream buffers a few documents ahead, all from the first page.
    expect(backend.requests).toHaveLength(1);
  });

  it('fails the collation when the postmortem backend refuses', async () => {
    await startBackend([postmortem(1)]);
    backend.status = 403;

    const { documents, error } = await TestPipeline.fromCollator(
      await factory().getCollator(),
    ).execute();

    expect(documents).toEqual([]);
    expect(error).toEqual(
      expect.objectContaining({ name: 'ResponseError', statusCode: 403 }),
    );
  });

  it('rejects a batch size the postmortem backend would not serve', async () => {
    await startBackend([]);
    expect(() => factory(0)).toThrow(/batchSize/);
    expect(() => factory(201)).toThrow(/batchSize/);
    expect(() => factory(1.5)).toThrow(/batchSize/);
    expect(() => factory(200)).not.toThrow();
  });
});
