import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPostmortemBackend } from '../__testUtils__/testBackend';
import { PostmortemPermissionPolicy } from './PostmortemPermissionPolicy';

jest.setTimeout(300_000);

const databases = createTestDatabases();

const IC = 'user:default/ada.okafor';
const REVIEWER = 'user:default/liam.chen';
const OWNER = 'user:default/sofia.martinez'; // checkout-team owns checkout-service
const UNRELATED = 'user:default/tomasz.kowalski';
const GUEST = 'user:development/guest';

/** The groups a sign-in resolver would put into each user's claims. */
const GROUPS: Record<string, string[]> = {
  [IC]: ['group:default/platform-team', 'group:default/sre-team'],
  [REVIEWER]: ['group:default/platform-team'],
  [OWNER]: ['group:default/checkout-team'],
  [UNRELATED]: ['group:default/logistics-team'],
};

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
      };
    },
  }),
});

// A request without credentials is anonymous, as in a real backend (the
// test default would sign it in as a mock user).
const anonymousByDefault = mockServices.httpAuth.factory({
  defaultCredentials: mockCredentials.none(),
});

type Principal =
  | 'unauthenticated'
  | 'guest'
  | 'owner'
  | 'incidentCommander'
  | 'reviewer'
  | 'unrelated'
  | 'service';

const PRINCIPALS: Record<Principal, Record<string, string>> = {
  unauthenticated: {},
  guest: { authorization: mockCredentials.user.header(GUEST) },
  owner: { authorization: mockCredentials.user.header(OWNER) },
  incidentCommander: { authorization: mockCredentials.user.header(IC) },
  reviewer: { authorization: mockCredentials.user.header(REVIEWER) },
  unrelated: { authorization: mockCredentials.user.header(UNRELATED) },
  service: { authorization: mockCredentials.service.header() },
};

type Action = 'read' | 'update' | 'approve' | 'create';
type Outcome = 'allowed' | 401 | 403 | 404;

/** What the shipped policy promises. */
function expected(
  who: Principal,
  restricted: boolean,
  action: Action,
): Outcome {
  if (who === 'unauthenticated') return 401;
  if (who === 'service') return 'allowed';
  if (action === 'create') return who === 'guest' ? 403 : 'allowed';
  const roleHolder = who === 'incidentCommander' || who === 'reviewer';
  const canRead = !restricted || roleHolder;
  if (!canRead) return 404; // existence does not leak
  if (action === 'read') return 'allowed';
  if (action === 'approve') return who === 'reviewer' ? 'allowed' : 403;
  return roleHolder || who === 'owner' ? 'allowed' : 403;
}

const outcomeOf = (status: number): Outcome =>
  status === 401 || status === 403 || status === 404 ? status : 'allowed';

interface Route {
  name: string;
  action: Action;
  /** Done by a person only: a service principal is refused. */
  personal?: boolean;
  send(
    server: any,
    pm: { humanId: string; incidentId: string },
    headers: Record<string, string>,
  ): request.Test;
}

const get = (path: string, action: Action = 'read'): Route => ({
  name: `GET ${path}`,
  action,
  send: (server, pm, headers) =>
    request(server)
      .get(
        `/api/postmortem${path
          .replace(':id', pm.humanId)
          .replace(':incidentId', pm.incidentId)}`,
      )
      .set(headers),
});

