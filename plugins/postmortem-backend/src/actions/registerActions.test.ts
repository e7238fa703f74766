import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
const OUTSIDER = 'user:default/tomasz.kowalski';
const VIEWER = 'user:default/viewer';

describe.each(databases.eachSupportedId())(
  'actions for AI agents on %p',
  id => {
    let server: any;
    beforeAll(async () => {
      ({ server } = await startPostmortemBackend(databases, id, {}, [
        actionsRegistryServiceFactory,
      ]));
    });

    const invoke = (user: string, action: string, input: object) =>
      request(server)
        .post(
          `/api/postmortem/.backstage/actions/v1/actions/postmortem:${action}/invoke`,
        )
        .set(asUser(user))
        .send(input);

    it('lists every action with its attributes', async () => {
      const res = await request(server)
        .get('/api/postmortem/.backstage/actions/v1/actions')
        .set(asUser(ALICE));
      const byName = Object.fromEntries(
        res.body.actions.map((a: any) => [a.name, a]),
      );
      expect(Object.keys(byName).sort()).toEqual([
        'add-timeline-event',
        'create-draft-postmortem',
        'find-similar-incidents',
        'get-postmortem',
        'list-open-remediation-items',
        'list-postmortems',
      ]);
      expect(byName['get-postmortem'].attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(byName['create-draft-postmortem'].attributes.readOnly).toBe(false);
      expect(byName['get-postmortem'].schema.input.properties.id).toBeDefined();
    });

    it('creates a draft, adds a timeline event, reads it back and finds it as similar', async () => {
      const created = await invoke(ALICE, 'create-draft-postmortem', {
        title: 'Payments webhook backlog',
        severity: 'SEV3',
        entityRefs: ['component:default/payments-service'],
      });
      expect(created.body.error?.message).toBeUndefined();
      expect(created.status).toBe(200);
      const { humanId } = created.body.output;
      expect(humanId).toMatch(/^INC-/);

      await invoke(ALICE, 'add-timeline-event', {
        postmortemId: humanId,
        occurredAt: '2026-11-20T10:05:00Z',
        kind: 'decision',
        text: 'Paused webhook retries',
        keyDecision: true,
      }).expect(200);
      expect(
        (
          await invoke(ALICE, 'add-timeline-event', {
            postmortemId: humanId,
            kind: 'nope',
          })
        ).status,
      ).toBe(400);

      const got = await invoke(OUTSIDER, 'get-postmortem', { id: humanId });
      expect(got.body.output.postmortem.humanId).toBe(humanId);

      const similar = await invoke(ALICE, 'find-similar-incidents', {
        description: 'webhook backlog growing on payments',
        entityRefs: ['component:default/payments-service'],
      });
      expect(similar.body.output.items[0].humanId).toBe(humanId);

      const listed = await invoke(ALICE, 'list-postmortems', {
        entityRef: 'component:default/payments-service',
      });
      expect(listed.body.output.items.map((p: any) => p.humanId)).toContain(
        humanId,
      );
    });

    it('applies the same permission checks as the API', async () => {
      expect(
        (
          await invoke(VIEWER, 'create-draft-postmortem', {
            title: 'Not allowed',
            severity: 'SEV4',
            entityRefs: ['component:default/payments-service'],
          })
        ).status,
      ).toBe(403);
      const restricted = await invoke(ALICE, 'create-draft-postmortem', {
        title: 'Restricted draft',
        severity: 'SEV4',
        entityRefs: ['component:default/payments-service'],
      });
      await request(server)
        .patch(`/api/postmortem/postmortems/${restricted.body.output.humanId}`)
        .set(asUser(ALICE))
        .set('If-Match', '"1"')
        .send({ visibility: 'restricted' })
        .expect(200);
      expect(
        (
          await invoke(OUTSIDER, 'get-postmortem', {
            id: restricted.body.output.humanId,
          })
        ).status,
      ).toBe(404);
    });
  },
);
