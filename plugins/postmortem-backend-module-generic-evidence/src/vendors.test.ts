import { ConfigReader } from '@backstage/config';
import {
  CollectedEvidence,
  EvidenceRequest,
} from '@postmortems/plugin-postmortem-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ALERT,
  CHANGES_FROM,
  CHECKOUT_ONSET,
  FROM,
  PAYMENTS_ONSET,
  startVendorServer,
  TO,
  VendorServer,
} from './__fixtures__/vendorServer';
import { GenericEvidenceCollector } from './GenericEvidenceCollector';

const ENV: Record<string, string> = {
  LOKI_TOKEN: 'loki-token',
  LOKI_TENANT: 'northwind',
  ELASTICSEARCH_API_KEY: 'es-key',
  SENTRY_TOKEN: 'sentry-token',
  K8S_PRODUCTION_TOKEN: 'k8s-token',
};
const VENDOR_URLS = [
  'http://loki:3100',
  'http://elasticsearch:9200',
  'http://tempo:3200',
  'http://jaeger:16686',
  'https://sentry.io',
  'https://kubernetes.example.com:6443',
];

/** A worked configuration from the README, pointed at the local server. */
function loadExample(name: string, baseUrl: string) {
  let text = readFileSync(
    join(__dirname, '__fixtures__', `${name}.yaml`),
    'utf8',
  );
  for (const url of VENDOR_URLS) text = text.split(url).join(baseUrl);
  // What Backstage's config loader does with ${VAR}.
  text = text.replace(/\$\{(\w+)\}/g, (_, k) => ENV[k]);
  return parse(text);
}

const request: EvidenceRequest = {
  incidentId: 'incident-1',
  humanId: 'INC-7',
  entities: [
    {
      entityRef: 'component:default/checkout-service',
      distance: 0,
      annotations: {
        'postmortem.io/alert-service': 'checkout-service',
        'backstage.io/kubernetes-id': 'checkout',
        'backstage.io/kubernetes-namespace': 'shop',
        'sentry.io/project-slug': 'checkout',
      },
    },
    {
      entityRef: 'component:default/payments-service',
      distance: 1,
      annotations: { 'postmortem.io/alert-service': 'payments-service' },
    },
  ],
  from: new Date(FROM),
  to: new Date(TO),
  changesFrom: new Date(CHANGES_FROM),
  labels: {},
};

