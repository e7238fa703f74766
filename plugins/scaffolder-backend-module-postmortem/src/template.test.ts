import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  HttpRouterService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
// The test runs the actions against the real postmortem backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import postmortemPlugin from '@postmortems/plugin-postmortem-backend';
import fs from 'node:fs';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import {
  actionOptions,
  INITIATOR,
  runAction,
} from './__testUtils__/actionContext';
import { validate } from './__testUtils__/jsonSchema';
import { render } from './__testUtils__/templating';
import {
  createPostmortemAddRemediationAction,
  createPostmortemCreateAction,
} from './actions';
import { examples as addRemediationExamples } from './actions/addRemediation.examples';
import { examples as createExamples } from './actions/createPostmortem.examples';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const TEMPLATE = path.join(EXAMPLES, 'templates/postmortem/template.yaml');

/** The example catalog (entities.yaml and org.yaml), by lower-cased ref. */
function loadCatalog() {
  const entities = new Map<string, any>();
  for (const file of ['entities.yaml', 'org.yaml']) {
    const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
    for (const doc of yaml.parseAllDocuments(text)) {
      const entity = doc.toJS();
      if (!entity?.kind) continue;
      const namespace = entity.metadata.namespace ?? 'default';
      const ref = `${entity.kind}:${namespace}/${entity.metadata.name}`;
      entities.set(ref.toLocaleLowerCase('en-US'), {
        kind: entity.kind,
        metadata: { name: entity.metadata.name, namespace },
        spec: entity.spec?.owner ? { owner: entity.spec.owner } : {},
      });
    }
  }
  return entities;
}

/** Answers the postmortem backend's catalog lookups from the example catalog. */
const fakeCatalogPlugin = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const entities = loadCatalog();
        const handler: Parameters<HttpRouterService['use']>[0] = (req, res) => {
          if (req.method === 'POST' && req.path === '/entities/by-refs') {
            let body = '';
            req.setEncoding('utf8');
            req.on('data', chunk => {
              body += chunk;
            });
            req.on('end', () => {
              const { entityRefs } = JSON.parse(body) as {
                entityRefs: string[];
              };
              res.json({
                items: entityRefs.map(
                  ref => entities.get(ref.toLocaleLowerCase('en-US')) ?? null,
                ),
              });
            });
            return;
          }
          res.json(req.path === '/entities' ? [] : { items: [] });
        };
        httpRouter.use(handler);
      },
    });
  },
});

/** A user the permission policy does not let declare incidents. */
const VIEWER = 'user:default/lucas.moreau';

type Decision = Awaited<ReturnType<PermissionsService['authorize']>>[number];
const ALLOW = 'ALLOW' as Decision['result'];
const DENY = 'DENY' as Decision['result'];

/** Allows everything, except declaring incidents for VIEWER. */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const decide = (permission: { name: string }, credentials: any) =>
      permission.name === 'postmortem.create' &&
      credentials.principal.userEntityRef === VIEWER
        ? DENY
        : ALLOW;
    return {
      async authorize(queries, options) {
        return queries.map(q => ({
          result: decide(q.permission, options.credentials),
        }));
      },
      async authorizeConditional(queries, options) {
        return queries.map(q => ({
          result: decide(q.permission, options.credentials),
        })) as any;
      },
    };
  },
});

interface TemplateStep {
  id: string;
  action: string;
  if?: string;
  input: Record<string, unknown>;
}

