import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import pagerdutyModule from '@postmortems/plugin-postmortem-backend-module-pagerduty';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(1_800_000);

const databases = createTestDatabases();
const AM_TOKEN = 'am-token';
const PD_SECRET = 'pd-secret';

/**
 * Deliveries in the burst, duplicates included. The default keeps CI
 * short; `POSTMORTEM_BURST_DELIVERIES=10000` is the full proof
 * (scripts/intake-proof.sh).
 */
const TOTAL = Number(process.env.POSTMORTEM_BURST_DELIVERIES ?? 700);
const DUPLICATES = 0.3;
const CONCURRENCY = 16;

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed = 20261207): T[] {
  const out = [...items];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

type Delivery = { path: string; body: string; headers: Record<string, string> };

const minute = (base: number, m: number) =>
  new Date(base + m * 60_000).toISOString();

/**
 * One outage of an Alertmanager group, as its four notifications: A fires,
 * B joins, A resolves while B fires, B resolves. Written from
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config.
 */
function alertmanagerOutage(n: number): Delivery[] {
  const base = Date.UTC(2026, 8, 1) + n * 3 * 3_600_000;
  const alert = (name: string, start: number, end?: number) => ({
    status: end === undefined ? 'firing' : 'resolved',
    labels: {
      alertname: `Burst${n}`,
      service: name === 'a' ? 'checkout-service' : 'payments-service',
      severity: 'critical',
    },
    annotations: { summary: `Burst ${n} ${name}` },
    startsAt: minute(base, start),
    endsAt: end === undefined ? '0001-01-01T00:00:00Z' : minute(base, end),
    fingerprint: `burst-${n}-${name}`,
  });
  const notification = (alerts: object[]) => ({
    version: '4',
    groupKey: `{}:{alertname="Burst${n}"}`,
    truncatedAlerts: 0,
    status: alerts.some((a: any) => a.status === 'firing')
      ? 'firing'
      : 'resolved',
    receiver: 'postmortem',
    groupLabels: { alertname: `Burst${n}` },
    commonLabels: { alertname: `Burst${n}` },
    commonAnnotations: { summary: `Burst outage ${n}` },
    externalURL: 'http://alertmanager.example:9093',
    alerts,
  });
  return [
    notification([alert('a', 0)]),
    notification([alert('a', 0), alert('b', 5)]),
    notification([alert('a', 0, 30), alert('b', 5)]),
    notification([alert('b', 5, 50)]),
  ].map(body => ({
    path: 'alertmanager',
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${AM_TOKEN}` },
  }));
}

/**
 * One PagerDuty incident: triggered, acknowledged, resolved, as V3 webhook
 * events (https://developer.pagerduty.com/docs/webhooks-overview), signed.
 */
function pagerdutyIncident(n: number): Delivery[] {
  const base = Date.UTC(2026, 7, 1) + n * 3 * 3_600_000;
  const id = `PBURST${n}`;
  const event = (type: string, status: string, m: number) => ({
    event: {
      id: `01BURST${n}${type}`,
      event_type: `incident.${type}`,
      resource_type: 'incident',
      occurred_at: minute(base, m),
      agent: {
        id: 'PLH1HKV',
        type: 'user_reference',
        summary: 'Ada Okafor',
        self: 'https://api.pagerduty.com/users/PLH1HKV',
        html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
      },
      client: null,
      data: {
        id,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${id}`,
        html_url: `https://acme.pagerduty.com/incidents/${id}`,
        number: n,
        status,
        incident_key: `burst-${n}`,
        created_at: minute(base, 0),
        title: `PagerDuty burst ${n}`,
        service: {
          id: 'PSERVICE',
          type: 'service_reference',
          summary: 'Checkout',
        },
        priority: { id: 'P1ID', type: 'priority_reference', summary: 'P1' },
        urgency: 'high',
        conference_bridge: null,
        resolve_reason: null,
      },
    },
  });
  return [
    event('triggered', 'triggered', 0),
    event('acknowledged', 'acknowledged', 3),
    event('resolved', 'resolved', 40),
  ].map(body => {
    const raw = JSON.stringify(body);
    return {
      path: 'pagerduty',
      body: raw,
      headers: {
        'x-pagerduty-signature': `v1=${createHmac('sha256', PD_SECRET)
          .update(raw)
          .digest('hex')}`,
      },
    };
  });
}

