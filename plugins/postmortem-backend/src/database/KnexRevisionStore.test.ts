import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { ADA, createTestStore } from '../__testUtils__/storeTest';
import { KEYFRAME_EVERY } from './KnexRevisionStore';
import { diffJson, setsWholeValue } from './revisionDelta';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexRevisionStore on %p', id => {
  it('lists revisions newest first and replays the snapshot of each', async () => {
    const { store } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('Revisions'));
    await store.updatePostmortem(
      postmortem.id,
      { narrative: { summary: 'First' } },
      ADA,
    );
    await store.addSubRecord(
      'causes',
      postmortem.id,
      { type: 'direct', statement: 'Pool exhausted' },
      ADA,
    );
    await store.updatePostmortem(
      postmortem.id,
      { narrative: { summary: 'Second' } },
      ADA,
    );

    const revisions = await store.listRevisions(postmortem.id);
    expect(revisions.map(r => [r.revision, r.changed])).toEqual([
      [4, ['narrative']],
      [3, ['causes']],
      [2, ['narrative']],
      [1, ['created']],
    ]);
    expect(revisions[0]).toMatchObject({
      postmortemId: postmortem.id,
      author: ADA.author,
      createdAt: expect.any(String),
    });
    expect((await store.getSnapshot(postmortem.id, 1))!.narrative).toEqual({});
    expect((await store.getSnapshot(postmortem.id, 2))!.narrative).toEqual({
      summary: 'First',
    });
    const third = (await store.getSnapshot(postmortem.id, 3))!;
    expect(third.causes).toEqual([
      {
        type: 'direct',
        status: 'proposed',
        statement: 'Pool exhausted',
      },
    ]);
    expect((await store.getSnapshot(postmortem.id, 4))!.narrative).toEqual({
      summary: 'Second',
    });
    expect(await store.getSnapshot(postmortem.id, 5)).toBeUndefined();
    expect(await store.getSnapshot(postmortem.id, 0)).toBeUndefined();
  });

  it('stores a keyframe every KEYFRAME_EVERY revisions and replays from it', async () => {
    const { store, knex } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('Long'));
    const last = 2 * KEYFRAME_EVERY + 6;
    for (let revision = 2; revision <= last; revision++) {
      await store.updatePostmortem(
        postmortem.id,
        { narrative: { summary: `Edit ${revision}` } },
        ADA,
      );
    }
    const deltaOf = async (revision: number) =>
      JSON.parse(
        (
          await knex('revisions')
            .where({ postmortem_id: postmortem.id, revision })
            .first('delta')
        ).delta,
      );
    expect(setsWholeValue(await deltaOf(KEYFRAME_EVERY + 1))).toBe(true);
    expect(setsWholeValue(await deltaOf(KEYFRAME_EVERY + 2))).toBe(false);
    for (const revision of [
      KEYFRAME_EVERY,
      KEYFRAME_EVERY + 1,
      KEYFRAME_EVERY + 2,
      last,
    ]) {
      expect(
        (await store.getSnapshot(postmortem.id, revision))!.narrative,
      ).toEqual({ summary: `Edit ${revision}` });
    }

    // A row written before keyframes holds a delta: the replay starts at 1.
    const before = (await store.getSnapshot(postmortem.id, KEYFRAME_EVERY))!;
    const keyframe = (await store.getSnapshot(
      postmortem.id,
      KEYFRAME_EVERY + 1,
    ))!;
    await knex('revisions')
      .where({ postmortem_id: postmortem.id, revision: KEYFRAME_EVERY + 1 })
      .update({ delta: JSON.stringify(diffJson(before, keyframe)) });
    expect(
      (await store.getSnapshot(postmortem.id, KEYFRAME_EVERY + 3))!.narrative,
    ).toEqual({ summary: `Edit ${KEYFRAME_EVERY + 3}` });
  });

  it('keeps the history in order', async () => {
    const { store } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('History'));
    await store.addHistory(postmortem.id, {
      actor: 'user:default/ada.okafor',
      action: 'stage_changed',
      details: { from: 'draft', to: 'investigation' },
    });
    await store.addHistory(postmortem.id, {
      actor: 'user:default/bo.chen',
      action: 'approved',
      details: {},
    });
    const history = await store.listHistory(postmortem.id);
    expect(history.map(h => [h.actor, h.action, h.details])).toEqual([
      [
        'user:default/ada.okafor',
        'created',
        { source: 'manual', humanId: postmortem.humanId },
      ],
      [
        'user:default/ada.okafor',
        'stage_changed',
        { from: 'draft', to: 'investigation' },
      ],
      ['user:default/bo.chen', 'approved', {}],
    ]);
    expect(history[0].createdAt).toEqual(expect.any(String));
  });
});
