// @ts-check

/**
 * Scorecards at scale (issue 17) read their groups by index.
 *
 * `scorecard_groups` holds, per incident, the groups it counts in by owner
 * (an owner of its postmortem, '' for none) and by entity (an affected
 * entity), with the incident's impact start: a year's scorecard range-scans
 * it by (dimension, impact_started_at) instead of reading all of
 * postmortem_owners or incident_entities (a sequential scan on PostgreSQL
 * at 100,000 incidents). Grouping by system reads the entity rows and maps
 * them to the systems the catalog has now (see ScorecardStore).
 *
 * `incidents.recurrence` says the incident is linked to an earlier one (has
 * a row in incident_links as incident_id), instead of a subquery over
 * incident_links per incident.
 *
 * Both are kept by triggers, in the transaction of every write of
 * incident_entities, postmortem_owners, postmortems, incident_links and an
 * incident's impact start, whichever store or path makes it (intake,
 * drafts, edits, signals, retention, recurrence), and filled from what is
 * there now.
 */

/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/**
 * Deletes and writes again the groups of the incident `incident` names.
 * @param {string} incident
 */
const refresh = incident => `
  DELETE FROM scorecard_groups WHERE incident_id = ${incident};
  INSERT INTO scorecard_groups (incident_id, dimension, group_ref, impact_started_at)
    SELECT e.incident_id, 'entity', e.entity_ref, i.impact_started_at
    FROM incident_entities e JOIN incidents i ON i.id = e.incident_id
    WHERE e.incident_id = ${incident}
    UNION ALL
    SELECT p.incident_id, 'owner', coalesce(o.owner_ref, ''), i.impact_started_at
    FROM postmortems p JOIN incidents i ON i.id = p.incident_id
    LEFT JOIN postmortem_owners o ON o.postmortem_id = p.id
    WHERE p.incident_id = ${incident};`;

/**
 * Sets the incident's recurrence flag from its links.
 * @param {string} incident
 */
const relink = incident => `
  UPDATE incidents SET recurrence = EXISTS (
    SELECT 1 FROM incident_links l WHERE l.incident_id = ${incident}
  ) WHERE id = ${incident};`;

/** @param {'new' | 'old'} row */
const ownerIncident = row =>
  `(SELECT incident_id FROM postmortems WHERE id = ${row}.postmortem_id)`;

/** SQLite: one trigger per table and operation, the statements inline. */
const SQLITE_TRIGGERS = {
  scorecard_groups_entity_insert: `AFTER INSERT ON incident_entities BEGIN ${refresh(
    'new.incident_id',
  )} END`,
  scorecard_groups_entity_delete: `AFTER DELETE ON incident_entities BEGIN ${refresh(
    'old.incident_id',
  )} END`,
  scorecard_groups_entity_update: `AFTER UPDATE ON incident_entities BEGIN ${refresh(
    'old.incident_id',
  )} ${refresh('new.incident_id')} END`,
  scorecard_groups_owner_insert: `AFTER INSERT ON postmortem_owners BEGIN ${refresh(
    ownerIncident('new'),
  )} END`,
  scorecard_groups_owner_delete: `AFTER DELETE ON postmortem_owners BEGIN ${refresh(
    ownerIncident('old'),
  )} END`,
  scorecard_groups_owner_update: `AFTER UPDATE ON postmortem_owners BEGIN ${refresh(
    ownerIncident('old'),
  )} ${refresh(ownerIncident('new'))} END`,
  scorecard_groups_postmortem_insert: `AFTER INSERT ON postmortems BEGIN ${refresh(
    'new.incident_id',
  )} END`,
  scorecard_groups_postmortem_delete: `AFTER DELETE ON postmortems BEGIN ${refresh(
    'old.incident_id',
  )} END`,
  scorecard_groups_postmortem_update: `AFTER UPDATE OF incident_id ON postmortems
    WHEN old.incident_id IS NOT new.incident_id BEGIN ${refresh(
      'old.incident_id',
    )} ${refresh('new.incident_id')} END`,
  scorecard_groups_impact_update: `AFTER UPDATE OF impact_started_at ON incidents
    WHEN old.impact_started_at IS NOT new.impact_started_at BEGIN
      UPDATE scorecard_groups SET impact_started_at = new.impact_started_at
      WHERE incident_id = new.id;
    END`,
  incident_recurrence_link_insert: `AFTER INSERT ON incident_links BEGIN ${relink(
    'new.incident_id',
  )} END`,
  incident_recurrence_link_delete: `AFTER DELETE ON incident_links BEGIN ${relink(
    'old.incident_id',
  )} END`,
  incident_recurrence_link_update: `AFTER UPDATE OF incident_id ON incident_links BEGIN ${relink(
    'old.incident_id',
  )} ${relink('new.incident_id')} END`,
};

/**
 * PostgreSQL: a function per table that refreshes the incidents a row
 * change touches. Row triggers fire after the statement's rows are
 * written, so each refresh sees the statement's outcome.
 */
