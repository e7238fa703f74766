import { randomUUID } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { SimilarPostmortemStore } from '../database/SimilarPostmortemStore';
import { rankSimilar } from './rankSimilar';

const databases = createTestDatabases();

const CHECKOUT = 'component:default/checkout-service';
const ORDERS = 'component:default/orders-db';
const LABELS = 'component:default/label-service';

const configChange = (entityRef: string) =>
  JSON.stringify({
    kind: 'change',
    probability: 0.9,
    confidence: 'high',
    onsets: [],
    change: {
      id: randomUUID(),
      kind: 'config',
      occurredAt: '2026-01-01T00:00:00Z',
      entityRef,
    },
    path: [entityRef],
    reasoning: 'Its own errors rose after it.',
  });

describe.each(databases.eachSupportedId())('similar postmortems on %p', id => {
  it('ranks earlier postmortems by shared entities, alert and culprit kind, readable ones only', async () => {
    const knex = await databases.init(id);
    await migrateDatabase({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const store = KnexPostmortemStore.create(knex);
    const declare = async (
      title: string,
      impactStartedAt: string,
      overrides: Parameters<typeof newIncident>[1] = {},
    ) => {
      const { postmortem } = await store.createIncident(
        newIncident(title, { impactStartedAt, ...overrides }),
      );
      return postmortem;
    };
    const cause = (
      postmortemId: string,
      statement: string,
      status: string,
      analysis?: string,
    ) =>
      knex('causes').insert({
        id: randomUUID(),
        postmortem_id: postmortemId,
        type: 'direct',
        statement,
        status,
        perspective: 'sre',
        score: analysis ? 0.9 : null,
        analysis: analysis ?? null,
      });
    const item = (postmortemId: string, status: string, dueDate?: string) =>
      knex('remediation_items').insert({
        id: randomUUID(),
        postmortem_id: postmortemId,
        title: `Item ${status}`,
        impact: 3,
        probability: 3,
        priority: 9,
        horizon: 'short',
        status,
        due_date: dueDate ?? null,
        created_at: new Date(),
        updated_at: new Date(),
      });

    const target = await declare('Checkout slow', '2026-11-20T10:00:00Z', {
      entityRefs: [CHECKOUT, ORDERS],
      source: 'alertmanager',
      labels: { alertname: 'CheckoutLatencyHigh' },
    });
    await cause(
      target.id,
      'Pool size set to 0',
      'proposed',
      configChange(ORDERS),
    );

    // Both entities: the most alike.
    const bothEntities = await declare('Orders pool', '2026-10-01T10:00:00Z', {
      entityRefs: [CHECKOUT, ORDERS],
    });
    await cause(bothEntities.id, 'Connection pool exhausted', 'confirmed');
    await cause(bothEntities.id, 'Cosmic rays', 'refuted');
    await item(bothEntities.id, 'open', '2026-10-15');
    await item(bothEntities.id, 'verified');
    // The same alert on another entity.
    const sameAlert = await declare('Latency again', '2026-09-01T10:00:00Z', {
      entityRefs: [LABELS],
      source: 'alertmanager',
      labels: { alertname: 'checkoutlatencyhigh' },
    });
    // Another entity, also a config change.
    const sameCulprit = await declare('Labels down', '2026-08-01T10:00:00Z', {
      entityRefs: [LABELS],
    });
    await cause(
      sameCulprit.id,
      'TTL set too low',
      'supported',
      configChange(LABELS),
    );
    // Nothing in common.
    await declare('Unrelated', '2026-07-01T10:00:00Z', {
      entityRefs: [LABELS],
    });
    // Later than the target: not an earlier incident.
    await declare('Checkout later', '2026-11-25T10:00:00Z', {
      entityRefs: [CHECKOUT],
    });
    // Restricted: left out for a caller who may not read it.
    const restricted = await declare('Secret', '2026-10-10T10:00:00Z', {
      entityRefs: [CHECKOUT],
    });
    await knex('postmortems')
      .where({ id: restricted.id })
      .update({ visibility: 'restricted' });

    const similar = new SimilarPostmortemStore(knex);
    const record = (await similar.record(target.id))!;
    expect(record.entityRefs.sort()).toEqual([CHECKOUT, ORDERS]);
    const candidates = await similar.candidates(record, {
      not: { kind: 'isRestricted' },
    } as any);
    const ranked = rankSimilar(record, candidates, {
      limit: 10,
      now: new Date('2026-11-21T00:00:00Z'),
    });

    expect(ranked.map(r => r.title)).toEqual([
      'Orders pool',
      'Latency again',
      'Labels down',
    ]);
    const [first, second, third] = ranked;
    expect(first).toMatchObject({
      humanId: bothEntities.humanId,
      sameAlert: false,
      score: 0.5,
      causes: [
        {
          type: 'direct',
          statement: 'Connection pool exhausted',
          status: 'confirmed',
        },
      ],
      remediation: { total: 2, open: 1, done: 0, verified: 1, overdue: 1 },
    });
    expect(first.sharedEntityRefs.sort()).toEqual([CHECKOUT, ORDERS]);
    expect(second).toMatchObject({
      id: sameAlert.id,
      sameAlert: true,
      sharedEntityRefs: [],
    });
    expect(third).toMatchObject({
      sharedCulpritKind: 'config',
      sameAlert: false,
    });

    // Without a permission filter, the restricted one is there too.
    const all = rankSimilar(record, await similar.candidates(record), {
      limit: 10,
      now: new Date('2026-11-21T00:00:00Z'),
    });
    expect(all.map(r => r.title)).toContain('Secret');
    expect(all.map(r => r.title)).not.toContain('Checkout later');
    expect(await similar.record(randomUUID())).toBeUndefined();
  });
});
