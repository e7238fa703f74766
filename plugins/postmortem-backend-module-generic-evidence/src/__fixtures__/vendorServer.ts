/**
 * A local stand-in for Loki, Elasticsearch, Tempo, Jaeger, Sentry and the
 * Kubernetes API: node's http server on 127.0.0.1 and a random port,
 * answering in each vendor's documented response shape with a scripted
 * incident. Payments' database refuses connections from 11:40, checkout
 * fails with 503s from 11:43, the alert fires at 12:00; a new release of
 * checkout rolled out at 11:38 and its ConfigMap changed at 11:20.
 */
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';

const MIN = 60_000;
export const FROM = Date.parse('2026-03-01T06:00:00Z');
export const ALERT = Date.parse('2026-03-01T12:00:00Z');
export const TO = Date.parse('2026-03-01T12:30:00Z');
export const CHANGES_FROM = ALERT - 24 * 60 * MIN;
export const PAYMENTS_ONSET = Date.parse('2026-03-01T11:40:00Z');
export const CHECKOUT_ONSET = Date.parse('2026-03-01T11:43:00Z');

const hex = (i: number, n = 8) =>
  ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4).slice(0, n);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface Log {
  service: string;
  at: number;
  line: string;
}

/** Error-ish log lines of both services over the window. */
export function scenarioLogs(): Log[] {
  const logs: Log[] = [];
  let i = 0;
  // Background: the same few warnings all day, which must not be reported.
  for (let t = FROM + 5 * MIN; t < TO; t += 10 * MIN, i++) {
    logs.push({
      service: 'payments-service',
      at: t,
      line: `WARN timeout calling inventory-service after ${
        1400 + (i % 7) * 31
      }ms (request ${hex(i, 32)})`,
    });
    logs.push({
      service: 'checkout-service',
      at: t + 2 * MIN,
      line: `ERROR cache miss storm for key session:${hex(
        i + 7,
        12,
      )} on 10.0.3.${i % 200}`,
    });
  }
  for (let t = PAYMENTS_ONSET; t < TO; t += 15_000, i++) {
    logs.push({
      service: 'payments-service',
      at: t,
      line: `ERROR connection refused to db-${
        i % 3
      }.payments.internal:5432 after 3 retries (request ${hex(i, 8)}-${hex(
        i + 1,
        4,
      )}-4${hex(i + 2, 3)}-8${hex(i + 3, 3)}-${hex(i + 4, 12)})`,
    });
  }
  for (let t = CHECKOUT_ONSET; t < TO; t += 20_000, i++) {
    logs.push({
      service: 'checkout-service',
      at: t,
      line: `ERROR upstream payments-service answered 503 for order ${
        10000 + i
      } from 10.0.${i % 4}.${i % 250}`,
    });
  }
  return logs.sort((a, b) => a.at - b.at);
}

interface Trace {
  service: string;
  at: number;
  operation: string;
  durationMs: number;
}

function scenarioTraces(): Trace[] {
  const traces: Trace[] = [];
  for (let t = FROM + 15 * MIN; t < TO; t += 30 * MIN) {
    traces.push({
      service: 'checkout-service',
      at: t,
      operation: 'GET /api/cart',
      durationMs: 1200,
    });
  }
  for (let t = CHECKOUT_ONSET + 5_000; t < TO; t += 30_000) {
    traces.push({
      service: 'checkout-service',
      at: t,
      operation: 'POST /api/checkout',
      durationMs: 3000 + ((t / 1000) % 7) * 100,
    });
  }
  return traces;
}

