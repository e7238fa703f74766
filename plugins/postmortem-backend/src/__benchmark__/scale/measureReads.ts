import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { systemsOfEntities } from '../../catalog/EntityResolver';
import { KnexPostmortemStore } from '../../database/KnexPostmortemStore';
import type { ListFilter } from '../../database/PostmortemStore';
import {
  ScorecardGroupBy,
  KnexScorecardStore,
} from '../../database/ScorecardStore';
import { componentRef, HOT_ENTITY, RARE_WORD, Sizes, teamRef } from './dataset';
import { captureQueries, checkPlan, PlanCheck } from './plans';
import type { Result } from './report';
import { time } from './timing';

type Engine = 'pg' | 'sqlite';
const DAY = 86_400_000;

async function plansOf(knex: Knex, fn: () => Promise<unknown>) {
  const queries = await captureQueries(knex, fn);
  const plans: PlanCheck[] = [];
  for (const q of queries) plans.push(await checkPlan(knex, q));
  return plans;
}

/** Plans are judged at the full size only (see planSummary). */
const FULL_SIZE = Number(process.env.POSTMORTEM_BENCHMARK_SCALE ?? 1) >= 1;
const noSeqScan = (plans: PlanCheck[]) =>
  !FULL_SIZE || plans.every(p => p.seqScans.length === 0);

/**
 * The hand-written baseline of a list page: the newest 50 postmortems with
 * their incidents, one query.
 */
const listBaseline = (knex: Knex) => () =>
  knex('postmortems as p')
    .join('incidents as i', 'i.id', 'p.incident_id')
    .select('p.*', 'i.*')
    .orderBy('i.impact_started_at', 'desc')
    .limit(50);

/**
 * What the entity tab asks for, the two requests in parallel as the
 * browser sends them: its postmortems (a page, each with its remediation
 * counts: the progress column) and its newest 100 incidents (the medians).
 */
async function entityTab(store: KnexPostmortemStore, entityRef: string) {
  const [page] = await Promise.all([
    store.listPostmortems({ entityRefs: [entityRef], limit: 50 }),
    store.listIncidents({ entityRefs: [entityRef], limit: 100 }),
  ]);
  return page;
}

/**
 * The same data by hand, also two queries in parallel: the page of
 * postmortems with their item counts by status, and the newest 100
 * incidents with the times the medians take.
 */
function entityTabBaseline(knex: Knex, entityRef: string) {
  const today = new Date().toISOString().slice(0, 10);
  const page = () =>
    knex
      .with('page', qb =>
        qb
          .from('incident_entities as e')
          .join('incidents as i', 'i.id', 'e.incident_id')
          .join('postmortems as p', 'p.incident_id', 'i.id')
          .where('e.entity_ref', entityRef)
          .orderBy('i.impact_started_at', 'desc')
          .limit(50)
          .select(
            'p.*',
            'i.human_id',
            'i.title',
            'i.severity',
            'i.impact_started_at',
          ),
      )
      .from('page')
      .leftJoin('remediation_items as r', 'r.postmortem_id', 'page.id')
      .groupBy('page.id')
      .select(
        'page.id',
        knex.raw('count(r.id) as items'),
        knex.raw(
          "sum(case when r.status in ('open', 'in_progress') then 1 else 0 end) as open",
        ),
        knex.raw(
          "sum(case when r.status in ('open', 'in_progress') and r.due_date < ? then 1 else 0 end) as overdue",
          [today],
        ),
        knex.raw(
          "sum(case when r.status in ('done', 'verified') then 1 else 0 end) as finished",
        ),
      );
  const incidents = () =>
    knex('incident_entities as e')
      .join('incidents as i', 'i.id', 'e.incident_id')
      .where('e.entity_ref', entityRef)
      .orderBy('i.impact_started_at', 'desc')
      .limit(100)
      .select('i.*');
  return () => Promise.all([page(), incidents()]);
}

export async function measureEntityTab(
  engine: Engine,
  knex: Knex,
  sizes: Sizes,
): Promise<Result[]> {
  const store = KnexPostmortemStore.create(knex);
  const results: Result[] = [];
  const cases = [
    {
      name: `entity tab data (${sizes.hotEntityPostmortems} postmortems)`,
      ref: HOT_ENTITY,
    },
    {
      name: 'entity tab data (a typical entity)',
      ref: componentRef(Math.floor(sizes.entities / 3)),
    },
  ];
  for (const c of cases) {
    const { totalCount } = await entityTab(store, c.ref);
    const product = await time(() => entityTab(store, c.ref));
    const baseline = await time(entityTabBaseline(knex, c.ref));
    const plans = await plansOf(knex, () => entityTab(store, c.ref));
    results.push({
      engine,
      name: c.name,
      value: product.p95,
      unit: 'ms p95',
      ratio: product.p95 / baseline.p95,
      details: {
        p50: product.p50,
        'baseline p95': baseline.p95,
        postmortems: totalCount,
      },
      target: engine === 'pg' ? 'p95 < 50 ms; no seq scan' : 'no seq scan',
      pass: (engine !== 'pg' || product.p95 < 50) && noSeqScan(plans),
      plans,
    });
  }
  return results;
}

