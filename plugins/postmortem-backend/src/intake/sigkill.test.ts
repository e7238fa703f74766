import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import createKnex, { Knex } from 'knex';
import {
  alertmanagerOutage,
  AM_TOKEN,
  Delivery,
  EPOCH,
  freePort,
  pagerdutyIncident,
  PD_SECRET,
  shuffled,
  startReceiver,
} from '../__testUtils__/killProof';

/*
 * The SIGKILL proof: two replicas of the backend as real operating-system
 * processes on one PostgreSQL, a burst of Alertmanager and PagerDuty
 * deliveries (30 % repeated, shuffled) spread over both, and `kill -9` of
 * one a third of the way through. Every delivery answered 2xx is stored;
 * the replica that lives carries on the scheduled work (drafts, recurrence
 * notices, reminders, tracker tickets) alone; after the killed one is
 * started again, nothing has been sent twice. Notifications and tickets go
 * to a local receiver that counts them (see __testUtils__/replicaProcess.ts).
 *
 * CI runs a short burst; `scripts/intake-proof.sh` a longer one
 * (POSTMORTEM_KILL_DELIVERIES).
 */

jest.setTimeout(600_000);

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const DELIVERIES = Number(process.env.POSTMORTEM_KILL_DELIVERIES ?? 300);
const CONCURRENCY = 12;
const STATIC_TOKEN = randomBytes(24).toString('hex');
const OWNER = 'group:default/checkout-team';

interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  log: string[];
}

const backendDir = path.resolve(__dirname, '../..');
const replicaEntry = path.join(
  backendDir,
  'src/__testUtils__/replicaProcess.ts',
);

/** The connection string of another database on the same server. */
function databaseUrl(database: string): string {
  const url = new URL(PG!);
  url.pathname = `/${database}`;
  return url.toString();
}

const describeWithPostgres = PG ? describe : describe.skip;

