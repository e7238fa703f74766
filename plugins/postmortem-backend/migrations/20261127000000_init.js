// @ts-check

/**
 * The postmortem domain: incidents, their postmortems and everything under
 * them. JSON values live in text columns so SQLite and PostgreSQL share one
 * schema; anything the API filters on has a column (or a table) of its own.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents declared by alerting tools or by hand');
    table.string('id', 36).primary();
    table.string('human_id', 32).notNullable().unique('incidents_human_id_uq');
    table.text('title').notNullable();
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('impact_started_at', { useTz: true }).nullable();
    table.timestamp('detected_at', { useTz: true }).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('mitigated_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('source', 64).notNullable();
    table.string('dedup_key', 512).nullable();
    table.text('external_ids').notNullable().defaultTo('{}');
    table.text('links').notNullable().defaultTo('[]');
    table.text('responders').notNullable().defaultTo('[]');
    table.text('labels').notNullable().defaultTo('{}');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source', 'dedup_key'], {
      indexName: 'incidents_source_dedup_uq',
    });
    table.index(['impact_started_at'], 'incidents_impact_started_idx');
  });

  await knex.schema.createTable('incident_entities', table => {
    table.comment('Catalog entities an incident affects, for entity filters');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['incident_id', 'entity_ref']);
    table.index(['entity_ref'], 'incident_entities_ref_idx');
  });

  await knex.schema.createTable('incident_deliveries', table => {
    table.comment(
      'Webhook events already applied; makes deliveries idempotent',
    );
    table.string('source', 64).notNullable();
    table.string('event_id', 512).notNullable();
    table.string('incident_id', 36).nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.primary(['source', 'event_id']);
  });

  await knex.schema.createTable('human_id_counters', table => {
    table.comment('Per-year counters behind INC-YYYY-NNNN ids');
    table.integer('year').primary();
    table.integer('last_value').notNullable();
  });

  await knex.schema.createTable('postmortems', table => {
    table.comment('One postmortem per incident');
    table.string('id', 36).primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .unique('postmortems_incident_uq')
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('template_id', 64).notNullable();
    table.integer('template_version').notNullable();
    table.string('stage', 32).notNullable();
    table.text('roles').notNullable();
    table.text('narrative').notNullable();
    table.text('generated_sections').notNullable().defaultTo('[]');
    table.text('attachments').notNullable().defaultTo('[]');
    table.text('deadlines').notNullable().defaultTo('{}');
    table.string('visibility', 16).notNullable().defaultTo('normal');
    table.integer('revision').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['stage'], 'postmortems_stage_idx');
  });

  await knex.schema.createTable('postmortem_members', table => {
    table.comment('Role holders of a postmortem, for role-based rules');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('member_ref', 255).notNullable();
    table.string('role', 32).notNullable();
    table.primary(['postmortem_id', 'member_ref', 'role']);
    table.index(['member_ref'], 'postmortem_members_ref_idx');
  });

  await knex.schema.createTable('postmortem_owners', table => {
    table.comment('Owners of the affected entities, for owner-group filters');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('owner_ref', 255).notNullable();
    table.primary(['postmortem_id', 'owner_ref']);
    table.index(['owner_ref'], 'postmortem_owners_ref_idx');
  });

  await knex.schema.createTable('revisions', table => {
    table.comment('Every content change of a postmortem, with a snapshot');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    table.string('author', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('changed').notNullable();
    table.text('snapshot').notNullable();
    table.primary(['postmortem_id', 'revision']);
  });

  await knex.schema.createTable('timeline_events', table => {
    table.string('id', 36).primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('kind', 32).notNullable();
    table.string('source', 64).notNullable();
    table.string('author', 255).nullable();
    table.text('text').notNullable();
    table.boolean('key_decision').notNullable().defaultTo(false);
    table.text('evidence_ids').notNullable().defaultTo('[]');
    table.string('origin_key', 512).nullable();
    table.unique(['postmortem_id', 'origin_key'], {
      indexName: 'timeline_events_origin_uq',
    });
    table.index(['postmortem_id', 'occurred_at'], 'timeline_events_time_idx');
  });

  await knex.schema.createTable('evidence', table => {
    table.string('id', 36).primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('kind', 32).notNullable();
    table.string('source', 64).notNullable();
    table.text('query').nullable();
    table.string('entity_ref', 255).nullable();
    table.text('content').notNullable();
    table.timestamp('occurred_at', { useTz: true }).nullable();
    table.timestamp('captured_at', { useTz: true }).notNullable();
    table.text('redactions').notNullable().defaultTo('{}');
    table.string('origin_key', 512).nullable();
    table.unique(['postmortem_id', 'origin_key'], {
      indexName: 'evidence_origin_uq',
    });
  });

  await knex.schema.createTable('causes', table => {
    table.string('id', 36).primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable();
    table.text('statement').notNullable();
    table.string('status', 16).notNullable();
    table.string('perspective', 16).notNullable();
    table.text('evidence_ids').notNullable().defaultTo('[]');
    table.text('rollback_plan').nullable();
    table.boolean('change_related').notNullable().defaultTo(false);
    table.string('entity_ref', 255).nullable();
    table.float('score').nullable();
    table.string('origin_key', 512).nullable();
    table.unique(['postmortem_id', 'origin_key'], {
      indexName: 'causes_origin_uq',
    });
  });

  await knex.schema.createTable('remediation_items', table => {
    table.string('id', 36).primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.text('title').notNullable();
    table.text('description').nullable();
    table.string('owner_ref', 255).nullable();
    table.string('due_date', 10).nullable();
    table.text('acceptance_criteria').nullable();
    table.integer('impact').notNullable();
    table.integer('probability').notNullable();
    table.integer('priority').notNullable();
    table.string('horizon', 8).notNullable();
    table.string('status', 16).notNullable();
    table.text('tracker_url').nullable();
    table.string('origin_key', 512).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['postmortem_id', 'origin_key'], {
      indexName: 'remediation_items_origin_uq',
    });
    table.index(['owner_ref', 'status'], 'remediation_items_owner_idx');
  });

  await knex.schema.createTable('history', table => {
    table.comment('Per-postmortem history that readers can see');
    table.bigIncrements('seq').primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.text('details').notNullable().defaultTo('{}');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['postmortem_id', 'seq'], 'history_postmortem_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'history',
    'remediation_items',
    'causes',
    'evidence',
    'timeline_events',
    'revisions',
    'postmortem_owners',
    'postmortem_members',
    'postmortems',
    'human_id_counters',
    'incident_deliveries',
    'incident_entities',
    'incidents',
  ]) {
    await knex.schema.dropTable(table);
  }
};
