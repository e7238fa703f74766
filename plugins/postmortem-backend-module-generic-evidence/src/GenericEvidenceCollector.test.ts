import { ConfigReader } from '@backstage/config';
import { EvidenceRequest } from '@postmortems/plugin-postmortem-node';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { GenericEvidenceCollector } from './GenericEvidenceCollector';
import { readSources } from './readSources';

const request: EvidenceRequest = {
  incidentId: 'i-1',
  humanId: 'INC-1',
  entities: [
    {
      entityRef: 'component:default/a',
      distance: 0,
      annotations: { 'postmortem.io/alert-service': 'a', team: 'red' },
    },
    {
      entityRef: 'component:default/b',
      distance: 1,
      annotations: { 'postmortem.io/alert-service': 'b' },
    },
    {
      entityRef: 'component:default/far',
      distance: 4,
      annotations: { 'postmortem.io/alert-service': 'far' },
    },
    { entityRef: 'component:default/none', distance: 0, annotations: {} },
  ],
  from: new Date('2026-03-01T06:00:00Z'),
  to: new Date('2026-03-01T12:30:00Z'),
  labels: {},
};

type Handler = (
  url: URL,
  respond: (status: number, body: string, headers?: object) => void,
  res: import('node:http').ServerResponse,
) => void;

describe('GenericEvidenceCollector', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  const asked: URL[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      asked.push(url);
      handler(
        url,
        (status, body, headers = {}) => {
          res.writeHead(status, {
            'content-type': 'application/json',
            ...headers,
          });
          res.end(body);
        },
        res,
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  beforeEach(() => {
    asked.length = 0;
  });

  const collector = (source: object, extra: object = {}) =>
    GenericEvidenceCollector.fromConfig(
      new ConfigReader({
        postmortem: {
          genericEvidence: {
            sources: [
              {
                name: 'tool',
                request: { url: `${base}/q/{{value}}` },
                mapping: "{ 'title': 'hits', 'content': hits }",
                ...source,
              },
            ],
            ...extra,
          },
        },
      }),
    )[0];

  it('asks once per annotated entity within maxDistance and maps the answer', async () => {
    handler = (url, respond) =>
      respond(200, JSON.stringify({ hits: [url.pathname] }));
    const c = collector({ maxDistance: 1 });
    expect(c.id).toBe('generic:tool');
    const items = await c.collect(request);
    expect(asked.map(u => u.pathname).sort()).toEqual(['/q/a', '/q/b']);
    expect(items.find(i => i.entityRef === 'component:default/a')).toEqual({
      kind: 'log_excerpt',
      source: 'tool',
      query: `GET ${base}/q/a`,
      entityRef: 'component:default/a',
      content: 'hits\n["/q/a"]',
    });
  });

  it('skips entities without an annotation the request needs', async () => {
    handler = (_url, respond) => respond(200, '{"hits":[]}');
    const c = collector({
      request: { url: `${base}/q/{{annotation:team}}` },
    });
    await c.collect(request);
    expect(asked.map(u => u.pathname)).toEqual(['/q/red']);
  });

  it('fails with the source, endpoint, entity and status, never the query string', async () => {
    handler = (_url, respond) => respond(503, 'overloaded');
    const c = collector({
      request: { url: `${base}/q/{{value}}?api_key=secret` },
      maxDistance: 0,
    });
    const error = await c.collect(request).catch(e => e);
    expect(error.message).toBe(
      `Evidence source tool (GET ${base}/q/a) for component:default/a: answered 503 Service Unavailable: overloaded`,
    );
    expect(error.message).not.toContain('secret');
  });

  it('gives up on a source that does not answer in time', async () => {
    handler = () => {}; // never answers
    const c = collector({ timeout: { milliseconds: 200 }, maxDistance: 0 });
    const started = Date.now();
    await expect(c.collect(request)).rejects.toThrow(
      /component:default\/a: no complete answer within 0.2s/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an answer larger than the limit, declared or streamed', async () => {
    handler = (_url, respond) =>
      respond(200, JSON.stringify({ hits: 'x'.repeat(5000) }));
    const c = collector({ maxResponseBytes: 1000, maxDistance: 0 });
    await expect(c.collect(request)).rejects.toThrow(
      'answer larger than 1000 bytes',
    );
    handler = (_url, _respond, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"hits":"${'x'.repeat(800)}`);
      setTimeout(() => res.end(`${'x'.repeat(800)}"}`), 20);
    };
    await expect(c.collect(request)).rejects.toThrow(
      'answer larger than 1000 bytes',
    );
  });

  it('says so when the answer is not JSON or the mapping returns nonsense', async () => {
    handler = (_url, respond) =>
      respond(200, '<html>login</html>', { 'content-type': 'text/html' });
    const c = collector({ maxDistance: 0 });
    await expect(c.collect(request)).rejects.toThrow(
      'answered text/html that is not JSON',
    );
    handler = (_url, respond) => respond(200, '{"hits":[1]}');
    await expect(
      collector({ maxDistance: 0, mapping: 'hits' }).collect(request),
    ).rejects.toThrow('mapping result [0] must be an object, got 1');
    await expect(
      collector({
        maxDistance: 0,
        mapping: "{ 'series': { 'signal': 'pain', 'points': [] } }",
      }).collect(request),
    ).rejects.toThrow('mapping result [0].series[0].signal must be one of');
  });

  it('reads calls between services by service name or entity ref, sums them, and leaves out what the request does not know', async () => {
    handler = (_url, respond) =>
      respond(
        200,
        JSON.stringify({
          spans: [
            { from: 'a', to: 'b', error: true, ms: 2500 },
            { from: 'a', to: 'b', error: false, ms: 20 },
            { from: 'component:default/a', to: 'B', error: false, ms: 30 },
            { from: 'a', to: 'unknown-service', error: true, ms: 1 },
            { from: 'a', to: 'a', error: true, ms: 1 },
          ],
        }),
      );
    const [item] = await collector({
      maxDistance: 0,
      kind: 'trace',
      mapping:
        "{ 'calls': spans.{ 'from': from, 'to': to, 'errors': error, 'slow': ms > 1000 } }",
    }).collect(request);
    expect(item.calls).toEqual([
      {
        from: 'component:default/a',
        to: 'component:default/b',
        count: 3,
        errors: 1,
        slow: 1,
      },
    ]);
    expect(item.content).toBe(
      'component:default/a → component:default/b: 3 calls, 1 failed, 1 slow',
    );
    await expect(
      collector({
        maxDistance: 0,
        mapping: "{ 'calls': [{ 'from': 'a' }] }",
      }).collect(request),
    ).rejects.toThrow('mapping result [0].calls[0] must be { from, to');
    await expect(
      collector({
        maxDistance: 0,
        mapping: "{ 'calls': [{ 'from': 'a', 'to': 'b', 'count': -2 }] }",
      }).collect(request),
    ).rejects.toThrow('calls[0].count must be a count or a boolean, got -2');
  });

  it('keeps items the backend would take for one apart, and drops exact repeats', async () => {
    handler = (_url, respond) =>
      respond(200, JSON.stringify({ hits: ['x', 'y', 'x'] }));
    const items = await collector({
      maxDistance: 0,
      mapping: "hits.{ 'content': $ }",
    }).collect(request);
    expect(items.map(i => [i.content, i.query])).toEqual([
      ['x', `GET ${base}/q/a`],
      ['y', `GET ${base}/q/a\n(item 2)`],
    ]);
  });

  it('records changes only inside the change window', async () => {
    handler = (_url, respond) =>
      respond(
        200,
        JSON.stringify([
          { id: 'new', at: '2026-03-01T11:00:00Z' },
          { id: 'old', at: '2025-01-01T00:00:00Z' },
        ]),
      );
    const items = await collector({
      maxDistance: 0,
      mapping:
        "$.{ 'occurredAt': at, 'title': 'flag ' & id, 'change': { 'id': id, 'kind': 'flag' } }",
    }).collect(request);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'config_diff',
        occurredAt: '2026-03-01T11:00:00.000Z',
        change: { id: 'new', kind: 'flag' },
      }),
    ]);
  });
});

