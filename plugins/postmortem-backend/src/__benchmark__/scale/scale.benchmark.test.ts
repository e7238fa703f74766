import createKnex, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../../database/migrateDatabase';
import { startBenchmarkBackend } from './backend';
import { catalogEntities, sizesFor } from './dataset';
import { measureCollation } from './measureCollation';
import { measureDraft } from './measureDraft';
import { measureIngest } from './measureIngest';
import { measureJobPolling } from './measureJobs';
import {
  measureEntityTab,
  measureLists,
  measureScorecards,
} from './measureReads';
import { measureRevisionStorage, revisionTableSize } from './measureRevisions';
import type { PlanCheck } from './plans';
import { Result, writeResults } from './report';
import { seed } from './seed';

// Runs on demand (scripts/benchmark-scale.sh), not in `./run test`.
const describeBenchmark =
  process.env.POSTMORTEM_BENCHMARK === 'scale' ? describe : describe.skip;

jest.setTimeout(3_600_000);

const SCALE = Number(process.env.POSTMORTEM_BENCHMARK_SCALE ?? 1);
const ENGINES = (process.env.POSTMORTEM_BENCHMARK_ENGINES ?? 'pg,sqlite')
  .split(',')
  .filter(Boolean) as Array<'pg' | 'sqlite'>;
const PG_URL =
  process.env.POSTMORTEM_BENCHMARK_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PG_DATABASE =
  process.env.POSTMORTEM_BENCHMARK_PG_DATABASE ?? 'postmortem_bench';
/** While developing: only the steps named, e.g. `ingest,draft`. */
const ONLY = process.env.POSTMORTEM_BENCHMARK_ONLY?.split(',');
/**
 * While developing: keep the seeded databases between runs (PostgreSQL's
 * postmortem_bench, SQLite in the temp dir) and seed only when they do not
 * hold the data set of this scale; the migrations still run.
 */
const REUSE = process.env.POSTMORTEM_BENCHMARK_REUSE === '1';

