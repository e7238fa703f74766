import { createServiceFactory } from '@backstage/backend-plugin-api';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
// The real plugin this module extends, run end to end.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import postmortemPlugin from '@postmortems/plugin-postmortem-backend';
// The engines every database test of the suite runs on.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import { createTestDatabases } from '@postmortems/plugin-postmortem-backend/src/__testUtils__/databases';
import prometheusModule from '@postmortems/plugin-postmortem-backend-module-prometheus';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ERROR_RATIO_QUERY,
  hasBinary,
  startRealPrometheus,
} from './__fixtures__/realPrometheus';
import {
  ALERT,
  loki,
  startVendorServer,
  VendorServer,
} from './__fixtures__/vendorServer';
import { postmortemModuleGenericEvidence } from './module';

const peersPresent = hasBinary('prometheus') && hasBinary('promtool');
if (!peersPresent && process.env.CI) {
  throw new Error(
    'prometheus and promtool must be installed in CI (apt-get install prometheus)',
  );
}
const describeWithPeers = peersPresent ? describe : describe.skip;

jest.setTimeout(120_000);

const databases = createTestDatabases();
const USER = 'user:default/ada.okafor';
const CHECKOUT = 'component:default/checkout-service';
const PAYMENTS = 'component:default/payments-service';
/** A password that leaks into payments' error lines through a connection URL. */
const PASSWORD = 'Tr0ub4dor-payments-2026';

const component = (
  name: string,
  annotations: Record<string, string>,
  dependsOn: string[] = [],
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/shop',
  },
  relations: dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
});

/** The README's worked sources, pointed at the local vendor server. */
function sources(baseUrl: string) {
  const all: JsonValue[] = [];
  let kubernetes: JsonObject | undefined;
  for (const name of ['loki', 'tempo', 'jaeger', 'sentry', 'kubernetes']) {
    let text = readFileSync(
      join(__dirname, '__fixtures__', `${name}.yaml`),
      'utf8',
    );
    text = text
      .replace(
        /https?:\/\/(loki:3100|tempo:3200|jaeger:16686|sentry\.io|kubernetes\.example\.com:6443)/g,
        baseUrl,
      )
      .replace('${K8S_PRODUCTION_TOKEN}', 'k8s-token')
      .replace(/\$\{\w+\}/g, 'secret');
    const data = parse(text);
    // Of Jaeger, only the calls between services (Tempo gives the traces).
    all.push(
      ...data.postmortem.genericEvidence.sources.filter(
        (s: { name: string }) => s.name !== 'jaeger',
      ),
    );
    kubernetes ??= data.kubernetes;
  }
  return { sources: all, kubernetes };
}

/**
 * The acceptance path of the generic sources: a draft of an incident holds
 * log (Loki), trace (Tempo, Jaeger's calls between services), error
 * tracker (Sentry) and Kubernetes (rollouts, ConfigMaps, events) evidence
 * beside the series of a real Prometheus, each item redacted before it is
 * stored and tied to its entity, on every database engine; the calls seen
 * in traces are on the incident's dependency map.
 */
