import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { asUser, startPostmortemBackend } from './testBackend';

/** The people of the API tests. */
export const ALICE = 'user:default/ada.okafor'; // incident commander
export const SOFIA = 'user:default/sofia.martinez'; // checkout-team member
export const OUTSIDER = 'user:default/tomasz.kowalski';
export const VIEWER = 'user:default/viewer'; // any "viewer" may only read

/** The incident the API tests declare unless they say otherwise. */
export const declaration = {
  title: 'Checkout requests time out',
  severity: 'SEV2',
  entityRefs: ['component:default/checkout-service'],
  impactStartedAt: '2026-11-20T10:00:00Z',
  detectedAt: '2026-11-20T10:04:00Z',
  responders: [{ userRef: ALICE, role: 'incident_commander' }],
};

/** The backend of the API tests: a small body limit and a second template. */
export function startApiBackend(databases: TestDatabases, id: TestDatabaseId) {
  return startPostmortemBackend(databases, id, {
    postmortem: {
      maxBodySize: '16kb',
      templates: [
        {
          id: 'security',
          version: 2,
          title: 'Security incident',
          types: ['security'],
          sections: [{ id: 'summary', title: 'Summary' }],
        },
      ],
    },
  });
}

/** Requests the API tests make again and again, on the server of the test. */
export function apiHelpers(server: () => any) {
  return {
    /** The revision an edit is based on: the ETag of the postmortem. */
    ifMatch: async (postmortemUrl: string) =>
      `"${
        (await request(server()).get(postmortemUrl).set(asUser(ALICE))).body
          .revision
      }"`,
    declare: async (body: object = declaration, user = ALICE) =>
      request(server())
        .post('/api/postmortem/incidents')
        .set(asUser(user))
        .send(body),
  };
}
