// @ts-check

/**
 * PostgreSQL: the triggers that keep scorecard_groups and
 * incidents.recurrence (migration 20261208110000_scorecard_groups) become
 * constraint triggers deferred to the commit. Each refresh then sees the
 * transaction's outcome, and the rows it locks (scorecard_groups, an
 * incident's recurrence flag) are held only from the commit on, after what
 * the transaction did before: with the flag set at the link insert, the
 * scale benchmark's delete of an alert storm's incidents once deadlocked
 * with the job drafting them. A group row another transaction wrote in
 * between is left as it is (ON CONFLICT DO NOTHING). SQLite writes one
 * transaction at a time: nothing changes there.
 */

const { PG_TRIGGERS, refresh } = require('./20261208110000_scorecard_groups');

/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/**
 * @param {import('knex').Knex} knex
 * @param {boolean} deferred
 */
async function recreate(knex, deferred) {
  const body = refresh('incident');
  await knex.raw(
    `CREATE OR REPLACE FUNCTION scorecard_groups_refresh(incident varchar)
     RETURNS void LANGUAGE sql AS $$ ${
       deferred ? body.replace(/;\s*$/, ' ON CONFLICT DO NOTHING;') : body
     } $$`,
  );
  for (const [name, when, fn, condition] of PG_TRIGGERS) {
    const table = /ON (\w+)$/.exec(when)?.[1];
    await knex.raw(`DROP TRIGGER ${name} ON ${table}`);
    await knex.raw(
      `CREATE ${deferred ? 'CONSTRAINT ' : ''}TRIGGER ${name} ${when} ${
        deferred ? 'DEFERRABLE INITIALLY DEFERRED ' : ''
      }FOR EACH ROW ${
        condition ? `WHEN (${condition}) ` : ''
      }EXECUTE FUNCTION ${fn}()`,
    );
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPg(knex)) await recreate(knex, true);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPg(knex)) await recreate(knex, false);
};