describe('the postmortem software template', () => {
  const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  let server: Server;
  let actions: Map<string, TemplateAction<any, any, any>>;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        postmortemPlugin,
        fakeCatalogPlugin,
        permissionsFactory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    }));
    const { port } = server.address() as AddressInfo;
    const options = actionOptions(`http://localhost:${port}/api/postmortem`);
    actions = new Map(
      [
        createPostmortemCreateAction(options),
        createPostmortemAddRemediationAction(options),
      ].map(action => [action.id, action]),
    );
  });

  /** Runs the template's steps the way the scaffolder does, as INITIATOR. */
  async function runTemplate(
    parameters: Record<string, unknown>,
    options: { isDryRun?: boolean } = {},
  ) {
    // What the form would refuse never reaches the steps.
    for (const page of template.spec.parameters) {
      expect(validate(parameters, { ...page, type: 'object' })).toEqual([]);
    }
    const context = {
      parameters,
      steps: {} as Record<string, { output: Record<string, unknown> }>,
    };
    const ran: string[] = [];
    for (const step of template.spec.steps as TemplateStep[]) {
      if (step.if !== undefined && !render(step.if, context)) continue;
      const action = actions.get(step.action)!;
      expect(action).toBeDefined();
      const input = render(step.input, context);
      expect(validate(input, action.schema?.input)).toEqual([]);
      const output = await runAction(action, input, {
        stepId: step.id,
        isDryRun: options.isDryRun,
      });
      context.steps[step.id] = { output };
      ran.push(step.id);
    }
    return { ran, output: render(template.spec.output, context), context };
  }

  function get(url: string) {
    return request(server)
      .get(`/api/postmortem${url}`)
      .set('authorization', mockCredentials.user.header(INITIATOR));
  }

  it('is a postmortem template owned by the SRE team', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'create-postmortem', title: 'Create a postmortem' },
      spec: { type: 'postmortem', owner: 'group:default/sre-team' },
    });
    const [incident, roles] = template.spec.parameters;
    expect(incident.properties.severity.enum).toEqual([
      'SEV1',
      'SEV2',
      'SEV3',
      'SEV4',
      'SEV5',
    ]);
    expect(incident.properties.severity['ui:enumNames']).toHaveLength(5);
    expect(incident.properties.entityRef).toMatchObject({
      'ui:field': 'EntityPicker',
      'ui:options': {
        catalogFilter: [{ kind: ['Component', 'System', 'Resource'] }],
      },
    });
    expect(incident.properties.impactStartedAt.format).toBe('date-time');
    expect(roles.properties.incidentCommander).toMatchObject({
      'ui:field': 'EntityPicker',
      'ui:options': { catalogFilter: [{ kind: 'User' }] },
    });
    expect(template.spec.steps.map((s: TemplateStep) => s.action)).toEqual([
      'postmortem:create',
      'postmortem:add-remediation',
    ]);
    expect(template.spec.output.links).toEqual([
      { title: 'Open the postmortem', url: '${{ steps.create.output.url }}' },
    ]);
  });

  it('creates the postmortem with its roles and first follow-up', async () => {
    const { ran, output, context } = await runTemplate({
      title: 'Checkout returns 502 errors',
      severity: 'SEV2',
      entityRef: 'component:default/checkout-service',
      impactStartedAt: '2026-03-02T08:14:00.000Z',
      incidentCommander: 'user:default/diego.alvarez',
      reviewers: ['user:default/sofia.martinez', 'user:default/ada.okafor'],
      followUpTitle: 'Alert on checkout 5xx rate above 2%',
      followUpImpact: 4,
      followUpProbability: 3,
      followUpHorizon: 'short',
      followUpOwner: 'group:default/checkout-team',
      followUpDueDate: '2026-04-30',
    });

    expect(ran).toEqual(['create', 'follow-up']);
    const { humanId, postmortemId, url } = context.steps.create.output;
    expect(humanId).toMatch(/^INC-\d{4}-\d{4}$/);
    expect(url).toBe(`http://localhost:3000/postmortems/${humanId}`);
    expect(output.links).toEqual([{ title: 'Open the postmortem', url }]);

    const postmortem = await get(`/postmortems/${humanId}`);
    expect(postmortem.status).toBe(200);
    expect(postmortem.body).toMatchObject({
      id: postmortemId,
      humanId,
      title: 'Checkout returns 502 errors',
      severity: 'SEV2',
      entityRefs: ['component:default/checkout-service'],
      roles: {
        incidentCommander: 'user:default/diego.alvarez',
        reviewers: ['user:default/sofia.martinez', 'user:default/ada.okafor'],
      },
    });
    const incident = await get(`/incidents/${humanId}`);
    expect(incident.body.impactStartedAt).toBe('2026-03-02T08:14:00.000Z');

    const remediation = await get(`/postmortems/${humanId}/remediation`);
    expect(remediation.body.items).toEqual([
      expect.objectContaining({
        id: context.steps['follow-up'].output.itemId,
        title: 'Alert on checkout 5xx rate above 2%',
        priority: 12,
        horizon: 'short',
        ownerRef: 'group:default/checkout-team',
        dueDate: '2026-04-30',
      }),
    ]);
    expect(context.steps['follow-up'].output.priority).toBe(12);
  });

  it('skips the follow-up when none is given and makes the user the commander', async () => {
    const { ran, context } = await runTemplate({
      title: 'Tracking page shows stale status',
      severity: 'SEV4',
      entityRef: 'system:default/tracking',
      followUpImpact: 3,
      followUpProbability: 3,
      followUpHorizon: 'short',
    });

    expect(ran).toEqual(['create']);
    const { humanId } = context.steps.create.output;
    const postmortem = await get(`/postmortems/${humanId}`);
    expect(postmortem.body.roles.incidentCommander).toBe(INITIATOR);
    const remediation = await get(`/postmortems/${humanId}/remediation`);
    expect(remediation.body.items).toEqual([]);
  });

  it('creates nothing in a dry run', async () => {
    const before = await get('/incidents');

    const { ran, output } = await runTemplate(
      {
        title: 'Dry run',
        severity: 'SEV5',
        entityRef: 'component:default/checkout-service',
        followUpTitle: 'Something to do',
        followUpImpact: 2,
        followUpProbability: 2,
        followUpHorizon: 'long',
      },
      { isDryRun: true },
    );

    expect(ran).toEqual(['create', 'follow-up']);
    expect(output.links).toEqual([
      {
        title: 'Open the postmortem',
        url: 'http://localhost:3000/postmortems/INC-DRY-RUN',
      },
    ]);
    const after = await get('/incidents');
    expect(after.body.totalCount).toBe(before.body.totalCount);
  });

  it("fails with the API's message for an entity the catalog does not know", async () => {
    await expect(
      runTemplate({
        title: 'Ghost outage',
        severity: 'SEV3',
        entityRef: 'component:default/ghost-service',
      }),
    ).rejects.toThrow(
      "Could not create the postmortem: entityRefs: no catalog entity 'component:default/ghost-service'",
    );
  });

  it('applies the permissions of the user running the template', async () => {
    const run = runAction(
      actions.get('postmortem:create')!,
      {
        title: 'Checkout returns 502 errors',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout-service'],
      },
      { credentials: mockCredentials.user(VIEWER) },
    );

    await expect(run).rejects.toThrow(
      'Could not create the postmortem: You may not declare incidents',
    );
    await expect(run).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('accepts every action example that stands on its own', async () => {
    for (const { example } of [...createExamples, ...addRemediationExamples]) {
      const { steps } = yaml.parse(example) as { steps: TemplateStep[] };
      // Examples that name an existing postmortem by id need one to exist.
      if (steps[0].action !== 'postmortem:create') continue;
      const context = { steps: {} as Record<string, { output: any }> };
      for (const step of steps) {
        const input = render(step.input, context);
        const output = await runAction(actions.get(step.action)!, input, {
          stepId: step.id,
        });
        context.steps[step.id] = { output };
      }
      const humanId = context.steps[steps[0].id].output.humanId;
      expect((await get(`/postmortems/${humanId}`)).status).toBe(200);
    }
  });
});
