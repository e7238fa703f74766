import type { CauseAnalysis } from '@postmortems/plugin-postmortem-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { DraftContent } from './PostmortemStore';

const databases = createTestDatabases();

const incident = newIncident('Checkout errors', {
  severity: 'SEV2',
  impactStartedAt: '2026-12-01T12:00:00.000Z',
  detectedAt: '2026-12-01T12:00:00.000Z',
});

const analysis = (probability: number): CauseAnalysis => ({
  kind: 'change',
  probability,
  confidence: probability > 0.75 ? 'high' : 'low',
  onsets: [],
  path: ['component:default/payments-service'],
  reasoning: `p=${probability}`,
});

const draft = (
  causes: Array<{ key: string; statement: string; p: number }>,
  impactStartedAt?: string,
): DraftContent => ({
  evidence: [],
  timeline: [],
  remediation: [],
  narrative: {},
  impactStartedAt,
  causes: causes.map(c => ({
    type: 'direct',
    statement: c.statement,
    status: 'proposed',
    perspective: 'sre',
    changeRelated: true,
    score: c.p,
    confidence: analysis(c.p).confidence,
    analysis: analysis(c.p),
    evidenceOriginKeys: [],
    originKey: c.key,
  })),
});

describe.each(databases.eachSupportedId())('applyDraft on %p', id => {
  it('re-scores drafted causes nobody judged, keeps what people wrote, moves impact start only earlier', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const { postmortem } = await store.createIncident(incident);
    const author = 'postmortem-draft';

    await store.applyDraft(
      postmortem.id,
      draft([
        { key: 'a', statement: 'A at declaration', p: 0.3 },
        { key: 'b', statement: 'B at declaration', p: 0.5 },
        { key: 'c', statement: 'C at declaration', p: 0.2 },
      ]),
      author,
    );
    const drafted = async (name: string) =>
      (await store.listSubRecords('causes', postmortem.id)).find(x =>
        x.statement.startsWith(name),
      )!;
    // A person rewrites B and confirms C.
    const bId = (await drafted('B')).id;
    await store.updateSubRecord(
      'causes',
      postmortem.id,
      bId,
      { statement: 'B, in the words of the responder' },
      { author: 'user:default/ada.okafor' },
    );
    await store.updateSubRecord(
      'causes',
      postmortem.id,
      (
        await drafted('C')
      ).id,
      { status: 'confirmed' },
      { author: 'user:default/ada.okafor' },
    );

    // At resolution the metrics tell more: A is now the likely cause, B
    // less so, C is no longer proposed by the analysis.
    const revision = await store.applyDraft(
      postmortem.id,
      draft(
        [
          { key: 'a', statement: 'A at resolution', p: 0.9 },
          { key: 'b', statement: 'B at resolution', p: 0.05 },
        ],
        '2026-12-01T11:52:00.000Z',
      ),
      author,
    );
    expect(revision).toBeDefined();
    const causes = await store.listSubRecords('causes', postmortem.id);
    const byId = new Map(causes.map(x => [x.id, x]));
    expect(causes[0]).toMatchObject({
      statement: 'A at resolution',
      score: 0.9,
      confidence: 'high',
      analysis: { probability: 0.9 },
    });
    expect(byId.get(bId)).toMatchObject({
      statement: 'B, in the words of the responder',
      score: 0.05,
    });
    expect(causes.find(x => x.status === 'confirmed')).toMatchObject({
      statement: 'C at declaration',
      score: 0.2,
    });

    const moved = await store.getIncident(postmortem.incidentId);
    expect(moved?.impactStartedAt).toBe('2026-12-01T11:52:00.000Z');
    // A later draft never moves impact start later.
    await store.applyDraft(
      postmortem.id,
      draft([], '2026-12-01T11:58:00.000Z'),
      author,
    );
    expect(
      (await store.getIncident(postmortem.incidentId))?.impactStartedAt,
    ).toBe('2026-12-01T11:52:00.000Z');
  });
});
