import { createTestDatabases } from './databases';
import { migratedDatabase } from './migratedDatabase';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';

/** A fresh migrated database of the engine, and the postmortem store on it. */
export async function createTestStore(
  databases: ReturnType<typeof createTestDatabases>,
  id: Parameters<ReturnType<typeof createTestDatabases>['init']>[0],
) {
  const knex = await migratedDatabase(databases, id);
  return { knex, store: KnexPostmortemStore.create(knex) };
}

/** Who makes content changes in the store tests. */
export const ADA = { author: 'user:default/ada.okafor' };
