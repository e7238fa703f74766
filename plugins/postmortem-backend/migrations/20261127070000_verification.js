// @ts-check

/**
 * How a remediation item is verified once done: an automated Prometheus
 * check or a sign-off by a named role, with the outcome of the last check.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('remediation_items', table => {
    table.text('verification').nullable();
    table.text('last_check').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('remediation_items', table => {
    table.dropColumn('verification');
    table.dropColumn('last_check');
  });
};
