import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  postmortemTrackersExtensionPoint,
  RemediationTracker,
  Ticket,
  TicketRequest,
  TrackerRateLimitedError,
} from '@postmortems/plugin-postmortem-node';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import { waitFor } from '@postmortems/plugin-postmortem-node/testUtils';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
/** What a tracker's error may echo: the URL it called, with its token. */
const TOKEN = 'glpat-Xk29vB7qLm4Rt8Np1Zs6';

/**
 * A tracker for teams with a `jira/project-key` annotation that misbehaves
 * like a real one: the first attempt fails, the second creates the ticket
 * but times out before answering, the third must find it, not create it.
 */
class FlakyTracker implements RemediationTracker {
  readonly id = 'flaky';
  tickets = new Map<
    string,
    { key: string; state: 'open' | 'closed'; project: string }
  >();
  creates = 0;
  private attempt = 0;

  appliesTo(owner: { annotations: Record<string, string> }) {
    return Boolean(owner.annotations['jira/project-key']);
  }
  async findTicket(req: TicketRequest): Promise<Ticket | undefined> {
    const found = [...this.tickets.entries()].find(
      ([, t]) => t.key === req.idempotencyKey,
    );
    return (
      found && {
        externalId: found[0],
        url: `https://tracker.example/${found[0]}`,
      }
    );
  }
  async createTicket(req: TicketRequest): Promise<Ticket> {
    this.attempt++;
    if (this.attempt === 1) {
      throw new Error(
        `503 Service Unavailable: POST https://tracker.example/rest/issue?private_token=${TOKEN}`,
      );
    }
    const id = `${req.owner.annotations['jira/project-key']}-${
      this.tickets.size + 1
    }`;
    this.creates++;
    this.tickets.set(id, {
      key: req.idempotencyKey,
      state: 'open',
      project: req.owner.annotations['jira/project-key'],
    });
    if (this.attempt === 2) throw new Error('socket hang up');
    return { externalId: id, url: `https://tracker.example/${id}` };
  }
  async getTicketState(ticket: Ticket) {
    return this.tickets.get(ticket.externalId)!.state;
  }
}

/** A backend module that adds one tracker to the postmortem backend. */
const trackerModule = (tracker: RemediationTracker) =>
  createBackendModule({
    pluginId: 'postmortem',
    moduleId: `${tracker.id}-tracker`,
    register(env) {
      env.registerInit({
        deps: { trackers: postmortemTrackersExtensionPoint },
        async init({ trackers }) {
          trackers.addTracker(tracker);
        },
      });
    },
  });

describe.each(databases.eachSupportedId())('tracker sync on %p', id => {
  it('files a ticket once despite failures and a timeout, then follows its state', async () => {
    const tracker = new FlakyTracker();
    const module = trackerModule(tracker);
    const { server, knex } = await startPostmortemBackend(
      databases,
      id,
      { postmortem: { trackers: { syncSeconds: 1 } } },
      // The real scheduler, so the sync job runs on its schedule.
      [module, schedulerServiceFactory],
    );
    const declared = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send({
        title: 'Tracker test',
        severity: 'SEV3',
        entityRefs: ['component:default/checkout-service'],
      })
      .expect(201);
    const base = `/api/postmortem/postmortems/${declared.body.postmortem.humanId}/remediation`;
    const item = await request(server)
      .post(base)
      .set(asUser(ALICE))
      .send({
        title: 'Alert on pool exhaustion',
        impact: 3,
        probability: 3,
        horizon: 'short',
        ownerRef: 'group:default/checkout-team',
      })
      .expect(201);

    // Failures show on the item while retries back off; speed them up.
    const failed = await waitFor(
      'the first failure to show',
      async () => {
        const items = (await request(server).get(base).set(asUser(ALICE))).body
          .items;
        return items[0].tracker?.state === 'failed' ? items[0] : undefined;
      },
      30_000,
    );
    expect(failed.tracker.lastError).toContain('503');
    expect(failed.tracker.lastError).not.toContain(TOKEN);
    expect(JSON.stringify(await knex('tracker_links'))).not.toContain(TOKEN);
    const synced = await waitFor(
      'the ticket',
      async () => {
        await knex('tracker_links')
          .update({ next_attempt_at: new Date(0) })
          .where({ state: 'failed' });
        const items = (await request(server).get(base).set(asUser(ALICE))).body
          .items;
        return items[0].tracker?.state === 'created' ? items[0] : undefined;
      },
      30_000,
    );
    expect(tracker.creates).toBe(1);
    expect(synced.trackerUrl).toBe('https://tracker.example/CHK-1');

    // The ticket closes: the item becomes done (not verified).
    tracker.tickets.get('CHK-1')!.state = 'closed';
    const done = await waitFor(
      'the item to follow the ticket',
      async () => {
        const items = (await request(server).get(base).set(asUser(ALICE))).body
          .items;
        return items[0].status === 'done' ? items[0] : undefined;
      },
      30_000,
    );
    expect(done.id).toBe(item.body.id);
    expect(tracker.creates).toBe(1);
  });

  it('waits until a rate-limited tracker says it may be asked again', async () => {
    const retryAt = new Date(Date.now() + 2 * 3_600_000);
    let calls = 0;
    const limited: RemediationTracker = {
      id: 'limited',
      appliesTo: owner => Boolean(owner.annotations['jira/project-key']),
      async findTicket() {
        calls++;
        throw new TrackerRateLimitedError('429 Too Many Requests', retryAt);
      },
      async createTicket() {
        throw new Error('not reached');
      },
      async getTicketState() {
        return 'open';
      },
    };
    const module = trackerModule(limited);
    const { server, knex } = await startPostmortemBackend(
      databases,
      id,
      { postmortem: { trackers: { syncSeconds: 1 } } },
      [module, schedulerServiceFactory],
    );
    const declared = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send({
        title: 'Rate limit test',
        severity: 'SEV3',
        entityRefs: ['component:default/checkout-service'],
      })
      .expect(201);
    await request(server)
      .post(
        `/api/postmortem/postmortems/${declared.body.postmortem.humanId}/remediation`,
      )
      .set(asUser(ALICE))
      .send({
        title: 'Cap retries',
        impact: 2,
        probability: 2,
        horizon: 'short',
        ownerRef: 'group:default/checkout-team',
      })
      .expect(201);
    const link = await waitFor(
      'the rate limit to show',
      async () =>
        (await knex('tracker_links').where({ state: 'failed' }).first()) ??
        undefined,
      30_000,
    );
    expect(new Date(link.next_attempt_at).getTime()).toBe(retryAt.getTime());
    expect(link.last_error).toContain('429');
    // Several ticks later it still has not been asked again.
    await new Promise(r => setTimeout(r, 3_000));
    expect(calls).toBe(1);
  });
});
