import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import githubModule from '@postmortems/plugin-postmortem-backend-module-github';
// The module's own fake of the GitHub REST API (commits in its documented
// shapes): test-only, shared so this test drives the real collector.
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
const CHANGES = 'changes-token';
const ALICE = 'user:default/ada.okafor';
const PAYMENTS = 'component:default/payments-service';
const CHECKOUT = 'component:default/checkout-service';

const alert = (status: 'firing' | 'resolved', endsAt?: string) =>
  alertmanagerNotification({
    status,
    alertname: 'CheckoutErrors',
    fingerprint: 'config-and-flag',
    summary: 'Checkout errors',
    startsAt: '2026-11-21T10:00:00Z',
    endsAt,
  });

/**
 * Configuration and feature-flag changes are ranked like deployments: a
 * commit to the configuration paths of payments-service's repository
 * (read by the GitHub module's collector from a local GitHub) and a flag
 * flipped for checkout-service (posted to /webhooks/changes with `kind:
 * flag`) both become cause hypotheses of the draft, named for their kind.
 */
describe.each(databases.eachSupportedId())(
  'Configuration commits and flag changes in the draft on %p',
  id => {
    const github = new FakeGitHub();
    let server: Server;
    let knex: Knex;

    beforeAll(async () => {
      await github.start();
      github.repos.add('northwind/checkout-team');
      github.commit({
        repo: 'northwind/payments-service',
        sha: 'a'.repeat(40),
        message: 'Initial configuration',
        date: '2026-11-01T09:00:00Z',
        files: ['config/payments.yaml'],
      });
      github.commit({
        repo: 'northwind/payments-service',
        sha: 'b'.repeat(40),
        message: 'Shorter gateway timeout',
        login: 'dana',
        date: '2026-11-21T09:50:00Z',
        files: [
          {
            filename: 'config/payments.yaml',
            patch:
              '@@ -3 +3 @@\n-gatewayTimeoutMs: 3000\n+gatewayTimeoutMs: 300',
          },
        ],
      });
      github.commit({
        repo: 'northwind/payments-service',
        sha: 'c'.repeat(40),
        message: 'Fix a typo in the code',
        date: '2026-11-21T09:55:00Z',
        files: ['src/main/java/Payments.java'],
      });
      ({ server, knex } = await startPostmortemBackend(
        databases,
        id,
        {
          postmortem: {
            alertmanager: { token: TOKEN },
            changes: { token: CHANGES },
            draft: { pollSeconds: 3600 },
            trackers: { syncSeconds: 3600 },
            github: {
              token: github.token,
              apiBaseUrl: github.baseUrl,
              deployments: { enabled: false },
              configChanges: { paths: ['config/**'] },
            },
          },
        },
        [alertmanagerModule, githubModule],
      ));
    });

    afterAll(async () => {
      await github.stop();
    });

    it('ranks a configuration commit and a posted flag change as cause hypotheses of their kinds', async () => {
      await request(server)
        .post('/api/postmortem/webhooks/changes')
        .set('authorization', `Bearer ${CHANGES}`)
        .send({
          id: 'flag-new-checkout-flow-100',
          kind: 'flag',
          service: 'checkout-service',
          version: 'new-checkout-flow: 100%',
          description: 'new-checkout-flow rolled out to everyone',
          occurredAt: '2026-11-21T09:57:00Z',
          author: 'flag-bot',
        })
        .expect(202);
      await request(server)
        .post('/api/postmortem/webhooks/changes')
        .set('authorization', `Bearer ${CHANGES}`)
        .send({ id: 'x', kind: 'toggle', service: 'checkout-service' })
        .expect(400, /kind must be one of deployment, config, flag, migration/);

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
      await request(server)
        .post(`${base}/draft`)
        .set(asUser(ALICE))
        .expect(200);

      const causes = (
        await request(server).get(`${base}/causes`).set(asUser(ALICE))
      ).body.items as any[];
      const flag = causes.find(c => c.entityRef === CHECKOUT);
      const config = causes.find(c => c.entityRef === PAYMENTS);
      expect(flag).toMatchObject({ changeRelated: true });
      expect(flag.statement).toMatch(/feature-flag change of checkout-service/);
      expect(config).toMatchObject({ changeRelated: true });
      expect(config.statement).toMatch(
        /configuration change of payments-service bbbbbbb at 09:50 UTC/,
      );
      // The code-only commit is no configuration change.
      expect(JSON.stringify(causes)).not.toContain('ccccccc');

      const rows = await knex('changes')
        .whereIn('entity_ref', [CHECKOUT, PAYMENTS])
        .orderBy('occurred_at');
      expect(rows.map(r => [r.entity_ref, r.kind, r.source])).toEqual([
        [PAYMENTS, 'config', 'github-config-commits'],
        [CHECKOUT, 'flag', 'changes'],
      ]);
      const evidence = (
        await request(server).get(`${base}/evidence`).set(asUser(ALICE))
      ).body.items as any[];
      const commit = evidence.find(e => e.id === config.evidenceIds[0]);
      expect(commit).toMatchObject({
        kind: 'config_diff',
        source: 'github-config-commits',
        entityRef: PAYMENTS,
      });
      expect(JSON.parse(commit.content)).toMatchObject({
        kind: 'config',
        author: 'dana',
        rollbackRef: 'revert to aaaaaaa',
      });
    });
  },
);
