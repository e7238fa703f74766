import request from 'supertest';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ALICE = 'user:default/ada.okafor'; // incident commander
const SOFIA = 'user:default/sofia.martinez'; // checkout-team member
const OUTSIDER = 'user:default/tomasz.kowalski';
const VIEWER = 'user:default/viewer'; // any "viewer" may only read

const declaration = {
  title: 'Checkout requests time out',
  severity: 'SEV2',
  entityRefs: ['component:default/checkout-service'],
  impactStartedAt: '2026-11-20T10:00:00Z',
  detectedAt: '2026-11-20T10:04:00Z',
  responders: [{ userRef: ALICE, role: 'incident_commander' }],
};

describe.each(databases.eachSupportedId())('postmortem API on %p', id => {
  let server: any;
  let knex: any;

  beforeAll(async () => {
    ({ server, knex } = await startPostmortemBackend(databases, id, {
      postmortem: {
        maxBodySize: '16kb',
        templates: [
          {
            id: 'security',
            version: 2,
            title: 'Security incident',
            types: ['security'],
            sections: [{ id: 'summary', title: 'Summary' }],
          },
        ],
      },
    }));
  });

  /** The revision an edit is based on: the ETag of the postmortem. */
  const ifMatch = async (postmortemUrl: string) =>
    `"${
      (await request(server).get(postmortemUrl).set(asUser(ALICE))).body
        .revision
    }"`;

  const declare = async (body: object = declaration, user = ALICE) =>
    request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(user))
      .send(body);

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

    const created = await request(server)
      .post(url)
      .set(asUser(ALICE))
      .send({ title: 'Fix it', impact: 2, probability: 5, horizon: 'medium' });
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
      expect((await declare({ ...declaration, title, severity })).status).toBe(
        201,
      );
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
    const window = { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z' };
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
    const earlier = (await on('component:default/label-service', 'Labels late'))
      .body.postmortem;
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
