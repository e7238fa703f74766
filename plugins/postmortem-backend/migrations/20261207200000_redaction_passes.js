// @ts-check

/**
 * Which version of the redactor has been run over the data already stored
 * (see src/redaction/reRedactStoredData.ts): data stored before a detector
 * existed is redacted again once per version.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('redaction_passes', table => {
    table.comment('Redaction passes over the stored data, one per version');
    table.integer('version').primary();
    table.integer('values_changed').notNullable();
    table.timestamp('applied_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('redaction_passes');
};
