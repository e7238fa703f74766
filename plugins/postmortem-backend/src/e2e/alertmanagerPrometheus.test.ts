import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import prometheusModule from '@postmortems/plugin-postmortem-backend-module-prometheus';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import {
  freePort,
  hasBinary,
  startExporter,
  startProcess,
  tempDir,
  waitFor,
} from './peers';

/**
 * End to end with the real peers from Debian's packages: Prometheus scrapes
 * an exporter this test runs, a rule fires, Alertmanager posts to the
 * backend's webhook, a deployment of a dependency is posted, the alert
 * resolves, and the draft is checked.
 */
const peersPresent =
  hasBinary('prometheus') && hasBinary('prometheus-alertmanager');
if (!peersPresent && process.env.CI) {
  throw new Error(
    'prometheus and prometheus-alertmanager must be installed in CI (apt-get install prometheus prometheus-alertmanager)',
  );
}
const describeWithPeers = peersPresent ? describe : describe.skip;

jest.setTimeout(180_000);

const databases = createTestDatabases();
const TOKEN = 'e2e-alertmanager-token';
const CHANGES = 'e2e-changes-token';
const ALICE = 'user:default/ada.okafor';

describeWithPeers('Prometheus and Alertmanager to a drafted postmortem', () => {
  const stops: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('drafts the postmortem of a real alert', async () => {
    // PostgreSQL when available: the production engine.
    const [id] = databases
      .eachSupportedId()
      .map(([d]) => d)
      .reverse();
    const gauges: Record<string, number> = {
      'checkout-service': 0.01,
      'payments-service': 0.02,
    };
    const exporter = await startExporter(gauges);
    stops.push(exporter.stop);
    const prometheusPort = await freePort();
    const alertmanagerPort = await freePort();

    const backend = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          alertmanager: { token: TOKEN },
          changes: { token: CHANGES },
          prometheus: {
            baseUrl: `http://127.0.0.1:${prometheusPort}`,
            queries: [
              {
                name: 'error ratio',
                query: 'demo_error_ratio{service="$value"}',
              },
            ],
            stepSeconds: 1,
          },
          draft: {
            pollSeconds: 2,
            evidenceMarginBeforeMinutes: 2,
            evidenceMarginAfterMinutes: 1,
          },
        },
      },
      [alertmanagerModule, prometheusModule],
    );
    const backendPort = (backend.server.address() as AddressInfo).port;

    const dir = tempDir('postmortem-e2e-');
    fs.writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      `route:
  receiver: postmortem
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: postmortem
    webhook_configs:
      - url: http://127.0.0.1:${backendPort}/api/postmortem/webhooks/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${TOKEN}
`,
    );
    fs.writeFileSync(
      path.join(dir, 'rules.yml'),
      `groups:
  - name: demo
    interval: 1s
    rules:
      - alert: HighErrorRatio
        expr: demo_error_ratio{service="checkout-service"} > 0.5
        for: 0s
        labels:
          severity: critical
        annotations:
          summary: Checkout error ratio above 50%
          runbook_url: https://runbooks.example/checkout-errors
`,
    );
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [${path.join(dir, 'rules.yml')}]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:${alertmanagerPort}']
scrape_configs:
  - job_name: exporter
    static_configs:
      - targets: ['127.0.0.1:${exporter.port}']
`,
    );
    const alertmanager = startProcess('prometheus-alertmanager', [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'am')}`,
      `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
      '--cluster.listen-address=',
    ]);
    stops.push(alertmanager.stop);
    const prometheus = startProcess('prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
    ]);
    stops.push(prometheus.stop);
    const logs = () =>
      `--- prometheus\n${prometheus
        .output()
        .slice(-3000)}\n--- alertmanager\n${alertmanager
        .output()
        .slice(-3000)}`;

    await waitFor(
      'Prometheus to scrape the exporter',
      async () => {
        const res = await fetch(
          `http://127.0.0.1:${prometheusPort}/api/v1/query?query=demo_error_ratio`,
        );
        const body = await res.json();
        return body.data?.result?.length === 2 ? true : undefined;
      },
      30_000,
      logs,
    );

    // A deployment of payments-service, a dependency of checkout-service.
    await request(backend.server)
      .post('/api/postmortem/webhooks/changes')
      .set('authorization', `Bearer ${CHANGES}`)
      .send({
        id: 'payments-v43',
        service: 'payments-service',
        version: 'v43',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        author: 'ci-bot',
        rollbackRef: 'v42',
      })
      .expect(202);
    await new Promise(r => setTimeout(r, 4000)); // a baseline of scrapes

    gauges['checkout-service'] = 0.9;
    const incident = await waitFor(
      'the alert to declare an incident',
      async () => {
        const res = await request(backend.server)
          .get('/api/postmortem/incidents')
          .query({ text: 'Checkout error ratio' })
          .set(asUser(ALICE));
        return res.body.items?.[0];
      },
      60_000,
      logs,
    );
    expect(incident).toMatchObject({
      source: 'alertmanager',
      severity: 'SEV1',
      entityRefs: ['component:default/checkout-service'],
    });

    await new Promise(r => setTimeout(r, 4000)); // the incident lasts a while
    gauges['checkout-service'] = 0.01;
    await waitFor(
      'Alertmanager to resolve the incident',
      async () => {
        const res = await request(backend.server)
          .get(`/api/postmortem/incidents/${incident.humanId}`)
          .set(asUser(ALICE));
        return res.body.status === 'resolved' ? res.body : undefined;
      },
      60_000,
      logs,
    );

    // The draft is generated at resolution by the backend itself.
    const base = `/api/postmortem/postmortems/${incident.humanId}`;
    const causes = await waitFor(
      'the draft',
      async () => {
        const res = await request(backend.server)
          .get(`${base}/causes`)
          .set(asUser(ALICE));
        const evidence = await request(backend.server)
          .get(`${base}/evidence`)
          .set(asUser(ALICE));
        const hasMetrics = evidence.body.items?.some(
          (e: any) => e.kind === 'metric_series',
        );
        return res.body.items?.length && hasMetrics
          ? res.body.items
          : undefined;
      },
      60_000,
      logs,
    );
    expect(causes[0]).toMatchObject({
      changeRelated: true,
      entityRef: 'component:default/payments-service',
    });

    const timeline = (
      await request(backend.server).get(`${base}/timeline`).set(asUser(ALICE))
    ).body.items;
    const kinds = timeline.map((e: any) => e.kind);
    expect(kinds).toContain('deployment');
    expect(kinds.filter((k: string) => k === 'alert')).toHaveLength(2);

    const evidence = (
      await request(backend.server).get(`${base}/evidence`).set(asUser(ALICE))
    ).body.items;
    const metric = evidence.find(
      (e: any) =>
        e.kind === 'metric_series' &&
        e.entityRef === 'component:default/checkout-service',
    );
    expect(metric.source).toBe('prometheus');
    expect(JSON.parse(metric.content).result[0].values.length).toBeGreaterThan(
      5,
    );

    const remediation = (
      await request(backend.server)
        .get(`${base}/remediation`)
        .set(asUser(ALICE))
    ).body.items;
    expect(remediation.length).toBeGreaterThan(0);
    expect(
      remediation.every((r: any) => r.ownerRef?.startsWith('group:')),
    ).toBe(true);
  });
});
