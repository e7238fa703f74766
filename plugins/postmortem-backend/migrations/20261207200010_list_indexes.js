// @ts-check

/**
 * Indexes for the postmortem list at scale (100,000 incidents): each sort
 * walks an index instead of sorting the whole join, and on PostgreSQL the
 * text filter finds rare words through trigram indexes instead of reading
 * every narrative.
 *
 * Impact start orders every list and is always set when an incident is
 * stored (detection or declaration when a source does not know it); rows
 * from before that rule get the same fallback, so the list can sort on the
 * column alone and use its index.
 */

/** @param {import('knex').Knex} knex */
const isPostgres = knex => knex.client.config.client === 'pg';

/** Trigram indexes, when the server offers pg_trgm. */
const TRIGRAM = [
  ['incidents_title_trgm_idx', 'incidents', 'lower(title)'],
  ['incidents_human_id_trgm_idx', 'incidents', 'lower(human_id)'],
  ['postmortems_narrative_trgm_idx', 'postmortems', 'lower(narrative)'],
];

/** @param {import('knex').Knex} knex */
async function hasTrigrams(knex) {
  const available = await knex.raw(
    "select 1 from pg_available_extensions where name = 'pg_trgm'",
  );
  if (!available.rows.length) return false;
  try {
    // A savepoint: without the right to create it, the migration goes on
    // without trigram indexes (the text filter then reads every row).
    await knex.transaction(tx =>
      tx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm'),
    );
    return true;
  } catch {
    return false;
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex('incidents')
    .whereNull('impact_started_at')
    .update({
      impact_started_at: knex.raw('coalesce(detected_at, created_at)'),
    });
  await knex.schema.alterTable('incidents', table => {
    table.index(['severity'], 'incidents_severity_idx');
    table.index(['status'], 'incidents_status_idx');
    table.index(['type'], 'incidents_type_idx');
  });
  await knex.schema.alterTable('postmortems', table => {
    table.index(['updated_at', 'id'], 'postmortems_updated_idx');
  });
  await knex.raw(
    'CREATE INDEX incidents_title_sort_idx ON incidents (lower(title))',
  );
  if (isPostgres(knex) && (await hasTrigrams(knex))) {
    for (const [name, table, expression] of TRIGRAM) {
      await knex.raw(
        `CREATE INDEX ${name} ON ${table} USING gin (${expression} gin_trgm_ops)`,
      );
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    for (const [name] of TRIGRAM) {
      await knex.raw(`DROP INDEX IF EXISTS ${name}`);
    }
  }
  await knex.raw('DROP INDEX incidents_title_sort_idx');
  await knex.schema.alterTable('postmortems', table => {
    table.dropIndex(['updated_at', 'id'], 'postmortems_updated_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(['severity'], 'incidents_severity_idx');
    table.dropIndex(['status'], 'incidents_status_idx');
    table.dropIndex(['type'], 'incidents_type_idx');
  });
};