describeWithPeers('a draft with evidence from the generic sources', () => {
  let vendors: VendorServer;
  let prometheus: { baseUrl: string; stop: () => Promise<unknown> };
  beforeAll(async () => {
    [vendors, prometheus] = await Promise.all([
      startVendorServer(),
      startRealPrometheus(),
    ]);
    // Payments logs the URL of its database, password included.
    vendors.override('/loki/api/v1/query_range', req => {
      const answer = loki(req);
      return {
        ...answer,
        body: answer.body.replace(
          /connection refused to (db-\d)/g,
          `connection refused to postgres://payments:${PASSWORD}@$1`,
        ),
      };
    });
  });
  afterAll(async () => {
    await vendors?.close();
    await prometheus?.stop();
  });

  it.each(databases.eachSupportedId())(
    'holds log, trace, error tracker and Kubernetes evidence beside the Prometheus series, redacted and tied to entities, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { sources: configured, kubernetes } = sources(vendors.baseUrl);
      const backend = await startTestBackend({
        features: [
          postmortemPlugin,
          prometheusModule,
          postmortemModuleGenericEvidence,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: [
              component(
                'checkout-service',
                {
                  'postmortem.io/alert-service': 'checkout-service',
                  'backstage.io/kubernetes-id': 'checkout',
                  'backstage.io/kubernetes-namespace': 'shop',
                  'sentry.io/project-slug': 'checkout',
                },
                [PAYMENTS],
              ),
              component('payments-service', {
                'postmortem.io/alert-service': 'payments-service',
              }),
            ] as any,
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              kubernetes,
              postmortem: {
                prometheus: {
                  baseUrl: prometheus.baseUrl,
                  queries: [
                    {
                      name: 'error ratio',
                      signal: 'errors',
                      query: ERROR_RATIO_QUERY,
                    },
                  ],
                  stepSeconds: 60,
                },
                genericEvidence: { sources: configured },
              },
            },
          }),
        ],
      });
      try {
        const base = `http://127.0.0.1:${
          (backend.server.address() as AddressInfo).port
        }/api/postmortem`;
        const call = async (method: string, path: string, body?: object) => {
          const res = await fetch(`${base}${path}`, {
            method,
            headers: {
              authorization: mockCredentials.user.header(USER),
              'content-type': 'application/json',
            },
            body: body && JSON.stringify(body),
          });
          const json = await res.json();
          if (!res.ok)
            throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
          return json;
        };

        const declared = await call('POST', '/incidents', {
          title: 'Checkout fails to take payments',
          severity: 'SEV2',
          status: 'resolved',
          entityRefs: [CHECKOUT],
          detectedAt: new Date(ALERT).toISOString(),
          resolvedAt: new Date(ALERT + 15 * 60_000).toISOString(),
        });
        const id = declared.postmortem.id;
        await call('POST', `/postmortems/${id}/draft`);
        const evidence: any[] =
          (await call('GET', `/postmortems/${id}/evidence`)).items ?? [];
        const by = (source: string) =>
          evidence.filter(e => e.source === source);

        // The real Prometheus' series, one per entity.
        const series = by('prometheus');
        expect(series.map(e => e.entityRef).sort()).toEqual([
          CHECKOUT,
          PAYMENTS,
        ]);
        expect(series.every(e => e.kind === 'metric_series')).toBe(true);

        // Logs: payments' new error template, its password masked.
        const paymentsLogs = by('loki-error-lines').filter(
          e => e.entityRef === PAYMENTS,
        );
        const refused = paymentsLogs.find(e =>
          e.content.includes('Log template: ERROR connection refused to'),
        );
        expect(refused).toBeDefined();
        expect(refused.content).toContain('(new)');
        expect(refused.redactions.url_password).toBeGreaterThan(0);
        expect(JSON.stringify(evidence)).not.toContain(PASSWORD);
        expect(
          by('loki-error-rate').map(e => [e.kind, e.entityRef]),
        ).toContainEqual(['metric_series', PAYMENTS]);

        // Traces of checkout.
        const traces = by('tempo');
        expect(traces.length).toBeGreaterThan(0);
        expect(traces.every(e => e.kind === 'trace')).toBe(true);
        expect(traces.every(e => e.entityRef === CHECKOUT)).toBe(true);

        // Kubernetes: warning events as evidence; the rollout and the
        // ConfigMap update as changes, ranked as causes.
        const events = by('kubernetes-events');
        expect(events.length).toBeGreaterThan(0);
        expect(events.every(e => e.entityRef === CHECKOUT)).toBe(true);
        expect(events.map(e => e.content).join('\n')).toContain(
          'Readiness probe failed',
        );
        const causes: any[] =
          (await call('GET', `/postmortems/${id}/causes`)).items ?? [];
        expect(
          causes.map(c => [
            c.entityRef,
            c.analysis?.change?.kind,
            c.analysis?.change?.version,
          ]),
        ).toEqual(
          expect.arrayContaining([
            [CHECKOUT, 'deployment', 'registry/checkout:1.42.0'],
            [CHECKOUT, 'config', undefined],
          ]),
        );

        // The error tracker, its reporter's address masked.
        const sentry = by('sentry')[0];
        expect(sentry.entityRef).toBe(CHECKOUT);
        expect(sentry.content).not.toContain('ada.okafor@example.com');
        expect(sentry.redactions).toEqual({ email: 1 });

        // The calls traces saw, on the dependency map beside the catalog's edge.
        const map = await call('GET', `/postmortems/${id}/dependency-map`);
        expect(map.edges).toEqual([
          {
            from: CHECKOUT,
            to: PAYMENTS,
            observed: {
              count: expect.any(Number),
              errors: expect.any(Number),
              slow: expect.any(Number),
            },
          },
        ]);
        expect(map.edges[0].observed.errors).toBeGreaterThan(0);

        // Every item tied to an entity of the incident's neighbourhood.
        expect(
          evidence.filter(e => ![CHECKOUT, PAYMENTS].includes(e.entityRef)),
        ).toEqual([]);

        // Stored as answered: redacted in the database too.
        const rows = await knex('evidence').where({ postmortem_id: id });
        expect(rows.length).toBe(evidence.length);
        expect(JSON.stringify(rows)).not.toContain(PASSWORD);
        expect(JSON.stringify(rows)).not.toContain('ada.okafor@example.com');
        const storedSources = new Set(rows.map(r => r.source));
        for (const source of [
          'prometheus',
          'loki-error-lines',
          'tempo',
          'kubernetes-events',
          'sentry',
        ]) {
          expect(storedSources).toContain(source);
        }
      } finally {
        await backend.stop();
      }
    },
  );
});
