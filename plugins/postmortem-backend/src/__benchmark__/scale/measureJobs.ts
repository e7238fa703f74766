import type { Knex } from 'knex';
import { KnexOutboxStore } from '../../database/KnexOutboxStore';
import { KnexPostmortemStore } from '../../database/KnexPostmortemStore';
import { KnexVerificationStore } from '../../database/KnexVerificationStore';
import { captureQueries, checkPlan, PlanCheck } from './plans';
import type { Result } from './report';
import { time } from './timing';

/**
 * What the background jobs ask at every pass on every replica, and the
 * draft job whenever an alert arrives: the work that is due. At scale the
 * answer is a handful of rows among years of finished work, so each must
 * be read from an index of what is due, not found by walking everything.
 */
export async function measureJobPolling(
  engine: 'pg' | 'sqlite',
  knex: Knex,
  fullSize: boolean,
): Promise<Result[]> {
  const store = KnexPostmortemStore.create(knex);
  const outbox = new KnexOutboxStore(knex);
  const verification = new KnexVerificationStore(knex);
  const polls: Array<[string, () => Promise<unknown>]> = [
    ['drafts due', () => store.listDraftsDue(20)],
    ['notifications to send', () => outbox.listPending(50, 8)],
    ['remediation items to verify', () => verification.listItemsToVerify()],
    ['reminders due', () => store.listRemindersDue(new Date())],
  ];
  const results: Result[] = [];
  for (const [name, poll] of polls) {
    const timing = await time(poll, 20, 2);
    const plans: PlanCheck[] = [];
    for (const query of await captureQueries(knex, poll)) {
      plans.push(await checkPlan(knex, query));
    }
    results.push({
      engine,
      name: `job polling: ${name}`,
      value: timing.p95,
      unit: 'ms p95',
      details: { p50: timing.p50 },
      target: '< 50 ms, from an index',
      pass:
        timing.p95 < 50 &&
        (!fullSize || plans.every(p => p.seqScans.length === 0)),
      plans,
    });
  }
  return results;
}
