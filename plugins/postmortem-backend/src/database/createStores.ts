import { DatabaseService } from '@backstage/backend-plugin-api';
import { KnexDatabaseHealth } from './KnexDatabaseHealth';
import { KnexOutboxStore } from './KnexOutboxStore';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { KnexRecurrenceStore } from './KnexRecurrenceStore';
import { KnexStoredTextStore } from './KnexStoredTextStore';
import { KnexTrackerLinkStore } from './KnexTrackerLinkStore';
import { KnexVerificationStore } from './KnexVerificationStore';
import { migrateDatabase } from './migrateDatabase';
import { KnexScorecardStore } from './ScorecardStore';
import { SimilarPostmortemStore } from './SimilarPostmortemStore';

/**
 * Opens the plugin's database, brings its schema up to date and builds the
 * stores on it: the only SQL of the plugin is in these stores.
 */
export async function createStores(database: DatabaseService) {
  const knex = await migrateDatabase(database);
  return {
    postmortems: KnexPostmortemStore.create(knex),
    verification: new KnexVerificationStore(knex),
    health: new KnexDatabaseHealth(knex),
    outbox: new KnexOutboxStore(knex),
    recurrence: new KnexRecurrenceStore(knex),
    scorecards: new KnexScorecardStore(knex),
    similar: new SimilarPostmortemStore(knex),
    storedText: new KnexStoredTextStore(knex),
    trackerLinks: new KnexTrackerLinkStore(knex),
  };
}

/** The stores of the plugin, by area. */
export type PostmortemStores = Awaited<ReturnType<typeof createStores>>;
