// eslint-disable-next-line @backstage/no-undeclared-imports
import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Result } from './report';
import { msSince } from './timing';

const MB = 1024 * 1024;

/**
 * Collates every postmortem for search with the search module's own
 * collator, against the backend serving the data set, and samples memory
 * (this process: the collator and the backend it pages through) while it
 * runs. The baseline is the memory just before, after a collection.
 */
export async function measureCollation(
  engine: 'pg' | 'sqlite',
  knex: Knex,
  baseUrl: string,
): Promise<Result> {
  // The search module tests against this backend (a dev dependency there),
  // so this benchmark reaches it through the workspace, not package.json.
  const searchModule = '@postmortems/plugin-search-backend-module-postmortem';
  const { PostmortemCollatorFactory } = require(searchModule);
  const collator = PostmortemCollatorFactory.fromConfig(
    mockServices.rootConfig({
      data: { search: { collators: { postmortem: { batchSize: 200 } } } },
    }),
    {
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      logger: mockServices.logger.mock(),
    },
  );
  const [{ n }] = await knex('postmortems').count({ n: '*' });
  (global as any).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = process.hrtime.bigint();
  let documents = 0;
  try {
    for await (const _doc of await collator.getCollator()) documents++;
  } finally {
    clearInterval(sampler);
  }
  const ms = msSince(started);
  const aboveRss = (peakRss - base.rss) / MB;
  return {
    engine,
    name: `search collation of all ${Number(n)} postmortems`,
    value: aboveRss,
    unit: 'MB peak RSS above baseline',
    details: {
      'peak heap above baseline MB': (peakHeap - base.heapUsed) / MB,
      documents,
      seconds: ms / 1000,
      'documents/s': documents / (ms / 1000),
    },
    target: '< 200 MB above baseline; every postmortem',
    pass: aboveRss < 200 && documents === Number(n),
  };
}
