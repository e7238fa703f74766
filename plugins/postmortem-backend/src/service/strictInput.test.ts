import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import request from 'supertest';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';

const declaration = {
  title: 'Strict input: checkout times out',
  severity: 'SEV2',
  entityRefs: ['component:default/checkout-service'],
  impactStartedAt: '2026-11-20T10:00:00Z',
};

describe.each(databases.eachSupportedId())('strict input on %p', id => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          alertmanager: { token: 'am-token' },
          changes: { token: 'ci-token' },
          draft: { pollSeconds: 3600 },
        },
      },
      [alertmanagerModule],
    ));
  });

  const count = async () =>
    (await request(server).get('/api/postmortem/incidents').set(asUser(ALICE)))
      .body.totalCount;

  it.each([
    ['a boolean title', { title: true }, /title/],
    ['a null in a list', { entityRefs: [null] }, /entityRefs/],
    ['a number as a string', { severity: 2 }, /severity/],
    ['a NUL character', { title: 'Checkout\u0000' }, /body\.title.*NUL/],
  ])(
    'refuses %s with 400 naming the field, and stores nothing',
    async (_what, change, message) => {
      const before = await count();
      const res = await request(server)
        .post('/api/postmortem/incidents')
        .set(asUser(ALICE))
        .send({ ...declaration, ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(await count()).toBe(before);
    },
  );

  it('takes a remediation item impact of "1" for what it is: not a number', async () => {
    const declared = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send(declaration)
      .expect(201);
    const res = await request(server)
      .post(
        `/api/postmortem/postmortems/${declared.body.postmortem.humanId}/remediation`,
      )
      .set(asUser(ALICE))
      .send({ title: 'Fix it', impact: '1', probability: 1, horizon: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/impact/);
  });

  it('refuses an oversized id in the path', async () => {
    const res = await request(server)
      .get(`/api/postmortem/postmortems/${'x'.repeat(100_00)}`)
      .set(asUser(ALICE));
    expect(res.status).toBe(400);
  });

  it('searches for a backslash literally', async () => {
    // A narrative with a line break is stored as JSON with "\n" in it.
    const other = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send({ ...declaration, title: 'Strict input: two lines' })
      .expect(201);
    await request(server)
      .patch(`/api/postmortem/postmortems/${other.body.postmortem.humanId}`)
      .set(asUser(ALICE))
      .send({ revision: 1, narrative: { summary: 'Line one\nLine "two"' } })
      .expect(200);
    await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send({ ...declaration, title: 'Path C:\\temp is full' })
      .expect(201);
    const res = await request(server)
      .get('/api/postmortem/incidents')
      .query({ text: '\\' })
      .set(asUser(ALICE))
      .expect(200);
    expect(res.body.items.map((i: any) => i.title)).toEqual([
      'Path C:\\temp is full',
    ]);
    const percent = await request(server)
      .get('/api/postmortem/incidents')
      .query({ text: '%' })
      .set(asUser(ALICE))
      .expect(200);
    expect(percent.body.totalCount).toBe(0);
    const quote = await request(server)
      .get('/api/postmortem/incidents')
      .query({ text: '"two"' })
      .set(asUser(ALICE))
      .expect(200);
    expect(quote.body.items.map((i: any) => i.title)).toEqual([
      'Strict input: two lines',
    ]);
  });

  it('authenticates a webhook before it reads the body', async () => {
    for (const path of ['alertmanager', 'changes']) {
      const res = await request(server)
        .post(`/api/postmortem/webhooks/${path}`)
        .set('content-type', 'application/json')
        .send('{"broken');
      expect(res.status).toBe(401);
    }
    const authenticated = await request(server)
      .post('/api/postmortem/webhooks/alertmanager')
      .set('authorization', 'Bearer am-token')
      .set('content-type', 'application/json')
      .send('{"broken');
    expect(authenticated.status).toBe(400);
  });

  it('maps a change of a service nobody annotated to the entity of that name', async () => {
    const res = await request(server)
      .post('/api/postmortem/webhooks/changes')
      .set('authorization', 'Bearer ci-token')
      .send({
        service: 'address-validator',
        version: 'v7',
        occurredAt: '2026-11-20T09:50:00Z',
      })
      .expect(202);
    expect(res.body.entityRefs).toEqual([
      'component:default/address-validator',
    ]);
  });

  it('refuses a change whose id is longer than the store keeps', async () => {
    const res = await request(server)
      .post('/api/postmortem/webhooks/changes')
      .set('authorization', 'Bearer ci-token')
      .send({
        id: 'x'.repeat(100_000),
        service: 'checkout-service',
        occurredAt: '2026-11-20T09:55:00Z',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^id /);
  });
});
