// @ts-check

/**
 * The reminder job read every open postmortem at every pass (listing 50,000
 * took 1.0 s, then it loaded them all), and every open remediation item.
 * postmortems.reminder_due_at says when the job must look at a postmortem
 * next: after each look the job sets it to the earliest time at which a
 * reminder of the postmortem (its deadlines, contributors, remediation
 * items, re-evaluation) that it has not sent can fall due, or to NULL when
 * none can until the postmortem changes. Every change of a postmortem (a
 * revision) sets it back to the epoch: look at once. So do the default (new
 * postmortems) and this migration (the rows that exist: the first pass looks
 * at each once). The job reads the rows due from an index of the rows that
 * have a time at all: published postmortems with nothing left to remind
 * about are not in it.
 *
 * reminder_rules holds a fingerprint of the rules the stored times were
 * computed with (deadline policy, reminder windows); a job that runs with
 * other rules sets every time back to the epoch first.
 */

/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    // The epoch: better-sqlite3 stores times as milliseconds.
    table
      .timestamp('reminder_due_at')
      .nullable()
      .defaultTo(isPg(knex) ? '1970-01-01T00:00:00Z' : 0);
  });
  await knex.raw(
    'CREATE INDEX postmortems_reminder_due_idx ON postmortems (reminder_due_at) WHERE reminder_due_at IS NOT NULL',
  );
  await knex.schema.createTable('reminder_rules', table => {
    table.integer('id').primary();
    table.string('fingerprint', 64).notNullable();
    table.timestamp('adopted_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reminder_rules');
  await knex.raw('DROP INDEX postmortems_reminder_due_idx');
  // Not knex's dropColumn: on SQLite it rebuilds the table, which would
  // drop the triggers on postmortems (scorecard groups, text index).
  await knex.raw('ALTER TABLE postmortems DROP COLUMN reminder_due_at');
};
