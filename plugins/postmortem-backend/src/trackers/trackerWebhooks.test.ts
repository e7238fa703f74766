import postmortemModuleGithub from '@postmortems/plugin-postmortem-backend-module-github';
import postmortemModuleJira from '@postmortems/plugin-postmortem-backend-module-jira';
import { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
const GITHUB_SECRET = 'gh-hook-secret';
const JIRA_SECRET = 'jira-hook-secret';
const sign = (secret: string, raw: string) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** An `issues` delivery as GitHub sends it. */
const github = (
  server: Server,
  action: 'closed' | 'reopened',
  number: number,
  secret = GITHUB_SECRET,
) => {
  const raw = JSON.stringify({
    action,
    issue: { number, state: action === 'closed' ? 'closed' : 'open' },
    // GitHub spells the repository as it is named, not as annotated.
    repository: { full_name: 'Northwind/Checkout-Team' },
  });
  return request(server)
    .post('/api/postmortem/webhooks/trackers/github')
    .set('content-type', 'application/json')
    .set('x-github-event', 'issues')
    .set('x-hub-signature-256', sign(secret, raw))
    .send(raw);
};

/** A jira:issue_updated delivery with a status change, as Jira sends it. */
const jira = (server: Server, key: string, category: 'done' | 'new') => {
  const raw = JSON.stringify({
    webhookEvent: 'jira:issue_updated',
    issue: { key, fields: { status: { statusCategory: { key: category } } } },
    changelog: { items: [{ field: 'status', fieldId: 'status' }] },
  });
  return request(server)
    .post('/api/postmortem/webhooks/trackers/jira')
    .set('content-type', 'application/json')
    .set('x-hub-signature', sign(JIRA_SECRET, raw))
    .send(raw);
};

describe.each(databases.eachSupportedId())(
  'ticket states pushed by tracker webhooks on %p',
  id => {
    let server: Server;
    let knex: Knex;
    let base: string;
    let items: string[];

    beforeAll(async () => {
      ({ server, knex } = await startPostmortemBackend(
        databases,
        id,
        {
          postmortem: {
            // Nothing answers there: these tests must not depend on polling.
            github: {
              token: 'ghp_test',
              apiBaseUrl: 'http://127.0.0.1:9',
              webhookSecret: GITHUB_SECRET,
            },
            jira: {
              baseUrl: 'http://127.0.0.1:9',
              token: 'pat',
              webhookSecret: JIRA_SECRET,
            },
          },
        },
        [postmortemModuleGithub, postmortemModuleJira],
      ));
      const declared = await request(server)
        .post('/api/postmortem/incidents')
        .set(asUser(ALICE))
        .send({
          title: 'Webhook test',
          severity: 'SEV3',
          entityRefs: ['component:default/checkout-service'],
        })
        .expect(201);
      base = `/api/postmortem/postmortems/${declared.body.postmortem.humanId}/remediation`;
      items = [];
      for (const [title, tracker, externalId] of [
        ['Alert on pool exhaustion', 'github', 'northwind/checkout-team#7'],
        ['Cap retries', 'jira', 'CHK-12'],
      ]) {
        const item = await request(server)
          .post(base)
          .set(asUser(ALICE))
          .send({
            title,
            impact: 3,
            probability: 3,
            horizon: 'short',
            ownerRef: 'group:default/checkout-team',
          })
          .expect(201);
        items.push(item.body.id);
        // As the sync job leaves it once the ticket is filed.
        await knex('tracker_links').insert({
          item_id: item.body.id,
          tracker,
          state: 'created',
          external_id: externalId,
          url: `https://tracker.example/${externalId}`,
          attempts: 1,
        });
      }
    });

    const statuses = async () => {
      const res = await request(server).get(base).set(asUser(ALICE));
      return Object.fromEntries(
        res.body.items.map((i: { id: string; status: string }) => [
          i.id,
          i.status,
        ]),
      );
    };

    it('refuses unsigned and badly signed deliveries and changes nothing', async () => {
      const before = await statuses();
      const forged = await github(server, 'closed', 7, 'guess').expect(401);
      expect(forged.body.error.message).toBe('Invalid X-Hub-Signature-256');
      await request(server)
        .post('/api/postmortem/webhooks/trackers/jira')
        .set('content-type', 'application/json')
        .send('{"webhookEvent":"jira:issue_updated"}')
        .expect(401);
      expect(await statuses()).toEqual(before);
    });

    it('lists the installed trackers in the health answer', async () => {
      const res = await request(server).get('/api/postmortem/health');
      expect(res.body.trackers).toEqual(['github', 'jira']);
    });

    it('answers 404 for a tracker that is not installed', async () => {
      const res = await request(server)
        .post('/api/postmortem/webhooks/trackers/linear')
        .set('content-type', 'application/json')
        .send('{}')
        .expect(404);
      expect(res.body.error.message).toContain("No tracker 'linear'");
    });

    it('closes and reopens items with their tickets, once per change', async () => {
      const [gh, jr] = items;
      expect((await github(server, 'closed', 7).expect(202)).body).toEqual({
        applied: 1,
        ignored: 0,
      });
      // A redelivery is harmless.
      expect((await github(server, 'closed', 7).expect(202)).body).toEqual({
        applied: 0,
        ignored: 1,
      });
      // Somebody else's issue in the same repository.
      expect((await github(server, 'closed', 8).expect(202)).body).toEqual({
        applied: 0,
        ignored: 1,
      });
      expect(
        (await jira(server, 'CHK-12', 'done').expect(202)).body.applied,
      ).toBe(1);
      expect(await statuses()).toEqual({ [gh]: 'done', [jr]: 'done' });

      await github(server, 'reopened', 7).expect(202);
      await jira(server, 'chk-12', 'new').expect(202);
      expect(await statuses()).toEqual({ [gh]: 'open', [jr]: 'open' });

      // Each move is a revision by the tracker.
      const revisions = await request(server)
        .get(base.replace(/remediation$/, 'revisions'))
        .set(asUser(ALICE));
      const authors = JSON.stringify(revisions.body);
      expect(authors).toContain('tracker:github');
      expect(authors).toContain('tracker:jira');
    });
  },
);
