import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexOutboxStore } from './KnexOutboxStore';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { KnexRecurrenceStore } from './KnexRecurrenceStore';

const databases = createTestDatabases();
const author = { author: 'user:default/ada.okafor' };
const checkout = 'component:default/checkout-service';

describe.each(databases.eachSupportedId())('KnexRecurrenceStore on %p', id => {
  async function setUp() {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const declare = (title: string, impactStartedAt: string, more = {}) =>
      store.createIncident(
        newIncident(title, {
          impactStartedAt,
          labels: { alertname: 'HighErrorRate' },
          ...more,
        }),
      );
    return {
      knex,
      store,
      recurrence: new KnexRecurrenceStore(knex),
      outbox: new KnexOutboxStore(knex),
      declare,
    };
  }

  it('reads fingerprints and the earlier incidents on a shared entity', async () => {
    const { store, recurrence, declare } = await setUp();
    const first = await declare('First', '2026-01-05T09:00:00.000Z');
    const elsewhere = await declare('Elsewhere', '2026-01-05T10:00:00.000Z', {
      entityRefs: ['component:default/search'],
    });
    const second = await declare('Second', '2026-01-06T09:00:00.000Z');
    for (const [status, entityRef] of [
      ['confirmed', checkout],
      ['refuted', 'component:default/database'],
      ['supported', undefined],
    ] as const) {
      await store.addSubRecord(
        'causes',
        first.postmortem.id,
        { type: 'direct', statement: 'Pool exhausted', status, entityRef },
        author,
      );
    }

    const fingerprints = await recurrence.fingerprintsOf([
      first.incident.id,
      second.incident.id,
    ]);
    expect(fingerprints.get(first.incident.id)).toEqual({
      entityRefs: [checkout],
      alertNames: ['HighErrorRate'],
      causeKeys: [`${checkout}/direct`],
    });
    expect(fingerprints.get(second.incident.id)!.causeKeys).toEqual([]);

    const earlier = await recurrence.earlierSharingEntities(
      second.incident.id,
      [checkout],
    );
    expect(earlier).toEqual({
      humanId: second.incident.humanId,
      candidates: [
        {
          id: first.incident.id,
          humanId: first.incident.humanId,
          impactStartedAt: new Date('2026-01-05T09:00:00.000Z'),
        },
      ],
    });
    expect(elsewhere.incident.id).not.toBe(earlier.candidates[0].id);
    expect(
      (await recurrence.earlierSharingEntities(first.incident.id, [checkout]))
        .candidates,
    ).toEqual([]);
  });

  it('links once, flags the earlier items, records the notice and reads links both ways', async () => {
    const { knex, store, recurrence, outbox, declare } = await setUp();
    const first = await declare('First', '2026-01-05T09:00:00.000Z', {
      postmortem: {
        ...newIncident('').postmortem,
        roles: {
          incidentCommander: 'user:default/ada.okafor',
          technicalOwners: [],
          reviewers: [],
          contributors: [],
        },
      },
    });
    const item = await store.addSubRecord(
      'remediation',
      first.postmortem.id,
      { title: 'Bigger pool', impact: 3, probability: 3, horizon: 'short' },
      author,
    );
    const second = await declare('Second', '2026-01-06T09:00:00.000Z');
    const earlier = {
      id: first.incident.id,
      humanId: first.incident.humanId,
      reason: 'same alert (HighErrorRate) on a shared entity',
    };
    const notification = jest.fn((_: unknown, recipients: string[]) => ({
      recipients,
      payload: { title: 'A repeat' },
    }));

    expect(
      await recurrence.link(second.incident.id, [earlier], notification),
    ).toEqual([earlier]);
    // A second run (another replica) links nothing new.
    expect(
      await recurrence.link(second.incident.id, [earlier], notification),
    ).toEqual([]);
    expect(await recurrence.link(second.incident.id, [], notification)).toEqual(
      [],
    );
    expect(notification).toHaveBeenCalledTimes(1);
    expect(notification).toHaveBeenCalledWith(earlier, [
      'group:default/checkout-team',
      'user:default/ada.okafor',
    ]);

    const [flagged] = await store.listSubRecords(
      'remediation',
      first.postmortem.id,
    );
    expect(flagged).toMatchObject({
      id: item.id,
      recurrenceIncidentId: second.incident.id,
    });
    const key = `recurrence:${second.incident.id}:${first.incident.id}`;
    expect(await store.listReminders(first.postmortem.id)).toEqual([
      expect.objectContaining({ key, kind: 'recurrence' }),
    ]);
    expect(await outbox.listPending(10, 20)).toEqual([key]);
    expect(await knex('incident_links')).toHaveLength(1);

    expect(await recurrence.related(second.incident.id)).toEqual([
      {
        incidentId: first.incident.id,
        humanId: first.incident.humanId,
        title: 'First',
        reason: earlier.reason,
        direction: 'recurrence_of',
      },
    ]);
    expect(await recurrence.related(first.incident.id)).toEqual([
      {
        incidentId: second.incident.id,
        humanId: second.incident.humanId,
        title: 'Second',
        reason: earlier.reason,
        direction: 'recurred_in',
      },
    ]);
  });
});
