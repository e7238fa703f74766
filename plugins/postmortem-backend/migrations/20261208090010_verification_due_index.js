// @ts-check

/**
 * The verification job asks at every pass for the done items that have a
 * check to run. Items stay done for as long as nobody verifies them, so at
 * scale that was a sequential scan of every remediation item (0.25 s at
 * 300,000); an index of only those items holds the few waiting now. Its
 * condition is the query's, so both engines see that it covers it.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    "CREATE INDEX remediation_items_to_verify_idx ON remediation_items (id) WHERE status = 'done' AND verification IS NOT NULL",
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX remediation_items_to_verify_idx');
};
