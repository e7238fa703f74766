import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { IncidentSignal } from '@postmortems/plugin-postmortem-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { Redactor } from '../redaction/Redactor';
import { EntityResolver } from '../catalog/EntityResolver';
import { TemplateRegistry } from '../templates/TemplateRegistry';
import { IncidentIntake } from './IncidentIntake';

const databases = createTestDatabases();

/** A catalog that knows Ada by her display name and nobody else. */
const entities = {
  requireExisting: async (_field: string, refs: string[]) => refs,
  findByHint: async () => [],
  ownersOf: async () => [],
  userRefOf: async (name: string) =>
    name.toLocaleLowerCase('en-US') === 'ada okafor'
      ? 'user:default/ada.okafor'
      : undefined,
} as unknown as EntityResolver;

describe.each(databases.eachSupportedId())('IncidentIntake on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    await migrateDatabase({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const store = KnexPostmortemStore.create(knex);
    const intake = new IncidentIntake(
      store,
      entities,
      TemplateRegistry.fromConfig(new ConfigReader({})),
      mockServices.logger.mock(),
      { runSoon: () => {} },
      Redactor.fromConfig(new ConfigReader({})),
    );
    return { knex, store, intake };
  }

  const pd = (
    eventId: string,
    at: string,
    extra: Partial<IncidentSignal>,
  ): IncidentSignal => ({
    dedupKey: 'PGR0VU2',
    eventId,
    occurredAt: at,
    title: 'Checkout 5xx',
    externalIds: { pagerdutyIncidentId: 'PGR0VU2' },
    ...extra,
  });

  it('keeps the people who responded, as catalog users where the catalog knows them', async () => {
    const { store, intake } = await setUp();
    await intake.ingest('pagerduty', [
      pd('e1', '2026-11-20T10:00:00Z', {
        status: 'declared',
        impactStartedAt: '2026-11-20T10:00:00Z',
      }),
    ]);
    // incident.responder.added without an e-mail: the name, as PagerDuty
    // sends it; incident.acknowledged by someone the catalog lacks.
    await intake.ingest('pagerduty', [
      pd('e2', '2026-11-20T10:02:00Z', {
        responders: [{ userRef: 'Ada Okafor', role: 'responder' }],
      }),
    ]);
    await intake.ingest('pagerduty', [
      pd('e3', '2026-11-20T10:03:00Z', {
        status: 'investigating',
        actor: 'Maeve Lindqvist',
        responders: [{ userRef: 'Maeve Lindqvist', role: 'responder' }],
      }),
    ]);
    const { items } = await store.listIncidents({});
    expect(items).toHaveLength(1);
    expect(items[0].responders).toEqual([
      { userRef: 'user:default/ada.okafor', role: 'responder' },
      { userRef: 'user:default/maeve.lindqvist', role: 'responder' },
    ]);
  });

  it('stores an alert description and details redacted', async () => {
    const { knex, store, intake } = await setUp();
    const result = await intake.ingest('opsgenie', [
      {
        dedupKey: 'checkout-5xx',
        eventId: 'og-1',
        occurredAt: '2026-11-20T10:00:00Z',
        status: 'declared',
        title: 'Checkout 5xx above 5%',
        text: 'Opsgenie alert created: Checkout 5xx\n\nCall maeve.lindqvist@northwind.example',
        labels: { contact: 'maeve.lindqvist@northwind.example' },
      },
    ]);
    const postmortem = await store.getPostmortem(result.incidents[0].humanId);
    const timeline = await store.listSubRecords('timeline', postmortem!.id);
    expect(timeline[0].text).toContain('[REDACTED:');
    expect(timeline[0].text).not.toContain('maeve.lindqvist@');
    // Labels are kept for the recurrence fingerprint, not shown in the API.
    const [row] = await knex('incidents').select('labels');
    expect(JSON.parse(row.labels).contact).toContain('[REDACTED:');
  });

  it('applies a delivery whole or not at all', async () => {
    const { knex, store } = await setUp();
    const input = (eventId: string, fail = false) => ({
      source: 'test',
      signal: {
        dedupKey: eventId,
        eventId,
        occurredAt: '2026-11-20T10:00:00Z',
        status: 'declared' as const,
      },
      entityRefs: [],
      placeholderTitle: 'Incident from test',
      timelineKind: 'alert' as const,
      timelineText: eventId,
      newIncident: () => {
        if (fail) throw new Error('the second signal fails');
        return {
          title: eventId,
          severity: 'SEV3' as const,
          status: 'declared' as const,
          entityRefs: [],
          responders: [],
          links: [],
          source: 'test',
          dedupKey: eventId,
          externalIds: {},
          labels: {},
          postmortem: {
            templateId: 'default',
            templateVersion: 1,
            roles: { technicalOwners: [], reviewers: [], contributors: [] },
            narrative: {},
            visibility: 'normal' as const,
            deadlines: {},
            ownerRefs: [],
          },
          author: 'test',
        };
      },
    });
    await expect(
      store.applyDelivery([input('a'), input('b', true)]),
    ).rejects.toThrow(/second signal/);
    expect((await store.listIncidents({})).items).toHaveLength(0);
    expect(
      Number((await knex('incident_deliveries').count('* as n'))[0].n),
    ).toBe(0);
    // The retry converges.
    const outcomes = await store.applyDelivery([input('a'), input('b')]);
    expect(outcomes.map(o => o.outcome)).toEqual(['created', 'created']);
  });
});
