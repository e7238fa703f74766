import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const IC = 'user:default/ada.okafor';
const OWNER = 'user:default/liam.chen';
const REVIEWER = 'user:default/sofia.martinez';
const OUTSIDER = 'user:default/tomasz.kowalski';

describe.each(databases.eachSupportedId())('postmortem workflow on %p', id => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startPostmortemBackend(databases, id));
  });

  const as = (user: string) => ({
    post: (path: string, body: object = {}) =>
      request(server)
        .post(`/api/postmortem${path}`)
        .set(asUser(user))
        .send(body),
    // Based on the current revision, as the workspace sends it.
    patch: async (path: string, body: object) => {
      const postmortem = /^\/postmortems\/[^/]+/.exec(path)![0];
      const { revision } = (
        await request(server)
          .get(`/api/postmortem${postmortem}`)
          .set(asUser(user))
      ).body;
      return request(server)
        .patch(`/api/postmortem${path}`)
        .set(asUser(user))
        .set('If-Match', `"${revision}"`)
        .send(body);
    },
    get: (path: string) =>
      request(server).get(`/api/postmortem${path}`).set(asUser(user)),
  });

  async function newPostmortem() {
    const res = await as(IC).post('/incidents', {
      title: 'Checkout outage',
      severity: 'SEV2',
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

  it('lets only the commander and technical owners advance a postmortem', async () => {
    const base = await newPostmortem();
    expect(
      (await as(OUTSIDER).post(`${base}/transition`, { to: 'investigation' }))
        .status,
    ).toBe(403);
    expect(
      (await as(REVIEWER).post(`${base}/transition`, { to: 'investigation' }))
        .status,
    ).toBe(403);
    const moved = await as(IC).post(`${base}/transition`, {
      to: 'investigation',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.stage).toBe('investigation');
    expect(
      (await as(OWNER).post(`${base}/transition`, { to: 'cause_analysis' }))
        .body.stage,
    ).toBe('cause_analysis');
    const skip = await as(OWNER).post(`${base}/transition`, {
      to: 'published',
    });
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toMatch(
      /cannot move from cause_analysis to published/,
    );
    expect(
      (await as(OWNER).post(`${base}/transition`, { to: 'nowhere' })).status,
    ).toBe(400);
  });

  it('takes a postmortem through every stage, hitting each gate', async () => {
    const base = await newPostmortem();
    await as(IC)
      .post(`${base}/transition`, { to: 'remediation_planning' })
      .expect(200);

    const refused = await as(IC).post(`${base}/transition`, {
      to: 'in_review',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.unmetGates.map((g: any) => g.gate).sort()).toEqual([
      'direct_cause',
      'remediation_items',
      'systemic_cause',
    ]);

    const evidence = await as(IC).post(`${base}/evidence`, {
      kind: 'log_excerpt',
      content: 'pool exhausted: 0 connections available',
    });
    const direct = await as(IC).post(`${base}/causes`, {
      type: 'direct',
      statement: 'A config push set the connection pool size to zero',
      changeRelated: true,
      status: 'supported',
    });
    await as(IC).post(`${base}/causes`, {
      type: 'systemic',
      statement: 'Config changes skip the canary stage',
      evidenceIds: [evidence.body.id],
    });
    const item = await as(OWNER).post(`${base}/remediation`, {
      title: 'Validate pool size in CI',
      impact: 4,
      probability: 3,
      horizon: 'short',
    });
    await as(IC).patch(base, {
      narrative: { whatHappened: 'The deploy failed because of human error.' },
    });

    const gates = (await as(IC).get(`${base}/gates`)).body;
    expect(gates.unmetGates.map((g: any) => g.gate).sort()).toEqual([
      'blameless_language',
      'cause_evidence',
      'remediation_complete',
      'rollback_plan',
    ]);

    await as(IC).patch(`${base}/causes/${direct.body.id}`, {
      evidenceIds: [evidence.body.id],
      rollbackPlan:
        'Re-apply the previous config revision with the pool size set',
    });
    await as(OWNER).patch(`${base}/remediation/${item.body.id}`, {
      ownerRef: 'group:default/checkout-team',
      dueDate: '2026-12-31',
      acceptanceCriteria: 'CI rejects a pool size of zero',
    });
    const finding = gates.findings.find((f: any) => f.rule === 'human-error');
    expect(finding).toBeDefined();
    // Waiving is a reviewer's call.
    expect(
      (
        await as(IC).post(`${base}/language-waivers`, {
          findingKey: finding.key,
          reason: 'quoted',
        })
      ).status,
    ).toBe(403);
    await as(REVIEWER)
      .post(`${base}/language-waivers`, {
        findingKey: finding.key,
        reason: 'Quoting the original alert text',
      })
      .expect(204);

    const inReview = await as(IC).post(`${base}/transition`, {
      to: 'in_review',
    });
    expect(inReview.body.unmetGates).toBeUndefined();
    expect(inReview.body.stage).toBe('in_review');

    // Only a reviewer approves; the approval names the revision.
    expect(
      (await as(IC).post(`${base}/transition`, { to: 'approved' })).status,
    ).toBe(403);
    const approved = await as(REVIEWER).post(`${base}/transition`, {
      to: 'approved',
      comment: 'Clear and blameless',
    });
    expect(approved.body.stage).toBe('approved');
    const approvals = (await as(IC).get(`${base}/approvals`)).body.items;
    expect(approvals).toEqual([
      expect.objectContaining({
        reviewer: REVIEWER,
        revision: inReview.body.revision,
      }),
    ]);

    // Content changed after approval needs approval again.
    const edited = await as(OWNER).patch(base, {
      narrative: { lessonsLearned: 'Canary config too.' },
    });
    expect(edited.body.stage).toBe('in_review');
    const again = await as(REVIEWER).post(`${base}/transition`, {
      to: 'approved',
    });
    expect(again.body.stage).toBe('approved');

    expect(
      (await as(REVIEWER).post(`${base}/transition`, { to: 'published' }))
        .status,
    ).toBe(403);
    expect(
      (await as(OWNER).post(`${base}/transition`, { to: 'published' })).body
        .stage,
    ).toBe('published');

    // Reopening is the commander's decision.
    expect(
      (await as(OWNER).post(`${base}/transition`, { to: 'investigation' }))
        .status,
    ).toBe(403);
    expect(
      (await as(IC).post(`${base}/transition`, { to: 'investigation' })).body
        .stage,
    ).toBe('investigation');

    const actions = (await as(IC).get(`${base}/history`)).body.items.map(
      (h: any) => h.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'stage.advance',
        'language.waived',
        'approval.given',
        'approval.invalidated',
        'stage.publish',
        'stage.reopen',
      ]),
    );
  });

  it('lets reviewers send a postmortem back only with a comment', async () => {
    const base = await newPostmortem();
    // A postmortem that meets every gate.
    const ev = await as(IC).post(`${base}/evidence`, {
      kind: 'link',
      content: 'https://dashboards.example/checkout',
    });
    await as(IC).post(`${base}/causes`, {
      type: 'direct',
      statement: 'Cache eviction storm',
      evidenceIds: [ev.body.id],
    });
    await as(IC).post(`${base}/causes`, {
      type: 'contributing',
      statement: 'No eviction alerting',
      evidenceIds: [ev.body.id],
    });
    await as(IC).post(`${base}/remediation`, {
      title: 'Alert on eviction rate',
      impact: 3,
      probability: 3,
      horizon: 'short',
      ownerRef: 'group:default/sre-team',
      dueDate: '2026-12-20',
      acceptanceCriteria: 'An alert fires above 100 evictions/s',
    });
    await as(IC).post(`${base}/transition`, { to: 'in_review' }).expect(200);
    expect(
      (await as(REVIEWER).post(`${base}/transition`, { to: 'cause_analysis' }))
        .status,
    ).toBe(400);
    const back = await as(REVIEWER).post(`${base}/transition`, {
      to: 'cause_analysis',
      comment: 'Explain why the eviction alert was missing',
    });
    expect(back.body.stage).toBe('cause_analysis');
  });

  it('lets only the named role sign off a done item', async () => {
    const base = await newPostmortem();
    const item = await as(IC).post(`${base}/remediation`, {
      title: 'Runbook for pool exhaustion',
      impact: 2,
      probability: 3,
      horizon: 'long',
      verification: { kind: 'manual', role: 'reviewer' },
    });
    expect(item.status).toBe(201);
    const verify = (user: string) =>
      as(user).post(`${base}/remediation/${item.body.id}/verify`, {});
    expect((await verify(REVIEWER)).status).toBe(400); // not done yet
    expect(
      (
        await as(IC).patch(`${base}/remediation/${item.body.id}`, {
          status: 'done',
        })
      ).status,
    ).toBe(200);
    expect((await verify(IC)).status).toBe(403);
    const verified = await verify(REVIEWER);
    expect(verified.body.status).toBe('verified');
    expect(
      (
        await as(IC).post(`${base}/remediation`, {
          title: 'Bad check',
          impact: 1,
          probability: 1,
          horizon: 'short',
          verification: { kind: 'manual', role: 'ceo' },
        })
      ).status,
    ).toBe(400);
  });

  it('records contributions by perspective and shows deadlines from the policy', async () => {
    const base = await newPostmortem();
    const comment = await as(OUTSIDER).post(`${base}/comments`, {
      text: 'From the product side, checkout conversions dropped 30%.',
      perspective: 'product',
    });
    expect(comment.status).toBe(201);
    expect(
      (
        await as(OUTSIDER).post(`${base}/comments`, {
          text: 'x',
          perspective: 'ceo',
        })
      ).status,
    ).toBe(400);
    const comments = (await as(IC).get(`${base}/comments`)).body.items;
    expect(comments).toEqual([
      expect.objectContaining({ author: OUTSIDER, perspective: 'product' }),
    ]);
    const postmortem = (await as(IC).get(base)).body;
    expect(Object.keys(postmortem.deadlines).sort()).toEqual([
      'draft',
      'in_review',
      'published',
    ]);
  });
});
