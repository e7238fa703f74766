import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import githubModule from '@postmortems/plugin-postmortem-backend-module-github';
// The module's own contract-tested fake of the GitHub REST API: test-only,
// shared so this test drives the real collector rather than a stand-in.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { FakeGitHub } from '@postmortems/plugin-postmortem-backend-module-github/src/__testUtils__/FakeGitHub';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { alertmanagerNotification } from '../__testUtils__/alertmanager';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const TOKEN = 'am-token';
const ALICE = 'user:default/ada.okafor';
const PAYMENTS = 'component:default/payments-service';
const CHECKOUT = 'component:default/checkout-service';
const sha = (c: string) => c.repeat(40);

const alert = (status: 'firing' | 'resolved', endsAt?: string) =>
  alertmanagerNotification({
    status,
    alertname: 'PaymentErrors',
    fingerprint: 'gh-deploy',
    summary: 'Checkout payments failing',
    startsAt: '2026-11-21T10:00:00Z',
    endsAt,
  });

/**
 * Changes that an evidence collector reports (here the real GitHub
 * deployments collector against a local GitHub) are ranked like changes
 * posted to /webhooks/changes.
 */
describe.each(databases.eachSupportedId())(
  'GitHub deployments in the draft on %p',
  id => {
    const github = new FakeGitHub();
    let server: Server;
    let knex: Knex;

    beforeAll(async () => {
      await github.start();
      // Nothing here for the tracker to sync; keep its job quiet.
      github.repos.add('northwind/checkout-team');
      // payments-service, a dependency of the affected checkout-service:
      // v42 was live, v43 went out five minutes before impact.
      github.deploy({
        repo: 'northwind/payments-service',
        sha: sha('1'),
        ref: 'v42',
        createdAt: '2026-11-20T16:00:00Z',
        statuses: [{ state: 'success' }, { state: 'inactive' }],
      });
      github.deploy({
        repo: 'northwind/payments-service',
        sha: sha('2'),
        ref: 'v43',
        creator: 'ci-bot',
        createdAt: '2026-11-21T09:55:00Z',
        statuses: [
          {
            state: 'success',
            log_url:
              'https://github.example/northwind/payments-service/actions/runs/43',
          },
        ],
      });
      // Closer to impact, but staging: not asked for.
      github.deploy({
        repo: 'northwind/payments-service',
        sha: sha('3'),
        ref: 'v44-rc',
        environment: 'staging',
        createdAt: '2026-11-21T09:59:00Z',
        statuses: [{ state: 'success' }],
      });
      // checkout-service itself, two hours before impact: inside the change
      // look-back (24 h).
      github.deploy({
        repo: 'northwind/checkout-service',
        sha: sha('4'),
        ref: 'v7',
        createdAt: '2026-11-21T08:00:00Z',
        statuses: [{ state: 'success' }],
      });

      ({ server, knex } = await startPostmortemBackend(
        databases,
        id,
        {
          postmortem: {
            alertmanager: { token: TOKEN },
            draft: { pollSeconds: 3600 },
            trackers: { syncSeconds: 3600 },
            github: {
              token: github.token,
              apiBaseUrl: github.baseUrl,
              deployments: { environments: ['production'] },
            },
          },
        },
        [alertmanagerModule, githubModule],
      ));
    });

    afterAll(async () => {
      await github.stop();
    });

    it('ranks a dependency deployment reported by the collector as the top hypothesis', async () => {
      const post = (body: unknown) =>
        request(server)
          .post('/api/postmortem/webhooks/alertmanager')
          .set('authorization', `Bearer ${TOKEN}`)
          .send(body as object)
          .expect(202);
      const fired = await post(alert('firing'));
      await post(alert('resolved', '2026-11-21T10:30:00Z'));
      const humanId = fired.body.incidents[0].humanId;
      const base = `/api/postmortem/postmortems/${humanId}`;

      const drafted = await request(server)
        .post(`${base}/draft`)
        .set(asUser(ALICE));
      expect(drafted.body.error?.message).toBeUndefined();
      expect(drafted.status).toBe(200);
      expect(drafted.body.narrative.summary).toContain(
        'No cause is established yet',
      );

      const causes = (
        await request(server).get(`${base}/causes`).set(asUser(ALICE))
      ).body.items;
      // v42, 18 hours earlier, is inside the 24-hour look-back but was
      // superseded by v43, so it ranks last.
      expect(causes.map((c: any) => c.entityRef)).toEqual([
        PAYMENTS,
        CHECKOUT,
        PAYMENTS,
      ]);
      expect(causes[0]).toMatchObject({
        type: 'direct',
        status: 'proposed',
        changeRelated: true,
      });
      expect(causes[0].statement).toMatch(
        /^The deployment of payments-service v43@2222222 at 09:55 UTC preceded the impact on checkout-service; no metrics of payments-service were collected/,
      );
      expect(causes[0].score).toBeGreaterThan(causes[1].score);
      expect(causes[0].evidenceIds).toHaveLength(1);

      // The hypothesis' evidence is the stored change, with what the
      // collector found out about the deployment.
      const evidence = (
        await request(server).get(`${base}/evidence`).set(asUser(ALICE))
      ).body.items;
      const deployment = evidence.find(
        (e: any) => e.id === causes[0].evidenceIds[0],
      );
      expect(deployment).toMatchObject({
        kind: 'deployment',
        source: 'github-deployments',
        entityRef: PAYMENTS,
      });
      expect(JSON.parse(deployment.content)).toMatchObject({
        source: 'github-deployments',
        kind: 'deployment',
        occurredAt: '2026-11-21T09:55:00.000Z',
        version: 'v43@2222222',
        author: 'ci-bot',
        link: 'https://github.example/northwind/payments-service/actions/runs/43',
        rollbackRef: 'v42@1111111',
        description: expect.stringMatching(
          /to production \(deploy\): success$/,
        ),
      });
      // Collected changes are not also kept as plain evidence.
      expect(
        evidence.filter((e: any) => e.source === 'github-deployments'),
      ).toHaveLength(3);

      const timeline = (
        await request(server).get(`${base}/timeline`).set(asUser(ALICE))
      ).body.items;
      expect(
        timeline
          .filter((e: any) => e.kind === 'deployment')
          .map((e: any) => e.text),
      ).toEqual([
        'Deployment of payments-service v42@1111111 by octocat',
        'Deployment of checkout-service v7@4444444 by octocat',
        'Deployment of payments-service v43@2222222 by ci-bot',
      ]);

      const map = (
        await request(server).get(`${base}/dependency-map`).set(asUser(ALICE))
      ).body;
      // Timing alone is low confidence: nothing is highlighted yet.
      expect(map.topHypothesisEntityRef).toBeUndefined();

      // Another run (as at declaration and resolution) reads GitHub again
      // and stores nothing twice.
      const listed = () =>
        github.requests.filter(r => r.path.endsWith('/deployments')).length;
      const before = listed();
      await request(server)
        .post(`${base}/draft`)
        .set(asUser(ALICE))
        .expect(200);
      expect(listed()).toBeGreaterThan(before);
      const rows = await knex('changes')
        .where({ source: 'github-deployments' })
        .orderBy('occurred_at');
      expect(rows.map(r => [r.entity_ref, r.version])).toEqual([
        [PAYMENTS, 'v42@1111111'],
        [CHECKOUT, 'v7@4444444'],
        [PAYMENTS, 'v43@2222222'],
      ]);
      expect(
        (await request(server).get(`${base}/causes`).set(asUser(ALICE))).body
          .items,
      ).toHaveLength(3);
      expect(
        github.requests
          .filter(r => r.path.endsWith('/deployments'))
          .every(r => r.query.get('environment') === 'production'),
      ).toBe(true);

      // A hotfix appears, and two draft runs see it at once (intake's run,
      // the job on another replica, a person's request): one stores it, the
      // other finds it stored; neither keeps it as plain evidence.
      github.deploy({
        repo: 'northwind/payments-service',
        sha: sha('5'),
        ref: 'v43.1',
        createdAt: '2026-11-21T10:20:00Z',
        statuses: [{ state: 'success' }],
      });
      await Promise.all(
        [1, 2, 3].map(() =>
          request(server).post(`${base}/draft`).set(asUser(ALICE)).expect(200),
        ),
      );
      expect(
        await knex('changes').where({ source: 'github-deployments' }),
      ).toHaveLength(4);
      const after = (
        await request(server).get(`${base}/evidence`).set(asUser(ALICE))
      ).body.items;
      expect(
        after.filter((e: any) => e.source === 'github-deployments'),
      ).toHaveLength(4);
      expect(after.every((e: any) => !JSON.parse(e.content).repository)).toBe(
        true,
      );
    });
  },
);
