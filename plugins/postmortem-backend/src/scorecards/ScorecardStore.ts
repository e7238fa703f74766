import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import {
  INCIDENT_DURATIONS,
  IncidentDurationName,
  IncidentTimeField,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { applyPermissionCriteria } from '../database/permissionQuery';

export type ScorecardInterval = 'week' | 'month' | 'quarter';
export type ScorecardGroupBy = 'none' | 'severity' | 'owner' | 'entity';

/** Count, median, p90 and mean of one duration metric, in seconds. */
export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface ScorecardRow {
  group: string;
  period: string;
  incidents: number;
  timeToDetect: Distribution;
  timeToAcknowledge: Distribution;
  timeToRestore: Distribution;
  postmortemLeadTime: Distribution;
  remediationCycleTime: Distribution;
  publishedOnTimeShare: number | null;
  /** Share of the incidents that repeated an earlier failure. */
  recurrenceRate: number | null;
  overdueItems: number;
}

export interface ScorecardQuery {
  groupBy: ScorecardGroupBy;
  interval: ScorecardInterval;
  from: Date;
  to: Date;
  entityRefs?: string[];
  ownerRef?: string;
  severity?: string[];
  permission?: PermissionCriteria<PostmortemPermissionQuery>;
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

const METRICS = {
  timeToDetect: incidentMetric('timeToDetect'),
  timeToAcknowledge: incidentMetric('timeToAcknowledge'),
  timeToRestore: incidentMetric('timeToRestore'),
  postmortemLeadTime: ['i.resolved_at', 'p.published_at'],
} as const;

/**
 * Scorecards computed in the database: durations per incident, bucketed by
 * period and group, reduced to count, nearest-rank median and p90, and mean
 * with window functions, on SQLite and PostgreSQL alike. Nothing is loaded
 * into memory but the result rows.
 */
export class ScorecardStore {
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
        return "coalesce(o.owner_ref, 'unowned')";
      case 'entity':
        return 'e.entity_ref';
      default:
        return "'all'";
    }
  }

  /** The incidents in scope, one row per incident and group. */
  private base(query: ScorecardQuery) {
    const k = this.knex;
    const qb = k('incidents as i')
      .join('postmortems as p', 'p.incident_id', 'i.id')
      .where('i.impact_started_at', '>=', query.from)
      .andWhere('i.impact_started_at', '<', query.to);
    if (query.groupBy === 'owner') {
      qb.leftJoin('postmortem_owners as o', 'o.postmortem_id', 'p.id');
    }
    if (query.groupBy === 'entity') {
      qb.join('incident_entities as e', 'e.incident_id', 'i.id');
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

  async compute(query: ScorecardQuery): Promise<ScorecardRow[]> {
    const k = this.knex;
    const group = this.groupExpression(query.groupBy);
    const period = this.period('i.impact_started_at', query.interval);

    // Incident facts: counts and the share of postmortems published on time.
    const counts = await this.base(query)
      .select(
        k.raw(`${group} as grp`),
        k.raw(`${period} as period`),
        k.raw('count(distinct i.id) as incidents'),
        k.raw(
          'sum(case when p.published_on_time is null then 0 when p.published_on_time then 1 else 0 end) as on_time',
        ),
        k.raw(
          'sum(case when p.published_on_time is null then 0 else 1 end) as published',
        ),
        k.raw(
          'sum(case when exists (select 1 from incident_links l where l.incident_id = i.id) then 1 else 0 end) as recurrences',
        ),
      )
      .groupBy('grp', 'period');

    const rows = new Map<string, ScorecardRow>();
    const empty = (): Distribution => ({
      count: 0,
      median: null,
      p90: null,
      mean: null,
    });
    for (const r of counts) {
      rows.set(`${r.grp}\u0000${r.period}`, {
        group: String(r.grp),
        period: String(r.period),
        incidents: Number(r.incidents),
        timeToDetect: empty(),
        timeToAcknowledge: empty(),
        timeToRestore: empty(),
        postmortemLeadTime: empty(),
        remediationCycleTime: empty(),
        publishedOnTimeShare: Number(r.published)
          ? Number(r.on_time) / Number(r.published)
          : null,
        recurrenceRate: Number(r.incidents)
          ? Number(r.recurrences) / Number(r.incidents)
          : null,
        overdueItems: 0,
      });
    }

    const distribution = async (
      metric: keyof ScorecardRow,
      valueSql: string,
      source: Knex.QueryBuilder,
      notNull: string[],
    ) => {
      for (const column of notNull) source.whereNotNull(column);
      // Times that run backwards are a data error, not a duration (as in
      // incidentDuration of -common).
      if (notNull.length === 2)
        source.whereRaw(`${notNull[1]} >= ${notNull[0]}`);
      const values = source.select(
        k.raw(`${group} as grp`),
        k.raw(`${period} as period`),
        k.raw(`${valueSql} as v`),
      );
      // Nearest-rank percentiles: the smallest value whose rank reaches p% of
      // the count; integer arithmetic, so no dialect's percentile function.
      const ranked = k
        .select(
          'grp',
          'period',
          'v',
          k.raw(
            'row_number() over (partition by grp, period order by v) as rn',
          ),
          k.raw('count(*) over (partition by grp, period) as cnt'),
        )
        .from(values.as('vals'));
      const stats = await k
        .select(
          'grp',
          'period',
          k.raw('max(cnt) as n'),
          k.raw('avg(v) as mean'),
          k.raw('min(case when rn * 100 >= 50 * cnt then v end) as median'),
          k.raw('min(case when rn * 100 >= 90 * cnt then v end) as p90'),
        )
        .from(ranked.as('ranked'))
        .groupBy('grp', 'period');
      for (const s of stats) {
        const row = rows.get(`${s.grp}\u0000${s.period}`);
        if (!row) continue;
        (row[metric] as Distribution) = {
          count: Number(s.n),
          median: s.median === null ? null : Number(s.median),
          p90: s.p90 === null ? null : Number(s.p90),
          mean: s.mean === null ? null : Number(s.mean),
        };
      }
    };

    for (const [metric, [from, to]] of Object.entries(METRICS)) {
      await distribution(
        metric as keyof ScorecardRow,
        this.seconds(from, to),
        this.base(query),
        [from, to],
      );
    }
    await distribution(
      'remediationCycleTime',
      this.seconds('r.created_at', 'r.verified_at'),
      this.base(query).join(
        'remediation_items as r',
        'r.postmortem_id',
        'p.id',
      ),
      ['r.verified_at'],
    );

    const today = new Date().toISOString().slice(0, 10);
    const overdue = await this.base(query)
      .join('remediation_items as r', 'r.postmortem_id', 'p.id')
      .whereIn('r.status', ['open', 'in_progress'])
      .andWhere('r.due_date', '<', today)
      .select(
        k.raw(`${group} as grp`),
        k.raw(`${period} as period`),
        k.raw('count(distinct r.id) as n'),
      )
      .groupBy('grp', 'period');
    for (const o of overdue) {
      const row = rows.get(`${o.grp}\u0000${o.period}`);
      if (row) row.overdueItems = Number(o.n);
    }

    return [...rows.values()].sort(
      (a, b) =>
        a.group.localeCompare(b.group) || a.period.localeCompare(b.period),
    );
  }
}
