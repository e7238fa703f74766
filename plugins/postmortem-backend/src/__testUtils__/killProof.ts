import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/*
 * The deliveries of the SIGKILL proof (intake/sigkill.test.ts): Alertmanager
 * outages and PagerDuty incidents as their webhook requests, and the local
 * receiver that counts the notifications and tickets the replicas send.
 */

export const AM_TOKEN = 'am-token';
export const PD_SECRET = 'pd-secret';

/** A seeded shuffle, so a failure can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
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

export interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
  /** What the backend records for it: `source event-id` per signal. */
  keys: string[];
}

const at = (base: number, minutes: number) =>
  new Date(base + minutes * 60_000).toISOString();

/** Weeks ago, so postmortems and their items are overdue: reminders. */
export const EPOCH = Date.now() - 40 * 86_400_000;

/**
 * An Alertmanager group's outage as its three notifications
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config):
 * A fires, B joins, both resolved. Four alert names recur across outages
 * on the same services, so later outages are repeats of earlier ones.
 */
export function alertmanagerOutage(n: number): Delivery[] {
  const base = EPOCH + n * 3 * 3_600_000;
  const alertname = `KillProof${n % 4}`;
  const alert = (name: 'a' | 'b', start: number, end?: number) => ({
    status: end === undefined ? 'firing' : 'resolved',
    labels: {
      alertname,
      service: name === 'a' ? 'checkout-service' : 'payments-service',
      severity: 'critical',
    },
    annotations: { summary: `Kill proof ${n} ${name}` },
    startsAt: at(base, start),
    endsAt: end === undefined ? '0001-01-01T00:00:00Z' : at(base, end),
    generatorURL: 'http://prometheus.example:9090/graph',
    fingerprint: `kill-${n}-${name}`,
  });
  const notification = (alerts: Array<ReturnType<typeof alert>>) => ({
    version: '4',
    groupKey: `{}:{alertname="${alertname}", outage="${n}"}`,
    truncatedAlerts: 0,
    status: alerts.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'postmortem',
    groupLabels: { alertname, outage: String(n) },
    commonLabels: { alertname },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts,
  });
  return [
    notification([alert('a', 0)]),
    notification([alert('a', 0), alert('b', 5)]),
    notification([alert('a', 0, 30), alert('b', 5, 50)]),
  ].map(body => ({
    path: 'alertmanager',
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${AM_TOKEN}` },
    keys: body.alerts.map(
      a => `alertmanager ${a.fingerprint}@${a.startsAt}:${a.status}`,
    ),
  }));
}

/**
 * A PagerDuty incident as V3 webhook events, signed
 * (https://developer.pagerduty.com/docs/webhooks-overview): triggered,
 * acknowledged, resolved.
 */
export function pagerdutyIncident(n: number): Delivery[] {
  const base = EPOCH + n * 3 * 3_600_000 + 90 * 60_000;
  const id = `PKILL${n}`;
  const event = (type: string, minutes: number) => ({
    event: {
      id: `01KILL${n}${type.toUpperCase()}`,
      event_type: `incident.${type}`,
      resource_type: 'incident',
      occurred_at: at(base, minutes),
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
        status: type,
        incident_key: `kill-${n}`,
        created_at: at(base, 0),
        title: `Kill proof PagerDuty ${n}`,
        service: {
          id: 'PSERVICE',
          type: 'service_reference',
          summary: 'checkout-service',
        },
        urgency: 'high',
      },
    },
  });
  return [
    event('triggered', 0),
    event('acknowledged', 3),
    event('resolved', 40),
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
      keys: [`pagerduty ${body.event.id}`],
    };
  });
}

/** Counts what the replicas send: notifications and tracker tickets. */
export function startReceiver() {
  const notifications = new Map<string, number>();
  const ticketsCreated = new Map<string, number>();
  const tickets = new Map<string, { externalId: string; url: string }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const body = chunks.length
        ? JSON.parse(Buffer.concat(chunks).toString('utf8'))
        : undefined;
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && url.pathname === '/notifications') {
        const scope = String(body.scope);
        notifications.set(scope, (notifications.get(scope) ?? 0) + 1);
        return json(200, {});
      }
      if (url.pathname === '/tickets' && req.method === 'GET') {
        const ticket = tickets.get(url.searchParams.get('key') ?? '');
        return ticket ? json(200, ticket) : json(404, {});
      }
      if (url.pathname === '/tickets' && req.method === 'POST') {
        const key = String(body.key);
        ticketsCreated.set(key, (ticketsCreated.get(key) ?? 0) + 1);
        const ticket = {
          externalId: `T-${ticketsCreated.size}`,
          url: `http://tracker.example/T-${ticketsCreated.size}`,
        };
        tickets.set(key, ticket);
        return json(201, ticket);
      }
      return json(404, {});
    });
  });
  return { server, notifications, ticketsCreated };
}

/** A port free on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}
