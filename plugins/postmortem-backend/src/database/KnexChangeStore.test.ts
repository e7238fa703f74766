import { createTestDatabases } from '../__testUtils__/databases';
import { createTestStore } from '../__testUtils__/storeTest';

const databases = createTestDatabases();

const change = (eventId: string, entityRef: string, occurredAt: string) => ({
  source: 'github-actions',
  eventId,
  entityRef,
  kind: 'deployment' as const,
  version: 'v1.2.3',
  occurredAt,
});

describe.each(databases.eachSupportedId())('KnexChangeStore on %p', id => {
  it('records a change once and lists those of entities in a window', async () => {
    const { store } = await createTestStore(databases, id);
    const checkout = 'component:default/checkout-service';
    expect(
      await store.recordChange(
        change('run-1', checkout, '2026-01-05T09:00:00.000Z'),
      ),
    ).toBe(true);
    // The same event again (a redelivery), also at the same time: stored once.
    expect(
      await Promise.all([
        store.recordChange(
          change('run-1', checkout, '2026-01-05T09:00:00.000Z'),
        ),
        store.recordChange(
          change('run-1', checkout, '2026-01-05T09:00:00.000Z'),
        ),
      ]),
    ).toEqual([false, false]);
    await store.recordChange(
      change('run-2', checkout, '2026-01-05T11:00:00.000Z'),
    );
    await store.recordChange(
      change('run-3', 'component:default/search', '2026-01-05T09:30:00.000Z'),
    );

    const listed = await store.listChanges(
      [checkout],
      new Date('2026-01-05T08:00:00.000Z'),
      new Date('2026-01-05T10:00:00.000Z'),
    );
    expect(listed).toEqual([
      {
        id: expect.any(String),
        source: 'github-actions',
        eventId: 'run-1',
        entityRef: checkout,
        kind: 'deployment',
        version: 'v1.2.3',
        description: undefined,
        author: undefined,
        link: undefined,
        rollbackRef: undefined,
        occurredAt: '2026-01-05T09:00:00.000Z',
      },
    ]);
    expect(await store.listChanges([], new Date(0), new Date())).toEqual([]);
  });
});
