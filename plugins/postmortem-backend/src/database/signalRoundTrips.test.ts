import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { migrateDatabase } from './migrateDatabase';
import type { SignalInput } from './PostmortemStore';

const databases = createTestDatabases();

/** A firing alert of its own Alertmanager group. */
const alert = (n: number): SignalInput => ({
  source: 'alertmanager',
  signal: {
    dedupKey: `storm-${n}@2026-11-02T10:00:00Z`,
    groupKey: `{}:{alertname="Storm", n="${n}"}`,
    eventId: `storm-${n}:firing`,
    occurredAt: '2026-11-02T10:00:00.000Z',
    impactStartedAt: '2026-11-02T10:00:00.000Z',
    status: 'investigating',
    severity: 'SEV2',
    title: `Storm ${n}`,
  },
  entityRefs: ['component:default/checkout-service'],
  newIncident: () =>
    newIncident(`Storm ${n}`, {
      source: 'alertmanager',
      status: 'investigating',
      impactStartedAt: '2026-11-02T10:00:00.000Z',
      groupKey: `{}:{alertname="Storm", n="${n}"}`,
      dedupKey: `{}:{alertname="Storm", n="${n}"}@2026-11-02T10:00:00.000Z`,
      author: 'alertmanager',
    }),
  placeholderTitle: 'Incident from alertmanager',
  timelineKind: 'alert',
  timelineText: `Investigating: Storm ${n}`,
});

/**
 * An alert storm's cost in round trips (issue 17): a new incident is
 * written without reading back what it has just written or deleting link
 * rows it never had, and a repeated delivery is answered from one read,
 * without a transaction or the intake lock.
 */
describe.each(databases.eachSupportedId())('signal round trips on %p', id => {
  it('opens an incident in few statements and answers a repeat from one read', async () => {
    const knex = await databases.init(id);
    await migrateDatabase({ getClient: async () => knex });
    const store = KnexPostmortemStore.create(knex);
    // The year's counter row exists after the first.
    await store.applyDelivery([alert(0)]);

    const statementsOf = async (input: SignalInput) => {
      const sent: string[] = [];
      const record = (q: { sql: string }) => sent.push(q.sql);
      knex.on('query', record);
      try {
        return { outcomes: await store.applyDelivery([input]), sent };
      } finally {
        knex.removeListener('query', record);
      }
    };

    const created = await statementsOf(alert(1));
    expect(created.outcomes[0]).toMatchObject({ outcome: 'created' });
    expect(created.sent.filter(sql => /^delete/i.test(sql))).toEqual([]);
    // 29 before; BEGIN and COMMIT are not counted on every engine.
    expect(
      created.sent.filter(sql => !/^(begin|commit)/i.test(sql)).length,
    ).toBeLessThanOrEqual(18);
    const incident = await store.getIncident(created.outcomes[0].incidentId!);
    expect(incident).toMatchObject({
      title: 'Storm 1',
      impactStartedAt: '2026-11-02T10:00:00.000Z',
      entityRefs: ['component:default/checkout-service'],
    });
    expect(incident!.humanId).toMatch(/^INC-\d{4}-0002$/);

    const repeat = await statementsOf(alert(1));
    expect(repeat.outcomes).toEqual([
      { outcome: 'duplicate', incidentId: created.outcomes[0].incidentId },
    ]);
    expect(repeat.sent).toEqual([
      expect.stringMatching(/^select .* from .incident_deliveries. where/i),
    ]);
  });
});