const PG_FUNCTIONS = {
  scorecard_groups_refresh: `(incident varchar) RETURNS void LANGUAGE sql AS $$
    ${refresh('incident')}
  $$`,
  incident_recurrence_relink: `(incident varchar) RETURNS void LANGUAGE sql AS $$
    ${relink('incident')}
  $$`,
  scorecard_groups_on_entity: `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM scorecard_groups_refresh(OLD.incident_id); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.incident_id IS DISTINCT FROM OLD.incident_id)
      THEN PERFORM scorecard_groups_refresh(NEW.incident_id); END IF;
    RETURN NULL;
  END $$`,
  scorecard_groups_on_owner: `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM scorecard_groups_refresh(
      (SELECT incident_id FROM postmortems WHERE id = OLD.postmortem_id)); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.postmortem_id IS DISTINCT FROM OLD.postmortem_id)
      THEN PERFORM scorecard_groups_refresh(
      (SELECT incident_id FROM postmortems WHERE id = NEW.postmortem_id)); END IF;
    RETURN NULL;
  END $$`,
  scorecard_groups_on_postmortem: `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM scorecard_groups_refresh(OLD.incident_id); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.incident_id IS DISTINCT FROM OLD.incident_id)
      THEN PERFORM scorecard_groups_refresh(NEW.incident_id); END IF;
    RETURN NULL;
  END $$`,
  scorecard_groups_on_impact: `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE scorecard_groups SET impact_started_at = NEW.impact_started_at
    WHERE incident_id = NEW.id;
    RETURN NULL;
  END $$`,
  incident_recurrence_on_link: `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM incident_recurrence_relink(OLD.incident_id); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM incident_recurrence_relink(NEW.incident_id); END IF;
    RETURN NULL;
  END $$`,
};

/** @type {Array<[string, string, string, string?]>} [trigger, when, function, condition]. */
const PG_TRIGGERS = [
  [
    'scorecard_groups_entity',
    'AFTER INSERT OR UPDATE OR DELETE ON incident_entities',
    'scorecard_groups_on_entity',
  ],
  [
    'scorecard_groups_owner',
    'AFTER INSERT OR UPDATE OR DELETE ON postmortem_owners',
    'scorecard_groups_on_owner',
  ],
  [
    'scorecard_groups_postmortem',
    'AFTER INSERT OR UPDATE OF incident_id OR DELETE ON postmortems',
    'scorecard_groups_on_postmortem',
  ],
  [
    'scorecard_groups_impact',
    'AFTER UPDATE OF impact_started_at ON incidents',
    'scorecard_groups_on_impact',
    'OLD.impact_started_at IS DISTINCT FROM NEW.impact_started_at',
  ],
  [
    'incident_recurrence_link',
    'AFTER INSERT OR UPDATE OF incident_id OR DELETE ON incident_links',
    'incident_recurrence_on_link',
  ],
];

/** The incident index the scorecard reads, before and with the flag. */
const IMPACT_INDEX = 'incidents_impact_id_idx';
const IMPACT_COLUMNS =
  'impact_started_at, id, severity, detected_at, acknowledged_at, resolved_at';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_groups', table => {
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    // 'owner' or 'entity'.
    table.string('dimension', 16).notNullable();
    // The owner's or entity's ref; '' is no owner.
    table.string('group_ref', 255).notNullable();
    table.timestamp('impact_started_at', { useTz: true }).nullable();
    table.primary(['incident_id', 'dimension', 'group_ref']);
  });
  await knex.raw(
    `CREATE INDEX scorecard_groups_range_idx ON scorecard_groups
       (dimension, impact_started_at, incident_id, group_ref)`,
  );
  await knex.schema.alterTable('incidents', table => {
    table.boolean('recurrence').notNullable().defaultTo(false);
  });
  await knex.raw(`DROP INDEX ${IMPACT_INDEX}`);
  await knex.raw(
    `CREATE INDEX ${IMPACT_INDEX} ON incidents (${IMPACT_COLUMNS}, recurrence)`,
  );

  // What is there now.
  await knex.raw(`
    INSERT INTO scorecard_groups (incident_id, dimension, group_ref, impact_started_at)
    SELECT e.incident_id, 'entity', e.entity_ref, i.impact_started_at
    FROM incident_entities e JOIN incidents i ON i.id = e.incident_id
    UNION ALL
    SELECT p.incident_id, 'owner', coalesce(o.owner_ref, ''), i.impact_started_at
    FROM postmortems p JOIN incidents i ON i.id = p.incident_id
    LEFT JOIN postmortem_owners o ON o.postmortem_id = p.id`);
  await knex.raw(`
    UPDATE incidents SET recurrence = ${isPg(knex) ? 'true' : '1'}
    WHERE id IN (SELECT incident_id FROM incident_links)`);

  if (isPg(knex)) {
    for (const [name, body] of Object.entries(PG_FUNCTIONS)) {
      await knex.raw(`CREATE FUNCTION ${name}${body}`);
    }
    for (const [name, when, fn, condition] of PG_TRIGGERS) {
      await knex.raw(
        `CREATE TRIGGER ${name} ${when} FOR EACH ROW ${
          condition ? `WHEN (${condition}) ` : ''
        }EXECUTE FUNCTION ${fn}()`,
      );
    }
    await knex.raw('ANALYZE scorecard_groups');
  } else {
    for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) {
      await knex.raw(`CREATE TRIGGER ${name} ${body}`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPg(knex)) {
    for (const [name, when] of PG_TRIGGERS) {
      const table = /ON (\w+)$/.exec(when)?.[1];
      await knex.raw(`DROP TRIGGER ${name} ON ${table}`);
    }
    for (const name of Object.keys(PG_FUNCTIONS).reverse()) {
      await knex.raw(`DROP FUNCTION ${name}`);
    }
  } else {
    for (const name of Object.keys(SQLITE_TRIGGERS)) {
      await knex.raw(`DROP TRIGGER ${name}`);
    }
  }
  await knex.raw(`DROP INDEX ${IMPACT_INDEX}`);
  await knex.raw(
    `CREATE INDEX ${IMPACT_INDEX} ON incidents (${IMPACT_COLUMNS})`,
  );
  // Native on both (SQLite from 3.35): knex would copy the table on SQLite.
  await knex.raw('ALTER TABLE incidents DROP COLUMN recurrence');
  await knex.schema.dropTable('scorecard_groups');
};

// For the migration that defers the PostgreSQL triggers.
exports.PG_TRIGGERS = PG_TRIGGERS;
exports.refresh = refresh;