// Replicas need a database that several processes share: PostgreSQL.
const engines = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(engines)('intake from two replicas on %p', id => {
  it('stores every accepted delivery once, whatever the order and the replica', async () => {
    const config = {
      postmortem: {
        alertmanager: { token: AM_TOKEN },
        pagerduty: { signingSecrets: [PD_SECRET] },
        draft: { pollSeconds: 3600 },
      },
    };
    const features = [alertmanagerModule, pagerdutyModule];
    const a = await startPostmortemBackend(databases, id, config, features);
    const b = await startPostmortemBackend(
      databases,
      id,
      config,
      features,
      a.databases,
    );

    // Distinct deliveries: 4 per Alertmanager outage, 3 per PagerDuty
    // incident, in the proportion 4:3; then 30 % of them again.
    const distinct = Math.round(TOTAL / (1 + DUPLICATES));
    const groups = Math.max(1, Math.round((distinct * 4) / 7 / 4));
    const incidents = Math.max(1, Math.round((distinct * 3) / 7 / 3));
    const unique = [
      ...Array.from({ length: groups }, (_, n) => alertmanagerOutage(n)),
      ...Array.from({ length: incidents }, (_, n) => pagerdutyIncident(n)),
    ].flat();
    const repeats = shuffled(unique, 7).slice(
      0,
      Math.round(unique.length * DUPLICATES),
    );
    const burst = shuffled([...unique, ...repeats]);

    const statuses = new Map<number, number>();
    const timings: number[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (next < burst.length) {
          const i = next++;
          const delivery = burst[i];
          // Spread over both replicas, as a load balancer would.
          const server = (i + worker) % 2 ? a.server : b.server;
          const t0 = Date.now();
          const res = await request(server)
            .post(`/api/postmortem/webhooks/${delivery.path}`)
            .set(delivery.headers)
            .set('content-type', 'application/json')
            .send(delivery.body);
          timings.push(Date.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = Date.now() - started;
    timings.sort((x, y) => x - y);
    const p99 = timings[Math.floor(timings.length * 0.99)];
    // The figures of the proof, for the record.
    process.stdout.write(
      `intake burst: ${burst.length} deliveries (${unique.length} distinct, ${
        repeats.length
      } repeated) over 2 replicas in ${elapsed} ms; statuses ${JSON.stringify(
        Object.fromEntries(statuses),
      )}; p99 ${p99} ms, max ${timings[timings.length - 1]} ms\n`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 202: burst.length });

    const knex = a.knex;
    const count = async (q: any) => Number((await q.count('* as n'))[0].n);
    const am = await knex('incidents').where({ source: 'alertmanager' });
    expect(am).toHaveLength(groups);
    expect(am.every((i: any) => i.status === 'resolved')).toBe(true);
    expect(
      await count(knex('incident_alerts').where({ source: 'alertmanager' })),
    ).toBe(groups * 2);
    expect(
      await count(
        knex('timeline_events').where('origin_key', 'like', 'alertmanager:%'),
      ),
    ).toBe(groups * 4);
    const pd = await knex('incidents').where({ source: 'pagerduty' });
    expect(pd).toHaveLength(incidents);
    expect(pd.every((i: any) => i.status === 'resolved')).toBe(true);
    expect(
      await count(
        knex('timeline_events').where('origin_key', 'like', 'pagerduty:%'),
      ),
    ).toBe(incidents * 3);
    expect(await count(knex('incident_deliveries'))).toBe(
      groups * 4 + incidents * 3,
    );
    // Each outage's span: from A's start to B's end.
    for (const incident of am) {
      const minutes =
        (new Date(incident.resolved_at).getTime() -
          new Date(incident.impact_started_at).getTime()) /
        60_000;
      expect(minutes).toBe(50);
    }
    // One human id each, none skipped twice.
    const humanIds = new Set(
      (await knex('incidents').pluck('human_id')) as string[],
    );
    expect(humanIds.size).toBe(groups + incidents);
  });
  it('keeps every delivery it answered 2xx when a replica dies mid-burst', async () => {
    const config = {
      postmortem: {
        alertmanager: { token: AM_TOKEN },
        pagerduty: { signingSecrets: [PD_SECRET] },
        draft: { pollSeconds: 3600 },
      },
    };
    const features = [alertmanagerModule, pagerdutyModule];
    const a = await startPostmortemBackend(databases, id, config, features);
    const b = await startPostmortemBackend(
      databases,
      id,
      config,
      features,
      a.databases,
    );
    // Other outages than the first test's: this file shares its database.
    const groups = 40;
    const incidents = 30;
    const unique = [
      ...Array.from({ length: groups }, (_, n) =>
        alertmanagerOutage(100000 + n),
      ),
      ...Array.from({ length: incidents }, (_, n) =>
        pagerdutyIncident(100000 + n),
      ),
    ].flat();
    const burst = shuffled(
      [...unique, ...shuffled(unique, 3).slice(0, 80)],
      11,
    );

    // Replica A dies a third of the way through: its connections to
    // PostgreSQL are cut, as when the process is killed, and what it had
    // in flight is rolled back by the server.
    const killAt = Math.floor(burst.length / 3);
    let aAlive = true;
    const acceptedByA: string[] = [];
    let failedOnA = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (next < burst.length) {
          const i = next++;
          if (i === killAt) {
            aAlive = false;
            await (await a.databases.clientFor('postmortem')).destroy();
          }
          const delivery = burst[i];
          const post = (server: any) =>
            request(server)
              .post(`/api/postmortem/webhooks/${delivery.path}`)
              .set(delivery.headers)
              .set('content-type', 'application/json')
              .send(delivery.body);
          let res = await post(
            (i + worker) % 2 && aAlive ? a.server : b.server,
          ).catch(() => undefined);
          if (res?.status === 202 && aAlive) acceptedByA.push(delivery.body);
          if (!res || res.status >= 500) {
            // The sender retries, as Alertmanager and PagerDuty do, and
            // the load balancer sends the retry to the replica that lives.
            failedOnA++;
            res = await post(b.server);
          }
          expect(res.status).toBe(202);
        }
      }),
    );
    // What replica A still had scheduled ends here, inside the test: work
    // failing on its cut connections after the file ended fails the run.
    await a.stop();
    process.stdout.write(
      `replica killed after ${killAt} of ${burst.length} deliveries: ${acceptedByA.length} accepted by it before, ${failedOnA} retried on the other\n`,
    );

    const knex = b.knex;
    const am = await knex('incidents')
      .where({ source: 'alertmanager' })
      .where('title', 'like', 'Burst outage 1000__');
    expect(am).toHaveLength(groups);
    expect(am.every((i: any) => i.status === 'resolved')).toBe(true);
    const pd = await knex('incidents')
      .where({ source: 'pagerduty' })
      .where('title', 'like', 'PagerDuty burst 1000__');
    expect(pd).toHaveLength(incidents);
    expect(pd.every((i: any) => i.status === 'resolved')).toBe(true);
    // What A acknowledged before it died is stored.
    const acknowledged = acceptedByA.flatMap(body => {
      const parsed = JSON.parse(body);
      return parsed.event
        ? [`pagerduty ${parsed.event.id}`]
        : parsed.alerts.map(
            (alert: any) =>
              `alertmanager ${alert.fingerprint}@${alert.startsAt}:${alert.status}`,
          );
    });
    const stored = new Set(
      (await knex('incident_deliveries').select('source', 'event_id')).map(
        (r: any) => `${r.source} ${r.event_id}`,
      ),
    );
    expect(acknowledged.filter(key => !stored.has(key))).toEqual([]);
  });
});
