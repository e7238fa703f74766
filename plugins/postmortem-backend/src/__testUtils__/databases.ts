import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const ENGINES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/**
 * The engines every database test runs on. SQLite always; PostgreSQL when a
 * connection string is given (the test command gives the local server). With
 * POSTMORTEM_REQUIRE_POSTGRES set, a missing PostgreSQL fails instead of
 * silently shrinking the matrix, so CI cannot pass on SQLite alone.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: ENGINES });
  if (
    process.env.POSTMORTEM_REQUIRE_POSTGRES &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'PostgreSQL is required for this test run but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
    );
  }
  return databases;
}
