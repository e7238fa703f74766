import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import prometheusModule from '@postmortems/plugin-postmortem-backend-module-prometheus';
import fs from 'node:fs';
import path from 'node:path';
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
 * Verification with a real Prometheus (Debian's package): a check passes and
 * the item ends verified; the metric changes, the next item's check fails,
 * the item reopens and its owners are notified.
 */
const present = hasBinary('prometheus');
if (!present && process.env.CI) {
  throw new Error(
    'prometheus must be installed in CI (apt-get install prometheus)',
  );
}
const describeWithPrometheus = present ? describe : describe.skip;

jest.setTimeout(120_000);
const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
const SOFIA = 'user:default/sofia.martinez'; // in checkout-team

describeWithPrometheus('remediation verification with Prometheus', () => {
  const stops: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('verifies a fixed item and reopens one whose check fails', async () => {
    const gauges: Record<string, number> = { 'checkout-service': 0.01 };
    const exporter = await startExporter(gauges);
    stops.push(exporter.stop);
    const port = await freePort();
    const dir = tempDir('postmortem-verify-');
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: exporter\n    static_configs:\n      - targets: ['127.0.0.1:${exporter.port}']\n`,
    );
    const prometheus = startProcess('prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    stops.push(prometheus.stop);
    const [id] = databases
      .eachSupportedId()
      .map(([d]) => d)
      .reverse();
    const { server } = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          verification: {
            prometheusBaseUrl: `http://127.0.0.1:${port}`,
            frequency: '1s',
          },
        },
      },
      // The Prometheus module adds the verifier of `prometheus` checks.
      [schedulerServiceFactory, prometheusModule],
    );
    const query = async () =>
      (
        await fetch(
          `http://127.0.0.1:${port}/api/v1/query?query=demo_error_ratio`,
        )
      ).json();
    await waitFor(
      'Prometheus to scrape',
      async () => ((await query()).data?.result?.length ? true : undefined),
      30_000,
      () => prometheus.output().slice(-2000),
    );

    const declared = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send({
        title: 'Error ratio spike',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout-service'],
      })
      .expect(201);
    const base = `/api/postmortem/postmortems/${declared.body.postmortem.humanId}/remediation`;
    const check = {
      kind: 'prometheus',
      query: 'demo_error_ratio{service="checkout-service"}',
      comparator: '<',
      threshold: 0.05,
    };
    // Updates state the revision they are based on.
    const ifMatch = async () =>
      `"${
        (
          await request(server)
            .get(base.replace(/\/remediation$/, ''))
            .set(asUser(ALICE))
        ).body.revision
      }"`;
    const addItem = async (title: string) =>
      (
        await request(server)
          .post(base)
          .set(asUser(ALICE))
          .send({
            title,
            impact: 3,
            probability: 3,
            horizon: 'short',
            ownerRef: 'group:default/checkout-team',
            verification: check,
          })
          .expect(201)
      ).body;
    const statusOf = async (itemId: string) =>
      (await request(server).get(base).set(asUser(ALICE))).body.items.find(
        (i: any) => i.id === itemId,
      );

    const fixed = await addItem('Cap the retry storm');
    await request(server)
      .patch(`${base}/${fixed.id}`)
      .set(asUser(ALICE))
      .set('If-Match', await ifMatch())
      .send({ status: 'done' })
      .expect(200);
    const verified = await waitFor(
      'the check to pass',
      async () => {
        const item = await statusOf(fixed.id);
        return item.status === 'verified' ? item : undefined;
      },
      30_000,
    );
    expect(verified.lastCheck.passed).toBe(true);

    gauges['checkout-service'] = 0.4;
    await waitFor(
      'the new value',
      async () => {
        const value = Number((await query()).data.result[0].value[1]);
        return value > 0.3 ? true : undefined;
      },
      30_000,
    );
    const regressed = await addItem('Shed load earlier');
    await request(server)
      .patch(`${base}/${regressed.id}`)
      .set(asUser(ALICE))
      .set('If-Match', await ifMatch())
      .send({ status: 'done' })
      .expect(200);
    const reopened = await waitFor(
      'the check to fail and reopen the item',
      async () => {
        const item = await statusOf(regressed.id);
        return item.lastCheck && item.status === 'open' ? item : undefined;
      },
      30_000,
    );
    expect(reopened.lastCheck.passed).toBe(false);
    expect(reopened.lastCheck.detail).toContain('want < 0.05');

    // The owners are told after the item is stored as reopened, so the
    // notification may land a moment after the status does.
    const notified = await waitFor(
      'the owners to be notified',
      async () => {
        const inbox = await request(server)
          .get('/api/notifications/notifications')
          .set(asUser(SOFIA));
        const matching = inbox.body.notifications.filter((n: any) =>
          n.payload.title.includes('Shed load earlier'),
        );
        return matching.length ? matching : undefined;
      },
      30_000,
    );
    expect(notified).toHaveLength(1);
  });
});
