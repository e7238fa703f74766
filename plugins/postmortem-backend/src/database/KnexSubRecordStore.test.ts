import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { ADA, createTestStore } from '../__testUtils__/storeTest';
import { RevisionConflictError } from './KnexRevisionStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexSubRecordStore on %p', id => {
  it('adds, lists in order, updates and deletes each kind, each a revision', async () => {
    const { store } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('Records'));
    const pm = postmortem.id;

    const later = await store.addSubRecord(
      'timeline',
      pm,
      {
        occurredAt: '2026-01-05T09:10:00.000Z',
        kind: 'action',
        text: 'Rolled back',
      },
      ADA,
    );
    await store.addSubRecord(
      'timeline',
      pm,
      { occurredAt: '2026-01-05T09:00:00.000Z', kind: 'alert', text: 'Paged' },
      ADA,
    );
    expect(later).toMatchObject({
      postmortemId: pm,
      source: 'manual',
      author: ADA.author,
      keyDecision: false,
      evidenceIds: [],
    });
    expect(
      (await store.listSubRecords('timeline', pm)).map(e => e.text),
    ).toEqual(['Paged', 'Rolled back']);

    const evidence = await store.addSubRecord(
      'evidence',
      pm,
      {
        kind: 'log_excerpt',
        content: 'pool exhausted',
        redactions: { email: 1 },
      },
      ADA,
    );
    expect(evidence).toMatchObject({
      source: 'manual',
      redactions: { email: 1 },
    });
    expect(evidence.capturedAt).toEqual(expect.any(String));

    const low = await store.addSubRecord(
      'causes',
      pm,
      { type: 'contributing', statement: 'No alert on pool size', score: 0.2 },
      ADA,
    );
    await store.addSubRecord(
      'causes',
      pm,
      {
        type: 'direct',
        statement: 'Pool too small',
        score: 0.9,
        evidenceIds: [evidence.id],
        analysis: {
          kind: 'change',
          probability: 0.9,
          confidence: 'high',
          onsets: [],
          path: [],
          reasoning: 'r',
        },
      },
      ADA,
    );
    expect(low).toMatchObject({ status: 'proposed', perspective: 'other' });
    const causes = await store.listSubRecords('causes', pm);
    expect(causes.map(c => c.score)).toEqual([0.9, 0.2]);
    expect(causes[0]).toMatchObject({
      evidenceIds: [evidence.id],
      analysis: { probability: 0.9 },
    });

    const item = await store.addSubRecord(
      'remediation',
      pm,
      { title: 'Bigger pool', impact: 4, probability: 3, horizon: 'short' },
      ADA,
    );
    expect(item).toMatchObject({ status: 'open', priority: 12 });
    const updated = await store.updateSubRecord(
      'remediation',
      pm,
      item.id,
      { probability: 5, status: 'in_progress' },
      ADA,
    );
    expect(updated).toMatchObject({ priority: 20, status: 'in_progress' });
    const text = await store.updateSubRecord(
      'timeline',
      pm,
      later.id,
      { text: 'Rolled back v2' },
      ADA,
    );
    expect(text.text).toBe('Rolled back v2');

    await store.deleteSubRecord('causes', pm, low.id, ADA);
    expect(await store.listSubRecords('causes', pm)).toHaveLength(1);
    await expect(
      store.deleteSubRecord('causes', pm, low.id, ADA),
    ).rejects.toThrow(/No causes item/);
    await expect(
      store.updateSubRecord('timeline', pm, low.id, { text: 'x' }, ADA),
    ).rejects.toThrow(/No timeline item/);
    await expect(
      store.addSubRecord(
        'timeline',
        pm,
        {
          occurredAt: '2026-01-05T09:00:00.000Z',
          kind: 'alert',
          text: 'Stale',
        },
        { ...ADA, expectedRevision: 1 },
      ),
    ).rejects.toBeInstanceOf(RevisionConflictError);

    expect((await store.listRevisions(pm)).map(r => r.changed[0])).toEqual([
      'causes',
      'timeline',
      'remediation',
      'remediation',
      'causes',
      'causes',
      'evidence',
      'timeline',
      'timeline',
      'created',
    ]);
  });

  it('lists open items, and postmortems whose items are all verified', async () => {
    const { store } = await createTestStore(databases, id);
    const item = async (pm: string, title: string) =>
      store.addSubRecord(
        'remediation',
        pm,
        { title, impact: 3, probability: 3, horizon: 'short' },
        ADA,
      );
    const verified = (await store.createIncident(newIncident('Verified')))
      .postmortem.id;
    const partly = (await store.createIncident(newIncident('Partly')))
      .postmortem.id;
    const a = await item(verified, 'A');
    const b = await item(verified, 'B');
    const c = await item(partly, 'C');
    const d = await item(partly, 'D');
    expect(
      (await store.listOpenRemediationItems()).map(i => i.title).sort(),
    ).toEqual(['A', 'B', 'C', 'D']);
    await store.updateSubRecord(
      'remediation',
      verified,
      a.id,
      { status: 'verified' },
      ADA,
    );
    await store.updateSubRecord(
      'remediation',
      verified,
      b.id,
      { status: 'wont_do' },
      ADA,
    );
    await store.updateSubRecord(
      'remediation',
      partly,
      c.id,
      { status: 'verified' },
      ADA,
    );
    await store.updateSubRecord(
      'remediation',
      partly,
      d.id,
      { status: 'in_progress' },
      ADA,
    );
    expect((await store.listOpenRemediationItems()).map(i => i.title)).toEqual([
      'D',
    ]);
    const fully = await store.listFullyVerified();
    expect(fully).toEqual([
      { postmortemId: verified, lastVerifiedAt: expect.any(String) },
    ]);

    // Reopening an item clears its verification.
    await store.updateSubRecord(
      'remediation',
      verified,
      a.id,
      { status: 'open' },
      ADA,
    );
    expect(await store.listFullyVerified()).toEqual([]);
  });
});
