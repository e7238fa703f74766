// @ts-check

/**
 * Drafted causes carry their evidence chain and a calibrated confidence;
 * the generated statement is kept to tell whether a person edited it, so a
 * re-draft with more evidence updates only what nobody touched.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('causes', table => {
    table.string('confidence', 8).nullable();
    table.text('analysis').nullable();
    table.text('generated_statement').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('causes', table => {
    table.dropColumn('confidence');
    table.dropColumn('analysis');
    table.dropColumn('generated_statement');
  });
};
