import request from 'supertest';
import {
  ALICE,
  apiHelpers,
  declaration,
  OUTSIDER,
  SOFIA,
  startApiBackend,
} from '../__testUtils__/apiTest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'postmortem API: exports, insights and redaction on %p',
  id => {
    let server: any;
    let knex: any;

    beforeAll(async () => {
      ({ server, knex } = await startApiBackend(databases, id));
    });

    const { ifMatch, declare } = apiHelpers(() => server);

    it('exports Markdown, JSON and print HTML, and refuses an unknown format', async () => {
      const { postmortem } = (await declare()).body;
      const base = `/api/postmortem/postmortems/${postmortem.humanId}/export`;
      const md = await request(server)
        .get(`${base}?format=markdown`)
        .set(asUser(ALICE));
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toMatch(/text\/markdown/);
      expect(md.text).toContain(
        `# ${postmortem.humanId}: Checkout requests time out`,
      );
      const json = await request(server)
        .get(`${base}?format=json`)
        .set(asUser(ALICE));
      expect(json.body.postmortem.id).toBe(postmortem.id);
      expect(json.body.incident.humanId).toBe(postmortem.humanId);
      const html = await request(server)
        .get(`${base}?format=html`)
        .set(asUser(ALICE));
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('<h1>');
      expect(
        (await request(server).get(`${base}?format=pdf`).set(asUser(ALICE)))
          .status,
      ).toBe(400);
    });

    it('serves scorecards that follow the permission policy, as JSON and CSV', async () => {
      const window = {
        from: '2026-06-01T00:00:00Z',
        to: '2026-06-30T00:00:00Z',
      };
      const times = {
        impactStartedAt: '2026-06-10T10:00:00Z',
        detectedAt: '2026-06-10T10:05:00Z',
        resolvedAt: '2026-06-10T11:00:00Z',
      };
      await declare({ ...declaration, ...times, title: 'June outage' });
      await declare({
        ...declaration,
        ...times,
        title: 'June restricted',
        visibility: 'restricted',
      });

      const forAlice = await request(server)
        .get('/api/postmortem/scorecards')
        .query({ ...window, interval: 'month' })
        .set(asUser(ALICE));
      expect(forAlice.status).toBe(200);
      expect(forAlice.body.items).toEqual([
        expect.objectContaining({
          group: 'all',
          period: '2026-06',
          incidents: 2,
          timeToDetect: { count: 2, median: 300, p90: 300, mean: 300 },
        }),
      ]);
      const forOutsider = await request(server)
        .get('/api/postmortem/scorecards')
        .query({ ...window, interval: 'month' })
        .set(asUser(OUTSIDER));
      expect(forOutsider.body.items[0].incidents).toBe(1);

      const csv = await request(server)
        .get('/api/postmortem/scorecards')
        .query({ ...window, groupBy: 'severity', format: 'csv' })
        .set(asUser(ALICE));
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text.split('\n')[1]).toMatch(/^SEV2,2026-06,2,2,300,300,300,/);
      expect(
        (
          await request(server)
            .get('/api/postmortem/scorecards?interval=day')
            .set(asUser(ALICE))
        ).status,
      ).toBe(400);
    });

    it('groups scorecards by the catalog system of the affected entities', async () => {
      const window = {
        from: '2026-05-01T00:00:00Z',
        to: '2026-05-31T00:00:00Z',
      };
      const times = {
        impactStartedAt: '2026-05-10T10:00:00Z',
        detectedAt: '2026-05-10T10:05:00Z',
      };
      // checkout-service and cart-service are parts of the checkout system,
      // payments-service of payments (examples/entities.yaml).
      await declare({
        ...declaration,
        ...times,
        title: 'May checkout outage',
        entityRefs: [
          'component:default/checkout-service',
          'component:default/cart-service',
          'component:default/payments-service',
        ],
      });
      await declare({
        ...declaration,
        ...times,
        title: 'May payments outage',
        entityRefs: ['system:default/payments'],
      });
      const res = await request(server)
        .get('/api/postmortem/scorecards')
        .query({ ...window, interval: 'month', groupBy: 'system' })
        .set(asUser(ALICE));
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((r: any) => [r.group, r.period, r.incidents]),
      ).toEqual([
        ['system:default/checkout', '2026-05', 1],
        ['system:default/payments', '2026-05', 2],
      ]);
      const durations = await request(server)
        .get('/api/postmortem/scorecards/durations')
        .query({ ...window, groupBy: 'system', metric: 'timeToDetect' })
        .set(asUser(ALICE));
      expect(durations.status).toBe(200);
      expect(durations.body.items.map((d: any) => [d.group, d.count])).toEqual([
        ['system:default/checkout', 1],
        ['system:default/payments', 2],
      ]);
      expect(
        (
          await request(server)
            .get('/api/postmortem/scorecards')
            .query({ ...window, groupBy: 'domain' })
            .set(asUser(ALICE))
        ).status,
      ).toBe(400);
    });

    it('masks secrets and personal data people type before storing anything', async () => {
      const secrets = [
        'AKIAIOSFODNN7EXAMPLE',
        'ghp_0123456789abcdefghijABCDEFGHIJ012345',
        'jane.doe@northwind.example',
        'postgres://app:S3cretPassw0rd@db.internal:5432/orders',
      ];
      const res = await declare({
        ...declaration,
        title: `Leak check ${secrets[2]}`,
      });
      const pm = res.body.postmortem;
      const base = `/api/postmortem/postmortems/${pm.id}`;
      await request(server)
        .patch(base)
        .set(asUser(ALICE))
        .set('If-Match', await ifMatch(base))
        .send({
          narrative: {
            whatHappened: `The key ${secrets[0]} was in the log; token ${secrets[1]}.`,
          },
        })
        .expect(200);
      await request(server)
        .post(`${base}/timeline`)
        .set(asUser(ALICE))
        .send({
          occurredAt: '2026-11-20T10:06:00Z',
          kind: 'observation',
          text: `Connected with ${secrets[3]}`,
        })
        .expect(201);
      const evidence = await request(server)
        .post(`${base}/evidence`)
        .set(asUser(ALICE))
        .send({
          kind: 'log_excerpt',
          content: `user=${secrets[2]} key=${secrets[0]}`,
        })
        .expect(201);
      expect(evidence.body.redactions).toMatchObject({ email: 1 });
      await request(server)
        .post(`${base}/comments`)
        .set(asUser(ALICE))
        .send({ text: `Mail ${secrets[2]}`, perspective: 'sre' })
        .expect(201);

      // Scan every text column of every table of the plugin's database.
      const client = knex.client.config.client;
      const tables: string[] =
        client === 'pg'
          ? await knex('information_schema.tables')
              .where({ table_schema: 'public' })
              .pluck('table_name')
          : await knex('sqlite_master').where({ type: 'table' }).pluck('name');
      let dump = '';
      for (const table of tables) {
        dump += JSON.stringify(await knex(table).select());
      }
      expect(dump).toContain('[REDACTED:');
      for (const secret of [...secrets, 'S3cretPassw0rd']) {
        expect(dump).not.toContain(secret);
      }
    });

    it('lists earlier similar postmortems, readable ones only, and refuses a bad limit', async () => {
      const on = (entity: string, title: string, extra: object = {}) =>
        declare({
          ...declaration,
          title,
          entityRefs: [entity],
          impactStartedAt: '2026-02-01T10:00:00Z',
          ...extra,
        });
      const earlier = (
        await on('component:default/label-service', 'Labels late')
      ).body.postmortem;
      const hidden = (
        await on('component:default/label-service', 'Labels secret', {
          visibility: 'restricted',
          roles: { reviewers: [SOFIA] },
        })
      ).body.postmortem;
      const current = (
        await on('component:default/label-service', 'Labels late again', {
          impactStartedAt: '2026-03-01T10:00:00Z',
        })
      ).body.postmortem;
      const url = `/api/postmortem/postmortems/${current.humanId}/similar`;

      const res = await request(server).get(url).set(asUser(OUTSIDER));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(earlier.id);
      expect(ids).not.toContain(hidden.id);
      expect(ids).not.toContain(current.id);
      expect(res.body.items[0]).toMatchObject({
        sharedEntityRefs: ['component:default/label-service'],
        remediation: { total: 0 },
      });
      // The reviewer of the restricted one sees it too.
      const reviewer = await request(server).get(url).set(asUser(SOFIA));
      expect(reviewer.body.items.map((i: { id: string }) => i.id)).toContain(
        hidden.id,
      );

      expect(
        (await request(server).get(`${url}?limit=0`).set(asUser(ALICE))).status,
      ).toBe(400);
      expect(
        (
          await request(server)
            .get('/api/postmortem/postmortems/INC-1999-0001/similar')
            .set(asUser(ALICE))
        ).status,
      ).toBe(404);
    });

    it('serves the durations of single incidents per group, and refuses an unknown metric', async () => {
      await declare({
        ...declaration,
        title: 'Detected after four minutes',
        impactStartedAt: '2026-11-21T10:00:00Z',
        detectedAt: '2026-11-21T10:04:00Z',
      });
      const url =
        '/api/postmortem/scorecards/durations?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=severity';
      const res = await request(server)
        .get(`${url}&metric=timeToDetect`)
        .set(asUser(ALICE));
      expect(res.status).toBe(200);
      const sev2 = res.body.items.find((i: any) => i.group === 'SEV2');
      expect(sev2.values).toContain(240);
      expect(sev2.count).toBe(sev2.values.length);
      expect(sev2.median).toBe(
        sev2.values[Math.ceil(sev2.values.length / 2) - 1],
      );
      expect(
        (await request(server).get(`${url}&metric=vibes`).set(asUser(ALICE)))
          .status,
      ).toBe(400);
      expect((await request(server).get(url).set(asUser(ALICE))).status).toBe(
        400,
      );
    });
  },
);
