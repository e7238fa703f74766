import { InputError } from '@backstage/errors';
import {
  POSTMORTEM_STAGES,
  Postmortem,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { encodeCursor } from './cursor';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { LIST_ORDER_COLUMNS, ListOrderBy, stageRank } from './listOrder';
import { migrateDatabase } from './migrateDatabase';
import { NewIncident } from './PostmortemStore';

const databases = createTestDatabases();

const AUTHOR = { author: 'user:default/ada.okafor' };

/** Incidents whose columns tie, differ in case or give no impact start. */
const SEEDS: Array<{
  title: string;
  severity: NewIncident['severity'];
  impactStartedAt?: string;
  stage: PostmortemStage;
}> = [
  {
    title: 'Delta outage',
    severity: 'SEV2',
    impactStartedAt: '2026-11-03T10:00:00.000Z',
    stage: 'published',
  },
  {
    title: 'alpha outage',
    severity: 'SEV1',
    impactStartedAt: '2026-11-05T10:00:00.000Z',
    stage: 'draft',
  },
  {
    title: 'delta outage',
    severity: 'SEV3',
    impactStartedAt: '2026-11-03T10:00:00.000Z',
    stage: 'in_review',
  },
  { title: 'Charlie outage', severity: 'SEV2', stage: 'cause_analysis' },
  {
    title: 'Bravo outage',
    severity: 'SEV5',
    impactStartedAt: '2026-10-01T10:00:00.000Z',
    stage: 'draft',
  },
  { title: 'echo outage', severity: 'SEV2', stage: 'approved' },
  {
    title: 'Foxtrot outage',
    severity: 'SEV1',
    impactStartedAt: '2026-11-10T10:00:00.000Z',
    stage: 'investigation',
  },
];

const newIncident = (seed: (typeof SEEDS)[number]): NewIncident => ({
  title: seed.title,
  severity: seed.severity,
  status: 'declared',
  impactStartedAt: seed.impactStartedAt,
  entityRefs: ['component:default/checkout-service'],
  responders: [],
  links: [],
  source: 'manual',
  externalIds: {},
  labels: {},
  postmortem: {
    templateId: 'default',
    templateVersion: 1,
    roles: { technicalOwners: [], reviewers: [], contributors: [] },
    narrative: {},
    visibility: 'normal',
    deadlines: {},
    ownerRefs: ['group:default/checkout-team'],
  },
  author: AUTHOR.author,
});

type Seeded = Postmortem & { impactStartedAt?: string };

/** The value a postmortem sorts by; undefined sorts last. */
const key: Record<ListOrderBy, (p: Seeded) => string | number | undefined> = {
  impactStartedAt: p => p.impactStartedAt,
  updatedAt: p => p.updatedAt,
  humanId: p => p.humanId,
  title: p => p.title.toLocaleLowerCase('en-US'),
  severity: p => p.severity,
  stage: p => POSTMORTEM_STAGES.indexOf(p.stage),
};

/**
 * The order the API promises, worked out in JavaScript: equal values by
 * incident id in the same direction.
 */
function expected(
  all: Seeded[],
  orderBy: ListOrderBy,
  order: 'asc' | 'desc',
): string[] {
  return [...all]
    .sort((a, b) => {
      const [x, y] = [key[orderBy](a), key[orderBy](b)];
      if (x === undefined && y !== undefined) return 1;
      if (y === undefined && x !== undefined) return -1;
      const [u, v] =
        x !== undefined && y !== undefined && x !== y
          ? [x, y]
          : [a.incidentId, b.incidentId];
      const ascending = u < v ? -1 : 1;
      return order === 'asc' ? ascending : -ascending;
    })
    .map(p => p.id);
}

describe.each(databases.eachSupportedId())('list order on %p', id => {
  let store: KnexPostmortemStore;
  let seeded: Seeded[];

  beforeAll(async () => {
    const knex = await databases.init(id);
    await migrateDatabase({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    store = KnexPostmortemStore.create(knex);
    seeded = [];
    for (const seed of SEEDS) {
      const { postmortem } = await store.createIncident(newIncident(seed));
      const updated = await store.updatePostmortem(
        postmortem.id,
        { stage: seed.stage },
        AUTHOR,
      );
      // Without one given, impact starts at declaration: never empty
      // (migration 20261207200010 filled rows from before that rule).
      const incident = await store.getIncident(postmortem.incidentId);
      seeded.push({ ...updated, impactStartedAt: incident!.impactStartedAt });
    }
    // Two postmortems changed in the same instant tie on updatedAt.
    await knex('postmortems')
      .whereIn('id', [seeded[1].id, seeded[4].id])
      .update({ updated_at: new Date('2026-11-20T12:00:00.000Z') });
    for (const p of [seeded[1], seeded[4]]) {
      p.updatedAt = '2026-11-20T12:00:00.000Z';
    }
  });

  /** Every id of an order, read two at a time through the cursor. */
  async function pageThrough(orderBy?: ListOrderBy, order?: 'asc' | 'desc') {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listPostmortems({
        orderBy,
        order,
        cursor,
        limit: 2,
      });
      expect(page.totalCount).toBe(SEEDS.length);
      ids.push(...page.items.map(p => p.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    return ids;
  }

  it.each(
    LIST_ORDER_COLUMNS.flatMap(column =>
      (['asc', 'desc'] as const).map(order => [column, order] as const),
    ),
  )('sorts by %s %s across pages', async (orderBy, order) => {
    const want = expected(seeded, orderBy, order);
    const whole = await store.listPostmortems({ orderBy, order, limit: 200 });
    expect(whole.items.map(p => p.id)).toEqual(want);
    expect(await pageThrough(orderBy, order)).toEqual(want);
  });

  it('sorts newest impact first by default, and dates descending when only the column is given', async () => {
    const newest = expected(seeded, 'impactStartedAt', 'desc');
    expect(await pageThrough()).toEqual(newest);
    expect(await pageThrough('updatedAt')).toEqual(
      expected(seeded, 'updatedAt', 'desc'),
    );
    expect(await pageThrough('title')).toEqual(
      expected(seeded, 'title', 'asc'),
    );
    // Sorting and filters combine.
    const sev2 = await store.listPostmortems({
      severity: ['SEV2'],
      orderBy: 'title',
      order: 'desc',
    });
    expect(sev2.items.map(p => p.title)).toEqual([
      'echo outage',
      'Delta outage',
      'Charlie outage',
    ]);
  });

  it('refuses a cursor of another order and bad sort values', async () => {
    const first = await store.listPostmortems({ orderBy: 'title', limit: 2 });
    const cursor = first.nextCursor!;
    await expect(
      store.listPostmortems({ orderBy: 'severity', cursor, limit: 2 }),
    ).rejects.toThrow(
      'cursor belongs to orderBy=title&order=asc, not orderBy=severity&order=asc; ask for the first page again',
    );
    await expect(
      store.listPostmortems({ orderBy: 'title', order: 'desc', cursor }),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      store.listPostmortems({ orderBy: 'id; drop table incidents' }),
    ).rejects.toThrow(
      'orderBy must be one of impactStartedAt, updatedAt, humanId, title, severity, stage',
    );
    await expect(store.listPostmortems({ order: 'up' as any })).rejects.toThrow(
      'order must be asc or desc',
    );
    // A time cursor that carries text is no cursor of ours.
    await expect(
      store.listPostmortems({
        orderBy: 'stage',
        cursor: encodeCursor({ o: 'stage', d: 'asc', v: 'x', id: 'a' }),
      }),
    ).rejects.toThrow('cursor is not a cursor this API returned');
  });

  it('still reads cursors from before equal values were ordered by incident id', async () => {
    // Such a cursor holds the postmortem id of the page's last row.
    for (const [orderBy, order] of [
      ['updatedAt', 'asc'],
      ['severity', 'desc'],
    ] as const) {
      const want = expected(seeded, orderBy, order);
      const last = seeded.find(p => p.id === want[1])!;
      const value =
        orderBy === 'updatedAt' ? last.updatedAt : (last.severity as string);
      const cursor = encodeCursor({
        o: orderBy,
        d: order,
        v: value,
        id: last.id,
      });
      const page = await store.listPostmortems({
        orderBy,
        order,
        cursor,
        limit: 200,
      });
      expect(page.items.map(p => p.id)).toEqual(want.slice(2));
    }
  });

  it('sorts stages by the expression the stage index holds', () => {
    // The index of migration 20261207220000 serves the sort only while the
    // two expressions are the same.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const migration = require('../../migrations/20261207220000_list_order_indexes');
    expect(migration.STAGE_RANK).toBe(stageRank('stage'));
  });

  it('still reads cursors from before the list could be sorted', async () => {
    const newest = expected(seeded, 'impactStartedAt', 'desc');
    const second = seeded.find(p => p.id === newest[1])!;
    const legacy = Buffer.from(
      JSON.stringify({ t: second.impactStartedAt, id: second.id }),
      'utf8',
    ).toString('base64url');
    const page = await store.listPostmortems({ cursor: legacy, limit: 200 });
    expect(page.items.map(p => p.id)).toEqual(newest.slice(2));
  });
});