const log = (message: string) =>
  process.stderr.write(
    `[benchmark ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );

/**
 * A fresh database for the engine: dropped and created for every run
 * (with REUSE, kept when it exists).
 */
async function freshDatabase(engine: 'pg' | 'sqlite'): Promise<Knex> {
  if (engine === 'pg') {
    const admin = createKnex({
      client: 'pg',
      connection: `${PG_URL}/postgres`,
    });
    const exists = await admin.raw(
      'select 1 from pg_database where datname = ?',
      [PG_DATABASE],
    );
    if (!REUSE || !exists.rows.length) {
      await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
      await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
    }
    await admin.destroy();
    return createKnex({
      client: 'pg',
      connection: `${PG_URL}/${PG_DATABASE}`,
      pool: { min: 0, max: 10 },
    });
  }
  // A file, as the embedded default keeps it.
  const dir = REUSE
    ? path.join(os.tmpdir(), 'postmortem-bench-reuse')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'postmortem-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  return createKnex({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'postmortem.sqlite') },
    useNullAsDefault: true,
  });
}

/** One row for the plan check: every hot query's plan, no full scan allowed. */
function planSummary(engine: 'pg' | 'sqlite', results: Result[]): Result {
  const plans: PlanCheck[] = results.flatMap(r => r.plans ?? []);
  const scans = results.flatMap(r =>
    (r.plans ?? []).flatMap(p => p.seqScans.map(t => `${t} (${r.name})`)),
  );
  return {
    engine,
    name: `query plans: ${plans.length} hot queries explained`,
    value: scans.length,
    unit: 'seq scans on big tables',
    details: {
      'indexes used': [...new Set(plans.flatMap(p => p.indexes))].length,
      ...(scans.length ? { 'seq scans': [...new Set(scans)].join('; ') } : {}),
    },
    target: 'every hot query uses an index',
    // The planner picks a plan for the table sizes it sees: a seq scan of
    // a 1,000-row table is its right choice there. Plans are judged at the
    // full size only.
    pass: SCALE >= 1 ? scans.length === 0 : undefined,
  };
}

describeBenchmark('benchmarks at scale', () => {
  it('seeds, measures and writes benchmark-results/', async () => {
    const results: Result[] = [];
    const meta: Record<string, unknown> = {
      date: new Date().toISOString(),
      scale: SCALE,
      cpus: os.cpus().length,
      node: process.version,
    };
    for (const engine of ENGINES) {
      const sizes = sizesFor(engine, SCALE);
      meta[`${engine} sizes`] = sizes;
      log(`${engine}: ${JSON.stringify(sizes)}`);
      const knex = await freshDatabase(engine);
      const entities = catalogEntities(sizes.entities);
      try {
        await migrateDatabase({ getClient: async () => knex });
        const [{ n: present }] = await knex('incidents').count({ n: '*' });
        if (REUSE && Number(present) >= sizes.incidents) {
          log(`${engine}: reusing the ${present} incidents seeded before`);
          await knex.raw('ANALYZE');
        } else {
          if (Number(present)) {
            throw new Error(
              `${engine}: the database to reuse holds another data set; drop it`,
            );
          }
          const seeded = await seed(knex, sizes, log);
          meta[`${engine} seed`] = seeded;
          log(`${engine}: seeded in ${seeded.seconds.toFixed(0)} s`);
        }

        const measured: Result[] = [];
        const step = async (name: string, fn: () => Promise<Result[]>) => {
          if (ONLY && !ONLY.includes(name)) return;
          log(`${engine}: ${name}`);
          const out = await fn();
          measured.push(...out);
          for (const r of out) {
            log(
              `  ${r.name}: ${r.value.toFixed(1)} ${r.unit}${
                r.ratio === undefined ? '' : ` (${r.ratio.toFixed(2)}×)`
              } ${r.pass === false ? 'FAIL' : ''}`,
            );
          }
        };
        await step('entity tab', () => measureEntityTab(engine, knex, sizes));
        await step('lists', () => measureLists(engine, knex, sizes));
        await step('scorecards', () =>
          measureScorecards(engine, knex, entities),
        );
        await step('jobs', () => measureJobPolling(engine, knex, SCALE >= 1));
        await step('revision storage', async () => [
          ...(await measureRevisionStorage(engine, knex, 100)),
          await revisionTableSize(engine, knex),
        ]);
        await step('draft', async () => [
          await measureDraft(engine, knex, entities, sizes.entities),
        ]);
        const backend = await startBenchmarkBackend(knex, entities);
        try {
          await step('ingest', async () => [
            await measureIngest(
              engine,
              knex,
              backend.baseUrl,
              Math.max(
                300,
                Math.round(
                  (engine === 'pg' ? 1500 : 600) * Math.min(1, SCALE * 10),
                ),
              ),
              sizes.entities,
            ),
          ]);
          await step('search collation', async () => [
            await measureCollation(engine, knex, backend.baseUrl),
          ]);
        } finally {
          await backend.stop();
        }
        measured.push(planSummary(engine, measured));
        results.push(...measured);
      } finally {
        await knex.destroy();
      }
    }
    const resultsDir = path.resolve(
      __dirname,
      '../../../../../benchmark-results',
    );
    // Without engines (POSTMORTEM_BENCHMARK_ENGINES=), only the Chromium
    // figure is refreshed beside the last run's database figures.
    const last = path.join(resultsDir, 'results.json');
    if (!ENGINES.length && fs.existsSync(last)) {
      const previous = JSON.parse(fs.readFileSync(last, 'utf8'));
      Object.assign(meta, previous.meta);
      results.push(
        ...previous.results.filter((r: Result) => !r.name.includes('Chromium')),
      );
    }
    // The Chromium figure, measured by scripts/benchmark-scale.sh just
    // before (packages/app/benchmarks/entityTab.benchmark.ts).
    const browser = path.join(resultsDir, 'entity-tab.json');
    if (fs.existsSync(browser)) {
      results.push(JSON.parse(fs.readFileSync(browser, 'utf8')));
    } else {
      results.push({
        engine: 'sqlite',
        name: 'entity tab in Chromium, 500 postmortems',
        value: NaN,
        unit: 'not measured',
        details: { why: 'the portal could not start (see the log above)' },
        target: '< 1.5 s',
      });
    }
    const markdown = writeResults(results, meta);
    process.stdout.write(`\n${markdown}\n`);
    const failed = results
      .filter(r => r.pass === false)
      .map(r => `${r.engine} ${r.name}`);
    expect(failed).toEqual([]);
  });
});

/**
 * The portal's embedded database for the Chromium figure (run by
 * scripts/benchmark-scale.sh before it starts the portal): 500 postmortems
 * on the demo catalog's checkout-service, in POSTMORTEM_DATA_DIR.
 */
const describeEntityTabSeed =
  process.env.POSTMORTEM_BENCHMARK === 'entity-tab-seed'
    ? describe
    : describe.skip;

describeEntityTabSeed('the entity tab data set', () => {
  it('seeds the portal database', async () => {
    const dir = process.env.POSTMORTEM_DATA_DIR!;
    const knex = createKnex({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'postmortem.sqlite') },
      useNullAsDefault: true,
    });
    try {
      await migrateDatabase({ getClient: async () => knex });
      const sizes = {
        ...sizesFor('sqlite', 0),
        incidents: 500,
        entities: 210,
        hotEntity: 'component:default/checkout-service',
        hotEntityOwner: 'group:default/checkout-team',
      };
      await seed(knex, sizes, log);
      const [{ n }] = await knex('incident_entities')
        .where('entity_ref', sizes.hotEntity)
        .count({ n: '*' });
      expect(Number(n)).toBe(500);
    } finally {
      await knex.destroy();
    }
  });
});