export interface Recorded {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface VendorServer {
  baseUrl: string;
  requests: Recorded[];
  /** Overrides the answer to paths starting with a prefix. */
  override(
    prefix: string,
    answer: (req: Recorded) => { status: number; body: string },
  ): void;
  close(): Promise<void>;
}

const json = (value: unknown, status = 200) => ({
  status,
  body: JSON.stringify(value),
});

/** Loki `query_range`: streams for log queries, a matrix for metric queries. */
export function loki(req: Recorded) {
  const q = req.url.searchParams.get('query') ?? '';
  const service = /service_name="([^"]+)"/.exec(q)?.[1];
  const toMs = (ns: string) => Number(ns.length > 16 ? ns.slice(0, -6) : ns);
  if (q.startsWith('sum(count_over_time(')) {
    const start = Number(req.url.searchParams.get('start')) * 1000;
    const end = Number(req.url.searchParams.get('end')) * 1000;
    const step = parseInt(req.url.searchParams.get('step') ?? '60', 10) * 1000;
    const logs = scenarioLogs().filter(l => l.service === service);
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      const n = logs.filter(l => l.at > t - step && l.at <= t).length;
      if (n) values.push([t / 1000, String(n)]);
    }
    return json({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: values.length ? [{ metric: {}, values }] : [],
        stats: { summary: { totalLinesProcessed: 1 } },
      },
    });
  }
  const start = toMs(req.url.searchParams.get('start')!);
  const end = toMs(req.url.searchParams.get('end')!);
  const logs = scenarioLogs().filter(
    l => l.service === service && l.at >= start && l.at <= end,
  );
  const stream = (level: string) => ({
    stream: { service_name: service, level },
    values: logs
      .filter(l => l.line.startsWith(level.toUpperCase()))
      .map(l => [`${l.at}000000`, l.line]),
  });
  return json({
    status: 'success',
    data: {
      resultType: 'streams',
      result: [stream('error'), stream('warn')].filter(s => s.values.length),
      stats: { summary: { totalLinesProcessed: logs.length } },
    },
  });
}

/** Elasticsearch `_search` with hits and a date_histogram. */
function elasticsearch(req: Recorded) {
  const body = JSON.parse(req.body);
  const [term, , range] = body.query.bool.filter;
  const service = term.term['service.name'];
  const { gte, lte } = range.range['@timestamp'];
  const interval = parseInt(
    body.aggs.per_interval.date_histogram.fixed_interval,
    10,
  );
  const logs = scenarioLogs().filter(
    l =>
      l.service === service &&
      l.at >= gte &&
      l.at <= lte &&
      l.line.startsWith('ERROR'),
  );
  const buckets = [];
  const first = Math.floor(gte / (interval * 1000)) * interval * 1000;
  for (let t = first; t <= lte; t += interval * 1000) {
    buckets.push({
      key_as_string: iso(t),
      key: t,
      doc_count: logs.filter(l => l.at >= t && l.at < t + interval * 1000)
        .length,
    });
  }
  return json({
    took: 12,
    timed_out: false,
    _shards: { total: 3, successful: 3, skipped: 0, failed: 0 },
    hits: {
      total: { value: logs.length, relation: 'eq' },
      max_score: null,
      hits: logs.slice(0, body.size).map((l, i) => ({
        _index: `logs-checkout-2026.03.01`,
        _id: `doc${i}`,
        _score: null,
        _source: { '@timestamp': iso(l.at), message: l.line },
        sort: [l.at],
      })),
    },
    aggregations: { per_interval: { buckets } },
  });
}

/** Tempo `/api/search` (TraceQL). */
function tempo(req: Recorded) {
  const q = req.url.searchParams.get('q') ?? '';
  const service = /resource\.service\.name = "([^"]+)"/.exec(q)?.[1];
  const start = Number(req.url.searchParams.get('start')) * 1000;
  const end = Number(req.url.searchParams.get('end')) * 1000;
  const traces = scenarioTraces().filter(
    t => t.service === service && t.at >= start && t.at <= end,
  );
  return json({
    traces: traces.map((t, i) => ({
      traceID: hex(i, 32),
      rootServiceName: t.service,
      rootTraceName: t.operation,
      startTimeUnixNano: `${t.at}000000`,
      durationMs: t.durationMs,
      spanSet: {
        spans: [
          {
            spanID: hex(i + 1, 16),
            startTimeUnixNano: `${t.at}000000`,
            durationNanos: `${t.durationMs}000000`,
            attributes: [{ key: 'status', value: { stringValue: 'error' } }],
          },
        ],
        matched: 1,
      },
    })),
    metrics: { inspectedBytes: '1048576', completedJobs: 4, totalJobs: 4 },
  });
}

