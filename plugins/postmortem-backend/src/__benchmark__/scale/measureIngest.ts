// eslint-disable-next-line @backstage/no-undeclared-imports
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { ALERTMANAGER_TOKEN } from './backend';
import { componentRef, random } from './dataset';
import type { Result } from './report';
import { msSince } from './timing';

type Row = Record<string, unknown>;

const SENDERS = 4;
const DUPLICATE_SHARE = 0.3;

/** A firing Alertmanager notification for its own alert group. */
function notification(n: number, service: string) {
  const startsAt = new Date(Date.now() - 3_600_000 + n * 1000).toISOString();
  return JSON.stringify({
    version: '4',
    groupKey: `{}:{alertname="StormErrors", n="${n}"}`,
    status: 'firing',
    receiver: 'postmortem',
    groupLabels: { alertname: 'StormErrors' },
    commonLabels: { alertname: 'StormErrors', service },
    commonAnnotations: { summary: `Error storm ${n}` },
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'StormErrors', service, severity: 'critical' },
        annotations: { summary: `Error storm ${n} on ${service}` },
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint: `storm-${n}`,
      },
    ],
  });
}

/**
 * The tables an Alertmanager delivery writes to, with how to find what this
 * run wrote (`since`: the run's start).
 */
const WRITTEN: Array<{
  table: string;
  where: (knex: Knex, q: Knex.QueryBuilder, since: Date) => void;
}> = [];
const newIncidents = (knex: Knex, since: Date) =>
  knex('incidents')
    .select('id')
    .where('source', 'alertmanager')
    .andWhere('created_at', '>=', since);
const byIncident = (table: string) => ({
  table,
  where: (knex: Knex, q: Knex.QueryBuilder, since: Date) =>
    q.whereIn('incident_id', newIncidents(knex, since)),
});
const byPostmortem = (table: string) => ({
  table,
  where: (knex: Knex, q: Knex.QueryBuilder, since: Date) =>
    q.whereIn(
      'postmortem_id',
      knex('postmortems')
        .select('id')
        .whereIn('incident_id', newIncidents(knex, since)),
    ),
});
WRITTEN.push(
  {
    table: 'incidents',
    where: (knex, q, since) => q.whereIn('id', newIncidents(knex, since)),
  },
  byIncident('incident_entities'),
  byIncident('incident_alerts'),
  {
    table: 'incident_deliveries',
    where: (_knex, q, since) =>
      q.where('source', 'alertmanager').andWhere('received_at', '>=', since),
  },
  {
    table: 'intake_locks',
    where: (_knex, q) => q.where('source', 'alertmanager'),
  },
  {
    table: 'postmortems',
    where: (knex, q, since) =>
      q.whereIn('incident_id', newIncidents(knex, since)),
  },
  byPostmortem('postmortem_owners'),
  byPostmortem('postmortem_members'),
  byPostmortem('revisions'),
  byPostmortem('timeline_events'),
  byPostmortem('history'),
);

async function tableCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const { table } of WRITTEN) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

/**
 * While developing (POSTMORTEM_BENCHMARK_PROFILE=dir): a CPU profile of
 * this process over the storm, for Chrome's or VS Code's profiler.
 */
async function startProfile() {
  const dir = process.env.POSTMORTEM_BENCHMARK_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(name: string) {
      const { profile } = await post('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, `${name}.cpuprofile`),
        JSON.stringify(profile),
      );
      session.disconnect();
    },
  };
}

/** The bodies POSTed to the Alertmanager webhook by 4 concurrent senders. */
function send(baseUrl: string, bodies: string[], token: string) {
  let next = 0;
  return autocannon({
    url: `${baseUrl}/webhooks/alertmanager`,
    connections: SENDERS,
    amount: bodies.length,
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: (req: any) => ({ ...req, body: bodies[next++] }),
      },
    ],
  });
}

/**
 * Removes what the webhook wrote since `since`. The draft job may still be
 * drafting those incidents: a deadlock with it is retried.
 */
