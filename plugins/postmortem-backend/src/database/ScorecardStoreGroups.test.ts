import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { replaceEntities, replaceOwners } from './refRows';
import { SCORECARD_NO_SYSTEM } from '@postmortems/plugin-postmortem-common';
import { KnexScorecardStore, ScorecardQuery } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const A = 'group:default/checkout-team';
const B = 'group:default/sre-team';
const SHOP = 'system:default/shop';
const PAY = 'system:default/payments';
/** The catalog now: entity → system. */
const systemOf = new Map([
  ['component:default/cart', SHOP],
  ['component:default/web', SHOP],
  ['component:default/ledger', PAY],
]);

const range = {
  interval: 'quarter' as const,
  from: new Date('2026-10-01T00:00:00Z'),
  to: new Date('2027-01-01T00:00:00Z'),
};

let n = 0;
/** An incident with its postmortem, owners and entities, as the stores write them. */
async function incident(
  knex: Knex,
  opts: { start: string; owners: string[]; entities: string[]; ttd?: number },
) {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const pid = `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
  const start = new Date(opts.start);
  await knex.transaction(async tx => {
    await tx('incidents').insert({
      id,
      human_id: `INC-2026-${String(n).padStart(4, '0')}`,
      title: `Incident ${n}`,
      severity: 'SEV2',
      status: 'resolved',
      source: 'manual',
      impact_started_at: start,
      detected_at: new Date(start.getTime() + (opts.ttd ?? 1) * 60_000),
      created_at: start,
      updated_at: start,
    });
    await replaceEntities(tx, id, opts.entities, true);
    await tx('postmortems').insert({
      id: pid,
      incident_id: id,
      template_id: 'default',
      template_version: 1,
      stage: 'draft',
      roles: '{}',
      narrative: '{}',
      revision: 1,
      created_at: start,
      updated_at: start,
    });
    await replaceOwners(tx, pid, opts.owners, true);
  });
  return { id, pid };
}

const counts = async (store: KnexScorecardStore, query: ScorecardQuery) =>
  Object.fromEntries(
    (await store.compute(query)).map(r => [r.group, r.incidents]),
  );

describe.each(databases.eachSupportedId())('scorecard groups on %p', id => {
  it('groups by the catalog system of the affected entities, each incident once per system', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = new KnexScorecardStore(knex);
    // Two parts of shop and one of payments: once in each system.
    await incident(knex, {
      start: '2026-10-02T10:00:00Z',
      owners: [A],
      entities: [
        'component:default/cart',
        'component:default/web',
        'component:default/ledger',
      ],
      ttd: 2,
    });
    // The payments system itself, and a component of no system.
    await incident(knex, {
      start: '2026-10-05T10:00:00Z',
      owners: [B],
      entities: [PAY, 'component:default/orphan'],
      ttd: 4,
    });
    await incident(knex, {
      start: '2026-11-05T10:00:00Z',
      owners: [],
      entities: ['component:default/ledger'],
      ttd: 6,
    });
    // Outside the range.
    await incident(knex, {
      start: '2027-02-05T10:00:00Z',
      owners: [A],
      entities: ['component:default/cart'],
    });

    const rows = await store.compute({ ...range, groupBy: 'system', systemOf });
    expect(rows.map(r => [r.group, r.period, r.incidents])).toEqual([
      [SCORECARD_NO_SYSTEM, '2026-Q4', 1],
      [PAY, '2026-Q4', 3],
      [SHOP, '2026-Q4', 1],
    ]);
    // Shop's incident counts once, not once per affected part.
    expect(rows[2].timeToDetect).toEqual({
      count: 1,
      median: 120,
      p90: 120,
      mean: 120,
    });
    expect(rows[1].timeToDetect).toEqual({
      count: 3,
      median: 240,
      p90: 360,
      mean: 240,
    });
    expect(
      await store.durations(
        { ...range, groupBy: 'system', systemOf },
        'timeToDetect',
      ),
    ).toEqual([
      { group: SCORECARD_NO_SYSTEM, values: [240] },
      { group: PAY, values: [120, 240, 360] },
      { group: SHOP, values: [120] },
    ]);
    // Without a map every part is of no system; a system is still itself.
    expect(await counts(store, { ...range, groupBy: 'system' })).toEqual({
      [SCORECARD_NO_SYSTEM]: 3,
      [PAY]: 1,
    });
    // The other groupings read the same table.
    expect(await counts(store, { ...range, groupBy: 'owner' })).toEqual({
      [A]: 1,
      [B]: 1,
      unowned: 1,
    });
    expect(await counts(store, { ...range, groupBy: 'entity' })).toEqual({
      'component:default/cart': 1,
      'component:default/web': 1,
      'component:default/ledger': 2,
      'component:default/orphan': 1,
      [PAY]: 1,
    });
    // A filter by entity still narrows the system rows.
    expect(
      await counts(store, {
        ...range,
        groupBy: 'system',
        systemOf,
        entityRefs: ['component:default/cart'],
      }),
    ).toEqual({ [PAY]: 1, [SHOP]: 1 });
    await knex.destroy();
  });

  it('follows owner, entity, impact time and recurrence edits', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = new KnexScorecardStore(knex);
    const first = await incident(knex, {
      start: '2026-10-02T10:00:00Z',
      owners: [A],
      entities: ['component:default/cart'],
    });
    const second = await incident(knex, {
      start: '2026-10-09T10:00:00Z',
      owners: [],
      entities: ['component:default/ledger'],
    });
    expect(await counts(store, { ...range, groupBy: 'owner' })).toEqual({
      [A]: 1,
      unowned: 1,
    });

    // Owners change: the second gets two, the first loses its own.
    await knex.transaction(async tx => {
      await replaceOwners(tx, second.pid, [A, B]);
      await replaceOwners(tx, first.pid, []);
    });
    expect(await counts(store, { ...range, groupBy: 'owner' })).toEqual({
      [A]: 1,
      [B]: 1,
      unowned: 1,
    });

    // Entities change: the first moves from shop to payments.
    await knex.transaction(tx =>
      replaceEntities(tx, first.id, [
        'component:default/ledger',
        'component:default/web',
      ]),
    );
    expect(await counts(store, { ...range, groupBy: 'entity' })).toEqual({
      'component:default/ledger': 2,
      'component:default/web': 1,
    });
    expect(
      await counts(store, { ...range, groupBy: 'system', systemOf }),
    ).toEqual({ [PAY]: 2, [SHOP]: 1 });

    // Impact time moves the first out of the range, and back.
    await knex('incidents')
      .where({ id: first.id })
      .update({ impact_started_at: new Date('2026-09-30T23:00:00Z') });
    for (const groupBy of ['owner', 'entity', 'system', 'none'] as const) {
      const rows = await store.compute({ ...range, groupBy, systemOf });
      expect(rows.reduce((sum, r) => sum + r.incidents, 0)).toBe(
        groupBy === 'owner' ? 2 : 1,
      );
    }
    await knex('incidents')
      .where({ id: first.id })
      .update({ impact_started_at: new Date('2026-10-03T10:00:00Z') });
    expect(await counts(store, { ...range, groupBy: 'entity' })).toEqual({
      'component:default/ledger': 2,
      'component:default/web': 1,
    });

    // A recurrence link: the second repeats the first.
    const recurrence = async () =>
      (await store.compute({ ...range, groupBy: 'none' }))[0].recurrenceRate;
    expect(await recurrence()).toBe(0);
    await knex('incident_links').insert({
      incident_id: second.id,
      related_incident_id: first.id,
      reason: 'same alert',
      created_at: new Date(),
    });
    expect(await recurrence()).toBe(0.5);
    await knex('incident_links').where({ incident_id: second.id }).delete();
    expect(await recurrence()).toBe(0);

    // A deleted postmortem leaves no owner rows; a deleted incident none.
    await knex('postmortems').where({ id: second.pid }).delete();
    expect(await counts(store, { ...range, groupBy: 'owner' })).toEqual({
      unowned: 1,
    });
    await knex('incidents').where({ id: first.id }).delete();
    expect(
      await knex('scorecard_groups').whereIn('incident_id', [first.id]),
    ).toEqual([]);
    expect(
      await knex('scorecard_groups')
        .where({ incident_id: second.id })
        .pluck('dimension'),
    ).toEqual(['entity']);
    await knex.destroy();
  });
});