/** Jaeger's `/api/traces`: microseconds, spans with references and processes. */
function jaeger(req: Recorded) {
  const service = req.url.searchParams.get('service');
  const start = Number(req.url.searchParams.get('start')) / 1000;
  const end = Number(req.url.searchParams.get('end')) / 1000;
  const tags = JSON.parse(req.url.searchParams.get('tags') ?? '{}');
  const traces = scenarioTraces().filter(
    t =>
      t.service === service &&
      t.at >= start &&
      t.at <= end &&
      (tags.error !== 'true' || t.operation.startsWith('POST')),
  );
  return json({
    data: traces.map((t, i) => {
      const traceID = hex(i, 32);
      return {
        traceID,
        spans: [
          {
            traceID,
            spanID: hex(i + 5, 16),
            operationName: 'charge',
            references: [
              { refType: 'CHILD_OF', traceID, spanID: hex(i + 1, 16) },
            ],
            startTime: t.at * 1000 + 500,
            duration: 2_900_000,
            tags: [{ key: 'error', type: 'bool', value: true }],
            processID: 'p2',
          },
          {
            traceID,
            spanID: hex(i + 1, 16),
            operationName: t.operation,
            references: [],
            startTime: t.at * 1000,
            duration: t.durationMs * 1000,
            tags: [{ key: 'error', type: 'bool', value: true }],
            processID: 'p1',
          },
        ],
        processes: {
          p1: { serviceName: t.service, tags: [] },
          p2: { serviceName: 'payments-service', tags: [] },
        },
        warnings: null,
      };
    }),
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  });
}

/** Sentry's organization issues: one issue new in the window, one old. */
function sentry() {
  const issue = (id: string, title: string, firstSeen: string) => ({
    id,
    shortId: `CHECKOUT-${id.slice(-2)}`,
    title,
    culprit: 'checkout.payments in authorize',
    permalink: `https://northwind.sentry.io/issues/${id}/`,
    level: 'error',
    status: 'unresolved',
    isUnhandled: true,
    count: '412',
    userCount: 97,
    firstSeen,
    lastSeen: '2026-03-01T12:20:11Z',
    project: { id: '42', name: 'checkout', slug: 'checkout' },
    metadata: { type: 'PaymentGatewayError', value: title },
    type: 'error',
  });
  return json([
    issue(
      '4504',
      'PaymentGatewayError: upstream answered 503 for ada.okafor@example.com',
      '2026-03-01T11:43:05Z',
    ),
    issue('4311', 'TypeError: cart is undefined', '2026-02-20T08:00:00Z'),
  ]);
}

const replicaSet = (
  revision: number,
  created: string,
  image: string,
  uid: string,
) => ({
  metadata: {
    name: `checkout-${hex(revision, 10)}`,
    namespace: 'shop',
    uid,
    resourceVersion: String(1000 + revision),
    creationTimestamp: created,
    labels: { 'backstage.io/kubernetes-id': 'checkout' },
    annotations: {
      'deployment.kubernetes.io/revision': String(revision),
      'deployment.kubernetes.io/desired-replicas': '3',
    },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'checkout',
        uid: 'dep-uid',
        controller: true,
      },
    ],
  },
  spec: {
    replicas: 3,
    template: {
      spec: { containers: [{ name: 'checkout', image }] },
    },
  },
  status: { replicas: 3, readyReplicas: 3 },
});

