// @ts-check

/**
 * After the scorecard_groups migration filled a new table and set the
 * recurrence flag of every repeated incident, PostgreSQL's visibility map
 * of both is unset until autovacuum comes by: the planner then prices the
 * index-only scans a scorecard reads with (scorecard_groups_range_idx,
 * incidents_impact_id_idx) as heap reads and picks sequential scans of the
 * two tables. A vacuum marks their pages visible and counts their rows.
 * VACUUM runs outside a transaction, so this is a migration of its own.
 */
exports.config = { transaction: false };

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('VACUUM (ANALYZE) scorecard_groups, incidents');
};

/** Nothing to undo. */
exports.down = async function down() {};
