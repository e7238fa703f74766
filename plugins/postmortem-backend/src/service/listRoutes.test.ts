import request from 'supertest';
import {
  ALICE,
  apiHelpers,
  declaration,
  SOFIA,
  startApiBackend,
} from '../__testUtils__/apiTest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'postmortem API: lists, revisions and remediation on %p',
  id => {
    let server: any;

    beforeAll(async () => {
      ({ server } = await startApiBackend(databases, id));
    });

    const { ifMatch, declare } = apiHelpers(() => server);

    it('keeps revisions of every change and compares any two', async () => {
      const { postmortem } = (await declare()).body;
      const base = `/api/postmortem/postmortems/${postmortem.id}`;
      await request(server)
        .patch(base)
        .set(asUser(ALICE))
        .set('If-Match', await ifMatch(base))
        .send({ narrative: { summary: 'Line one\nLine two' } })
        .expect(200);
      await request(server)
        .post(`${base}/causes`)
        .set(asUser(ALICE))
        .send({
          type: 'direct',
          statement: 'A config push disabled the connection pool',
        })
        .expect(201);
      await request(server)
        .post(`${base}/remediation`)
        .set(asUser(ALICE))
        .send({
          title: 'Validate pool settings in CI',
          impact: 4,
          probability: 3,
          horizon: 'short',
          ownerRef: 'group:default/checkout-team',
          dueDate: '2026-12-15',
          acceptanceCriteria: 'CI fails on a pool size of 0',
        })
        .expect(201);
      await request(server)
        .patch(base)
        .set(asUser(SOFIA))
        .set('If-Match', await ifMatch(base))
        .send({ narrative: { summary: 'Line one\nLine 2' } })
        .expect(200);

      const revisions = await request(server)
        .get(`${base}/revisions`)
        .set(asUser(ALICE));
      expect(
        revisions.body.items.map((r: any) => [r.revision, r.author, r.changed]),
      ).toEqual([
        [5, SOFIA, ['narrative']],
        [4, ALICE, ['remediation']],
        [3, ALICE, ['causes']],
        [2, ALICE, ['narrative']],
        [1, ALICE, ['created']],
      ]);

      const diff = await request(server)
        .get(`${base}/diff?from=2&to=5`)
        .set(asUser(ALICE));
      expect(diff.status).toBe(200);
      expect(diff.body.sections.map((s: any) => s.section)).toEqual([
        'summary',
        'causes',
        'remediation',
      ]);
      expect(diff.body.sections[0].lines).toEqual([
        { op: 'equal', text: 'Line one' },
        { op: 'delete', text: 'Line two' },
        { op: 'insert', text: 'Line 2' },
      ]);
      expect(diff.body.sections[2].after).toBe(
        '[P12 short open] Validate pool settings in CI (owner group:default/checkout-team, due 2026-12-15)',
      );

      const history = await request(server)
        .get(`${base}/history`)
        .set(asUser(ALICE));
      expect(history.body.items.map((h: any) => h.action)).toEqual([
        'created',
        'postmortem.updated',
        'causes.added',
        'remediation.added',
        'postmortem.updated',
      ]);
    });

    it('computes remediation priority and checks the owner against the catalog', async () => {
      const { postmortem } = (await declare()).body;
      const url = `/api/postmortem/postmortems/${postmortem.id}/remediation`;
      const bad = await request(server)
        .post(url)
        .set(asUser(ALICE))
        .send({ title: 'Fix it', impact: 6, probability: 1, horizon: 'short' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/impact/);
      const unknownOwner = await request(server)
        .post(url)
        .set(asUser(ALICE))
        .send({
          title: 'Fix it',
          impact: 2,
          probability: 2,
          horizon: 'short',
          ownerRef: 'group:default/ghosts',
        });
      expect(unknownOwner.status).toBe(400);
      expect(unknownOwner.body.error.message).toContain(
        "ownerRef: no catalog entity 'group:default/ghosts'",
      );

      const created = await request(server).post(url).set(asUser(ALICE)).send({
        title: 'Fix it',
        impact: 2,
        probability: 5,
        horizon: 'medium',
      });
      expect(created.body).toMatchObject({ priority: 10, status: 'open' });
      const updated = await request(server)
        .patch(`${url}/${created.body.id}`)
        .set(asUser(ALICE))
        .set('If-Match', await ifMatch(url.replace(/\/remediation$/, '')))
        .send({ impact: 5 });
      expect(updated.body.priority).toBe(25);
    });

    it('filters by entity, through dependencies, and pages with a stable cursor', async () => {
      // An incident on orders-db, which checkout-service depends on.
      await declare({
        ...declaration,
        title: 'Orders database failover',
        entityRefs: ['resource:default/orders-db'],
        impactStartedAt: '2026-11-01T08:00:00Z',
        detectedAt: '2026-11-01T08:02:00Z',
      });
      const direct = await request(server)
        .get(
          '/api/postmortem/postmortems?entityRef=component:default/checkout-service&text=failover',
        )
        .set(asUser(ALICE));
      expect(direct.body).toMatchObject({ totalCount: 0 });
      const viaDependencies = await request(server)
        .get(
          '/api/postmortem/postmortems?entityRef=component:default/checkout-service&includeDependencies=true&text=failover',
        )
        .set(asUser(ALICE));
      expect(viaDependencies.body.items.map((p: any) => p.title)).toEqual([
        'Orders database failover',
      ]);

      const all = await request(server)
        .get('/api/postmortem/postmortems?limit=200')
        .set(asUser(ALICE));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await request(server)
          .get('/api/postmortem/postmortems')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(asUser(ALICE));
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((p: any) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((p: any) => p.id));
      expect(new Set(seen).size).toBe(all.body.totalCount);

      const badCursor = await request(server)
        .get('/api/postmortem/postmortems?cursor=nonsense')
        .set(asUser(ALICE));
      expect(badCursor.status).toBe(400);
    });

    it('sorts the list on the server by a whitelisted column and refuses others', async () => {
      for (const [title, severity] of [
        ['Zeta queue backlog', 'SEV4'],
        ['alpha cache stampede', 'SEV1'],
        ['Mu certificate expiry', 'SEV3'],
      ]) {
        expect(
          (await declare({ ...declaration, title, severity })).status,
        ).toBe(201);
      }
      const byTitle = await request(server)
        .get('/api/postmortem/postmortems')
        .query({ orderBy: 'title', order: 'asc', limit: 200 })
        .set(asUser(ALICE));
      expect(byTitle.status).toBe(200);
      const titles = byTitle.body.items.map((p: any) =>
        p.title.toLocaleLowerCase('en-US'),
      );
      expect(titles.length).toBeGreaterThanOrEqual(3);
      expect(titles).toEqual([...titles].sort());

      // Paged two at a time, the order holds across pages.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await request(server)
          .get('/api/postmortem/postmortems')
          .query({ orderBy: 'severity', order: 'desc', limit: 2, cursor })
          .set(asUser(ALICE));
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((p: any) => p.severity));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...seen].sort().reverse());
      expect(seen).toHaveLength(byTitle.body.totalCount);

      const badColumn = await request(server)
        .get('/api/postmortem/postmortems?orderBy=narrative')
        .set(asUser(ALICE));
      expect(badColumn.status).toBe(400);
      expect(badColumn.body.error.message).toMatch(/orderBy/);
      expect(badColumn.body.error.message).toMatch(/impactStartedAt/);
      const badDirection = await request(server)
        .get('/api/postmortem/postmortems?orderBy=title&order=up')
        .set(asUser(ALICE));
      expect(badDirection.status).toBe(400);
      expect(badDirection.body.error.message).toMatch(/order/);

      const first = await request(server)
        .get('/api/postmortem/postmortems?orderBy=title&limit=1')
        .set(asUser(ALICE));
      const otherOrder = await request(server)
        .get('/api/postmortem/postmortems')
        .query({ orderBy: 'stage', cursor: first.body.nextCursor })
        .set(asUser(ALICE));
      expect(otherOrder.status).toBe(400);
      expect(otherOrder.body.error.message).toContain(
        'cursor belongs to orderBy=title&order=asc',
      );

      // The incident list has no sort parameter.
      const incidents = await request(server)
        .get('/api/postmortem/incidents?orderBy=title')
        .set(asUser(ALICE));
      expect(incidents.status).toBe(400);
    });
  },
);
