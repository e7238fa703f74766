import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import request from 'supertest';
import { alertmanagerNotification } from '../__testUtils__/alertmanager';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const TOKEN = 'am-token';
const CHANGES = 'ci-token';
const ALICE = 'user:default/ada.okafor';

const alert = (
  status: 'firing' | 'resolved',
  fingerprint: string,
  startsAt: string,
  endsAt?: string,
) =>
  alertmanagerNotification({
    status,
    alertname: 'HighErrorRate',
    fingerprint,
    summary: `Checkout errors (${fingerprint})`,
    startsAt,
    endsAt,
    // One group per alert here; grouping has tests of its own.
    groupKey: `{}:{alertname="HighErrorRate", fp="${fingerprint}"}`,
  });

describe.each(databases.eachSupportedId())('incident intake on %p', id => {
  let server: any;
  let knex: any;

  beforeAll(async () => {
    ({ server, knex } = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          maxBodySize: '64kb',
          alertmanager: { token: TOKEN },
          changes: { token: CHANGES },
          draft: { pollSeconds: 3600 },
          templates: [
            {
              id: 'security',
              title: 'Security incident',
              types: ['security'],
              sections: [{ id: 'summary', title: 'Summary' }],
            },
          ],
        },
      },
      [alertmanagerModule],
    ));
  });

  const post = (path: string, body: unknown, token = TOKEN) =>
    request(server)
      .post(`/api/postmortem/webhooks/${path}`)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);

  /** The records of one incident, without ids and receipt times. */
  async function recordsOf(title: string) {
    const list = await request(server)
      .get('/api/postmortem/incidents')
      .query({ text: title })
      .set(asUser(ALICE));
    expect(list.body.totalCount).toBe(1);
    const incident = list.body.items[0];
    const timeline = await request(server)
      .get(`/api/postmortem/postmortems/${incident.humanId}/timeline`)
      .set(asUser(ALICE));
    const {
      id: _id,
      humanId: _h,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = incident;
    return {
      incident: rest,
      timeline: timeline.body.items.map((e: any) => [
        e.occurredAt,
        e.kind,
        e.text,
      ]),
    };
  }

  it('refuses unauthenticated and badly authenticated deliveries with 401, changing nothing', async () => {
    const before = (
      await request(server).get('/api/postmortem/incidents').set(asUser(ALICE))
    ).body.totalCount;
    expect(
      (
        await post(
          'alertmanager',
          alert('firing', 'f-unauth', '2026-11-20T09:00:00Z'),
          'wrong',
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await request(server)
          .post('/api/postmortem/webhooks/alertmanager')
          .send(alert('firing', 'f-unauth', '2026-11-20T09:00:00Z'))
      ).status,
    ).toBe(401);
    expect(
      (
        await post(
          'changes',
          { service: 'checkout-service', occurredAt: '2026-11-20T09:00:00Z' },
          'wrong',
        )
      ).status,
    ).toBe(401);
    const after = (
      await request(server).get('/api/postmortem/incidents').set(asUser(ALICE))
    ).body.totalCount;
    expect(after).toBe(before);
  });

  it('answers 413 for a body over the limit and 404 for an unknown source', async () => {
    const big = alert('firing', 'f-big', '2026-11-20T09:00:00Z');
    (big.alerts[0].annotations as any).description = 'x'.repeat(100_000);
    expect((await post('alertmanager', big)).status).toBe(413);
    expect((await post('nagios', {})).status).toBe(404);
    expect(
      (await post('alertmanager', { version: '4', alerts: [{}] })).status,
    ).toBe(400);
  });

  it('declares on the first firing alert, with entities from labels and owners from the catalog', async () => {
    const res = await post(
      'alertmanager',
      alert('firing', 'f-declare', '2026-11-20T09:00:00Z'),
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const humanId = res.body.incidents[0].humanId;
    const postmortem = await request(server)
      .get(`/api/postmortem/postmortems/${humanId}`)
      .set(asUser(ALICE));
    expect(postmortem.body).toMatchObject({
      severity: 'SEV1',
      stage: 'draft',
      entityRefs: ['component:default/checkout-service'],
      ownerRefs: ['group:default/checkout-team'],
    });
  });

  it('takes the incident type from the incident_type label, and with it the template', async () => {
    const body = alert('firing', 'f-type', '2026-11-20T09:30:00Z');
    body.alerts[0].labels = {
      ...body.alerts[0].labels,
      incident_type: 'Security',
    } as (typeof body.alerts)[0]['labels'];
    const res = await post('alertmanager', body).expect(202);
    const humanId = res.body.incidents[0].humanId;
    const incident = await request(server)
      .get(`/api/postmortem/incidents/${humanId}`)
      .set(asUser(ALICE));
    expect(incident.body.type).toBe('security');
    const postmortem = await request(server)
      .get(`/api/postmortem/postmortems/${humanId}`)
      .set(asUser(ALICE));
    expect(postmortem.body.templateId).toBe('security');
  });

  it('yields the same records when every event is delivered twice, and in reverse order', async () => {
    const firing = (fp: string) => alert('firing', fp, '2026-11-20T10:00:00Z');
    const resolved = (fp: string) =>
      alert('resolved', fp, '2026-11-20T10:00:00Z', '2026-11-20T10:40:00Z');

    await post('alertmanager', firing('f-once')).expect(202);
    await post('alertmanager', resolved('f-once')).expect(202);

    for (const body of [
      firing('f-twice'),
      firing('f-twice'),
      resolved('f-twice'),
      resolved('f-twice'),
    ]) {
      await post('alertmanager', body).expect(202);
    }
    const dup = await post('alertmanager', resolved('f-twice'));
    expect(dup.body).toMatchObject({ accepted: 0, duplicates: 1 });

    await post('alertmanager', resolved('f-reversed')).expect(202);
    await post('alertmanager', firing('f-reversed')).expect(202);

    const normalize = (records: any, fp: string) =>
      JSON.parse(JSON.stringify(records).split(fp).join('FP'));
    const once = normalize(await recordsOf('f-once'), 'f-once');
    expect(once.incident).toMatchObject({
      status: 'resolved',
      impactStartedAt: '2026-11-20T10:00:00.000Z',
      resolvedAt: '2026-11-20T10:40:00.000Z',
    });
    expect(normalize(await recordsOf('f-twice'), 'f-twice')).toEqual(once);
    expect(normalize(await recordsOf('f-reversed'), 'f-reversed')).toEqual(
      once,
    );
  });

  it('links a repeat of the same failure and notifies once', async () => {
    const first = await post(
      'alertmanager',
      alert('firing', 'f-rec-1', '2026-11-10T10:00:00Z'),
    ).expect(202);
    await post(
      'alertmanager',
      alert(
        'resolved',
        'f-rec-1',
        '2026-11-10T10:00:00Z',
        '2026-11-10T10:20:00Z',
      ),
    ).expect(202);
    const firstId = first.body.incidents[0].humanId;
    await request(server)
      .post(`/api/postmortem/postmortems/${firstId}/draft`)
      .set(asUser(ALICE))
      .expect(200);
    await request(server)
      .post(`/api/postmortem/postmortems/${firstId}/remediation`)
      .set(asUser(ALICE))
      .send({
        title: 'Alert earlier on checkout errors',
        impact: 3,
        probability: 3,
        horizon: 'short',
      })
      .expect(201);

    const second = await post(
      'alertmanager',
      alert('firing', 'f-rec-2', '2026-11-12T10:00:00Z'),
    ).expect(202);
    const secondId = second.body.incidents[0].humanId;
    // Drafting twice must not link or notify twice.
    for (let i = 0; i < 2; i++) {
      await request(server)
        .post(`/api/postmortem/postmortems/${secondId}/draft`)
        .set(asUser(ALICE))
        .expect(200);
    }
    const related = (
      await request(server)
        .get(`/api/postmortem/postmortems/${secondId}/related`)
        .set(asUser(ALICE))
    ).body.items;
    expect(related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          humanId: firstId,
          direction: 'recurrence_of',
        }),
      ]),
    );
    const back = (
      await request(server)
        .get(`/api/postmortem/postmortems/${firstId}/related`)
        .set(asUser(ALICE))
    ).body.items;
    expect(back).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          humanId: secondId,
          direction: 'recurred_in',
        }),
      ]),
    );
    const items = (
      await request(server)
        .get(`/api/postmortem/postmortems/${firstId}/remediation`)
        .set(asUser(ALICE))
    ).body.items;
    expect(items.every((i: any) => i.recurrenceIncidentId)).toBe(true);
    // The list filters repeats (the scorecard's drill-down) and first ones.
    const listed = async (recurring: boolean) =>
      (
        await request(server)
          .get('/api/postmortem/postmortems')
          .query({ recurring, text: 'f-rec' })
          .set(asUser(ALICE))
      ).body.items.map((p: any) => p.humanId);
    expect(await listed(true)).toEqual([secondId]);
    expect(await listed(false)).toEqual([firstId]);
    const secondIncident = (
      await request(server)
        .get(`/api/postmortem/incidents/${secondId}`)
        .set(asUser(ALICE))
    ).body;
    const pairKey = `recurrence:${secondIncident.id}:${related[0].incidentId}`;
    expect(
      await knex('reminders').where({ reminder_key: pairKey }),
    ).toHaveLength(1);
    // The owners got it in the portal's notifications.
    const inbox = await request(server)
      .get('/api/notifications/notifications')
      .set(asUser('user:default/sofia.martinez'));
    expect(
      inbox.body.notifications.filter((n: any) =>
        n.payload.title.startsWith(
          `${secondId} looks like a repeat of ${firstId}`,
        ),
      ),
    ).toHaveLength(1);
  });

  it('records changes once and drafts the postmortem with the deployment as top hypothesis', async () => {
    // A deployment of payments-service (a dependency) shortly before impact,
    // and an older one of checkout-service itself.
    const deploy = await post(
      'changes',
      {
        id: 'deploy-payments-42',
        service: 'payments-service',
        version: 'v42',
        occurredAt: '2026-11-21T09:55:00Z',
        author: 'ci-bot',
        link: 'https://ci.example/runs/42',
        rollbackRef: 'v41',
      },
      CHANGES,
    );
    expect(deploy.status).toBe(202);
    expect(deploy.body).toMatchObject({
      accepted: 1,
      entityRefs: ['component:default/payments-service'],
    });
    expect(
      (
        await post(
          'changes',
          {
            id: 'deploy-payments-42',
            service: 'payments-service',
            occurredAt: '2026-11-21T09:55:00Z',
          },
          CHANGES,
        )
      ).body,
    ).toMatchObject({ accepted: 0, duplicates: 1 });
    await post(
      'changes',
      {
        id: 'old',
        entityRef: 'component:default/checkout-service',
        version: 'v7',
        occurredAt: '2026-11-21T08:00:00Z',
      },
      CHANGES,
    ).expect(202);
    expect(
      (
        await post(
          'changes',
          { service: 'checkout-service', occurredAt: 'noon' },
          CHANGES,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(
          'changes',
          { service: 'no-such-service', occurredAt: '2026-11-21T08:00:00Z' },
          CHANGES,
        )
      ).status,
    ).toBe(400);

    const fired = await post(
      'alertmanager',
      alert('firing', 'f-draft', '2026-11-21T10:00:00Z'),
    ).expect(202);
    await post(
      'alertmanager',
      alert(
        'resolved',
        'f-draft',
        '2026-11-21T10:00:00Z',
        '2026-11-21T10:30:00Z',
      ),
    ).expect(202);
    const humanId = fired.body.incidents[0].humanId;

    const drafted = await request(server)
      .post(`/api/postmortem/postmortems/${humanId}/draft`)
      .set(asUser(ALICE));
    expect(drafted.body.error?.message).toBeUndefined();
    expect(drafted.status).toBe(200);
    // Without metrics the timing alone establishes nothing: the change is
    // the top hypothesis, with low confidence, and nobody is blamed yet.
    expect(drafted.body.narrative.summary).toContain(
      'No cause is established yet',
    );

    const base = `/api/postmortem/postmortems/${humanId}`;
    const timeline = (
      await request(server).get(`${base}/timeline`).set(asUser(ALICE))
    ).body.items;
    expect(timeline.map((e: any) => e.kind)).toEqual([
      'deployment',
      'deployment',
      'alert',
      'alert',
    ]);
    const causes = (
      await request(server).get(`${base}/causes`).set(asUser(ALICE))
    ).body.items;
    expect(causes[0]).toMatchObject({
      type: 'direct',
      status: 'proposed',
      changeRelated: true,
      entityRef: 'component:default/payments-service',
    });
    expect(causes[0].score).toBeGreaterThan(causes[1].score);
    expect(causes[0].confidence).toBe('low');
    expect(causes[0].analysis).toMatchObject({
      kind: 'change',
      path: [
        'component:default/payments-service',
        'component:default/checkout-service',
      ],
    });
    expect(causes[0].evidenceIds).toHaveLength(1);
    const remediation = (
      await request(server).get(`${base}/remediation`).set(asUser(ALICE))
    ).body.items;
    // A guess sends no team to work: no change-specific item yet.
    expect(remediation.map((r: any) => r.title).join()).not.toMatch(
      /Guard changes/,
    );
    expect(
      remediation.every(
        (r: any) => r.ownerRef && r.dueDate && r.acceptanceCriteria,
      ),
    ).toBe(true);

    const map = (
      await request(server).get(`${base}/dependency-map`).set(asUser(ALICE))
    ).body;
    expect(map.live).toBe(false);
    // Highlighted only once the evidence supports it.
    expect(map.topHypothesisEntityRef).toBeUndefined();
    expect(map.nodes).toEqual(
      expect.arrayContaining([
        {
          entityRef: 'component:default/checkout-service',
          distance: 0,
          affected: true,
        },
        {
          entityRef: 'component:default/payments-service',
          distance: 1,
          affected: false,
        },
      ]),
    );
    expect(map.edges).toContainEqual({
      from: 'component:default/checkout-service',
      to: 'component:default/payments-service',
    });

    // A person's edit survives a second draft run, which adds nothing twice.
    const revision = drafted.body.revision;
    await request(server)
      .patch(base)
      .set(asUser(ALICE))
      .send({ revision, narrative: { summary: 'Written by a person' } })
      .expect(200);
    const mid = await request(server).get(base).set(asUser(ALICE));
    expect(mid.body.narrative.summary).toBe('Written by a person');
    const again = await request(server)
      .post(`${base}/draft`)
      .set(asUser(ALICE));
    expect(again.body.narrative.summary).toBe('Written by a person');
    expect(
      (await request(server).get(`${base}/causes`).set(asUser(ALICE))).body
        .items,
    ).toHaveLength(causes.length);
    expect(
      (await request(server).get(`${base}/timeline`).set(asUser(ALICE))).body
        .items,
    ).toHaveLength(timeline.length);
  });
});