describe('worked configurations against local vendor servers', () => {
  let server: VendorServer;
  beforeAll(async () => {
    server = await startVendorServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const collect = async (example: string, source?: string) => {
    const collectors = GenericEvidenceCollector.fromConfig(
      new ConfigReader(loadExample(example, server.baseUrl)),
    ).filter(c => !source || c.id === `generic:${source}`);
    const items: CollectedEvidence[] = [];
    for (const c of collectors) items.push(...(await c.collect(request)));
    return items;
  };
  const templates = (items: CollectedEvidence[], entity: string) =>
    items
      .filter(
        i =>
          i.entityRef === `component:default/${entity}` &&
          i.query?.includes('\ntemplate: '),
      )
      .map(i => i.query!.split('\ntemplate: ')[1]);

  it('Loki: error templates that rose at the onset, per service, with counts as errors series', async () => {
    const items = await collect('loki', 'loki-error-lines');
    const req = server.requests[0];
    expect(req.headers.authorization).toBe('Bearer loki-token');
    expect(req.headers['x-scope-orgid']).toBe('northwind');
    expect(req.url.searchParams.get('query')).toBe(
      '{service_name="checkout-service"} |~ "(?i)(error|exception|fatal|panic|refused|timeout)"',
    );
    expect(req.url.searchParams.get('start')).toBe(`${FROM}000000`);
    expect(req.url.searchParams.get('end')).toBe(`${TO}000000`);

    expect(templates(items, 'payments-service')).toEqual([
      'ERROR connection refused to <HOST> after <NUM> retries (request <UUID>)',
    ]);
    expect(templates(items, 'checkout-service')).toEqual([
      'ERROR upstream payments-service answered <NUM> for order <NUM> from <IP>',
    ]);
    const payments = items.find(
      i => i.entityRef === 'component:default/payments-service',
    )!;
    expect(payments.kind).toBe('log_excerpt');
    expect(payments.source).toBe('loki-error-lines');
    expect(payments.content).toContain(
      `Before ${new Date(
        PAYMENTS_ONSET,
      ).toISOString()} (where these logs rose): 0 lines`,
    );
    expect(payments.content).toContain('Since: 200 lines');
    const [series] = payments.series!;
    expect(series.signal).toBe('errors');
    expect(series.points[0][0]).toBe(FROM);
    const total = series.points.reduce((n, [, v]) => n + v, 0);
    expect(total).toBe(200);
    const firstNonZero = series.points.find(([, v]) => v > 0)![0];
    expect(firstNonZero).toBe(PAYMENTS_ONSET);
    // The background warnings, steady all day, are not reported.
    expect(items.some(i => i.content.includes('inventory-service'))).toBe(
      false,
    );
  });

  it('Loki: error lines per interval become a series for the analysis', async () => {
    const items = await collect('loki', 'loki-error-rate');
    expect(server.requests[0].url.searchParams.get('query')).toBe(
      'sum(count_over_time({service_name="checkout-service"} |~ "(?i)(error|exception|fatal|panic|refused|timeout)" [60s]))',
    );
    expect(server.requests[0].url.searchParams.get('step')).toBe('60s');
    const payments = items.find(
      i => i.entityRef === 'component:default/payments-service',
    )!;
    expect(payments.kind).toBe('metric_series');
    expect(payments.series![0].name).toBe('error log lines');
    expect(payments.series![0].signal).toBe('errors');
    const [at, value] = payments.series![0].points.find(
      ([t]) => t > PAYMENTS_ONSET,
    )!;
    expect(at % 60_000).toBe(0);
    expect(value).toBe(4);
  });

  it('Elasticsearch: a date range, a date_histogram series and error templates', async () => {
    const items = await collect('elasticsearch');
    const req = server.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe('ApiKey es-key');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    expect(body.query.bool.filter[2].range['@timestamp']).toEqual({
      gte: FROM,
      lte: TO,
      format: 'epoch_millis',
    });
    expect(body.aggs.per_interval.date_histogram.fixed_interval).toBe('60s');

    const histogram = items.find(
      i =>
        i.entityRef === 'component:default/checkout-service' &&
        i.kind === 'metric_series',
    )!;
    expect(histogram.series![0].signal).toBe('errors');
    expect(histogram.series![0].points).toHaveLength(391);
    expect(templates(items, 'checkout-service')).toEqual([
      'ERROR upstream payments-service answered <NUM> for order <NUM> from <IP>',
    ]);
    // The cache warnings are errors too, but steady: not risen.
    expect(templates(items, 'checkout-service').join()).not.toContain('cache');
  });

  it('Tempo: slow and failed traces per service, the failing operation as a risen template', async () => {
    const items = await collect('tempo');
    const q = server.requests[0].url.searchParams;
    expect(q.get('q')).toBe(
      '{ resource.service.name = "checkout-service" && (status = error || duration > 1s) }',
    );
    expect(q.get('start')).toBe(String(FROM / 1000));
    const summary = items.find(
      i =>
        i.entityRef === 'component:default/checkout-service' &&
        i.kind === 'trace',
    )!;
    expect(summary.content).toMatch(
      /^\d+ slow or failed traces of checkout-service \(Tempo\)\n/,
    );
    expect(summary.content).toContain('POST /api/checkout');
    expect(templates(items, 'checkout-service')).toEqual([
      'checkout-service POST /api/checkout',
    ]);
    expect(items.every(i => i.kind === 'trace')).toBe(true);
    // payments-service has no such traces: nothing, not an empty item.
    expect(
      items.filter(i => i.entityRef === 'component:default/payments-service'),
    ).toEqual([]);
  });

  it('Jaeger: erroring traces per service in microseconds, the root operation as a template', async () => {
    const items = await collect('jaeger', 'jaeger');
    const q = server.requests[0].url.searchParams;
    expect(q.get('service')).toBe('checkout-service');
    expect(q.get('start')).toBe(`${FROM}000`);
    expect(q.get('tags')).toBe('{"error":"true"}');
    const summary = items.find(i => i.content.includes('(Jaeger)'))!;
    expect(summary.content).toMatch(
      /^\d+ failed traces of checkout-service \(Jaeger\)\n\w{32} {2}checkout-service POST \/api\/checkout {2}\d+ ms {2}2026-03-01T1/,
    );
    expect(templates(items, 'checkout-service')).toEqual([
      'checkout-service POST /api/checkout',
    ]);
    const [series] = items.find(i => i.series)!.series!;
    expect(series.points.find(([, v]) => v > 0)![0]).toBeGreaterThanOrEqual(
      CHECKOUT_ONSET - 60_000,
    );
  });

  it('Jaeger: calls between services in failed traces, summed per caller and callee, for the dependency map', async () => {
    const items = await collect('jaeger', 'jaeger-calls');
    expect(items).toHaveLength(1);
    const [calls] = items;
    expect(calls.kind).toBe('trace');
    expect(calls.entityRef).toBe('component:default/checkout-service');
    // checkout-service's failing POSTs call payments-service, which fails
    // in 2.9 s; the traces' own root spans are no calls.
    expect(calls.calls).toEqual([
      {
        from: 'component:default/checkout-service',
        to: 'component:default/payments-service',
        count: expect.any(Number),
        errors: calls.calls![0].count,
        slow: calls.calls![0].count,
      },
    ]);
    expect(calls.calls![0].count).toBeGreaterThan(10);
    expect(calls.content).toBe(
      `Calls between services in failed traces of checkout-service (Jaeger)\ncomponent:default/checkout-service → component:default/payments-service: ${
        calls.calls![0].count
      } calls, ${calls.calls![0].count} failed, ${calls.calls![0].count} slow`,
    );
  });

  it('Sentry: issues first seen in the window', async () => {
    const items = await collect('sentry');
    expect(server.requests).toHaveLength(1); // only checkout has a Sentry project
    const q = server.requests[0].url.searchParams;
    expect(q.get('query')).toBe(
      `project:checkout firstSeen:>=${new Date(FROM).toISOString()}`,
    );
    expect(server.requests[0].headers.authorization).toBe(
      'Bearer sentry-token',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'log_excerpt',
      source: 'sentry',
      entityRef: 'component:default/checkout-service',
      occurredAt: '2026-03-01T11:43:05.000Z',
    });
    expect(items[0].content).toContain(
      'New Sentry issue CHECKOUT-04: PaymentGatewayError: upstream answered 503',
    );
  });

  it('Kubernetes: rollouts and ConfigMap updates as changes, warning events as templates', async () => {
    const items = await collect('kubernetes');
    for (const req of server.requests) {
      expect(req.headers.authorization).toBe('Bearer k8s-token');
    }
    // payments has no backstage.io/kubernetes-id: it is not asked about.
    expect(server.requests.map(r => r.url.pathname)).toEqual([
      '/apis/apps/v1/namespaces/shop/replicasets',
      '/api/v1/namespaces/shop/configmaps',
      '/api/v1/namespaces/shop/events',
    ]);
    const rollout = items.find(i => i.change?.kind === 'deployment')!;
    expect(rollout).toMatchObject({
      kind: 'deployment',
      entityRef: 'component:default/checkout-service',
      occurredAt: '2026-03-01T11:38:00.000Z',
      change: {
        id: 'rs-7',
        kind: 'deployment',
        version: 'registry/checkout:1.42.0',
        rollbackRef: 'revision 6: registry/checkout:1.41.0',
      },
    });
    // Revision 6 is older than the change lookback: not a change of this incident.
    expect(items.filter(i => i.change?.kind === 'deployment')).toHaveLength(1);
    const config = items.filter(i => i.change?.kind === 'config');
    expect(config).toHaveLength(1);
    expect(config[0]).toMatchObject({
      kind: 'config_diff',
      occurredAt: '2026-03-01T11:20:00.000Z',
      change: { author: 'argocd-controller', id: 'cm-1@2026-03-01T11:20:00Z' },
    });
    expect(templates(items, 'checkout-service')).toEqual([
      'Unhealthy Pod <POD>: Readiness probe failed: HTTP probe failed with statuscode: <NUM>',
    ]);
    const events = items.find(i =>
      i.content.startsWith('Kubernetes warnings for checkout'),
    )!;
    expect(events.content).not.toContain('inventory');
    expect(new Date(CHECKOUT_ONSET).getTime()).toBeLessThan(ALERT);
  });

  it('README shows exactly the tested configurations', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const name of [
      'loki',
      'elasticsearch',
      'tempo',
      'jaeger',
      'sentry',
      'kubernetes',
    ]) {
      const yaml = readFileSync(
        join(__dirname, '__fixtures__', `${name}.yaml`),
        'utf8',
      );
      expect(readme).toContain(yaml);
    }
  });
});