async function removeWritten(knex: Knex, since: Date) {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.transaction(async tx => {
        const ids = (await newIncidents(tx, since)).map(r => r.id as string);
        await tx('incidents').whereIn('id', ids).delete();
        for (const { table, where } of WRITTEN) {
          const q = tx(table);
          where(tx, q, since);
          await q.delete();
        }
      });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

/**
 * An alert storm: `deliveries` Alertmanager notifications, 30 % of them
 * repeats of one already sent, from 4 concurrent senders over HTTP
 * (autocannon). The baseline is the same rows the product wrote, inserted
 * raw by 4 concurrent writers, one transaction per incident; both as
 * throughput of those rows, so the ratio is raw time over product time.
 */
export async function measureIngest(
  engine: 'pg' | 'sqlite',
  knex: Knex,
  baseUrl: string,
  deliveries: number,
  entities: number,
): Promise<Result> {
  const rnd = random(5);
  const bodies: string[] = [];
  let unique = 0;
  for (let i = 0; i < deliveries; i++) {
    if (i > SENDERS && rnd.next() < DUPLICATE_SHARE) {
      bodies.push(bodies[rnd.int(bodies.length - SENDERS)]);
    } else {
      bodies.push(
        notification(unique++, componentRef(rnd.int(entities)).split('/')[1]),
      );
    }
  }
  // Warm-up, as every timing here has one: the first requests load and
  // compile the code they run (the test runner transforms modules on first
  // use) and warm the caches; what they write is removed before the storm.
  const warmSince = new Date(Date.now() - 1000);
  await send(
    baseUrl,
    Array.from({ length: 20 }, (_, n) =>
      notification(1_000_000 + n, componentRef(n).split('/')[1]),
    ),
    ALERTMANAGER_TOKEN,
  );
  await removeWritten(knex, warmSince);

  const before = await tableCounts(knex);
  const since = new Date(Date.now() - 1000);
  const trace = new Map<string, { n: number; ms: number }>();
  const open = new Map<string, bigint>();
  const onQuery = (q: any) =>
    open.set(q.__knexQueryUid, process.hrtime.bigint());
  const onResponse = (_r: unknown, q: any) => {
    const start = open.get(q.__knexQueryUid);
    if (!start) return;
    const key = q.sql.slice(0, 90);
    const t = trace.get(key) ?? { n: 0, ms: 0 };
    t.n++;
    t.ms += msSince(start);
    trace.set(key, t);
  };
  if (process.env.POSTMORTEM_BENCHMARK_TRACE) {
    knex.on('query', onQuery).on('query-response', onResponse);
  }
  const profile = await startProfile();
  const started = process.hrtime.bigint();
  const result = await send(baseUrl, bodies, ALERTMANAGER_TOKEN);
  await profile?.stop(`ingest-${engine}`);
  const productMs = msSince(started);
  knex
    .removeListener('query', onQuery)
    .removeListener('query-response', onResponse);
  if (process.env.POSTMORTEM_BENCHMARK_TRACE) {
    for (const [sql, t] of [...trace]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 25)) {
      process.stderr.write(
        `${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(
          6,
        )}x ${sql}\n`,
      );
    }
  }
  const failed = result.non2xx + result.errors + result.timeouts;

  // The rows it wrote, grouped by incident for the raw inserts.
  const written: Record<string, Row[]> = {};
  let rows = 0;
  for (const { table, where } of WRITTEN) {
    const q = knex(table).select();
    where(knex, q, since);
    written[table] = await q;
    rows += written[table].length;
  }
  const after = await tableCounts(knex);
  const missed = WRITTEN.filter(
    ({ table }) => after[table] - before[table] !== written[table].length,
  ).map(({ table }) => table);
  const incidentIds = written.incidents.map(r => r.id as string);
  const postmortemOf = new Map(
    written.postmortems.map(p => [p.id as string, p.incident_id as string]),
  );
  const incidentOf = (table: string, row: Row): string | undefined => {
    if (table === 'incidents') return row.id as string;
    if ('incident_id' in row) return row.incident_id as string;
    if ('postmortem_id' in row)
      return postmortemOf.get(row.postmortem_id as string);
    return undefined;
  };
  const perIncident = new Map<string, Record<string, Row[]>>(
    incidentIds.map(id => [id, {}]),
  );
  const loose: Record<string, Row[]> = {};
  for (const { table } of WRITTEN) {
    for (const row of written[table]) {
      const id = incidentOf(table, row);
      const target = id ? perIncident.get(id)! : loose;
      (target[table] ??= []).push(row);
    }
  }

  // Remove them, then insert the same rows raw.
  await removeWritten(knex, since);
  const units = [...perIncident.values(), loose];
  const rawStarted = process.hrtime.bigint();
  let cursor = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (cursor < units.length) {
        const unit = units[cursor++];
        await knex.transaction(async tx => {
          for (const { table } of WRITTEN) {
            if (unit[table]?.length) await tx(table).insert(unit[table]);
          }
        });
      }
    }),
  );
  const rawMs = msSince(rawStarted);
  const ratio = rawMs / productMs;
  // What HTTP alone allows: the same requests, turned away at the token
  // check before any work (401). No handler can beat it; on the embedded
  // database, where a raw insert costs no round trip, it is the ceiling.
  const httpStarted = process.hrtime.bigint();
  const rejected = await send(baseUrl, bodies, 'not-the-token');
  const httpMs = msSince(httpStarted);
  // The database as the run found it, for the steps after and for a
  // database kept between runs (POSTMORTEM_BENCHMARK_REUSE).
  await removeWritten(knex, since);
  return {
    engine,
    name: `webhook ingest: ${deliveries} Alertmanager deliveries, 30 % repeats, ${SENDERS} senders`,
    value: deliveries / (productMs / 1000),
    unit: 'deliveries/s',
    ratio,
    details: {
      'rows written': rows,
      'product s': productMs / 1000,
      'raw inserts s': rawMs / 1000,
      'HTTP alone s': httpMs / 1000,
      'HTTP alone ratio': rawMs / httpMs,
      'HTTP alone answered 401': rejected['4xx'],
      incidents: incidentIds.length,
      'unique alerts': unique,
      failed,
      ...(missed.length
        ? { 'rows not accounted for in': missed.join(' ') }
        : {}),
    },
    target: '≥ 0.3× raw insert throughput',
    pass: ratio >= 0.3 && failed === 0 && incidentIds.length === unique,
  };
}
