import { InputError } from '@backstage/errors';
import {
  POSTMORTEM_ORDER_BYS,
  POSTMORTEM_STAGES,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { Cursor } from './cursor';

/** The columns the postmortem list can be sorted by. */
export const LIST_ORDER_COLUMNS = POSTMORTEM_ORDER_BYS;

export type ListOrderBy = (typeof LIST_ORDER_COLUMNS)[number];
export type ListOrderDirection = 'asc' | 'desc';

interface SortColumn {
  /** SQL of the sort value over `postmortems as p` joined to `incidents as i`. */
  sql: string;
  bindings: readonly (string | number)[];
  nullable: boolean;
  kind: 'time' | 'text' | 'number';
  defaultDirection: ListOrderDirection;
  /**
   * The incident id, from the table the sort value is in: equal values are
   * ordered by it (in the same direction), so that one index on (value,
   * id) gives the whole order and a page stops after its rows.
   */
  tie: 'i.id' | 'p.incident_id';
}

/**
 * The stages in workflow order, not alphabetically: the expression of the
 * index postmortems_stage_rank_idx (migration 20261207220000), written
 * with literals so that both engines match it to that index (the stage
 * names are the code's own, not request text).
 */
export const stageRank = (column: string) =>
  `case ${column} ${POSTMORTEM_STAGES.map((stage, rank) => {
    if (!/^[a-z_]+$/.test(stage)) throw new Error(`Bad stage ${stage}`);
    return `when '${stage}' then ${rank}`;
  }).join(' ')} else ${POSTMORTEM_STAGES.length} end`;

/**
 * The whitelist: every sort is one of these expressions, never text from the
 * request. Each is plain SQL that SQLite and PostgreSQL read alike.
 */
const COLUMNS: Record<ListOrderBy, SortColumn> = {
  // Always set when an incident is stored (migration 20261207200010 filled
  // older rows), so the sort walks the column's index.
  impactStartedAt: {
    sql: 'i.impact_started_at',
    bindings: [],
    nullable: false,
    kind: 'time',
    defaultDirection: 'desc',
    tie: 'i.id',
  },
  updatedAt: {
    sql: 'p.updated_at',
    bindings: [],
    nullable: false,
    kind: 'time',
    defaultDirection: 'desc',
    tie: 'p.incident_id',
  },
  humanId: {
    sql: 'i.human_id',
    bindings: [],
    nullable: false,
    kind: 'text',
    defaultDirection: 'asc',
    tie: 'i.id',
  },
  title: {
    sql: 'lower(i.title)',
    bindings: [],
    nullable: false,
    kind: 'text',
    defaultDirection: 'asc',
    tie: 'i.id',
  },
  // SEV1 first in ascending order: the most severe.
  severity: {
    sql: 'i.severity',
    bindings: [],
    nullable: false,
    kind: 'text',
    defaultDirection: 'asc',
    tie: 'i.id',
  },
  stage: {
    sql: stageRank('p.stage'),
    bindings: [],
    nullable: false,
    kind: 'number',
    defaultDirection: 'asc',
    tie: 'p.incident_id',
  },
};

/** A resolved sort: column, direction and its SQL. */
export interface ListOrder {
  orderBy: ListOrderBy;
  direction: ListOrderDirection;
  column: SortColumn;
}

/**
 * The order of a list request. The router's schema already limits both
 * values; this refuses anything else for callers that bypass it.
 */
export function resolveListOrder(
  orderBy: string | undefined,
  order: string | undefined,
): ListOrder {
  const name = (orderBy ?? 'impactStartedAt') as ListOrderBy;
  if (!LIST_ORDER_COLUMNS.includes(name)) {
    throw new InputError(
      `orderBy must be one of ${LIST_ORDER_COLUMNS.join(', ')}`,
    );
  }
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw new InputError('order must be asc or desc');
  }
  const column = COLUMNS[name];
  return {
    orderBy: name,
    direction: order ?? column.defaultDirection,
    column,
  };
}

/**
 * Sorts a query by the order: empty values last in either direction, then
 * the column, then the incident id in the same direction, so that equal
 * values keep one order and an index on (column, id) gives all of it.
 */
