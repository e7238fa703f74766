import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { createTestStore } from '../__testUtils__/storeTest';
import type { DraftContent } from './PostmortemStore';

const databases = createTestDatabases();

const draft: DraftContent = {
  evidence: [
    {
      originKey: 'ev-1',
      kind: 'metric_series',
      content: 'error ratio 20 %',
      source: 'prometheus',
    },
  ],
  timeline: [
    {
      originKey: 'tl-1',
      occurredAt: '2026-01-05T08:58:00.000Z',
      kind: 'deployment',
      source: 'github-actions',
      text: 'Deployed v2',
    },
  ],
  causes: [
    {
      originKey: 'c-1',
      type: 'direct',
      statement: 'The v2 deployment',
      evidenceOriginKeys: ['ev-1'],
      score: 0.8,
    },
  ],
  remediation: [
    {
      originKey: 'r-1',
      title: 'Canary deployments',
      impact: 3,
      probability: 4,
      horizon: 'medium',
    },
  ],
  narrative: { summary: 'Drafted summary' },
  impactStartedAt: '2026-01-05T08:59:00.000Z',
};

describe.each(databases.eachSupportedId())('KnexDraftStore on %p', id => {
  it('adds a draft once, in one revision, without touching what people wrote', async () => {
    const { store } = await createTestStore(databases, id);
    const { incident, postmortem } = await store.createIncident(
      newIncident('Drafted', { impactStartedAt: '2026-01-05T09:00:00.000Z' }),
    );
    const pm = postmortem.id;
    expect(await store.applyDraft(pm, draft, 'postmortem-draft')).toBe(2);
    const [evidence] = await store.listSubRecords('evidence', pm);
    const [cause] = await store.listSubRecords('causes', pm);
    expect(cause).toMatchObject({
      statement: 'The v2 deployment',
      evidenceIds: [evidence.id],
      status: 'proposed',
      perspective: 'sre',
    });
    expect((await store.listSubRecords('timeline', pm))[0].author).toBe(
      'postmortem-draft',
    );
    expect(await store.listSubRecords('remediation', pm)).toHaveLength(1);
    expect((await store.getIncident(incident.id))!.impactStartedAt).toBe(
      '2026-01-05T08:59:00.000Z',
    );
    expect((await store.listRevisions(pm))[0].changed).toEqual([
      'draft',
      'causes',
      'evidence',
      'incident',
      'narrative',
      'remediation',
      'timeline',
    ]);

    // The same draft again changes nothing.
    expect(
      await store.applyDraft(pm, draft, 'postmortem-draft'),
    ).toBeUndefined();
    // A section a person wrote is theirs; a generated one is rewritten.
    await store.updatePostmortem(
      pm,
      { narrative: { summary: 'Mine' } },
      { author: 'user:default/ada.okafor' },
    );
    await store.applyDraft(
      pm,
      {
        ...draft,
        narrative: { summary: 'Redrafted', impact: 'Drafted impact' },
      },
      'postmortem-draft',
    );
    expect((await store.getPostmortem(pm))!.narrative).toEqual({
      summary: 'Mine',
      impact: 'Drafted impact',
    });
  });

  it('keeps the dependency snapshot and the queue of drafts due', async () => {
    const { store } = await createTestStore(databases, id);
    const first = await store.createIncident(newIncident('First'));
    const second = await store.createIncident(newIncident('Second'));
    expect(
      await store.getDependencySnapshot(first.postmortem.id),
    ).toBeUndefined();
    const snapshot = {
      capturedAt: '2026-01-05T09:00:00.000Z',
      nodes: [
        {
          entityRef: 'component:default/checkout-service',
          distance: 0,
          affected: true,
        },
      ],
      edges: [
        {
          from: 'component:default/checkout-service',
          to: 'resource:default/db',
          catalog: true,
        },
      ],
    };
    await store.setDependencySnapshot(first.postmortem.id, snapshot);
    expect(await store.getDependencySnapshot(first.postmortem.id)).toEqual(
      snapshot,
    );

    // Declared incidents are due a draft (oldest request first).
    expect((await store.listDraftsDue(10)).sort()).toEqual(
      [first.incident.id, second.incident.id].sort(),
    );
    expect(await store.listDraftsDue(1)).toHaveLength(1);
    await store.markDraftGenerated(
      first.incident.id,
      new Date(Date.now() + 60_000),
    );
    expect(await store.listDraftsDue(10)).toEqual([second.incident.id]);
  });
});
