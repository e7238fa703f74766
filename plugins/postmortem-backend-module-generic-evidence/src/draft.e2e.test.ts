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
import prometheusModule from '@postmortems/plugin-postmortem-backend-module-prometheus';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ALERT,
  startVendorServer,
  VendorServer,
} from './__fixtures__/vendorServer';
import { postmortemModuleGenericEvidence } from './module';

jest.setTimeout(60_000);

const USER = 'user:default/ada.okafor';

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

/** The worked examples' sources, pointed at the local vendor server. */
function sources(baseUrl: string) {
  const all: JsonValue[] = [];
  let kubernetes: JsonObject | undefined;
  for (const name of ['loki', 'tempo', 'sentry', 'kubernetes']) {
    let text = readFileSync(
      join(__dirname, '__fixtures__', `${name}.yaml`),
      'utf8',
    );
    text = text
      .replace(
        /https?:\/\/(loki:3100|tempo:3200|sentry\.io|kubernetes\.example\.com:6443)/g,
        baseUrl,
      )
      .replace('${K8S_PRODUCTION_TOKEN}', 'k8s-token')
      .replace(/\$\{\w+\}/g, 'secret');
    const data = parse(text);
    all.push(...data.postmortem.genericEvidence.sources);
    kubernetes ??= data.kubernetes;
  }
  return { sources: all, kubernetes };
}

describe('a draft with evidence from the generic sources', () => {
  let server: VendorServer;
  beforeAll(async () => {
    server = await startVendorServer();
  });
  afterAll(() => server.close());

  it('holds log, trace, error tracker and Kubernetes evidence beside the Prometheus series, redacted and tied to entities', async () => {
    const { sources: configured, kubernetes } = sources(server.baseUrl);
    const backend = await startTestBackend({
      features: [
        postmortemPlugin,
        prometheusModule,
        postmortemModuleGenericEvidence,
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
              ['component:default/payments-service'],
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
                baseUrl: server.baseUrl,
                queries: [
                  {
                    name: 'error ratio',
                    signal: 'errors',
                    query: 'errors{service="$value"}',
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
        entityRefs: ['component:default/checkout-service'],
        detectedAt: new Date(ALERT).toISOString(),
        resolvedAt: new Date(ALERT + 15 * 60_000).toISOString(),
      });
      const id = declared.postmortem.id;
      await call('POST', `/postmortems/${id}/draft`);
      const evidence: any[] =
        (await call('GET', `/postmortems/${id}/evidence`)).items ?? [];
      const by = (source: string) => evidence.filter(e => e.source === source);

      expect(by('prometheus').length).toBe(2);
      const lokiPayments = by('loki-error-lines').find(
        e => e.entityRef === 'component:default/payments-service',
      );
      expect(lokiPayments.content).toContain(
        'Log template: ERROR connection refused to <HOST>',
      );
      const traces = by('tempo');
      expect(traces.map(e => e.kind)).toContain('trace');
      expect(
        traces.every(e => e.entityRef === 'component:default/checkout-service'),
      ).toBe(true);
      const events = by('kubernetes-events');
      expect(events.length).toBeGreaterThan(0);
      const sentry = by('sentry')[0];
      expect(sentry.content).not.toContain('ada.okafor@example.com');
      expect(sentry.redactions).toEqual({ email: 1 });

      // The rollout and the ConfigMap update are changes, ranked as causes.
      const causes: any[] =
        (await call('GET', `/postmortems/${id}/causes`)).items ?? [];
      const text = JSON.stringify(causes);
      expect(text).toContain('registry/checkout:1.42.0');
    } finally {
      await backend.stop();
    }
  });
});
