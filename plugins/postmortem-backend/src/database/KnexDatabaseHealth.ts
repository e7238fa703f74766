import { Knex } from 'knex';

/** Whether the plugin's database answers. */
export interface DatabaseHealth {
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
}

/** DatabaseHealth of the plugin's database. */
export class KnexDatabaseHealth implements DatabaseHealth {
  constructor(private readonly knex: Knex) {}

  async ping(): Promise<void> {
    await this.knex.raw('select 1');
  }
}
