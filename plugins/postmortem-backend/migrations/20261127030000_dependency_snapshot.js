// @ts-check

/**
 * The dependency neighbourhood of the affected entities as the catalog had
 * it when the draft was generated, so the map shows the incident's world
 * even after the catalog changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.text('dependency_snapshot').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.dropColumn('dependency_snapshot');
  });
};
