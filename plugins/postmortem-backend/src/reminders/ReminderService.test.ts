import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexOutboxStore } from '../database/KnexOutboxStore';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { DEFAULT_DEADLINE_POLICY } from '../workflow/deadlines';
import { ReminderService } from './ReminderService';
import { NotificationOutbox } from '../outbox/NotificationOutbox';

const databases = createTestDatabases();

/**
 * Records what would reach the notifications backend. Like the real one,
 * which fetches this plugin's JWKS, it needs a database connection while
 * it sends: on SQLite's single connection, a send from inside a
 * transaction would wait for the pool timeout.
 */
class RecordingNotifications implements NotificationService {
  sent: Array<{ recipients: string[]; title: string; scope?: string }> = [];
  constructor(private readonly knex: Knex) {}
  async send(options: Parameters<NotificationService['send']>[0]) {
    const started = Date.now();
    await this.knex.raw('select 1');
    if (Date.now() - started > 1000) {
      throw new Error('send waited for a database connection');
    }
    // Slow enough that two replicas overlap.
    await new Promise(r => setTimeout(r, 20));
    this.sent.push({
      recipients: (options.recipients as { entityRef: string[] }).entityRef,
      title: options.payload.title,
      scope: options.payload.scope,
    });
  }
}

const IC = 'user:default/ada.okafor';

/** Midnight UTC of the first Monday after now. */
function nextMonday(): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() !== 1);
  return d;
}
const at = (base: Date, days: number, hours: number) =>
  new Date(
    base.getTime() + days * 86_400_000 + hours * 3_600_000,
  ).toISOString();

describe.each(databases.eachSupportedId())('reminders on %p', id => {
  it('sends each reminder exactly once from two replicas, as the clock moves', async () => {
    // Times relative to a coming Monday, so business days are predictable
    // and the postmortem (created now) is older than the contributor window.
    const monday = nextMonday();
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const declared = newIncident('Checkout outage');
    const { postmortem } = await store.createIncident({
      ...declared,
      severity: 'SEV1',
      status: 'resolved',
      impactStartedAt: at(monday, 0, 9),
      resolvedAt: at(monday, 0, 10),
      postmortem: {
        ...declared.postmortem,
        roles: {
          incidentCommander: IC,
          technicalOwners: ['user:default/liam.chen'],
          reviewers: [],
          contributors: ['user:default/priya.raman'],
        },
        ownerRefs: [],
      },
      author: IC,
    });
    await store.addSubRecord(
      'remediation',
      postmortem.id,
      {
        title: 'Alert on pool exhaustion',
        impact: 4,
        probability: 3,
        horizon: 'short',
        ownerRef: 'group:default/checkout-team',
        dueDate: at(monday, 1, 0).slice(0, 10), // Tuesday
        acceptanceCriteria: 'Fires within 1 minute',
      },
      { author: IC },
    );

    const notifications = new RecordingNotifications(knex);
    let now = new Date(at(monday, 0, 12));
    const replica = () =>
      new ReminderService(
        store,
        new NotificationOutbox(
          new KnexOutboxStore(knex),
          notifications,
          mockServices.logger.mock(),
        ),
        DEFAULT_DEADLINE_POLICY,
        {
          approachingHours: 24,
          contributorWindowHours: 48,
          escalationHours: 24,
          reevaluationDays: 30,
        },
        mockServices.logger.mock(),
        () => now,
      );
    const [a, b] = [replica(), replica()];
    const tick = async (time: string) => {
      now = new Date(time);
      await Promise.all([a.run(), b.run(), a.run(), b.run()]);
    };

    // Monday noon: the draft deadline (1 business day) approaches.
    await tick(at(monday, 0, 12));
    expect(notifications.sent.map(n => n.scope)).toContain(
      `deadline:${postmortem.id}:draft:approaching`,
    );
    // Tuesday: the draft deadline passed; the item due tonight approaches.
    await tick(at(monday, 1, 11));
    // Thursday: the draft deadline missed twice (escalates), the review
    // deadline (3 business days) passed, the item is overdue and escalates.
    await tick(at(monday, 3, 11));
    // Friday: the review deadline missed twice.
    await tick(at(monday, 4, 11));
    await tick(at(monday, 4, 12)); // nothing new

    // The item is fixed and verified; 30 days later the commander is asked
    // whether the outcome held, once.
    const [item] = await store.listSubRecords('remediation', postmortem.id);
    await store.updateSubRecord(
      'remediation',
      postmortem.id,
      item.id,
      { status: 'verified' },
      { author: IC },
    );
    await tick(at(monday, 5, 0));
    expect(
      notifications.sent.some(n => n.scope === `reevaluation:${postmortem.id}`),
    ).toBe(false);
    await tick(new Date(Date.now() + 31 * 86_400_000).toISOString());
    await tick(new Date(Date.now() + 32 * 86_400_000).toISOString());
    const reevaluations = notifications.sent.filter(
      n => n.scope === `reevaluation:${postmortem.id}`,
    );
    expect(reevaluations).toEqual([
      expect.objectContaining({ recipients: [IC] }),
    ]);

    const scopes = notifications.sent.map(n => n.scope!);
    expect(new Set(scopes).size).toBe(scopes.length);
    const kinds = (await store.listReminders(postmortem.id)).map(r => r.kind);
    expect(kinds.sort()).toEqual(
      [
        'contributor.asked',
        'deadline.approaching',
        'deadline.passed',
        'deadline.escalated',
        'deadline.passed',
        'deadline.escalated',
        'remediation.due',
        'remediation.overdue',
        'remediation.escalated',
        // A month on, the publication deadline has passed and escalated too.
        'deadline.passed',
        'deadline.escalated',
        'reevaluation',
      ].sort(),
    );
    expect(notifications.sent).toHaveLength(kinds.length);
    expect(
      notifications.sent.find(
        n => n.scope?.endsWith(':escalated') && n.scope.startsWith('item:'),
      )?.recipients,
    ).toEqual([IC]);
    expect(
      notifications.sent.find(n => n.scope?.startsWith('contributor:'))
        ?.recipients,
    ).toEqual(['user:default/priya.raman']);
  });
});