describe('readSources', () => {
  const read = (source: object) => () =>
    readSources(
      new ConfigReader({
        postmortem: {
          genericEvidence: {
            sources: [
              {
                name: 'tool',
                request: { url: 'http://tool/' },
                mapping: '$',
                ...source,
              },
            ],
          },
        },
      }),
    );

  it('is empty without postmortem.genericEvidence', () => {
    expect(readSources(new ConfigReader({}))).toEqual([]);
  });

  it('stops at startup on mistakes, naming the key', () => {
    expect(read({ mapping: '{ "a": ' })).toThrow(
      /postmortem.genericEvidence.sources\[0\].mapping is not a valid JSONata expression/,
    );
    expect(read({ request: { url: 'http://tool/{{form}}' } })).toThrow(
      'postmortem.genericEvidence.sources[0].request.url uses unknown placeholders {{form}}',
    );
    expect(read({ kind: 'gossip' })).toThrow('.kind must be one of');
    expect(read({ request: { url: 'http://tool/', body: 'x' } })).toThrow(
      'request.body needs method POST or PUT',
    );
    expect(read({ request: { url: '{{clusterUrl}}/api/v1/events' } })).toThrow(
      'postmortem.genericEvidence.sources[0] uses {{clusterUrl}} but names no kubernetesCluster',
    );
    expect(read({ kubernetesCluster: 'prod' })).toThrow(
      "no cluster named 'prod' in kubernetes.clusterLocatorMethods",
    );
  });
});