const ROUTES: Route[] = [
  get('/postmortems/:id'),
  get('/incidents/:incidentId'),
  ...[
    'timeline',
    'evidence',
    'causes',
    'remediation',
    'comments',
    'approvals',
    'revisions',
    'history',
    'diff?from=1&to=1',
    'related',
    'dependency-map',
    'gates',
    'export?format=json',
    'export?format=markdown',
    'export?format=html',
  ].map(sub => get(`/postmortems/:id/${sub}`)),
  {
    name: 'PATCH /postmortems/:id',
    action: 'update',
    // Without If-Match: an allowed caller gets 428, nothing changes.
    send: (server, pm, headers) =>
      request(server)
        .patch(`/api/postmortem/postmortems/${pm.humanId}`)
        .set(headers)
        .send({ narrative: { summary: 'edited' } }),
  },
  {
    name: 'PATCH /incidents/:incidentId',
    action: 'update',
    send: (server, pm, headers) =>
      request(server)
        .patch(`/api/postmortem/incidents/${pm.incidentId}`)
        .set(headers)
        .send({ title: 'Edited title' }),
  },
  {
    name: 'POST /postmortems/:id/timeline',
    action: 'update',
    send: (server, pm, headers) =>
      request(server)
        .post(`/api/postmortem/postmortems/${pm.humanId}/timeline`)
        .set(headers)
        .send({
          occurredAt: '2026-11-20T10:05:00Z',
          kind: 'observation',
          text: 'matrix note',
        }),
  },
  {
    name: 'POST /postmortems/:id/comments',
    action: 'update',
    send: (server, pm, headers) =>
      request(server)
        .post(`/api/postmortem/postmortems/${pm.humanId}/comments`)
        .set(headers)
        .send({ perspective: 'sre', text: 'matrix comment' }),
  },
  {
    name: 'POST /postmortems/:id/draft',
    action: 'update',
    send: (server, pm, headers) =>
      request(server)
        .post(`/api/postmortem/postmortems/${pm.humanId}/draft`)
        .set(headers),
  },
  {
    name: 'POST /postmortems/:id/transition (approve)',
    action: 'approve',
    send: (server, pm, headers) =>
      request(server)
        .post(`/api/postmortem/postmortems/${pm.humanId}/transition`)
        .set(headers)
        .send({ to: 'approved' }),
  },
  {
    name: 'POST /postmortems/:id/language-waivers',
    action: 'approve',
    personal: true,
    send: (server, pm, headers) =>
      request(server)
        .post(`/api/postmortem/postmortems/${pm.humanId}/language-waivers`)
        .set(headers)
        .send({ findingKey: 'summary:0:blame', reason: 'quoted' }),
  },
  {
    name: 'MCP get-postmortem',
    action: 'read',
    send: (server, pm, headers) =>
      request(server)
        .post(
          '/api/postmortem/.backstage/actions/v1/actions/postmortem:get-postmortem/invoke',
        )
        .set(headers)
        .send({ id: pm.humanId }),
  },
  {
    name: 'MCP add-timeline-event',
    action: 'update',
    send: (server, pm, headers) =>
      request(server)
        .post(
          '/api/postmortem/.backstage/actions/v1/actions/postmortem:add-timeline-event/invoke',
        )
        .set(headers)
        .send({
          postmortemId: pm.humanId,
          occurredAt: '2026-11-20T10:06:00Z',
          kind: 'observation',
          text: 'agent note',
        }),
  },
];

