import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { ADA, createTestStore } from '../__testUtils__/storeTest';
import { RevisionConflictError } from './KnexRevisionStore';

const databases = createTestDatabases();
const year = new Date().getUTCFullYear();

describe.each(databases.eachSupportedId())('KnexIncidentStore on %p', id => {
  it('declares an incident with its postmortem, numbered, and reads it by either id', async () => {
    const { store } = await createTestStore(databases, id);
    const { incident, postmortem } = await store.createIncident(
      newIncident('Checkout errors', {
        detectedAt: '2026-01-05T09:00:00.000Z',
        entityRefs: ['Component:default/Checkout-Service'],
        externalIds: { pagerduty: 'P123' },
      }),
    );
    expect(incident).toMatchObject({
      humanId: `INC-${year}-0001`,
      title: 'Checkout errors',
      severity: 'SEV3',
      status: 'declared',
      // Impact start defaults to detection.
      impactStartedAt: '2026-01-05T09:00:00.000Z',
      detectedAt: '2026-01-05T09:00:00.000Z',
      entityRefs: ['component:default/checkout-service'],
      externalIds: { pagerduty: 'P123' },
      source: 'manual',
    });
    expect(postmortem).toMatchObject({
      incidentId: incident.id,
      humanId: incident.humanId,
      stage: 'draft',
      revision: 1,
      ownerRefs: ['group:default/checkout-team'],
    });
    expect(await store.getIncident(incident.id)).toEqual(incident);
    expect(
      await store.getIncident(incident.humanId.toLocaleLowerCase('en-US')),
    ).toEqual(incident);
    expect(await store.getIncident('INC-1999-0001')).toBeUndefined();
    expect((await store.listHistory(postmortem.id)).map(h => h.action)).toEqual(
      ['created'],
    );

    const next = await store.createIncident(newIncident('Second'));
    expect(next.incident.humanId).toBe(`INC-${year}-0002`);
  });

  it('numbers concurrent declarations without gaps or repeats, past four digits, and records who created each', async () => {
    const { knex, store } = await createTestStore(databases, id);
    await knex('human_id_counters').insert({ year, last_value: 9996 });
    const declared = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(n =>
        store.createIncident(
          newIncident(`Storm ${n}`, { source: 'pagerduty' }),
        ),
      ),
    );
    expect(declared.map(d => d.incident.humanId).sort()).toEqual([
      `INC-${year}-10000`,
      `INC-${year}-10001`,
      `INC-${year}-10002`,
      `INC-${year}-9997`,
      `INC-${year}-9998`,
      `INC-${year}-9999`,
    ]);
    for (const { incident, postmortem } of declared) {
      expect(await store.listHistory(postmortem.id)).toEqual([
        expect.objectContaining({
          action: 'created',
          actor: ADA.author,
          details: { source: 'pagerduty', humanId: incident.humanId },
        }),
      ]);
    }
  });

  it('updates an incident as a revision of its postmortem', async () => {
    const { store } = await createTestStore(databases, id);
    const { incident, postmortem } = await store.createIncident(
      newIncident('Checkout errors'),
    );
    const updated = await store.updateIncident(
      incident.id,
      {
        title: 'Checkout errors on EU',
        status: 'resolved',
        resolvedAt: '2026-01-05T10:00:00.000Z',
        entityRefs: [
          'component:default/payments',
          'component:default/payments',
        ],
        ownerRefs: ['group:default/payments-team'],
      },
      { ...ADA, expectedRevision: 1 },
    );
    expect(updated).toMatchObject({
      title: 'Checkout errors on EU',
      status: 'resolved',
      resolvedAt: '2026-01-05T10:00:00.000Z',
      entityRefs: ['component:default/payments'],
    });
    const after = (await store.getPostmortem(postmortem.id))!;
    expect(after.revision).toBe(2);
    expect(after.ownerRefs).toEqual(['group:default/payments-team']);
    expect((await store.listRevisions(postmortem.id))[0].changed).toEqual([
      'incident',
    ]);
    await expect(
      store.updateIncident(
        incident.id,
        { title: 'Stale' },
        {
          ...ADA,
          expectedRevision: 1,
        },
      ),
    ).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(
      store.updateIncident('00000000-0000-4000-8000-000000000000', {}, ADA),
    ).rejects.toThrow(/No incident/);
  });

  it('lists incidents with the list filters', async () => {
    const { store } = await createTestStore(databases, id);
    for (const [title, severity, impactStartedAt] of [
      ['Oldest', 'SEV1', '2026-01-01T00:00:00.000Z'],
      ['Middle', 'SEV2', '2026-01-02T00:00:00.000Z'],
      ['Newest', 'SEV2', '2026-01-03T00:00:00.000Z'],
    ] as const) {
      await store.createIncident(
        newIncident(title, { severity, impactStartedAt }),
      );
    }
    const all = await store.listIncidents({});
    expect(all.items.map(i => i.title)).toEqual(['Newest', 'Middle', 'Oldest']);
    expect(all.totalCount).toBe(3);
    expect(all.items[0].entityRefs).toEqual([
      'component:default/checkout-service',
    ]);

    const sev2 = await store.listIncidents({ severity: ['SEV2'], limit: 1 });
    expect(sev2.items.map(i => i.title)).toEqual(['Newest']);
    expect(sev2.totalCount).toBe(2);
    const rest = await store.listIncidents({
      severity: ['SEV2'],
      limit: 1,
      cursor: sev2.nextCursor,
    });
    expect(rest.items.map(i => i.title)).toEqual(['Middle']);
    expect(rest.nextCursor).toBeUndefined();
    expect(
      (await store.listIncidents({ text: 'midd' })).items.map(i => i.title),
    ).toEqual(['Middle']);
  });
});
