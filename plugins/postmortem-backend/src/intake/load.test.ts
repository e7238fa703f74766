import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(600_000);

const databases = createTestDatabases();
const TOKEN = 'am-token';
const ALICE = 'user:default/ada.okafor';
/** 10 s in CI; `POSTMORTEM_LOAD_SECONDS=60` in scripts/intake-proof.sh. */
const SECONDS = Number(process.env.POSTMORTEM_LOAD_SECONDS ?? 10);
const CLIENTS = Number(process.env.POSTMORTEM_LOAD_CLIENTS ?? 20);
/**
 * The p99 the run must stay under: 1 s in the proof
 * (scripts/intake-proof.sh). CI, on shared runners whose speed nobody
 * controls, only reports it; there no request may take 5 s either way:
 * that is a stall, not load.
 */
const P99_MS = Number(process.env.POSTMORTEM_LOAD_P99_MS ?? Infinity);
/**
 * The slowest request allowed: 5 s in the proof. In CI 15 s, which still
 * catches a stall (a held connection waits out the pool's 60 s) on a
 * runner loaded by the rest of the suite.
 */
const MAX_MS = Number(process.env.POSTMORTEM_LOAD_MAX_MS ?? 15_000);

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

/** An alert on checkout-service; the same alert name again is a repeat. */
const alertmanager = (n: number, status: 'firing' | 'resolved') => ({
  version: '4',
  groupKey: `{}:{alertname="LoadErrors", n="${n}"}`,
  status,
  receiver: 'postmortem',
  groupLabels: { alertname: 'LoadErrors' },
  commonLabels: { alertname: 'LoadErrors' },
  commonAnnotations: { summary: `Load outage ${n}` },
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status,
      labels: {
        alertname: 'LoadErrors',
        service: 'checkout-service',
        severity: 'critical',
      },
      annotations: { summary: `Load outage ${n}` },
      startsAt: daysAgo(20 - n / 1000),
      endsAt:
        status === 'resolved'
          ? daysAgo(20 - n / 1000 - 0.01)
          : '0001-01-01T00:00:00Z',
      fingerprint: `load-${n}`,
    },
  ],
});

