import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import {
  INCIDENT_DURATIONS,
  IncidentDurationName,
  IncidentTimeField,
  SCORECARD_NO_SYSTEM,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { applyPermissionCriteria } from './permissionQuery';
import type {
  Distribution,
  ScorecardGroupBy,
  ScorecardInterval,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';

// The answer's shapes are the API's, defined once in -common.
export type { Distribution, ScorecardGroupBy, ScorecardInterval, ScorecardRow };

export interface ScorecardQuery {
  groupBy: ScorecardGroupBy;
  interval: ScorecardInterval;
  from: Date;
  to: Date;
  entityRefs?: string[];
  ownerRef?: string;
  severity?: string[];
  permission?: PermissionCriteria<PostmortemPermissionQuery>;
  /**
   * For groupBy 'system': the system each catalog entity belongs to now
   * (lower-cased full refs, entity → system), as the catalog answers at
   * query time. Entities not in it count under {@link SCORECARD_NO_SYSTEM}; a system
   * affected itself counts as itself.
   */
  systemOf?: ReadonlyMap<string, string>;
}

/** The incidents column of an incident time: detectedAt → i.detected_at. */
const incidentColumn = (field: IncidentTimeField) =>
  `i.${field.replace(/[A-Z]/g, c => `_${c.toLocaleLowerCase('en-US')}`)}`;

/**
 * An incident duration as [from, to] columns, by the one definition in
 * -common. The scorecard's durations each end at a single time.
 */
const incidentMetric = (name: IncidentDurationName) =>
  [
    incidentColumn(INCIDENT_DURATIONS[name].from),
    incidentColumn(INCIDENT_DURATIONS[name].to[0]),
  ] as const;

type Row = Record<string, any>;

const EMPTY: Distribution = { count: 0, median: null, p90: null, mean: null };

/** The per-incident metrics: durations between two times of an incident. */
export type IncidentMetric = keyof typeof METRICS;

const METRICS = {
  timeToDetect: incidentMetric('timeToDetect'),
  timeToAcknowledge: incidentMetric('timeToAcknowledge'),
  timeToRestore: incidentMetric('timeToRestore'),
  postmortemLeadTime: ['i.resolved_at', 'p.published_at'],
} as const;

/** Leadership scorecards, read from the incidents and their items. */
export interface ScorecardStore {
  /** Count, median, p90 and mean of each metric per period and group. */
  compute(query: ScorecardQuery): Promise<ScorecardRow[]>;
  /** Each incident's duration of one metric, per group, shortest first. */
  durations(
    query: ScorecardQuery,
    metric: IncidentMetric,
  ): Promise<Array<{ group: string; values: number[] }>>;
}

/**
 * Scorecards computed in the database: durations per incident, bucketed by
 * period and group, reduced to count, nearest-rank median and p90, and mean
 * with window functions, on SQLite and PostgreSQL alike, in two passes (the
 * incidents, their remediation items). Nothing is loaded into memory but the
 * result rows.
 */
export class KnexScorecardStore implements ScorecardStore {
  constructor(private readonly knex: Knex) {}

  private get pg() {
    return this.knex.client.config.client === 'pg';
  }

  /** Seconds between two timestamp columns, per dialect. */
  private seconds(from: string, to: string) {
    return this.pg
      ? `extract(epoch from (${to} - ${from}))`
      : `((${to}) - (${from})) / 1000.0`;
  }

  /** The period a timestamp falls in, as text, per dialect. */
  private period(column: string, interval: ScorecardInterval) {
    if (this.pg) {
      const utc = `${column} at time zone 'UTC'`;
      const formats: Record<ScorecardInterval, string> = {
        week: `to_char(date_trunc('week', ${utc}), 'IYYY-"W"IW')`,
        month: `to_char(${utc}, 'YYYY-MM')`,
        quarter: `to_char(${utc}, 'YYYY-"Q"Q')`,
      };
      return formats[interval];
    }
    const t = `${column} / 1000, 'unixepoch'`;
    const formats: Record<ScorecardInterval, string> = {
      week: `strftime('%Y-W%W', ${t}, 'weekday 1', '-7 days')`,
      month: `strftime('%Y-%m', ${t})`,
      quarter: `strftime('%Y', ${t}) || '-Q' || ((cast(strftime('%m', ${t}) as integer) + 2) / 3)`,
    };
    return formats[interval];
  }

  private groupExpression(groupBy: ScorecardGroupBy) {
    switch (groupBy) {
      case 'severity':
        return 'i.severity';
      case 'owner':
        return "case when g.group_ref = '' then 'unowned' else g.group_ref end";
      case 'entity':
      case 'system':
        return 'g.group_ref';
      default:
        return "'all'";
    }
  }

  /**
   * The duration of one metric for every incident in scope, per group, in
   * seconds, shortest first: what a distribution of single incidents is
   * drawn from (the rows of {@link KnexScorecardStore.compute} hold medians).
   */
  async durations(
    query: ScorecardQuery,
    metric: IncidentMetric,
  ): Promise<Array<{ group: string; values: number[] }>> {
    const k = this.knex;
    const [from, to] = METRICS[metric];
    const rows = await this.base(query)
      .select(
        k.raw(`${this.groupExpression(query.groupBy)} as grp`),
        k.raw(`${this.seconds(from, to)} as v`),
      )
      .whereNotNull(from)
      .whereNotNull(to)
      // Times that run backwards are a data error, not a duration.
      .whereRaw(`${to} >= ${from}`);
    const groups = new Map<string, number[]>();
    for (const row of rows as Array<{ grp: string; v: unknown }>) {
      const values = groups.get(row.grp) ?? [];
      values.push(Number(row.v));
      groups.set(row.grp, values);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, values]) => ({
        group,
        values: values.sort((a, b) => a - b),
      }));
  }

  /**
   * The incidents of the time range with a group each, one row per incident
   * and group, read from scorecard_groups by its index on (dimension,
   * impact_started_at): an owner of the postmortem ('' for none) or an
   * affected entity. Triggers keep it with postmortem_owners,
   * incident_entities and the incidents' impact start (migration
   * 20261208110000_scorecard_groups), so a year's scorecard reads a range
   * of it instead of the whole of those tables.
   */
  private groups(query: ScorecardQuery, dimension: 'owner' | 'entity') {
    return this.knex('scorecard_groups')
      .select('incident_id', 'group_ref')
      .where('dimension', dimension)
      .andWhere('impact_started_at', '>=', query.from)
      .andWhere('impact_started_at', '<', query.to);
  }

  /**
   * Each incident of the time range once per catalog system its entities
   * belong to: the system the catalog has now, passed in as a map
   * (`systemOf`), not one recorded when the incident was filed. A yearly
   * scorecard by system reads as "how did this system do", and a system
   * is what its parts are today: components moved between systems carry
   * their incidents with them, as the `systemRef` filter (the catalog's
   * parts of a system now) does. The entity rows are read by index as for
   * entity grouping; the map is a small derived table beside them.
   */
  private systems(query: ScorecardQuery) {
    const k = this.knex;
    const map = JSON.stringify(Object.fromEntries(query.systemOf ?? []));
    const systemsTable = this.pg
      ? k.raw('(select key, value from json_each_text(?::json)) as s', [map])
      : k.raw('(select key, value from json_each(?)) as s', [map]);
    return this.groups(query, 'entity')
      .clearSelect()
      .distinct(
        'incident_id',
        k.raw(
          "case when group_ref like 'system:%' then group_ref else coalesce(s.value, ?) end as group_ref",
          [SCORECARD_NO_SYSTEM],
        ),
      )
      .leftJoin(systemsTable, 's.key', 'group_ref');
  }

  /** The incidents in scope, one row per incident and group. */
  private base(query: ScorecardQuery) {
    const k = this.knex;
    const qb = k('incidents as i')
      .join('postmortems as p', 'p.incident_id', 'i.id')
      .where('i.impact_started_at', '>=', query.from)
      .andWhere('i.impact_started_at', '<', query.to);
    if (query.groupBy === 'owner' || query.groupBy === 'entity') {
      qb.join(
        this.groups(query, query.groupBy).as('g'),
        'g.incident_id',
        'i.id',
      );
    }
    if (query.groupBy === 'system') {
      qb.join(this.systems(query).as('g'), 'g.incident_id', 'i.id');
    }
    if (query.entityRefs) {
      qb.whereIn(
        'i.id',
        k('incident_entities')
          .select('incident_id')
          .whereIn('entity_ref', query.entityRefs),
      );
    }
    if (query.ownerRef) {
      qb.whereIn(
        'p.id',
        k('postmortem_owners')
          .select('postmortem_id')
          .where('owner_ref', query.ownerRef),
      );
    }
    if (query.severity?.length) qb.whereIn('i.severity', query.severity);
    if (query.permission) applyPermissionCriteria(k, qb, query.permission);
    return qb;
  }

  /**
   * Count, mean and nearest-rank median and p90 of each value column, per
   * group and period, over `values` (one row per fact, columns grp, period
   * and the values), in one pass: each value is ranked among the non-empty
   * ones of its group and period; integer arithmetic, so no dialect's
   * percentile function.
   */
  private distributions(
    values: Knex.QueryBuilder,
    columns: string[],
    extra: string[],
  ) {
    const k = this.knex;
    const ranked = k
      .select(
        '*',
        ...columns.flatMap(c => [
          k.raw(
            `row_number() over (partition by grp, period order by ${c} is null, ${c}) as ${c}_rn`,
          ),
          k.raw(`count(${c}) over (partition by grp, period) as ${c}_cnt`),
        ]),
      )
      .from(values.as('vals'));
    return k
      .select(
        'grp',
        'period',
        ...columns.flatMap(c => [
          k.raw(`count(${c}) as ${c}_n`),
          k.raw(`avg(${c}) as ${c}_mean`),
          k.raw(
            `min(case when ${c}_rn * 100 >= 50 * ${c}_cnt then ${c} end) as ${c}_median`,
          ),
          k.raw(
            `min(case when ${c}_rn * 100 >= 90 * ${c}_cnt then ${c} end) as ${c}_p90`,
          ),
        ]),
        ...extra.map(e => k.raw(e)),
      )
      .from(ranked.as('ranked'))
      .groupBy('grp', 'period');
  }

  async compute(query: ScorecardQuery): Promise<ScorecardRow[]> {
    const k = this.knex;
    const group = this.groupExpression(query.groupBy);
    const period = this.period('i.impact_started_at', query.interval);
    const today = new Date().toISOString().slice(0, 10);
    const metrics = Object.entries(METRICS).map(([metric, [from, to]], n) => ({
      metric: metric as keyof ScorecardRow,
      column: `m${n}`,
      // Times that run backwards are a data error, not a duration (as in
      // incidentDuration of -common); missing ones leave it empty too.
      sql: `case when ${to} >= ${from} then ${this.seconds(from, to)} end`,
    }));

    // Incident facts and the four incident durations: one pass.
    const incidentValues = this.base(query).select(
      k.raw(`${group} as grp`),
      k.raw(`${period} as period`),
      'i.id as incident_id',
      ...metrics.map(m => k.raw(`${m.sql} as ${m.column}`)),
      k.raw(
        'case when p.published_on_time is null then 0 when p.published_on_time then 1 else 0 end as on_time',
      ),
      k.raw(
        'case when p.published_on_time is null then 0 else 1 end as published',
      ),
      k.raw(
        // Linked to an earlier incident (kept from incident_links by triggers).
        'case when i.recurrence then 1 else 0 end as recurrence',
      ),
    );
    const incidentRows = await this.distributions(
      incidentValues,
      metrics.map(m => m.column),
      [
        'count(distinct incident_id) as incidents',
        'sum(on_time) as on_time',
        'sum(published) as published',
        'sum(recurrence) as recurrences',
      ],
    );

    // Remediation cycle time and overdue items: a second pass.
    const itemValues = this.base(query)
      .join('remediation_items as r', 'r.postmortem_id', 'p.id')
      .select(
        k.raw(`${group} as grp`),
        k.raw(`${period} as period`),
        k.raw(
          `case when r.verified_at is not null then ${this.seconds(
            'r.created_at',
            'r.verified_at',
          )} end as cycle`,
        ),
        k.raw(
          "case when r.status in ('open', 'in_progress') and r.due_date < ? then r.id end as overdue_id",
          [today],
        ),
      );
    const itemRows = await this.distributions(
      itemValues,
      ['cycle'],
      ['count(distinct overdue_id) as overdue'],
    );

    const distribution = (r: Row, column: string): Distribution => ({
      count: Number(r[`${column}_n`]),
      median:
        r[`${column}_median`] === null ? null : Number(r[`${column}_median`]),
      p90: r[`${column}_p90`] === null ? null : Number(r[`${column}_p90`]),
      mean: r[`${column}_mean`] === null ? null : Number(r[`${column}_mean`]),
    });
    const rows = new Map<string, ScorecardRow>();
    for (const r of incidentRows as Row[]) {
      const row: ScorecardRow = {
        group: String(r.grp),
        period: String(r.period),
        incidents: Number(r.incidents),
        timeToDetect: EMPTY,
        timeToAcknowledge: EMPTY,
        timeToRestore: EMPTY,
        postmortemLeadTime: EMPTY,
        remediationCycleTime: EMPTY,
        publishedOnTimeShare: Number(r.published)
          ? Number(r.on_time) / Number(r.published)
          : null,
        recurrenceRate: Number(r.incidents)
          ? Number(r.recurrences) / Number(r.incidents)
          : null,
        overdueItems: 0,
      };
      for (const m of metrics) {
        const d = distribution(r, m.column);
        (row[m.metric] as Distribution) = d.count ? d : EMPTY;
      }
      rows.set(`${r.grp}\u0000${r.period}`, row);
    }
    for (const r of itemRows as Row[]) {
      const row = rows.get(`${r.grp}\u0000${r.period}`);
      if (!row) continue;
      const d = distribution(r, 'cycle');
      row.remediationCycleTime = d.count ? d : EMPTY;
      row.overdueItems = Number(r.overdue);
    }

    return [...rows.values()].sort(
      (a, b) =>
        a.group.localeCompare(b.group) || a.period.localeCompare(b.period),
    );
  }
}