export function applyListOrder(query: Knex.QueryBuilder, order: ListOrder) {
  const { column, direction } = order;
  if (column.nullable) {
    query.orderByRaw(`case when ${column.sql} is null then 1 else 0 end`);
  }
  query.orderByRaw(`${column.sql} ${direction}`, [...column.bindings]);
  query.orderByRaw(`${column.tie} ${direction}`);
}

/** The sort value selected alongside the id, for the next cursor. */
export function selectSortValue(knex: Knex, order: ListOrder) {
  return knex.raw(`${order.column.sql} as sort_value`, [
    ...order.column.bindings,
  ]);
}

/** The tie-breaker (the incident id) selected for the next cursor. */
export function selectSortId(knex: Knex, order: ListOrder) {
  return knex.raw(`${order.column.tie} as sort_id`);
}

/** A sort value as read from the database, in the cursor's form. */
export function cursorValue(
  order: ListOrder,
  value: unknown,
): string | number | null {
  if (value === null || value === undefined) return null;
  switch (order.column.kind) {
    case 'time':
      return new Date(value as string | number | Date).toISOString();
    case 'number':
      return Number(value);
    default:
      return String(value);
  }
}

/**
 * Restricts a query to the rows after the cursor in the order. The
 * cursor's id is the incident id (see {@link incidentIdCursor} for older
 * cursors that hold the postmortem id).
 */
export function applyCursor(
  query: Knex.QueryBuilder,
  order: ListOrder,
  cursor: Cursor,
) {
  if (cursor.o !== order.orderBy || cursor.d !== order.direction) {
    throw new InputError(
      `cursor belongs to orderBy=${cursor.o}&order=${cursor.d}, not orderBy=${order.orderBy}&order=${order.direction}; ask for the first page again`,
    );
  }
  const { column, direction } = order;
  const { sql, bindings, tie } = column;
  const after = direction === 'asc' ? '>' : '<';
  if (cursor.v === null) {
    if (!column.nullable) {
      throw new InputError('cursor is not a cursor this API returned');
    }
    // Empty values come last: only empty ones with a later id follow.
    query.where(qb =>
      qb
        .whereRaw(`${sql} is null`, [...bindings])
        .andWhereRaw(`${tie} ${after} ?`, [cursor.id]),
    );
    return;
  }
  let value: string | number | Date;
  if (column.kind === 'time') {
    if (typeof cursor.v !== 'string' || Number.isNaN(Date.parse(cursor.v))) {
      throw new InputError('cursor is not a cursor this API returned');
    }
    value = new Date(cursor.v);
  } else if (column.kind === 'number') {
    if (typeof cursor.v !== 'number') {
      throw new InputError('cursor is not a cursor this API returned');
    }
    value = cursor.v;
  } else {
    if (typeof cursor.v !== 'string') {
      throw new InputError('cursor is not a cursor this API returned');
    }
    value = cursor.v;
  }
  if (!column.nullable) {
    // The same rows, with a bound an index range scan can start from, so a
    // deep page does not read every row before it.
    query.whereRaw(`${sql} ${after}= ?`, [...bindings, value]);
  }
  query.where(qb => {
    qb.whereRaw(`${sql} ${after} ?`, [...bindings, value]).orWhere(q =>
      q
        .whereRaw(`${sql} = ?`, [...bindings, value])
        .andWhereRaw(`${tie} ${after} ?`, [cursor.id]),
    );
    if (column.nullable) qb.orWhereRaw(`${sql} is null`, [...bindings]);
  });
}

/**
 * A cursor whose id is the incident id. Cursors from before equal values
 * were ordered by incident id hold the postmortem's id: it is looked up
 * (a postmortem deleted since gives the first page's order from its value
 * on).
 */
export async function incidentIdCursor(
  knex: Knex,
  cursor: Cursor,
): Promise<Cursor> {
  if (cursor.k === 'i') return cursor;
  const row = await knex('postmortems')
    .where({ id: cursor.id })
    .first('incident_id');
  return { ...cursor, k: 'i', id: row?.incident_id ?? '' };
}
