import { createTestDatabases } from '../__testUtils__/databases';
import { newIncident } from '../__testUtils__/newIncident';
import { ADA, createTestStore } from '../__testUtils__/storeTest';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexPostmortemRecordStore on %p',
  id => {
    it('reads postmortems by id, incident id or human id, one or many', async () => {
      const { store } = await createTestStore(databases, id);
      const { incident, postmortem } = await store.createIncident(
        newIncident('One'),
      );
      const two = await store.createIncident(newIncident('Two'));
      expect(await store.getPostmortem(postmortem.id)).toEqual(postmortem);
      expect(await store.getPostmortem(incident.id)).toEqual(postmortem);
      expect(
        await store.getPostmortem(
          postmortem.humanId.toLocaleLowerCase('en-US'),
        ),
      ).toEqual(postmortem);
      expect(
        await store.getPostmortem('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
      const missing = '00000000-0000-4000-8000-000000000001';
      expect(
        (
          await store.getPostmortems([
            two.postmortem.id,
            missing,
            postmortem.id,
          ])
        ).map(p => p?.title),
      ).toEqual(['Two', undefined, 'One']);

      const page = await store.listPostmortems({ limit: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.totalCount).toBe(2);
      expect(page.nextCursor).toBeDefined();
      expect(
        (await store.listPostmortems({ text: 'two' })).items.map(p => p.id),
      ).toEqual([two.postmortem.id]);
      expect(
        (
          await store.listPostmortems({
            ownerRef: 'Group:default/Checkout-Team',
          })
        ).totalCount,
      ).toBe(2);
    });

    it('updates content as revisions, with publication and roles', async () => {
      const { knex, store } = await createTestStore(databases, id);
      const { postmortem } = await store.createIncident(newIncident('Edits'));
      const roles = {
        incidentCommander: 'user:default/ada.okafor',
        technicalOwners: ['user:default/Bo.Chen'],
        reviewers: [],
        contributors: [],
      };
      const updated = await store.updatePostmortem(
        postmortem.id,
        { narrative: { summary: 'S' }, roles, visibility: 'restricted' },
        { ...ADA, expectedRevision: 1 },
      );
      expect(updated).toMatchObject({
        revision: 2,
        narrative: { summary: 'S' },
        roles,
        visibility: 'restricted',
      });
      expect(
        (
          await knex('postmortem_members').where({
            postmortem_id: postmortem.id,
          })
        )
          .map(m => `${m.role} ${m.member_ref}`)
          .sort(),
      ).toEqual([
        'incident_commander user:default/ada.okafor',
        'technical_owner user:default/bo.chen',
      ]);

      await store.updatePostmortem(
        postmortem.id,
        { stage: 'published', publishedOnTime: true },
        ADA,
      );
      const published = await knex('postmortems')
        .where({ id: postmortem.id })
        .first();
      expect(published.published_at).not.toBeNull();
      expect(Boolean(published.published_on_time)).toBe(true);
      await store.updatePostmortem(postmortem.id, { stage: 'in_review' }, ADA);
      const reopened = await knex('postmortems')
        .where({ id: postmortem.id })
        .first();
      expect(reopened.published_at).toBeNull();
      expect(
        (await store.listRevisions(postmortem.id)).map(r => r.changed),
      ).toEqual([
        ['stage'],
        ['stage', 'publishedOnTime'],
        ['narrative', 'roles', 'visibility'],
        ['created'],
      ]);
    });

    it('deletes a postmortem with its incident and everything under it', async () => {
      const { knex, store } = await createTestStore(databases, id);
      const { incident, postmortem } = await store.createIncident(
        newIncident('Gone'),
      );
      const kept = await store.createIncident(newIncident('Kept'));
      await store.addSubRecord(
        'timeline',
        postmortem.id,
        {
          occurredAt: '2026-01-05T09:00:00.000Z',
          kind: 'action',
          text: 'Step',
        },
        ADA,
      );
      await store.deletePostmortem(postmortem.id);
      expect(await store.getPostmortem(postmortem.id)).toBeUndefined();
      expect(await store.getIncident(incident.id)).toBeUndefined();
      expect(await knex('timeline_events')).toHaveLength(0);
      expect(
        await knex('revisions').where({ postmortem_id: postmortem.id }),
      ).toHaveLength(0);
      expect(await store.getPostmortem(kept.postmortem.id)).toBeDefined();
      await expect(store.deletePostmortem(postmortem.id)).rejects.toThrow(
        /No postmortem/,
      );
    });
  },
);
