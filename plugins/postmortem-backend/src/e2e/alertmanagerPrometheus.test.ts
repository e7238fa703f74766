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
} from '@postmortems/plugin-postmortem-node/testUtils';

/**
 * End to end with the real peers from Debian's packages: Prometheus scrapes
 * an exporter this test runs; a deployment of payments-service is followed
 * by its own errors, a decoy deployment of inventory-service (metrics flat)
 * comes closer to the alert; checkout-service's errors fire a rule,
 * Alertmanager posts to the backend's webhook, the alert resolves, and the
 * draft must blame the change whose own metrics deviated, not the nearest.
 */
const peersPresent =
  hasBinary('prometheus') && hasBinary('prometheus-alertmanager');
if (!peersPresent && process.env.CI) {
  throw new Error(
    'prometheus and prometheus-alertmanager must be installed in CI (apt-get install prometheus prometheus-alertmanager)',
  );
}
const describeWithPeers = peersPresent ? describe : describe.skip;

jest.setTimeout(240_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const databases = createTestDatabases();
const TOKEN = 'e2e-alertmanager-token';
const CHANGES = 'e2e-changes-token';
const ALICE = 'user:default/ada.okafor';

describeWithPeers('Prometheus and Alertmanager to a drafted postmortem', () => {
  const stops: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it.each(databases.eachSupportedId())(
    'ranks the culprit whose metrics deviated above a nearer decoy, on %p',
    async id => {
      const gauges: Record<string, number> = {
        'checkout-service': 0.01,
        'payments-service': 0.02,
        'inventory-service': 0.015,
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
              pollSeconds: 60,
              baselineMinutes: 2,
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
          return body.data?.result?.length === 3 ? true : undefined;
        },
        30_000,
        logs,
      );
      await sleep(12_000); // a baseline of scrapes

      const deploy = (service: string, version: string) =>
        request(backend.server)
          .post('/api/postmortem/webhooks/changes')
          .set('authorization', `Bearer ${CHANGES}`)
          .send({
            id: `${service}-${version}`,
            service,
            version,
            occurredAt: new Date().toISOString(),
            author: 'ci-bot',
          })
          .expect(202);
      // The culprit: payments-service fails right after its deployment.
      await deploy('payments-service', 'v43');
      await sleep(2_000);
      gauges['payments-service'] = 0.6;
      await sleep(4_000);
      // The decoy, closer to the alert; its metrics stay flat.
      await deploy('inventory-service', 'v8');
      await sleep(3_000);
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
      const declaredAt = Date.now();
      expect(incident).toMatchObject({
        source: 'alertmanager',
        severity: 'SEV1',
        entityRefs: ['component:default/checkout-service'],
      });
      const base = `/api/postmortem/postmortems/${incident.humanId}`;
      const causesNow = async () =>
        (await request(backend.server).get(`${base}/causes`).set(asUser(ALICE)))
          .body.items as any[];

      // The first draft comes at declaration, without waiting for a job tick.
      await waitFor(
        'the first draft',
        async () => ((await causesNow())?.length ? true : undefined),
        5_000,
        logs,
      );
      const firstDraftSeconds = (Date.now() - declaredAt) / 1000;
      expect(firstDraftSeconds).toBeLessThan(5);

      await sleep(4_000); // the incident lasts a while
      gauges['checkout-service'] = 0.01;
      gauges['payments-service'] = 0.02;
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

      const resolvedSeenAt = Date.now();
      // Re-drafted at resolution by the backend itself.
      const causes = await waitFor(
        'the draft at resolution',
        async () => {
          const pm = await request(backend.server).get(base).set(asUser(ALICE));
          return pm.body.narrative?.whatHappened?.includes('resolved at')
            ? await causesNow()
            : undefined;
        },
        30_000,
        logs,
      );
      const resolutionDraftSeconds = (Date.now() - resolvedSeenAt) / 1000;
      expect(resolutionDraftSeconds).toBeLessThan(5);
      expect(causes[0]).toMatchObject({
        changeRelated: true,
        entityRef: 'component:default/payments-service',
        analysis: {
          kind: 'change',
          change: { version: 'v43' },
          path: [
            'component:default/payments-service',
            'component:default/checkout-service',
          ],
        },
      });
      expect(causes[0].confidence).not.toBe('low');
      expect(causes[0].analysis.onsets[0]).toMatchObject({
        entityRef: 'component:default/payments-service',
        signal: 'errors',
        direction: 'up',
      });
      const decoy = causes.find(
        (c: any) => c.entityRef === 'component:default/inventory-service',
      );
      expect(decoy.score).toBeLessThan(causes[0].score / 5);
      expect(decoy.analysis.reasoning).toMatch(/stayed within their baseline/);

      const evidence = (
        await request(backend.server).get(`${base}/evidence`).set(asUser(ALICE))
      ).body.items;
      const metric = evidence.find(
        (e: any) =>
          e.kind === 'metric_series' &&
          e.entityRef === 'component:default/payments-service',
      );
      expect(metric.source).toBe('prometheus');
      expect(causes[0].evidenceIds).toContain(metric.id);

      const timeline = (
        await request(backend.server).get(`${base}/timeline`).set(asUser(ALICE))
      ).body.items;
      const kinds = timeline.map((e: any) => e.kind);
      expect(kinds.filter((k: string) => k === 'deployment')).toHaveLength(2);
      expect(kinds.filter((k: string) => k === 'alert')).toHaveLength(2);

      const remediation = (
        await request(backend.server)
          .get(`${base}/remediation`)
          .set(asUser(ALICE))
      ).body.items;
      expect(remediation.map((r: any) => r.title)).toContain(
        'Guard changes to payments-service with automated rollback',
      );
      expect(
        remediation.every((r: any) => r.ownerRef?.startsWith('group:')),
      ).toBe(true);
    },
  );
});
