import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { tuneEmbeddedSqlite } from './embeddedSqlite';

const migrationsDir = resolvePackagePath(
  '@postmortems/plugin-postmortem-backend',
  'migrations',
);

/**
 * Opens the plugin's database and brings its schema up to date, unless the
 * adopter runs migrations out of band (`backend.database.migrations.skip`).
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  await tuneEmbeddedSqlite(knex);
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}

/** @internal exported for the migrations test */
export const MIGRATIONS_DIRECTORY = migrationsDir;