describeWithPostgres('two replica processes, one killed with SIGKILL', () => {
  const prefix = `pm_kill_${randomBytes(4).toString('hex')}_`;
  const workDir = mkdtempSync(path.join(tmpdir(), 'postmortem-kill-'));
  const receiver = startReceiver();
  const replicas: Replica[] = [];
  let receiverUrl = '';
  let admin: Knex;

  beforeAll(async () => {
    await new Promise<void>(r => receiver.server.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${
      (receiver.server.address() as AddressInfo).port
    }`;
    admin = createKnex({ client: 'pg', connection: PG });
  });

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
    }
    await new Promise(r => receiver.server.close(r));
    const names: string[] = (
      await admin.raw(`select datname from pg_database where datname like ?`, [
        `${prefix}%`,
      ])
    ).rows.map((r: { datname: string }) => r.datname);
    for (const name of names) {
      await admin.raw(`drop database if exists ?? with (force)`, [name]);
    }
    await admin.destroy();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Starts a replica process and waits until it serves the catalog. */
  async function start(name: string, port?: number): Promise<Replica> {
    const listen = port ?? (await freePort());
    const config = {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: `http://127.0.0.1:${listen}`,
        listen: { port: listen, host: '127.0.0.1' },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: STATIC_TOKEN, subject: 'kill-proof' },
            },
          ],
        },
        database: { client: 'pg', prefix, connection: PG },
      },
      permission: { enabled: false },
      catalog: {
        rules: [
          {
            allow: ['Component', 'System', 'API', 'Resource', 'Location'],
          },
          { allow: ['Domain', 'Group', 'User'] },
        ],
        locations: ['entities.yaml', 'org.yaml'].map(file => ({
          type: 'file',
          target: path.resolve(backendDir, '../../examples', file),
        })),
      },
      postmortem: {
        alertmanager: { token: AM_TOKEN },
        pagerduty: { signingSecrets: [PD_SECRET] },
        draft: { frequency: { seconds: 1 } },
        reminders: { frequency: { seconds: 1 } },
        outbox: { frequency: { seconds: 1 } },
        trackers: { frequency: { seconds: 1 } },
      },
      proof: { receiverUrl, jobTimeoutSeconds: 10 },
    };
    const file = path.join(workDir, `${name}-${listen}.yaml`);
    // JSON is YAML.
    writeFileSync(file, JSON.stringify(config));
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        replicaEntry,
        '--config',
        file,
      ],
      {
        cwd: backendDir,
        env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const log: string[] = [];
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString('utf8'));
      if (log.length > 200) log.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const replica = { name, url: `http://127.0.0.1:${listen}`, child, log };
    replicas.push(replica);
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (
        child.exitCode !== null ||
        /Backend startup failed/.test(log.join(''))
      ) {
        throw new Error(`${name} exited at start:\n${log.join('')}`);
      }
      const res = await fetch(
        `${replica.url}/api/catalog/entities/by-name/group/default/checkout-team`,
        { headers: { authorization: `Bearer ${STATIC_TOKEN}` } },
      ).catch(() => undefined);
      if (res?.ok) {
        const health = await fetch(`${replica.url}/api/postmortem/health`);
        if (health.ok) return replica;
      }
      if (Date.now() > deadline) {
        throw new Error(`${name} did not start in time:\n${log.join('')}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  async function waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    seconds = 120,
  ): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('keeps every acknowledged delivery, carries on, and sends nothing twice', async () => {
    // One after the other: two backends creating the same empty databases
    // at once race on knex's migration tables (a deployment rolls out
    // replicas the same way).
    const a = await start('a');
    const b = await start('b');
    const knex = createKnex({
      client: 'pg',
      connection: databaseUrl(`${prefix}postmortem`),
    });
    try {
      // 3 deliveries per outage and per PagerDuty incident, half each;
      // then 30 % of them again, all shuffled.
      const distinct = Math.round(DELIVERIES / 1.3);
      const outages = Math.max(4, Math.round(distinct / 6));
      const pdIncidents = Math.max(2, Math.round(distinct / 6));
      const unique = [
        ...Array.from({ length: outages }, (_, n) => alertmanagerOutage(n)),
        ...Array.from({ length: pdIncidents }, (_, n) => pagerdutyIncident(n)),
      ].flat();
      const burst = shuffled(
        [
          ...unique,
          ...shuffled(unique, 5).slice(0, DELIVERIES - unique.length),
        ],
        13,
      );

      // Remediation items, one per PagerDuty postmortem, overdue: tickets
      // to file and reminders to send, some of them by A when it dies.
      const withItem = new Set<string>();
      const addItems = async (replica: Replica) => {
        const humanIds: string[] = await knex('postmortems as p')
          .join('incidents as i', 'i.id', 'p.incident_id')
          .where('i.source', 'pagerduty')
          .pluck('i.human_id');
        for (const humanId of humanIds.filter(h => !withItem.has(h))) {
          withItem.add(humanId);
          const res = await fetch(
            `${replica.url}/api/postmortem/postmortems/${humanId}/remediation`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${STATIC_TOKEN}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({
                title: `Alert on checkout latency (${humanId})`,
                ownerRef: OWNER,
                dueDate: new Date(EPOCH).toISOString().slice(0, 10),
                impact: 3,
                probability: 3,
                horizon: 'short',
              }),
            },
          );
          expect(res.status).toBe(201);
        }
      };

      const killAt = Math.floor(burst.length / 3);
      let killed = false;
      let inFlightOutbox = new Set<string>();
      let ticketsAtKill = 0;
      const acknowledged: string[] = [];
      const timings: number[] = [];
      const statuses = new Map<string, number>();
      let retried = 0;
      let killedInFlight = 0;
      const refusedRetries: Array<number | undefined> = [];
      let next = 0;
      const send = async (replica: Replica, delivery: Delivery) => {
        const t0 = Date.now();
        const res = await fetch(
          `${replica.url}/api/postmortem/webhooks/${delivery.path}`,
          {
            method: 'POST',
            headers: {
              ...delivery.headers,
              'content-type': 'application/json',
            },
            body: delivery.body,
          },
        ).catch(() => undefined);
        timings.push(Date.now() - t0);
        const status = res ? String(res.status) : 'connection lost';
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        return res?.status;
      };
      // Some deliveries are on their way to A when it dies: those it
      // answered 202 must be stored, the others are retried on B.
      const killWithDeliveriesInFlight = async () => {
        const inFlight = burst.slice(killAt, killAt + 8).map(async delivery => {
          const status = await send(a, delivery);
          if (status === 202) {
            acknowledged.push(...delivery.keys);
          } else {
            killedInFlight++;
            const retry = await send(b, delivery);
            if (retry === 202) acknowledged.push(...delivery.keys);
            else refusedRetries.push(retry);
          }
        });
        await new Promise(r => setTimeout(r, 30));
        a.child.kill('SIGKILL');
        killed = true;
        await Promise.all(inFlight);
      };
      const started = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, worker) => {
          while (next < burst.length) {
            const i = next++;
            if (i === killAt) {
              // A files tickets and sends reminders for these while the
              // burst goes on, and dies in the middle of it.
              await addItems(a);
              await new Promise(r => setTimeout(r, 1500));
              await killWithDeliveriesInFlight();
              // Notifications A had claimed and not marked sent: the only
              // ones the survivor may hand to the notifications backend a
              // second time (their scope keeps them one notification).
              inFlightOutbox = new Set(
                await knex('notification_outbox')
                  .whereNull('sent_at')
                  .whereNotNull('claimed_at')
                  .pluck('outbox_key'),
              );
              ticketsAtKill = receiver.ticketsCreated.size;
            }
            const delivery = burst[i];
            // Spread over both, as a load balancer would; A while it lives.
            const target = (i + worker) % 2 && !killed ? a : b;
            let status = await send(target, delivery);
            if (status === undefined || status >= 500) {
              // The sender retries; the balancer picks the replica alive.
              retried++;
              status = await send(b, delivery);
            }
            expect(status).toBe(202);
            acknowledged.push(...delivery.keys);
          }
        }),
      );
      const burstMs = Date.now() - started;
      expect(refusedRetries).toEqual([]);
      await waitFor('replica A to exit', async () =>
        a.child.exitCode !== null || a.child.signalCode ? true : undefined,
      );
      expect(a.child.signalCode).toBe('SIGKILL');

      // Every acknowledged delivery is stored.
      const stored = new Set(
        (await knex('incident_deliveries').select('source', 'event_id')).map(
          (r: { source: string; event_id: string }) =>
            `${r.source} ${r.event_id}`,
        ),
      );
      expect([...new Set(acknowledged)].filter(k => !stored.has(k))).toEqual(
        [],
      );
      const incidents = await knex('incidents').select(
        'id',
        'source',
        'status',
      );
      expect(incidents.filter(i => i.source === 'alertmanager')).toHaveLength(
        outages,
      );
      expect(incidents.filter(i => i.source === 'pagerduty')).toHaveLength(
        pdIncidents,
      );
      expect(incidents.every(i => i.status === 'resolved')).toBe(true);

      // Every PagerDuty postmortem gets an overdue remediation item: the
      // survivor files its ticket and reminds its owner.
      await addItems(b);
      const pdPostmortems = [...withItem];

      // The survivor alone carries the scheduled work to its end: every
      // draft written, every notice and reminder sent, every ticket filed.
      let lastState = '';
      const settled = async () => {
        const [drafts] = await knex('incidents')
          .whereNotNull('draft_requested_at')
          .andWhere(q =>
            q
              .whereNull('draft_generated_at')
              .orWhereRaw('draft_generated_at < draft_requested_at'),
          )
          .count('* as n');
        const [unsent] = await knex('notification_outbox')
          .whereNull('sent_at')
          .count('* as n');
        const [unfiled] = await knex('remediation_items as r')
          .leftJoin('tracker_links as l', 'l.item_id', 'r.id')
          .where(q => q.whereNull('l.state').orWhereNot('l.state', 'created'))
          .count('* as n');
        const [overdueReminders] = await knex('reminders')
          .where('kind', 'remediation.overdue')
          .count('* as n');
        lastState = `${drafts.n} drafts due, ${unsent.n} notifications unsent, ${unfiled.n} items without a ticket, ${overdueReminders.n} overdue reminders`;
        return Number(drafts.n) === 0 &&
          Number(unsent.n) === 0 &&
          Number(unfiled.n) === 0 &&
          Number(overdueReminders.n) >= pdPostmortems.length
          ? true
          : undefined;
      };
      const settleStarted = Date.now();
      await waitFor(
        'the survivor to finish the scheduled work',
        settled,
        240,
      ).catch(error => {
        throw new Error(
          `${error.message} (${lastState}); survivor's log:\n${b.log.join('')}`,
        );
      });
      const settleMs = Date.now() - settleStarted;

      // A again, on the same port; both run the jobs for a while.
      const restarted = await start('a-restarted', Number(new URL(a.url).port));
      await new Promise(r => setTimeout(r, 8_000));
      await waitFor('the work to stay settled', settled, 60);

      const outbox: Array<{ outbox_key: string }> = await knex(
        'notification_outbox',
      ).select('outbox_key');
      const sentTwice = [...receiver.notifications].filter(
        ([scope, n]) => n > 1 && !inFlightOutbox.has(scope),
      );
      const ticketsTwice = [...receiver.ticketsCreated].filter(
        ([, n]) => n > 1,
      );
      const kinds = (prefixOf: string) =>
        outbox.filter(o => o.outbox_key.startsWith(prefixOf)).length;
      timings.sort((x, y) => x - y);
      process.stdout.write(
        `sigkill proof: ${burst.length} deliveries (${
          unique.length
        } distinct) over 2 processes in ${burstMs} ms, replica A killed (SIGKILL) after ${killAt} with ${killedInFlight} of 8 deliveries cut off in flight; statuses ${JSON.stringify(
          Object.fromEntries(statuses),
        )}, ${retried} retried on B; p99 ${
          timings[Math.floor(timings.length * 0.99)]
        } ms, max ${timings[timings.length - 1]} ms; ${
          new Set(acknowledged).size
        } acknowledged events, 0 lost; survivor finished drafts, notices, reminders and tickets in ${settleMs} ms; notifications: ${
          receiver.notifications.size
        } (${kinds('recurrence:')} recurrence, ${
          outbox.length - kinds('recurrence:')
        } reminders), sent twice ${sentTwice.length} (${
          inFlightOutbox.size
        } in flight at the kill); tickets: ${
          receiver.ticketsCreated.size
        } (${ticketsAtKill} before the kill), filed twice ${
          ticketsTwice.length
        }\n`,
      );

      // Each outbox entry reached the receiver; none twice, bar what A had
      // in flight; each remediation item one ticket.
      expect(receiver.notifications.size).toBe(outbox.length);
      expect(kinds('recurrence:')).toBeGreaterThan(0);
      expect(sentTwice).toEqual([]);
      expect(receiver.ticketsCreated.size).toBe(pdPostmortems.length);
      expect(ticketsTwice).toEqual([]);
      // The notifications backend keeps one notification per recipient
      // and outbox key, even for one handed over twice.
      const notificationsDb = createKnex({
        client: 'pg',
        connection: databaseUrl(`${prefix}notifications`),
      });
      try {
        const doubled = await notificationsDb('notification')
          .select('user', 'scope')
          .count('* as n')
          .groupBy('user', 'scope')
          .havingRaw('count(*) > 1');
        expect(doubled).toEqual([]);
      } finally {
        await notificationsDb.destroy();
      }
      expect(restarted.child.exitCode).toBeNull();
    } finally {
      await knex.destroy();
      for (const replica of replicas) {
        if (replica.child.exitCode === null) replica.child.kill('SIGTERM');
      }
    }
  });
});