describe.each(databases.eachSupportedId())(
  'authorization matrix with the shipped policy, on %p',
  id => {
    let server: any;
    const pms: Record<
      'normal' | 'restricted',
      { humanId: string; incidentId: string; title: string }
    > = {} as any;

    beforeAll(async () => {
      ({ server } = await startPostmortemBackend(
        databases,
        id,
        { postmortem: { draft: { pollSeconds: 3600 } } },
        [userInfo, anonymousByDefault],
        undefined,
        new PostmortemPermissionPolicy(),
      ));
      for (const [kind, severity] of [
        ['normal', 'SEV3'],
        ['restricted', 'SEV1'],
      ] as const) {
        const title = `Matrix ${kind} zebrafinch outage`;
        const res = await request(server)
          .post('/api/postmortem/incidents')
          .set(PRINCIPALS.incidentCommander)
          .send({
            title,
            severity,
            entityRefs: ['component:default/checkout-service'],
            impactStartedAt: '2026-11-20T10:00:00Z',
            responders: [{ userRef: IC, role: 'incident_commander' }],
            visibility: kind,
            roles: { incidentCommander: IC, reviewers: [REVIEWER] },
          });
        if (res.status !== 201) throw new Error(`declare: ${res.status}`);
        pms[kind] = {
          humanId: res.body.postmortem.humanId,
          incidentId: res.body.incident.id,
          title,
        };
        const item = await request(server)
          .post(`/api/postmortem/postmortems/${pms[kind].humanId}/remediation`)
          .set(PRINCIPALS.incidentCommander)
          .send({
            title: `Zebrafinch ${kind} item`,
            impact: 3,
            probability: 3,
            horizon: 'short',
          });
        if (item.status !== 201) throw new Error(`item: ${item.status}`);
      }
    });

    const cells: Array<[string, Principal, 'normal' | 'restricted']> = [];
    for (const route of ROUTES) {
      for (const who of Object.keys(PRINCIPALS) as Principal[]) {
        for (const kind of ['normal', 'restricted'] as const) {
          cells.push([route.name, who, kind]);
        }
      }
    }

    it(`gives the expected status in each of ${cells.length} cells`, async () => {
      const wrong: string[] = [];
      for (const [name, who, kind] of cells) {
        const route = ROUTES.find(r => r.name === name)!;
        const res = await route.send(server, pms[kind], PRINCIPALS[who]);
        const want =
          route.personal && who === 'service'
            ? 403
            : expected(who, kind === 'restricted', route.action);
        const got = outcomeOf(res.status);
        if (got !== want) {
          wrong.push(
            `${name} as ${who} on ${kind}: ${res.status}, want ${want}`,
          );
        }
        if (
          (got === 404 || got === 403) &&
          res.text.includes(pms[kind].title)
        ) {
          wrong.push(`${name} as ${who} on ${kind}: the refusal names it`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('declaring an incident: guests may not, others may', async () => {
      for (const who of Object.keys(PRINCIPALS) as Principal[]) {
        if (who === 'service') continue; // a service declares through intake
        const res = await request(server)
          .post('/api/postmortem/incidents')
          .set(PRINCIPALS[who])
          .send({
            title: `Declared by ${who}`,
            severity: 'SEV4',
            entityRefs: ['component:default/checkout-service'],
          });
        const agent = await request(server)
          .post(
            '/api/postmortem/.backstage/actions/v1/actions/postmortem:create-draft-postmortem/invoke',
          )
          .set(PRINCIPALS[who])
          .send({
            title: `Drafted by ${who}`,
            severity: 'SEV4',
            entityRefs: ['component:default/checkout-service'],
          });
        expect([who, outcomeOf(res.status), outcomeOf(agent.status)]).toEqual([
          who,
          expected(who, false, 'create'),
          expected(who, false, 'create'),
        ]);
      }
    });

    it('leaks no restricted postmortem through lists, counts, search, scorecards, related incidents or agent actions', async () => {
      const paths = [
        '/postmortems?text=zebrafinch',
        '/incidents?text=zebrafinch',
        '/postmortems?severity=SEV1',
        '/incidents',
        '/postmortems?limit=100',
        `/postmortems/${pms.normal.humanId}/related`,
        `/postmortems/${pms.normal.humanId}/dependency-map`,
        `/postmortems/${pms.normal.humanId}/history`,
        '/scorecards?groupBy=severity',
      ];
      const seen: Record<string, unknown> = {};
      const promised: Record<string, unknown> = {};
      const app = server;
      const getAll = (headers: Record<string, string>) =>
        Promise.all(
          paths.map(path =>
            request(app).get(`/api/postmortem${path}`).set(headers),
          ),
        );
      const invoke = (
        headers: Record<string, string>,
        action: string,
        input: object,
      ) =>
        request(app)
          .post(
            `/api/postmortem/.backstage/actions/v1/actions/postmortem:${action}/invoke`,
          )
          .set(headers)
          .send(input);
      const invokeAll = (headers: Record<string, string>) =>
        Promise.all([
          invoke(headers, 'list-postmortems', { text: 'zebrafinch' }),
          invoke(headers, 'find-similar-incidents', {
            description: 'Matrix zebrafinch outage',
            entityRefs: ['component:default/checkout-service'],
          }),
          invoke(headers, 'list-open-remediation-items', {
            entityRef: 'component:default/checkout-service',
          }),
        ]);
      for (const who of Object.keys(PRINCIPALS) as Principal[]) {
        if (who === 'unauthenticated') continue;
        const headers = PRINCIPALS[who];
        const sees = expected(who, true, 'read') === 'allowed';
        const responses = await getAll(headers);
        const [listed, similar, openItems] = await invokeAll(headers);
        const all = [...responses, listed, similar, openItems];
        const mentions = (res: request.Response) =>
          res.text.includes(pms.restricted.humanId) ||
          res.text.includes(pms.restricted.title);
        seen[who] = {
          statuses: [...new Set(all.map(r => r.status))],
          postmortemsFound: responses[0].body.totalCount,
          incidentsFound: responses[1].body.totalCount,
          restrictedInSeverityList: mentions(responses[2]),
          restrictedInScorecards: JSON.stringify(responses[8].body).includes(
            'SEV1',
          ),
          restrictedInAgentList: mentions(listed),
          restrictedInSimilar: mentions(similar),
          restrictedItemListed: openItems.text.includes(
            'Zebrafinch restricted',
          ),
          // Where a caller who may not see it would find it anyway.
          leaks: sees ? [] : paths.filter((_, i) => mentions(responses[i])),
        };
        promised[who] = {
          statuses: [200],
          postmortemsFound: sees ? 2 : 1,
          incidentsFound: sees ? 2 : 1,
          restrictedInSeverityList: sees,
          restrictedInScorecards: sees,
          restrictedInAgentList: sees,
          restrictedInSimilar: sees,
          restrictedItemListed: sees,
          leaks: [],
        };
      }
      expect(seen).toEqual(promised);
    });
  },
);