export async function measureLists(
  engine: Engine,
  knex: Knex,
  sizes: Sizes,
): Promise<Result[]> {
  const store = KnexPostmortemStore.create(knex);
  const baseline = await time(listBaseline(knex));
  const now = Date.now();
  const filters: Array<{ name: string; filter: ListFilter }> = [
    { name: 'no filter', filter: {} },
    { name: 'severity', filter: { severity: ['SEV1'] } },
    { name: 'type', filter: { type: ['security'] } },
    { name: 'stage', filter: { stage: ['in_review'] } },
    { name: 'status', filter: { status: ['investigating'] } },
    {
      name: 'last 30 days',
      filter: { from: new Date(now - 30 * DAY).toISOString() },
    },
    { name: 'owner', filter: { ownerRef: teamRef(3) } },
    { name: 'entity', filter: { entityRefs: [componentRef(5)] } },
    { name: 'recurring', filter: { recurring: true } },
    { name: 'first occurrences', filter: { recurring: false } },
    { name: 'text (common word)', filter: { text: 'database' } },
    { name: 'text (no match)', filter: { text: RARE_WORD } },
    { name: 'text (id)', filter: { text: 'INC-' } },
  ];
  for (const orderBy of [
    'impactStartedAt',
    'updatedAt',
    'humanId',
    'title',
    'severity',
    'stage',
  ]) {
    for (const order of ['asc', 'desc'] as const) {
      filters.push({
        name: `sort ${orderBy} ${order}`,
        filter: { orderBy, order },
      });
    }
  }
  const first = await store.listPostmortems({ limit: 50 });
  filters.push({
    name: 'second page (cursor)',
    filter: { cursor: first.nextCursor },
  });

  const results: Result[] = [];
  for (const { name, filter } of filters) {
    const run = () => store.listPostmortems({ limit: 50, ...filter });
    const { totalCount } = await run();
    const product = await time(run, 20, 2);
    const plans = await plansOf(knex, run);
    results.push({
      engine,
      name: `/postmortems list: ${name}`,
      value: product.p95,
      unit: 'ms p95',
      ratio: product.p95 / baseline.p95,
      details: {
        p50: product.p50,
        'baseline p95': baseline.p95,
        matches: totalCount,
      },
      target: 'p95 < 100 ms; no seq scan',
      pass: product.p95 < 100 && noSeqScan(plans),
      plans,
    });
  }
  void sizes;
  return results;
}

/** Dialect pieces of the hand-written scorecard. */
function dialect(knex: Knex) {
  const pg = knex.client.config.client === 'pg';
  return {
    seconds: (from: string, to: string) =>
      pg
        ? `extract(epoch from (${to} - ${from}))`
        : `((${to}) - (${from})) / 1000.0`,
    month: (column: string) =>
      pg
        ? `to_char(${column} at time zone 'UTC', 'YYYY-MM')`
        : `strftime('%Y-%m', ${column} / 1000, 'unixepoch')`,
  };
}

/**
 * The scorecard as one would write it by hand: per group and month the
 * incident count, count/median/p90/mean of four durations, the on-time and
 * recurrence shares in one query; the remediation cycle time and overdue
 * items in a second.
 */
