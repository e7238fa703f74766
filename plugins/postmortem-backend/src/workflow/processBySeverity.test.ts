import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const IC = 'user:default/ada.okafor';
const OWNER = 'user:default/liam.chen';
const REVIEWER = 'user:default/sofia.martinez';

describe.each(databases.eachSupportedId())(
  'process sized to severity on %p',
  id => {
    let server: any;
    beforeAll(async () => {
      ({ server } = await startPostmortemBackend(databases, id, {
        postmortem: {
          workflow: {
            severities: {
              SEV5: { signOff: 'incidentCommander', gates: ['direct_cause'] },
            },
          },
        },
      }));
    });

    const as = (user: string) => ({
      post: (path: string, body: object = {}) =>
        request(server)
          .post(`/api/postmortem${path}`)
          .set(asUser(user))
          .send(body),
      get: (path: string) =>
        request(server).get(`/api/postmortem${path}`).set(asUser(user)),
    });

    async function newPostmortem(severity: string) {
      const res = await as(IC).post('/incidents', {
        title: `Checkout ${severity}`,
        severity,
        entityRefs: ['component:default/checkout-service'],
        roles: {
          incidentCommander: IC,
          technicalOwners: [OWNER],
          reviewers: [REVIEWER],
        },
      });
      expect(res.status).toBe(201);
      return `/postmortems/${res.body.postmortem.humanId}`;
    }

    it('publishes a SEV5 on the incident commander’s sign-off, after its own gates only', async () => {
      const base = await newPostmortem('SEV5');
      const gates = await as(IC).get(`${base}/gates`);
      expect(gates.body.process).toEqual({
        signOff: 'incident_commander',
        requiredApprovals: 0,
        gates: ['direct_cause'],
      });
      expect(gates.body.unmetGates.map((g: any) => g.gate)).toEqual([
        'direct_cause',
      ]);

      // No review on this path.
      const review = await as(IC).post(`${base}/transition`, {
        to: 'in_review',
      });
      expect(review.status).toBe(409);
      expect(review.body.error.message).toMatch(
        /published on the incident commander's sign-off, without in review/,
      );
      // Its gates still hold.
      const early = await as(IC).post(`${base}/transition`, {
        to: 'published',
      });
      expect(early.status).toBe(409);
      expect(early.body.unmetGates.map((g: any) => g.gate)).toEqual([
        'direct_cause',
      ]);

      await as(IC).post(`${base}/causes`, {
        type: 'direct',
        statement: 'A cache TTL of zero evicted every session',
      });
      // Only the incident commander signs off.
      expect(
        (await as(OWNER).post(`${base}/transition`, { to: 'published' }))
          .status,
      ).toBe(403);
      const published = await as(IC).post(`${base}/transition`, {
        to: 'published',
      });
      expect(published.status).toBe(200);
      expect(published.body.stage).toBe('published');
      // Reopening works as on the full path.
      expect(
        (await as(IC).post(`${base}/transition`, { to: 'investigation' })).body
          .stage,
      ).toBe('investigation');
    });

    it('keeps the full review for other severities', async () => {
      const base = await newPostmortem('SEV2');
      const gates = await as(IC).get(`${base}/gates`);
      expect(gates.body.process).toMatchObject({
        signOff: 'reviewers',
        requiredApprovals: 1,
      });
      expect(gates.body.process.gates).toHaveLength(7);
      expect(gates.body.unmetGates.length).toBeGreaterThan(1);
      const skip = await as(IC).post(`${base}/transition`, {
        to: 'published',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toMatch(/cannot move from draft/);
    });
  },
);
