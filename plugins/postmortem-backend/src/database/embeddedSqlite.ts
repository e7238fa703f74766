import { DatabaseManager } from '@backstage/backend-defaults/database';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';

/** The better-sqlite3 connection, as far as this module uses it. */
interface SqliteConnection {
  name: string;
  memory: boolean;
  pragma(source: string): unknown;
  prepare(sql: string): unknown;
}

/** Statements kept prepared per connection; knex asks for one per query. */
const STATEMENT_CACHE_SIZE = 500;

const tuned = new WeakSet<object>();
const hooked = new WeakSet<object>();

function tune(connection: SqliteConnection, logger?: LoggerService) {
  if (tuned.has(connection)) return;
  tuned.add(connection);
  if (!connection.memory) {
    // Write-ahead log: readers never wait for the writer, and a commit is
    // an append without fsync (synchronous NORMAL; the log is synced at
    // checkpoints). With the default rollback journal every commit synced
    // the file 2-3 times while better-sqlite3 held the event loop, so all
    // requests of the process stood still for each write: measured at
    // 2.5 ms a commit, 11 ms a single-statement write, p99 4.2 s with
    // 20 clients. A crash of the process loses nothing committed; a power
    // loss may lose the last commits, never the file.
    try {
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = NORMAL');
    } catch (error) {
      logger?.warn(
        `Could not switch ${connection.name} to write-ahead logging; commits stay synchronous: ${error}`,
      );
    }
  }
  // Another process (a CLI, a second replica on a file share) briefly
  // locking the file is waited for, not answered with SQLITE_BUSY.
  connection.pragma('busy_timeout = 5000');
  // knex prepares every query anew; on SQLite compiling a statement cost
  // as much as running it (15 % of the CPU under load). A statement is
  // reusable once it has run, so the same SQL text gets the same one.
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // most recently used last
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        cache.delete(cache.keys().next().value!);
      }
    }
    cache.set(sql, statement);
    return statement;
  };
}

/**
 * Tunes the plugin's connections when it runs on the embedded SQLite
 * (better-sqlite3); does nothing on other databases. The connection the
 * pool holds now and any it opens later get it.
 */
export async function tuneEmbeddedSqlite(
  knex: Knex,
  logger?: LoggerService,
): Promise<void> {
  const client = String(knex.client.config.client ?? '');
  if (client !== 'better-sqlite3') return;
  if (hooked.has(knex)) return;
  hooked.add(knex);
  knex.client.pool?.on(
    'createSuccess',
    (_eventId: unknown, connection: SqliteConnection) =>
      tune(connection, logger),
  );
  const connection =
    (await knex.client.acquireConnection()) as SqliteConnection;
  try {
    tune(connection, logger);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * Backstage's database service, with every plugin's SQLite connection
 * tuned as above. All plugins of a backend share one event loop, so one
 * plugin syncing its file on each commit (the catalog refreshing, the
 * notifications backend storing a notice) stalls every request of all the
 * others; the portal's embedded default uses this for all of them.
 *
 * @public
 */
export const embeddedSqliteDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    return DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
  },
  async factory({ pluginMetadata, lifecycle, logger }, manager) {
    const database = manager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
    return {
      ...database,
      async getClient() {
        const knex = await database.getClient();
        await tuneEmbeddedSqlite(knex, logger);
        return knex;
      },
    };
  },
});
