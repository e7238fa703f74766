import request from 'supertest';
import {
  ALICE,
  apiHelpers,
  declaration,
  OUTSIDER,
  SOFIA,
  startApiBackend,
  VIEWER,
} from '../__testUtils__/apiTest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('postmortem API on %p', id => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startApiBackend(databases, id));
  });

  const { declare } = apiHelpers(() => server);

  it('declares an incident by hand and opens its postmortem at once', async () => {
    const res = await declare();
    expect(res.status).toBe(201);
    const { incident, postmortem } = res.body;
    expect(incident.humanId).toMatch(/^INC-\d{4}-\d{4}$/);
    expect(incident).toMatchObject({
      severity: 'SEV2',
      status: 'declared',
      source: 'manual',
      entityRefs: ['component:default/checkout-service'],
      impactStartedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(postmortem).toMatchObject({
      incidentId: incident.id,
      humanId: incident.humanId,
      stage: 'draft',
      revision: 1,
      templateId: 'default',
      templateVersion: 1,
      ownerRefs: ['group:default/checkout-team'],
      roles: { incidentCommander: ALICE },
    });

    // The human id is an address too.
    const byHumanId = await request(server)
      .get(`/api/postmortem/postmortems/${incident.humanId}`)
      .set(asUser(OUTSIDER));
    expect(byHumanId.status).toBe(200);
    expect(byHumanId.headers.etag).toBe('"1"');
  });

  it('picks the template by incident type', async () => {
    const res = await declare({ ...declaration, type: 'security' });
    expect(res.status).toBe(201);
    expect(res.body.incident.type).toBe('security');
    expect(res.body.postmortem).toMatchObject({
      templateId: 'security',
      templateVersion: 2,
    });
    const other = await declare({ ...declaration, type: 'availability' });
    expect(other.body.incident.type).toBe('availability');
    expect(other.body.postmortem.templateId).toBe('default');
    const listed = await request(server)
      .get('/api/postmortem/postmortems')
      .query({ type: 'security' })
      .set(asUser(ALICE));
    expect(listed.body.items.map((p: any) => p.humanId)).toEqual([
      res.body.incident.humanId,
    ]);
    await request(server)
      .get('/api/postmortem/postmortems')
      .query({ type: 'Not A Slug' })
      .set(asUser(ALICE))
      .expect(400);
  });

  it('gives consecutive human ids', async () => {
    const a = (await declare()).body.incident.humanId;
    const b = (await declare()).body.incident.humanId;
    expect(Number(b.slice(-4))).toBe(Number(a.slice(-4)) + 1);
  });

  it('refuses an unknown entity ref, naming it, and writes nothing', async () => {
    const before = await request(server)
      .get('/api/postmortem/incidents')
      .set(asUser(ALICE));
    const res = await declare({
      ...declaration,
      entityRefs: [
        'component:default/checkout-service',
        'component:default/nope',
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "entityRefs: no catalog entity 'component:default/nope'",
    );
    const after = await request(server)
      .get('/api/postmortem/incidents')
      .set(asUser(ALICE));
    expect(after.body.totalCount).toBe(before.body.totalCount);
  });

  it.each([
    ['an unknown field', { ...declaration, color: 'red' }, /color|additional/],
    ['a wrong type', { ...declaration, title: 42 }, /title/],
    [
      'a value out of the enum',
      { ...declaration, severity: 'SEV9' },
      /severity/,
    ],
    [
      'a missing field',
      { title: 'No severity here', entityRefs: declaration.entityRefs },
      /severity/,
    ],
    [
      'a malformed incident type',
      { ...declaration, type: 'Data Loss' },
      /type/,
    ],
    [
      'a malformed time',
      { ...declaration, detectedAt: 'yesterday' },
      /detectedAt/,
    ],
    [
      'times running backwards',
      { ...declaration, resolvedAt: '2026-11-20T09:00:00Z' },
      /resolvedAt/,
    ],
  ])('answers 400 for %s', async (_name, body, message) => {
    const res = await declare(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await declare({ ...declaration, title: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
  });

  it('refuses an update that states no revision with 428, saying how to send one', async () => {
    const { postmortem } = (await declare()).body;
    const url = `/api/postmortem/postmortems/${postmortem.id}`;
    const item = await request(server)
      .post(`${url}/remediation`)
      .set(asUser(ALICE))
      .send({ title: 'Fix it', impact: 2, probability: 2, horizon: 'short' })
      .expect(201);
    const attempts = [
      request(server)
        .patch(url)
        .send({ narrative: { summary: 'Blind overwrite' } }),
      request(server)
        .patch(`/api/postmortem/incidents/${postmortem.humanId}`)
        .send({ title: 'Blind overwrite' }),
      request(server)
        .patch(`${url}/remediation/${item.body.id}`)
        .send({ title: 'Blind overwrite' }),
      request(server).delete(`${url}/remediation/${item.body.id}`),
    ];
    for (const attempt of attempts) {
      const res = await attempt.set(asUser(ALICE));
      expect(res.status).toBe(428);
      expect(res.body.error.message).toContain('If-Match');
    }
    const current = await request(server).get(url).set(asUser(ALICE));
    expect(current.body.revision).toBe(2); // the item was added, nothing else
    expect(current.body.title).not.toBe('Blind overwrite');

    // 200 concurrent editors of revision 2: one wins, 199 learn of it.
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(server)
          .patch(url)
          .set(asUser(ALICE))
          .set('If-Match', '"2"')
          .send({ narrative: { summary: `Editor ${i}` } }),
      ),
    );
    const statuses = results.map(r => r.status);
    expect(statuses.filter(s => s === 200)).toHaveLength(1);
    expect(statuses.filter(s => s === 409)).toHaveLength(199);
  });

  it('refuses a stale update with 409 and keeps the winning write', async () => {
    const { postmortem } = (await declare()).body;
    const url = `/api/postmortem/postmortems/${postmortem.id}`;

    const first = await request(server)
      .patch(url)
      .set(asUser(ALICE))
      .set('If-Match', '"1"')
      .send({ narrative: { summary: 'First editor wins' } });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);

    const second = await request(server)
      .patch(url)
      .set(asUser(SOFIA))
      .send({ revision: 1, narrative: { summary: 'Second editor loses' } });
    expect(second.status).toBe(409);
    expect(second.body.currentRevision).toBe(2);
    expect(second.headers.etag).toBe('"2"');

    const current = await request(server).get(url).set(asUser(ALICE));
    expect(current.body.narrative.summary).toBe('First editor wins');
    expect(current.body.revision).toBe(2);
  });

  it('hides a restricted postmortem from users the policy denies', async () => {
    const { postmortem } = (
      await declare({
        ...declaration,
        title: 'Card data exposure drill',
        entityRefs: ['component:default/fraud-service'],
        visibility: 'restricted',
        roles: { reviewers: [SOFIA] },
      })
    ).body;
    const url = `/api/postmortem/postmortems/${postmortem.id}`;

    expect((await request(server).get(url).set(asUser(OUTSIDER))).status).toBe(
      404,
    );
    expect(
      (
        await request(server)
          .get(`/api/postmortem/incidents/${postmortem.humanId}`)
          .set(asUser(OUTSIDER))
      ).status,
    ).toBe(404);
    const hidden = await request(server)
      .get('/api/postmortem/postmortems?text=drill')
      .set(asUser(OUTSIDER));
    expect(hidden.body).toEqual({ items: [], totalCount: 0 });
    // A write by a denied reader is also a 404: existence does not leak.
    expect(
      (
        await request(server)
          .patch(url)
          .set(asUser(OUTSIDER))
          .send({ narrative: { summary: 'x' } })
      ).status,
    ).toBe(404);

    // The reviewer and the incident commander see it.
    expect((await request(server).get(url).set(asUser(SOFIA))).status).toBe(
      200,
    );
    const visible = await request(server)
      .get('/api/postmortem/postmortems?text=drill')
      .set(asUser(ALICE));
    expect(visible.body.totalCount).toBe(1);
  });

  it('lets owners of an affected entity read a restricted postmortem', async () => {
    const { postmortem } = (
      await declare({
        ...declaration,
        title: 'Restricted checkout incident',
        visibility: 'restricted',
      })
    ).body;
    const url = `/api/postmortem/postmortems/${postmortem.id}`;
    // Sofia holds no role but is in checkout-team, the owner of checkout-service.
    expect((await request(server).get(url).set(asUser(SOFIA))).status).toBe(
      200,
    );
    expect((await request(server).get(url).set(asUser(OUTSIDER))).status).toBe(
      404,
    );
  });

  it('answers 403 to a reader who may not write', async () => {
    const { postmortem } = (await declare()).body;
    const res = await request(server)
      .patch(`/api/postmortem/postmortems/${postmortem.id}`)
      .set(asUser(VIEWER))
      .send({ narrative: { summary: 'not allowed' } });
    expect(res.status).toBe(403);
    const unchanged = await request(server)
      .get(`/api/postmortem/postmortems/${postmortem.id}`)
      .set(asUser(ALICE));
    expect(unchanged.body.revision).toBe(1);
    expect(
      (
        await request(server)
          .post('/api/postmortem/incidents')
          .set(asUser(VIEWER))
          .send(declaration)
      ).status,
    ).toBe(403);
  });

  it('deletes a postmortem with its incident', async () => {
    const { postmortem } = (await declare()).body;
    const url = `/api/postmortem/postmortems/${postmortem.id}`;
    expect((await request(server).delete(url).set(asUser(VIEWER))).status).toBe(
      403,
    );
    expect((await request(server).delete(url).set(asUser(ALICE))).status).toBe(
      204,
    );
    expect((await request(server).get(url).set(asUser(ALICE))).status).toBe(
      404,
    );
  });
});
