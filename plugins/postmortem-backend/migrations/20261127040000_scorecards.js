// @ts-check

/**
 * Scorecards aggregate in SQL, so the facts they need are columns: when a
 * postmortem was published and whether that met its deadline, and when a
 * remediation item was verified.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.timestamp('published_at', { useTz: true }).nullable();
    table.boolean('published_on_time').nullable();
  });
  await knex.schema.alterTable('remediation_items', table => {
    table.timestamp('verified_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('remediation_items', table => {
    table.dropColumn('verified_at');
  });
  await knex.schema.alterTable('postmortems', table => {
    table.dropColumn('published_at');
    table.dropColumn('published_on_time');
  });
};
