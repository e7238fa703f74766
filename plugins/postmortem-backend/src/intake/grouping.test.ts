import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const TOKEN = 'am-token';
const ALICE = 'user:default/ada.okafor';
const NEVER = '0001-01-01T00:00:00Z';

interface AlertState {
  fingerprint: string;
  service: string;
  severity: string;
  startsAt: string;
  endsAt?: string;
}

/**
 * A notification as Alertmanager sends it for one group, written from
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config:
 * the group's status is firing while any alert fires.
 */
function notification(group: string, alerts: AlertState[]) {
  const states = alerts.map(a => ({
    status: a.endsAt ? 'resolved' : 'firing',
    labels: {
      alertname: `Errors${group}`,
      service: a.service,
      severity: a.severity,
    },
    annotations: { summary: `${a.service} errors` },
    startsAt: a.startsAt,
    endsAt: a.endsAt ?? NEVER,
    generatorURL: 'http://prometheus.example:9090/graph',
    fingerprint: a.fingerprint,
  }));
  return {
    version: '4',
    groupKey: `{}/{team="checkout"}:{alertname="Errors${group}"}`,
    truncatedAlerts: 0,
    status: states.some(s => s.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'postmortem',
    groupLabels: { alertname: `Errors${group}` },
    commonLabels: { alertname: `Errors${group}` },
    commonAnnotations: { summary: `Outage ${group}` },
    externalURL: 'http://alertmanager.example:9093',
    alerts: states,
  };
}

/**
 * One outage of a group: A fires, B joins, A resolves while B fires, B
 * resolves; the resolved A is not repeated after it was notified.
 */
function outage(group: string, day: string) {
  const a = {
    fingerprint: `${group}-a`,
    service: 'checkout-service',
    severity: 'warning',
    startsAt: `${day}T10:00:00Z`,
  };
  const b = {
    fingerprint: `${group}-b`,
    service: 'payments-service',
    severity: 'critical',
    startsAt: `${day}T10:05:00Z`,
  };
  return [
    notification(group, [a]),
    notification(group, [a, b]),
    notification(group, [{ ...a, endsAt: `${day}T10:30:00Z` }, b]),
    notification(group, [{ ...b, endsAt: `${day}T10:50:00Z` }]),
  ];
}

describe.each(databases.eachSupportedId())('alert grouping on %p', id => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          alertmanager: { token: TOKEN },
          draft: { pollSeconds: 3600 },
        },
      },
      [alertmanagerModule],
    ));
  });

  const post = (body: unknown) =>
    request(server)
      .post('/api/postmortem/webhooks/alertmanager')
      .set('authorization', `Bearer ${TOKEN}`)
      .send(body as object);

  const incidentsOf = async (group: string) => {
    const res = await request(server)
      .get('/api/postmortem/incidents')
      .query({ text: `Outage ${group}`, limit: 100 })
      .set(asUser(ALICE))
      .expect(200);
    return res.body.items;
  };

  it('makes one incident of each notification group, forward, twice and in reverse', async () => {
    const forward = outage('G1', '2026-11-02');
    const twice = outage('G2', '2026-11-03');
    const reverse = outage('G3', '2026-11-04');
    for (const body of forward) await post(body).expect(202);
    for (const body of [...twice, ...twice]) await post(body).expect(202);
    for (const body of [...reverse].reverse()) await post(body).expect(202);

    for (const [group, day] of [
      ['G1', '2026-11-02'],
      ['G2', '2026-11-03'],
      ['G3', '2026-11-04'],
    ]) {
      const items = await incidentsOf(group);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        title: `Outage ${group}`,
        status: 'resolved',
        // The most severe of its alerts.
        severity: 'SEV1',
        impactStartedAt: `${day}T10:00:00.000Z`,
        resolvedAt: `${day}T10:50:00.000Z`,
        entityRefs: [
          'component:default/checkout-service',
          'component:default/payments-service',
        ],
      });
      const timeline = await request(server)
        .get(`/api/postmortem/postmortems/${items[0].humanId}/timeline`)
        .set(asUser(ALICE));
      // Each alert firing and resolved, once.
      expect(timeline.body.items).toHaveLength(4);
    }
  });

  it('opens a new incident when the group fires again after it resolved', async () => {
    for (const body of outage('G4', '2026-11-05')) await post(body).expect(202);
    const again = notification('G4', [
      {
        fingerprint: 'G4-a',
        service: 'checkout-service',
        severity: 'warning',
        startsAt: '2026-11-05T14:00:00Z',
      },
    ]);
    await post(again).expect(202);
    const items = await incidentsOf('G4');
    expect(items.map((i: any) => [i.status, i.impactStartedAt]).sort()).toEqual(
      [
        ['declared', '2026-11-05T14:00:00.000Z'],
        ['resolved', '2026-11-05T10:00:00.000Z'],
      ],
    );
  });

  it('applies all alerts of a delivery or, when one is refused, none', async () => {
    const body = notification('G5', [
      {
        fingerprint: 'G5-a',
        service: 'checkout-service',
        severity: 'critical',
        startsAt: '2026-11-06T10:00:00Z',
      },
      {
        fingerprint: 'G5-b'.padEnd(600, 'x'),
        service: 'payments-service',
        severity: 'critical',
        startsAt: '2026-11-06T10:01:00Z',
      },
    ]);
    const refused = await post(body).expect(400);
    expect(refused.body.error.message).toMatch(/dedupKey.*at most 512/);
    expect(await incidentsOf('G5')).toHaveLength(0);
  });

  it('maps a service label to the component of that name when no entity is annotated', async () => {
    const body = notification('G6', [
      {
        fingerprint: 'G6-a',
        service: 'address-validator',
        severity: 'critical',
        startsAt: '2026-11-07T10:00:00Z',
      },
    ]);
    await post(body).expect(202);
    const [incident] = await incidentsOf('G6');
    expect(incident.entityRefs).toEqual([
      'component:default/address-validator',
    ]);
  });
});