// The embedded default of `./run start`: one SQLite file per plugin in a
// directory, one process, the real notifications backend (which needs this
// plugin's connection to check its token) and the scheduled jobs running
// (drafts, reminders, outbox) every second. Files, not an in-memory
// database: what stalled the portal was the file being synced on each
// commit while better-sqlite3 held the event loop.
const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-load-'));
// After the backends are stopped (that hook was registered first).
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('20 clients for a while on the embedded SQLite files', () => {
  it('answers every request in time, without a 5xx', async () => {
    const { server, knex } = await startPostmortemBackend(
      databases,
      { sqliteDirectory: directory },
      {
        postmortem: {
          alertmanager: { token: TOKEN },
          draft: { pollSeconds: 1 },
          reminders: { frequencySeconds: 1 },
          outbox: { retrySeconds: 1 },
        },
      },
      [schedulerServiceFactory, alertmanagerModule],
      undefined,
      undefined,
      // The catalog as `./run start` runs it: its default interval (every
      // entity again every 100 to 150 s), not the helper's every second for
      // tests that edit the demo files. The proof measures the portal as
      // adopters get it; re-processing the whole catalog each second is a
      // load of the test's own making, not of this plugin. Clients, mix and
      // duration are unchanged.
      { catalogProcessing: 'default' },
    );
    // Postmortems overdue two weeks, so reminders fall due during the run.
    const overdue: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(server)
        .post('/api/postmortem/incidents')
        .set(asUser(ALICE))
        .send({
          title: `Load overdue ${i}`,
          severity: 'SEV1',
          status: 'resolved',
          entityRefs: ['component:default/checkout-service'],
          impactStartedAt: daysAgo(14),
          resolvedAt: daysAgo(13.9),
          roles: { technicalOwners: ['user:default/liam.chen'] },
        })
        .expect(201);
      overdue.push(res.body.postmortem.humanId as string);
    }

    // Time the event loop could not run (computation, synchronous SQLite),
    // to tell CPU saturation from waiting on a connection.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    // CPU this process spent (backend and clients alike): per request it
    // compares runs on a busy machine, where latency alone does not.
    const cpuBefore = process.cpuUsage();
    const timings: Array<{ what: string; ms: number; status: number }> = [];
    const until = Date.now() + SECONDS * 1000;
    let alerts = 0;
    const timed = async (what: string, send: () => request.Test) => {
      const t0 = Date.now();
      const res = await send();
      timings.push({ what, ms: Date.now() - t0, status: res.status });
      return res;
    };

    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let round = 0; Date.now() < until; round++) {
          const kind = (client + round) % 4;
          if (kind === 0) {
            // A new outage (a repeat of the same alert: recurrence), then
            // its resolution (a draft falls due).
            const n = alerts++;
            for (const status of ['firing', 'resolved'] as const) {
              await timed('webhook', () =>
                request(server)
                  .post('/api/postmortem/webhooks/alertmanager')
                  .set('authorization', `Bearer ${TOKEN}`)
                  .send(alertmanager(n, status)),
              );
            }
          } else {
            const humanId = overdue[(client + round) % overdue.length];
            const url = `/api/postmortem/postmortems/${humanId}`;
            const current = await timed('read', () =>
              request(server).get(url).set(asUser(ALICE)),
            );
            if (kind === 1) {
              // An edit of what was read; a concurrent one may win (409).
              await timed('edit', () =>
                request(server)
                  .patch(url)
                  .set(asUser(ALICE))
                  .set('If-Match', `"${current.body.revision}"`)
                  .send({
                    narrative: { summary: `Client ${client} round ${round}` },
                  }),
              );
            } else if (kind === 2) {
              await timed('draft', () =>
                request(server).post(`${url}/draft`).set(asUser(ALICE)),
              );
            } else {
              await timed('list', () =>
                request(server)
                  .get('/api/postmortem/incidents')
                  .query({ text: 'load' })
                  .set(asUser(ALICE)),
              );
            }
          }
        }
      }),
    );

    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / timings.length;
    const ms = timings.map(t => t.ms).sort((a, b) => a - b);
    const p99 = ms[Math.floor(ms.length * 0.99)];
    const max = ms[ms.length - 1];
    const byStatus: Record<number, number> = {};
    for (const t of timings) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    process.stdout.write(
      `load: ${
        timings.length
      } requests from ${CLIENTS} clients in ${SECONDS} s (${alerts} outages); statuses ${JSON.stringify(
        byStatus,
      )}; p50 ${
        ms[Math.floor(ms.length / 2)]
      } ms, p99 ${p99} ms, max ${max} ms; event loop blocked up to ${Math.round(
        loopDelay.max / 1e6,
      )} ms (p99 ${Math.round(
        loopDelay.percentile(99) / 1e6,
      )} ms); CPU ${cpuMsPerRequest.toFixed(1)} ms per request\n`,
    );
    for (const what of [...new Set(timings.map(t => t.what))]) {
      const of = timings
        .filter(t => t.what === what)
        .map(t => t.ms)
        .sort((a, b) => a - b);
      process.stdout.write(
        `  ${what}: ${of.length}, p50 ${
          of[Math.floor(of.length / 2)]
        } ms, p99 ${of[Math.floor(of.length * 0.99)]} ms, max ${
          of[of.length - 1]
        } ms\n`,
      );
    }
    // Reminders and recurrence notices went out through the outbox while
    // requests were being served: the work that used to stall them ran.
    const sent = await knex('notification_outbox')
      .whereNotNull('sent_at')
      .pluck('outbox_key');
    process.stdout.write(
      `  notifications sent: ${sent.length} (${
        sent.filter((k: string) => k.startsWith('recurrence:')).length
      } recurrence)\n`,
    );
    expect(sent.some((k: string) => k.startsWith('recurrence:'))).toBe(true);
    expect(sent.some((k: string) => k.startsWith('deadline:'))).toBe(true);
    expect(timings.filter(t => t.status >= 500)).toEqual([]);
    expect(p99).toBeLessThan(P99_MS);
    expect(max).toBeLessThan(MAX_MS);
  });
});