/** Kubernetes API: apps/v1 ReplicaSets, core/v1 ConfigMaps and Events. */
function kubernetes(req: Recorded) {
  if (req.headers.authorization !== 'Bearer k8s-token') {
    return json(
      { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 401 },
      401,
    );
  }
  const path = req.url.pathname;
  const selector = req.url.searchParams.get('labelSelector');
  const mine = selector === 'backstage.io/kubernetes-id=checkout';
  if (path === '/apis/apps/v1/namespaces/shop/replicasets') {
    return json({
      kind: 'ReplicaSetList',
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: '2001' },
      items: mine
        ? [
            replicaSet(
              6,
              '2026-02-10T09:00:00Z',
              'registry/checkout:1.41.0',
              'rs-6',
            ),
            replicaSet(
              7,
              '2026-03-01T11:38:00Z',
              'registry/checkout:1.42.0',
              'rs-7',
            ),
          ]
        : [],
    });
  }
  if (path === '/api/v1/namespaces/shop/configmaps') {
    return json({
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '2002' },
      items: mine
        ? [
            {
              metadata: {
                name: 'checkout-settings',
                namespace: 'shop',
                uid: 'cm-1',
                creationTimestamp: '2026-01-05T10:00:00Z',
                managedFields: [
                  {
                    manager: 'kubectl-client-side-apply',
                    operation: 'Update',
                    apiVersion: 'v1',
                    time: '2026-01-05T10:00:00Z',
                    fieldsType: 'FieldsV1',
                  },
                  {
                    manager: 'argocd-controller',
                    operation: 'Apply',
                    apiVersion: 'v1',
                    time: '2026-03-01T11:20:00Z',
                    fieldsType: 'FieldsV1',
                  },
                ],
              },
              data: { PAYMENT_TIMEOUT_MS: '500' },
            },
          ]
        : [],
    });
  }
  if (path === '/api/v1/namespaces/shop/events') {
    const items = [];
    items.push({
      metadata: { name: 'checkout-old.1', namespace: 'shop' },
      involvedObject: { kind: 'Pod', name: 'checkout-5c7d8e9f0a-abcde' },
      reason: 'FailedScheduling',
      message: '0/6 nodes are available: 6 Insufficient cpu.',
      type: 'Warning',
      count: 1,
      lastTimestamp: '2026-03-01T07:00:00Z',
      source: { component: 'default-scheduler' },
    });
    let i = 0;
    for (let t = CHECKOUT_ONSET + 60_000; t < TO; t += 45_000, i++) {
      items.push({
        metadata: { name: `checkout.${i}`, namespace: 'shop' },
        involvedObject: {
          kind: 'Pod',
          name: `checkout-7d9f8b6c5d-${['x2x9q', 'k8p4z', 'm3n7r'][i % 3]}`,
        },
        reason: 'Unhealthy',
        message: `Readiness probe failed: HTTP probe failed with statuscode: 503`,
        type: 'Warning',
        count: 1,
        lastTimestamp: iso(t),
        source: { component: 'kubelet', host: `node-${i % 3}` },
      });
    }
    items.push({
      metadata: { name: 'inventory.1', namespace: 'shop' },
      involvedObject: { kind: 'Pod', name: 'inventory-6b5c4d3e2f-zzzzz' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      type: 'Warning',
      count: 3,
      lastTimestamp: '2026-03-01T11:50:00Z',
    });
    return json({
      kind: 'EventList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '2003' },
      items,
    });
  }
  return json({ kind: 'Status', status: 'Failure', code: 404 }, 404);
}

export async function startVendorServer(): Promise<VendorServer> {
  const requests: Recorded[] = [];
  const overrides: Array<
    [string, (req: Recorded) => { status: number; body: string }]
  > = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const path = recorded.url.pathname;
      const override = overrides.find(([prefix]) => path.startsWith(prefix));
      let answer;
      if (override) answer = override[1](recorded);
      else if (path === '/loki/api/v1/query_range') answer = loki(recorded);
      else if (path.endsWith('/_search')) answer = elasticsearch(recorded);
      else if (path === '/api/search') answer = tempo(recorded);
      else if (path === '/api/traces') answer = jaeger(recorded);
      else if (path.startsWith('/api/0/organizations/')) answer = sentry();
      else answer = kubernetes(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    override: (prefix, answer) => overrides.unshift([prefix, answer]),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
