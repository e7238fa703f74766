import { randomUUID } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateDatabase } from './migrateDatabase';
import { KnexScorecardStore } from './ScorecardStore';

const databases = createTestDatabases();

const minutes = (m: number) => m * 60_000;

describe.each(databases.eachSupportedId())('scorecards on %p', id => {
  it('computes every metric on a hand-checked data set', async () => {
    const knex = await databases.init(id);
    await migrateDatabase({
      getClient: async () => knex,
      migrations: { skip: false },
    });

    let n = 0;
    async function incident(opts: {
      start: string;
      severity: string;
      ttd?: number;
      tta?: number;
      ttr?: number;
      publishedAfter?: number;
      onTime?: boolean;
      owner: string;
      items?: Array<{ cycleDays?: number; due?: string; status: string }>;
    }) {
      const start = new Date(opts.start);
      const at = (m?: number) =>
        m === undefined ? null : new Date(start.getTime() + minutes(m));
      const iid = randomUUID();
      const pid = randomUUID();
      n++;
      await knex('incidents').insert({
        id: iid,
        human_id: `INC-2026-${String(n).padStart(4, '0')}`,
        title: `Incident ${n}`,
        severity: opts.severity,
        status: opts.ttr === undefined ? 'investigating' : 'resolved',
        impact_started_at: start,
        detected_at: at(opts.ttd),
        acknowledged_at: at(opts.tta),
        resolved_at: at(opts.ttr),
        source: 'manual',
        created_at: start,
        updated_at: start,
      });
      await knex('postmortems').insert({
        id: pid,
        incident_id: iid,
        template_id: 'default',
        template_version: 1,
        stage: opts.publishedAfter === undefined ? 'draft' : 'published',
        roles: '{}',
        narrative: '{}',
        revision: 1,
        published_at:
          opts.publishedAfter === undefined || opts.ttr === undefined
            ? null
            : at(opts.ttr + opts.publishedAfter),
        published_on_time: opts.onTime ?? null,
        created_at: start,
        updated_at: start,
      });
      await knex('postmortem_owners').insert({
        postmortem_id: pid,
        owner_ref: opts.owner,
      });
      for (const item of opts.items ?? []) {
        await knex('remediation_items').insert({
          id: randomUUID(),
          postmortem_id: pid,
          title: 'item',
          impact: 1,
          probability: 1,
          priority: 1,
          horizon: 'short',
          status: item.status,
          due_date: item.due ?? null,
          created_at: start,
          updated_at: start,
          verified_at:
            item.cycleDays === undefined
              ? null
              : new Date(start.getTime() + item.cycleDays * 86_400_000),
        });
      }
    }

    const A = 'group:default/checkout-team';
    const B = 'group:default/sre-team';
    // October: four SEV1 incidents of team A, detected after 1, 2, 5 and 10 minutes.
    await incident({
      start: '2026-10-02T10:00:00Z',
      severity: 'SEV1',
      ttd: 1,
      tta: 3,
      ttr: 30,
      publishedAfter: 60 * 24,
      onTime: true,
      owner: A,
      items: [{ cycleDays: 10, status: 'verified' }],
    });
    await incident({
      start: '2026-10-09T10:00:00Z',
      severity: 'SEV1',
      ttd: 2,
      tta: 4,
      ttr: 60,
      publishedAfter: 60 * 48,
      onTime: true,
      owner: A,
      items: [{ cycleDays: 20, status: 'verified' }],
    });
    await incident({
      start: '2026-10-16T10:00:00Z',
      severity: 'SEV1',
      ttd: 5,
      ttr: 90,
      publishedAfter: 60 * 240,
      onTime: false,
      owner: A,
      items: [{ status: 'open', due: '2026-10-20' }],
    });
    await incident({
      start: '2026-10-23T10:00:00Z',
      severity: 'SEV1',
      ttd: 10,
      ttr: 120,
      owner: A,
      items: [{ status: 'open', due: '2999-01-01' }],
    });
    // October: team B, missing detection time, still open.
    await incident({
      start: '2026-10-20T10:00:00Z',
      severity: 'SEV3',
      owner: B,
    });
    // December: one incident of team A. November is empty.
    await incident({
      start: '2026-12-01T10:00:00Z',
      severity: 'SEV2',
      ttd: 3,
      ttr: 45,
      owner: A,
    });

    // The second October incident repeated the first.
    const [first, second] = await knex('incidents')
      .whereIn('human_id', ['INC-2026-0001', 'INC-2026-0002'])
      .orderBy('human_id')
      .pluck('id');
    await knex('incident_links').insert({
      incident_id: second,
      related_incident_id: first,
      reason: 'same alert',
      created_at: new Date(),
    });

    const store = new KnexScorecardStore(knex);
    const rows = await store.compute({
      groupBy: 'owner',
      interval: 'month',
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });

    expect(rows.map(r => [r.group, r.period, r.incidents])).toEqual([
      [A, '2026-10', 4],
      [A, '2026-12', 1],
      [B, '2026-10', 1],
    ]);
    const octA = rows[0];
    // Nearest rank of [60, 120, 300, 600] s: median 120 s, p90 600 s, mean 270 s.
    expect(octA.timeToDetect).toEqual({
      count: 4,
      median: 120,
      p90: 600,
      mean: 270,
    });
    // Acknowledged 3 and 4 minutes after impact start, detected after 1
    // and 2: time to acknowledge counts from detection, 2 minutes each.
    expect(octA.timeToAcknowledge).toEqual({
      count: 2,
      median: 120,
      p90: 120,
      mean: 120,
    });
    expect(octA.timeToRestore).toEqual({
      count: 4,
      median: 3600,
      p90: 7200,
      mean: 4500,
    });
    // Published 1, 2 and 10 days after resolution.
    expect(octA.postmortemLeadTime).toEqual({
      count: 3,
      median: 172800,
      p90: 864000,
      mean: 374400,
    });
    expect(octA.remediationCycleTime).toEqual({
      count: 2,
      median: 864000,
      p90: 1728000,
      mean: 1296000,
    });
    expect(octA.publishedOnTimeShare).toBeCloseTo(2 / 3, 6);
    expect(octA.overdueItems).toBe(1);
    expect(octA.recurrenceRate).toBe(0.25);

    const octB = rows[2];
    expect(octB.timeToDetect).toEqual({
      count: 0,
      median: null,
      p90: null,
      mean: null,
    });
    expect(octB.timeToRestore.count).toBe(0);
    expect(octB.publishedOnTimeShare).toBeNull();

    const bySeverity = await store.compute({
      groupBy: 'severity',
      interval: 'quarter',
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    expect(bySeverity.map(r => [r.group, r.period, r.incidents])).toEqual([
      ['SEV1', '2026-Q4', 4],
      ['SEV2', '2026-Q4', 1],
      ['SEV3', '2026-Q4', 1],
    ]);

    const weekly = await store.compute({
      groupBy: 'none',
      interval: 'week',
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2026-10-12T00:00:00Z'),
    });
    expect(weekly.map(r => r.incidents)).toEqual([1, 1]);
    expect(new Set(weekly.map(r => r.period)).size).toBe(2);

    // Single incidents behind the medians: every duration, per group.
    const quarter = {
      interval: 'quarter' as const,
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    };
    expect(
      await store.durations({ ...quarter, groupBy: 'owner' }, 'timeToDetect'),
    ).toEqual([
      { group: A, values: [60, 120, 180, 300, 600] },
      // B's incident was never detected: no duration, no group.
    ]);
    expect(
      await store.durations(
        { ...quarter, groupBy: 'severity' },
        'timeToAcknowledge',
      ),
    ).toEqual([{ group: 'SEV1', values: [120, 120] }]);
  });
});
