import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { captureQueries } from '../__benchmark__/scale/plans';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { migrateDatabase } from './migrateDatabase';

const databases = createTestDatabases();
// Many writes and lists per test: slow on a busy CI machine.
jest.setTimeout(60_000);
const AUTHOR = { author: 'user:default/ada.okafor' };

/**
 * The list's text filter over changing data: on SQLite it reads a trigram
 * table that triggers keep in step (migration sqlite_text_index), on
 * PostgreSQL the rows themselves; both must see every change at once.
 */
describe.each(databases.eachSupportedId())('text filter on %p', id => {
  async function setup(countCap?: number) {
    const knex = await databases.init(id);
    await migrateDatabase({ getClient: async () => knex });
    const store = KnexPostmortemStore.create(knex, { countCap });
    const titles = async (text: string) => {
      const page = await store.listPostmortems({ text, limit: 100 });
      const incidents = await store.listIncidents({ text, limit: 100 });
      expect(incidents.items.map(i => i.title)).toEqual(
        page.items.map(p => p.title),
      );
      expect(page.totalCount).toBe(page.items.length);
      return page.items.map(p => p.title).sort();
    };
    const declare = async (title: string, summary?: string, day = 1) => {
      const { postmortem } = await store.createIncident(
        newIncident(title, {
          impactStartedAt: new Date(Date.UTC(2026, 10, day)).toISOString(),
        }),
      );
      if (summary !== undefined) {
        await store.updatePostmortem(
          postmortem.id,
          { narrative: { summary } },
          AUTHOR,
        );
      }
      return postmortem;
    };
    return { knex, store, titles, declare };
  }

  it('sees a changed title, narrative or id and a deleted postmortem at once', async () => {
    const { knex, store, titles, declare } = await setup();
    const kafka = await declare('Kafka lag', 'The consumer fell behind', 1);
    const dns = await declare('DNS outage', 'Resolver cache expired', 2);
    expect(await titles('consumer')).toEqual(['Kafka lag']);
    expect(await titles('resolver')).toEqual(['DNS outage']);

    // A narrative rewritten: the old words go, the new ones are found.
    await store.updatePostmortem(
      kafka.id,
      { narrative: { summary: 'Partition rebalancing stalled' } },
      AUTHOR,
    );
    expect(await titles('consumer')).toEqual([]);
    expect(await titles('rebalancing')).toEqual(['Kafka lag']);

    // A title changed on the incident.
    await store.updateIncident(
      dns.incidentId,
      { title: 'Resolver fleet outage' },
      AUTHOR,
    );
    expect(await titles('dns')).toEqual([]);
    expect(await titles('fleet')).toEqual(['Resolver fleet outage']);
    // The first word in the title, the second in the narrative.
    expect(await titles('fleet expired')).toEqual(['Resolver fleet outage']);

    // An id changed (renumbered): found by the new one only.
    await knex('incidents')
      .where({ id: dns.incidentId })
      .update({ human_id: 'OPS-7731' });
    expect(await titles('ops-7731')).toEqual(['Resolver fleet outage']);
    expect(await titles(dns.humanId)).toEqual([]);

    // A deleted postmortem is not found any more; another one is.
    await store.deletePostmortem(kafka.id);
    expect(await titles('rebalancing')).toEqual([]);
    const later = await declare('Kafka lag again', 'Rebalancing again', 3);
    expect(await titles('rebalancing')).toEqual(['Kafka lag again']);
    await store.deletePostmortem(later.id);
    expect(await titles('kafka')).toEqual([]);
    expect(await titles('outage')).toEqual(['Resolver fleet outage']);
  });

  it('matches words as substrings, each somewhere, with %, _, \\ and " literal', async () => {
    const { knex, titles, declare } = await setup();
    await declare('Disk 100% full', 'Logs grew without rotation');
    await declare('Disk 1000 IOPS', 'Noisy neighbour');
    await declare('Path C:\\temp full', 'A cron_job wrote "tmp" files');
    await declare('Cronjob failed', 'Nothing in it');
    await declare('ÜBER gateway down', 'naïve retry storm');

    expect(await titles('100%')).toEqual(['Disk 100% full']);
    expect(await titles('100%_full')).toEqual([]);
    expect(await titles('cron_job')).toEqual(['Path C:\\temp full']);
    expect(await titles('C:\\TEMP')).toEqual(['Path C:\\temp full']);
    expect(await titles('"tmp"')).toEqual(['Path C:\\temp full']);
    expect(await titles('rotat')).toEqual(['Disk 100% full']);
    // Every word must match, in the title, the id or the narrative.
    expect(await titles('disk neighbour')).toEqual(['Disk 1000 IOPS']);
    expect(await titles('disk grew')).toEqual(['Disk 100% full']);
    expect(await titles('disk zeppelin')).toEqual([]);
    // Words of one or two characters (no trigram) still match, alone or
    // beside longer ones.
    expect(await titles('%')).toEqual(['Disk 100% full']);
    expect(await titles('op')).toEqual(['Disk 1000 IOPS']);
    expect(await titles('op disk')).toEqual(['Disk 1000 IOPS']);
    expect(await titles('disk op')).toEqual(['Disk 1000 IOPS']);
    // Non-ASCII: a word matches its own case on both engines, another case
    // as far as the engine's lower() folds it (SQLite: ASCII only), as
    // before the trigram table.
    expect(await titles('NAÏVE')).toEqual(['ÜBER gateway down']);
    const [{ folded }] = await knex.select(
      knex.raw("case when lower('ÜBER') = 'über' then 1 else 0 end as folded"),
    );
    expect(await titles('über')).toEqual(
      Number(folded) ? ['ÜBER gateway down'] : [],
    );
    // SQLite's lower() folds ASCII only, so there: no match.
    expect(id !== 'SQLITE_3' || !Number(folded)).toBe(true);
  });

  it('counts and pages alike whether a word matches few postmortems or more than the count cap', async () => {
    // With more matches than the cap, SQLite walks the sort's index and
    // tests each row against the trigram table instead of reading them all.
    const { store, declare } = await setup(3);
    for (let day = 1; day <= 7; day++) {
      await declare(
        day % 2 ? `Queue stalled ${day}` : `Disk full ${day}`,
        day % 2 ? 'Consumers fell behind' : `The queue of disk ${day} grew`,
        day,
      );
    }
    await declare('Login slow', 'Nothing waited here', 8);
    for (const [text, expected] of [
      // Title or narrative: every postmortem but the login one (7 > 3).
      ['queue', [7, 6, 5, 4, 3, 2, 1]],
      // Both words, in any field: the odd days only.
      ['queue consumers', [7, 5, 3, 1]],
      // A rare word beside a common one: one match.
      ['disk 4', [4]],
      ['zeppelin', []],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let count: number | undefined;
      let capped: boolean | undefined;
      do {
        const page = await store.listPostmortems({ text, limit: 2, cursor });
        seen.push(...page.items.map(p => p.title));
        count ??= page.totalCount;
        capped ??= page.totalCountCapped ?? false;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map(t => Number(t.split(' ').pop()))).toEqual(expected);
      expect({ count, capped }).toEqual({
        count: Math.min(expected.length, 3),
        capped: expected.length > 3,
      });
    }
  });

  it('reads the trigram table on SQLite, not every postmortem', async () => {
    const { knex, store, declare } = await setup();
    await declare('Queue backlog', 'The consumer fell behind');
    const queries = await captureQueries(knex, () =>
      store.listPostmortems({ text: 'consumer behind' }),
    );
    const reading = queries.filter(q => /postmortem_text/.test(q.sql));
    expect(reading.length > 0).toBe(id === 'SQLITE_3');
    const plans = [];
    for (const q of reading) {
      const plan: Array<{ detail: string }> = await knex.raw(
        `EXPLAIN QUERY PLAN ${q.sql}`,
        q.bindings as any[],
      );
      const details = plan.map(p => p.detail);
      plans.push({
        match: details.some(d =>
          /^SCAN (ft|postmortem_text) VIRTUAL TABLE INDEX \d+:M/.test(d),
        ),
        scans: details.filter(d => /^SCAN (p|i)\b(?!.*USING)/.test(d)),
      });
    }
    expect(plans).toEqual(reading.map(() => ({ match: true, scans: [] })));
  });
});
