import type { Knex } from 'knex';

/** The tables that grow with the number of incidents. */
export const BIG_TABLES = [
  'incidents',
  'incident_entities',
  'postmortems',
  'postmortem_owners',
  'postmortem_members',
  'timeline_events',
  'remediation_items',
  'revisions',
  'history',
  'incident_links',
  'incident_deliveries',
  // The text filter's trigram table on SQLite (migration sqlite_text_index).
  'postmortem_text',
  'postmortem_text_ids',
  // Scorecard groups per incident (migration scorecard_groups).
  'scorecard_groups',
];

/** Plan nodes that read all their input before they return a row. */
const BLOCKING = [
  'Sort',
  'Hash',
  'Aggregate',
  'Materialize',
  'WindowAgg',
  'SetOp',
];

export interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

export interface PlanCheck {
  sql: string;
  /** Big tables read by a sequential (full) scan. */
  seqScans: string[];
  /** Indexes the plan uses. */
  indexes: string[];
}

/** The SELECTs that `fn` sends through `knex`, as sent. */
export async function captureQueries(
  knex: Knex,
  fn: () => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*(with|select)\b/i.test(q.sql)) {
      captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
    }
  };
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.removeListener('query', listener);
  }
  return captured;
}

/** The plan of one query, reduced to full scans of big tables and indexes. */
export async function checkPlan(
  knex: Knex,
  query: CapturedQuery,
): Promise<PlanCheck> {
  const seqScans = new Set<string>();
  const indexes = new Set<string>();
  if (knex.client.config.client === 'pg') {
    // The pg driver's own placeholders ($1...), so through a raw connection.
    const connection = await knex.client.acquireConnection();
    try {
      const result = await connection.query({
        text: `EXPLAIN (FORMAT JSON) ${query.sql}`,
        values: query.bindings,
      });
      // A scan fed straight into a LIMIT stops after that many rows: it
      // reads a bounded part of the table whatever its size. A sort, hash
      // or aggregate between them reads it all.
      const walk = (node: any, bounded: boolean) => {
        const type: string = node['Node Type'];
        if (type === 'Seq Scan' && !bounded) {
          if (BIG_TABLES.includes(node['Relation Name'])) {
            seqScans.add(node['Relation Name']);
          }
        }
        if (node['Index Name']) indexes.add(node['Index Name']);
        const streams =
          type === 'Limit' ||
          (bounded && !BLOCKING.some(b => type.includes(b)));
        for (const child of node.Plans ?? []) walk(child, streams);
      };
      walk(result.rows[0]['QUERY PLAN'][0].Plan, false);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  } else {
    const aliases = new Map<string, string>();
    for (const m of query.sql.matchAll(
      /[`"]?(\w+)[`"]?\s+as\s+[`"]?(\w+)[`"]?/gi,
    )) {
      aliases.set(m[2], m[1]);
    }
    const rows: Array<{ detail: string }> = await knex.raw(
      `EXPLAIN QUERY PLAN ${query.sql}`,
      query.bindings as any[],
    );
    for (const { detail } of rows) {
      const scan = /^SCAN (?:TABLE )?(\w+)(?: AS (\w+))?(.*)$/.exec(detail);
      const index =
        /USING (?:COVERING |PRIMARY KEY|INTEGER PRIMARY KEY)?\s*(?:INDEX )?(\w+)?/.exec(
          detail,
        );
      if (index) indexes.add(index[1] ?? 'primary key');
      // A virtual table read through a full-text MATCH (FTS5's plan names
      // its constraints: M a MATCH, = a rowid) is an index lookup; with
      // none it reads the whole table.
      const lookup = /VIRTUAL TABLE INDEX \d+:\S*[M=]/.test(detail);
      if (lookup && scan) indexes.add(aliases.get(scan[1]) ?? scan[1]);
      if (scan && !lookup && !/USING/.test(scan[3])) {
        const table = aliases.get(scan[1]) ?? scan[1];
        if (BIG_TABLES.includes(table)) seqScans.add(table);
      }
    }
  }
  return {
    sql: query.sql,
    seqScans: [...seqScans],
    indexes: [...indexes],
  };
}