function scorecardBaseline(
  knex: Knex,
  groupBy: ScorecardGroupBy,
  from: Date,
  to: Date,
  systemOf: ReadonlyMap<string, string>,
) {
  const d = dialect(knex);
  const pg = knex.client.config.client === 'pg';
  const group = {
    owner: "coalesce(o.owner_ref, 'unowned')",
    entity: 'e.entity_ref',
    system: 'sys.grp',
    severity: 'i.severity',
    none: "'all'",
  }[groupBy];
  const joins = {
    owner: 'left join postmortem_owners o on o.postmortem_id = p.id',
    entity: 'join incident_entities e on e.incident_id = i.id',
    system: 'join sys on sys.incident_id = i.id',
    severity: '',
    none: '',
  }[groupBy];
  // By system: each incident of the range once per system of its entities,
  // as one would write it over the tables: the map joined as a derived
  // table on PostgreSQL (hashed), looked up per row on SQLite (its planner
  // scans a joined json_each again for every entity row).
  const systemOfEntity = pg
    ? 's.value'
    : `json_extract(?, '$."' || e.entity_ref || '"')`;
  const systems = `sys as (
      select distinct e.incident_id,
        case when e.entity_ref like 'system:%' then e.entity_ref
          else coalesce(${systemOfEntity}, 'no system') end as grp
      from incidents i join incident_entities e on e.incident_id = i.id
      ${
        pg
          ? 'left join (select key, value from json_each_text(?::json)) s on s.key = e.entity_ref'
          : ''
      }
      where i.impact_started_at >= ? and i.impact_started_at < ?
    ), `;
  const prefix = groupBy === 'system' ? systems : '';
  const bindings =
    groupBy === 'system'
      ? [JSON.stringify(Object.fromEntries(systemOf)), from, to, from, to]
      : [from, to];
  const metrics = {
    ttd: d.seconds('i.impact_started_at', 'i.detected_at'),
    tta: d.seconds('i.impact_started_at', 'i.acknowledged_at'),
    ttr: d.seconds('i.impact_started_at', 'i.resolved_at'),
    lead: d.seconds('i.resolved_at', 'p.published_at'),
  };
  const names = Object.keys(metrics);
  const stats = names
    .map(
      m =>
        `count(${m}) as ${m}_n, avg(${m}) as ${m}_mean,
         min(case when ${m}_rn * 100 >= 50 * ${m}_cnt then ${m} end) as ${m}_median,
         min(case when ${m}_rn * 100 >= 90 * ${m}_cnt then ${m} end) as ${m}_p90`,
    )
    .join(',\n');
  const incidentSql = `
    with ${prefix}base as (
      select ${group} as grp, ${d.month('i.impact_started_at')} as period, i.id,
        ${names
          .map(m => `${metrics[m as keyof typeof metrics]} as ${m}`)
          .join(', ')},
        p.published_on_time,
        (select count(*) from incident_links l where l.incident_id = i.id) as rec
      from incidents i join postmortems p on p.incident_id = i.id ${joins}
      where i.impact_started_at >= ? and i.impact_started_at < ?
    ), ranked as (
      select base.*, ${names
        .map(
          m =>
            `row_number() over (partition by grp, period order by ${m} is null, ${m}) as ${m}_rn,
             count(${m}) over (partition by grp, period) as ${m}_cnt`,
        )
        .join(', ')}
      from base
    )
    select grp, period, count(distinct id) as incidents, ${stats},
      sum(case when published_on_time is null then 0 when published_on_time then 1 else 0 end) as on_time,
      sum(case when rec > 0 then 1 else 0 end) as recurrences
    from ranked group by grp, period`;
  const cycle = d.seconds('r.created_at', 'r.verified_at');
  const today = new Date().toISOString().slice(0, 10);
  const itemSql = `
    with ${prefix}base as (
      select ${group} as grp, ${d.month(
    'i.impact_started_at',
  )} as period, r.id, r.status, r.due_date,
        case when r.verified_at is not null then ${cycle} end as cycle
      from incidents i join postmortems p on p.incident_id = i.id ${joins}
      join remediation_items r on r.postmortem_id = p.id
      where i.impact_started_at >= ? and i.impact_started_at < ?
    ), ranked as (
      select base.*, row_number() over (partition by grp, period order by cycle is null, cycle) as rn,
        count(cycle) over (partition by grp, period) as cnt
      from base
    )
    select grp, period, count(cycle) as n, avg(cycle) as mean,
      min(case when rn * 100 >= 50 * cnt then cycle end) as median,
      min(case when rn * 100 >= 90 * cnt then cycle end) as p90,
      count(distinct case when status in ('open', 'in_progress') and due_date < '${today}' then id end) as overdue
    from ranked group by grp, period`;
  return async () => {
    await knex.raw(incidentSql, bindings);
    await knex.raw(itemSql, bindings);
  };
}

export async function measureScorecards(
  engine: Engine,
  knex: Knex,
  entities: Entity[],
): Promise<Result[]> {
  const scorecards = new KnexScorecardStore(knex);
  const to = new Date();
  const from = new Date(to.getTime() - 365 * DAY);
  // What the catalog answers the service (EntityResolver.entitySystems).
  const systemOf = systemsOfEntities(entities);
  const results: Result[] = [];
  for (const groupBy of ['owner', 'system', 'entity', 'severity'] as const) {
    const run = () =>
      scorecards.compute({ groupBy, interval: 'month', from, to, systemOf });
    const product = await time(run, 8, 1);
    const baseline = await time(
      scorecardBaseline(knex, groupBy, from, to, systemOf),
      8,
      1,
    );
    const plans = await plansOf(knex, run);
    const ratio = product.p50 / baseline.p50;
    results.push({
      engine,
      name: `scorecards, a year by ${groupBy}`,
      value: product.p50,
      unit: 'ms p50',
      ratio,
      details: { p95: product.p95, 'baseline p50': baseline.p50 },
      target: '≤ 1.5× hand-written SQL',
      pass: ratio <= 1.5,
      plans,
    });
  }
  return results;
}
