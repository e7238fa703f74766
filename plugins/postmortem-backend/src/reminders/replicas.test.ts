import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { waitFor } from '@postmortems/plugin-postmortem-node/testUtils';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const IC = 'user:default/ada.okafor';

/** What both replicas hand to the notifications service, in one list. */
const sent: Array<{ replica: string; scope?: string; recipients: string[] }> =
  [];
const recordingNotifications = (replica: string) =>
  createServiceFactory({
    service: notificationService,
    deps: {},
    factory: (): NotificationService => ({
      async send(options) {
        // Slow, so that runs on the two replicas would overlap if both ran.
        await new Promise(r => setTimeout(r, 50));
        sent.push({
          replica,
          scope: options.payload.scope,
          recipients: (options.recipients as { entityRef: string[] }).entityRef,
        });
      },
    }),
  });

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

// Two backend processes on one PostgreSQL, as replicas in production; SQLite
// is a single-process database, so it has no replicas to test.
const engines = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(engines)('reminders from two backend replicas on %p', id => {
  it('sends each reminder exactly once', async () => {
    const config = {
      postmortem: {
        // Every second on each replica; the scheduler's global lock and the
        // reminder records must still let each reminder out once.
        reminders: { frequencySeconds: 1 },
        draft: { pollSeconds: 3600 },
      },
    };
    const a = await startPostmortemBackend(databases, id, config, [
      schedulerServiceFactory,
      recordingNotifications('a'),
    ]);
    const b = await startPostmortemBackend(
      databases,
      id,
      config,
      [schedulerServiceFactory, recordingNotifications('b')],
      a.databases,
    );

    // Resolved two weeks ago: every stage deadline has passed twice, the
    // remediation item is overdue, the contributor never contributed.
    const declared = await request(a.server)
      .post('/api/postmortem/incidents')
      .set(asUser(IC))
      .send({
        title: 'Replica reminder test',
        severity: 'SEV1',
        status: 'resolved',
        entityRefs: ['component:default/checkout-service'],
        impactStartedAt: daysAgo(14),
        resolvedAt: daysAgo(13.9),
        roles: {
          technicalOwners: ['user:default/liam.chen'],
          contributors: ['user:default/priya.raman'],
        },
      })
      .expect(201);
    const { humanId, id: postmortemId } = declared.body.postmortem;
    await request(b.server)
      .post(`/api/postmortem/postmortems/${humanId}/remediation`)
      .set(asUser(IC))
      .send({
        title: 'Alert on pool exhaustion',
        impact: 4,
        probability: 3,
        horizon: 'short',
        ownerRef: 'group:default/checkout-team',
        dueDate: daysAgo(7).slice(0, 10),
        acceptanceCriteria: 'Fires within a minute of exhaustion',
      })
      .expect(201);

    // This file has its own databases: everything sent is about this case.
    await waitFor(
      'deadline and remediation reminders with escalations',
      async () => {
        const scopes = sent.map(s => s.scope ?? '');
        const want = [
          `deadline:${postmortemId}:draft:escalated`,
          `deadline:${postmortemId}:in_review:escalated`,
        ];
        return want.every(w => scopes.includes(w)) &&
          scopes.some(s => /^item:.*:escalated$/.test(s))
          ? scopes
          : undefined;
      },
      60_000,
    );
    // Both replicas tick a few more times: a duplicate would show now.
    // (Reminders that fall due later, like the item's, may still arrive.)
    await new Promise(r => setTimeout(r, 5_000));
    const keys = sent.map(s => s.scope);
    expect(new Set(keys).size).toBe(keys.length);
    // Every reminder sent is recorded, once.
    const recorded = await waitFor(
      'every reminder sent to be recorded',
      async () => {
        const rows = await a.knex('reminders').select('reminder_key');
        return rows.length === sent.length
          ? rows.map(r => r.reminder_key).sort()
          : undefined;
      },
      10_000,
    );
    expect(recorded).toEqual(sent.map(s => s.scope).sort());
  });
});
