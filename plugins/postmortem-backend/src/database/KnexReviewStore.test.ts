import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { createTestStore } from '../__testUtils__/storeTest';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('KnexReviewStore on %p', id => {
  it('keeps comments, approvals and waivers of a postmortem', async () => {
    const { store } = await createTestStore(databases, id);
    const { postmortem } = await store.createIncident(newIncident('Review'));
    const other = await store.createIncident(newIncident('Other'));
    const pm = postmortem.id;

    const comment = await store.addComment({
      postmortemId: pm,
      author: 'user:default/bo.chen',
      perspective: 'development',
      section: 'summary',
      text: 'Which pool?',
    });
    await store.addComment({
      postmortemId: pm,
      author: 'user:default/ada.okafor',
      perspective: 'sre',
      text: 'The checkout pool.',
    });
    expect(comment).toMatchObject({
      id: expect.any(String),
      createdAt: expect.any(String),
    });
    // In the order written (the same millisecond: in id order).
    const comments = await store.listComments(pm);
    expect(comments).toContainEqual(comment);
    expect(comments.map(c => [c.text, c.section]).sort()).toEqual([
      ['The checkout pool.', undefined],
      ['Which pool?', 'summary'],
    ]);
    expect(await store.listComments(other.postmortem.id)).toEqual([]);

    await store.addApproval(pm, {
      reviewer: 'user:default/bo.chen',
      revision: 3,
      comment: 'Good',
    });
    // Approving the same revision twice keeps one approval.
    await store.addApproval(pm, {
      reviewer: 'user:default/bo.chen',
      revision: 3,
    });
    await store.addApproval(pm, {
      reviewer: 'user:default/bo.chen',
      revision: 4,
    });
    expect(
      (await store.listApprovals(pm))
        .map(a => [a.reviewer, a.revision, a.comment])
        .sort(),
    ).toEqual([
      ['user:default/bo.chen', 3, 'Good'],
      ['user:default/bo.chen', 4, undefined],
    ]);

    const waiver = {
      findingKey: 'blame:1',
      waivedBy: 'user:default/ada.okafor',
      reason: 'A quote',
    };
    await store.addWaiver(pm, waiver);
    await store.addWaiver(pm, { ...waiver, reason: 'Again' });
    expect(await store.listWaivers(pm)).toEqual([
      { ...waiver, createdAt: expect.any(String) },
    ]);
    expect(await store.listWaivers(other.postmortem.id)).toEqual([]);
  });
});
