import type { IncidentSignal } from '@postmortems/plugin-postmortem-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { createTestStore } from '../__testUtils__/storeTest';
import type { SignalInput } from './PostmortemStore';

const databases = createTestDatabases();

const input = (signal: IncidentSignal): SignalInput => ({
  source: 'alertmanager',
  signal,
  entityRefs: ['component:default/checkout-service'],
  newIncident: () =>
    newIncident(signal.title ?? 'Alert', {
      source: 'alertmanager',
      dedupKey: signal.dedupKey,
      groupKey: signal.groupKey,
      status: signal.status ?? 'declared',
      impactStartedAt: signal.impactStartedAt,
    }),
  placeholderTitle: 'Alert',
  timelineKind: 'alert',
  timelineText: signal.text ?? `Event ${signal.eventId}`,
});

describe.each(databases.eachSupportedId())('KnexSignalStore on %p', id => {
  it('opens an incident once per key, merges later signals and ignores repeats', async () => {
    const { store } = await createTestStore(databases, id);
    const first = await store.applySignal(
      input({
        dedupKey: 'fp-1',
        eventId: 'e1',
        occurredAt: '2026-01-05T09:00:00.000Z',
        impactStartedAt: '2026-01-05T09:00:00.000Z',
        title: 'High error rate',
        status: 'declared',
      }),
    );
    expect(first).toMatchObject({ outcome: 'created' });
    expect(first.humanId).toMatch(/^INC-\d{4}-0001$/);

    const later = await store.applySignal(
      input({
        dedupKey: 'fp-1',
        eventId: 'e2',
        occurredAt: '2026-01-05T09:30:00.000Z',
        status: 'resolved',
        resolvedAt: '2026-01-05T09:30:00.000Z',
      }),
    );
    expect(later).toEqual({ ...first, outcome: 'updated' });
    expect(
      await store.applySignal(
        input({
          dedupKey: 'fp-1',
          eventId: 'e2',
          occurredAt: '2026-01-05T09:30:00.000Z',
        }),
      ),
    ).toEqual({ outcome: 'duplicate', incidentId: first.incidentId });

    const incident = (await store.getIncident(first.incidentId!))!;
    expect(incident).toMatchObject({
      title: 'High error rate',
      status: 'resolved',
      resolvedAt: '2026-01-05T09:30:00.000Z',
    });
    const timeline = await store.listSubRecords(
      'timeline',
      first.postmortemId!,
    );
    expect(timeline.map(e => e.text)).toEqual(['Event e1', 'Event e2']);
    expect((await store.getPostmortem(first.postmortemId!))!.revision).toBe(2);
  });

  it('applies a delivery whole: an alert group is one incident until all its alerts resolve', async () => {
    const { store } = await createTestStore(databases, id);
    const alert = (
      dedupKey: string,
      eventId: string,
      more: Partial<IncidentSignal> = {},
    ) =>
      input({
        dedupKey,
        groupKey: 'group-1',
        eventId,
        occurredAt: '2026-01-05T09:00:00.000Z',
        impactStartedAt: '2026-01-05T09:00:00.000Z',
        title: 'Checkout alerts',
        status: 'declared',
        severity: 'SEV3',
        ...more,
      });
    expect(await store.applyDelivery([])).toEqual([]);
    const outcomes = await store.applyDelivery([
      alert('a', 'e1'),
      alert('b', 'e2', {
        impactStartedAt: '2026-01-05T08:55:00.000Z',
        severity: 'SEV2',
      }),
    ]);
    expect(outcomes.map(o => o.outcome)).toEqual(['created', 'updated']);
    expect(new Set(outcomes.map(o => o.incidentId)).size).toBe(1);
    const incidentId = outcomes[0].incidentId!;
    expect(await store.getIncident(incidentId)).toMatchObject({
      severity: 'SEV2',
      impactStartedAt: '2026-01-05T08:55:00.000Z',
    });
    expect(outcomes[0].humanId).toMatch(/^INC-/);

    await store.applyDelivery([
      alert('a', 'e3', {
        status: 'resolved',
        resolvedAt: '2026-01-05T09:10:00.000Z',
      }),
    ]);
    expect((await store.getIncident(incidentId))!.status).not.toBe('resolved');
    await store.applyDelivery([
      alert('b', 'e4', {
        status: 'resolved',
        resolvedAt: '2026-01-05T09:20:00.000Z',
      }),
    ]);
    expect(await store.getIncident(incidentId)).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-01-05T09:20:00.000Z',
    });
    expect((await store.listIncidents({})).totalCount).toBe(1);

    // A delivery fails whole: nothing of it is kept.
    const failing = alert('c', 'e5');
    failing.newIncident = () => {
      throw new Error('cannot build');
    };
    await expect(
      store.applyDelivery([
        input({
          dedupKey: 'other',
          eventId: 'e6',
          occurredAt: '2026-01-05T10:00:00.000Z',
        }),
        { ...failing, signal: { ...failing.signal, groupKey: 'group-2' } },
      ]),
    ).rejects.toThrow(/cannot build/);
    expect((await store.listIncidents({})).totalCount).toBe(1);
  });
});
