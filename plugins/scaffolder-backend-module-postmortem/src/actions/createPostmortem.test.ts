import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionOptions,
  CheckpointStore,
  expectedAuthorization,
  runAction,
} from '../__testUtils__/actionContext';
import { FakePostmortemApi } from '../__testUtils__/fakePostmortemApi';
import { validate } from '../__testUtils__/jsonSchema';
import { createPostmortemCreateAction } from './createPostmortem';

describe('postmortem:create', () => {
  let api: FakePostmortemApi;

  beforeAll(async () => {
    api = await FakePostmortemApi.start();
  });
  afterEach(() => api.reset());
  afterAll(() => api.stop());

  const input = {
    title: 'Checkout returns 502 errors',
    severity: 'SEV2',
    entityRefs: ['component:default/checkout-service', 'payments-service'],
    impactStartedAt: '2026-03-02T08:14:00Z',
    detectedAt: '2026-03-02T08:21:00Z',
    resolvedAt: '2026-03-02T09:40:00Z',
    incidentCommander: 'user:default/fatima.zahra',
    technicalOwners: ['priya.raman'],
    reviewers: ['user:default/sofia.martinez'],
    templateId: 'default',
    visibility: 'restricted',
  };

  it('declares the incident on behalf of the user running the template', async () => {
    const options = actionOptions(api.baseUrl, 'https://backstage.example/');
    const action = createPostmortemCreateAction(options);

    const outputs = await runAction(action, input);

    expect(api.requests).toEqual([
      {
        method: 'POST',
        path: '/incidents',
        authorization: expectedAuthorization(),
        contentType: 'application/json',
        body: {
          title: 'Checkout returns 502 errors',
          severity: 'SEV2',
          entityRefs: [
            'component:default/checkout-service',
            'component:payments-service',
          ],
          impactStartedAt: '2026-03-02T08:14:00Z',
          detectedAt: '2026-03-02T08:21:00Z',
          resolvedAt: '2026-03-02T09:40:00Z',
          templateId: 'default',
          visibility: 'restricted',
          roles: {
            incidentCommander: 'user:default/fatima.zahra',
            technicalOwners: ['user:priya.raman'],
            reviewers: ['user:default/sofia.martinez'],
          },
        },
      },
    ]);
    expect(options.discovery.getBaseUrl).toHaveBeenCalledWith('postmortem');
    expect(outputs).toEqual({
      humanId: 'INC-2026-0001',
      postmortemId: '20000000-0000-4000-8000-000000000001',
      incidentId: '10000000-0000-4000-8000-000000000001',
      url: 'https://backstage.example/postmortems/INC-2026-0001',
    });
  });

  it('sends only what was given, leaving the commander to the API', async () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));

    const outputs = await runAction(action, {
      title: 'Label printing stalled',
      severity: 'SEV1',
      entityRefs: ['component:default/label-service'],
      reviewers: [],
    });

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].body).toEqual({
      title: 'Label printing stalled',
      severity: 'SEV1',
      entityRefs: ['component:default/label-service'],
    });
    expect(outputs.url).toMatch(
      /^http:\/\/localhost:3000\/postmortems\/INC-2026-\d{4}$/,
    );
  });

  it('uses its own service identity when the runner names no initiator', async () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));
    await action.handler({
      input: {
        title: 'Label printing stalled',
        severity: 'SEV1',
        entityRefs: ['component:default/label-service'],
      },
      getInitiatorCredentials: undefined,
      checkpoint: async ({ fn }: { fn: () => any }) => fn(),
      output: jest.fn(),
      logger: { info: jest.fn() },
    } as any);

    expect(api.requests[0].authorization).toBe(
      expectedAuthorization(mockCredentials.service('plugin:scaffolder')),
    );
  });

  it('does not call the API in a dry run and outputs placeholders', async () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));

    const outputs = await runAction(action, input, { isDryRun: true });

    expect(api.requests).toEqual([]);
    expect(outputs).toEqual({
      humanId: 'INC-DRY-RUN',
      postmortemId: '00000000-0000-0000-0000-000000000000',
      incidentId: '00000000-0000-0000-0000-000000000000',
      url: 'http://localhost:3000/postmortems/INC-DRY-RUN',
    });
  });

  it('declares the incident only once when the task is retried', async () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));
    const checkpoints: CheckpointStore = new Map();

    const first = await runAction(action, input, {
      checkpoints,
      stepId: 'create',
    });
    const second = await runAction(action, input, {
      checkpoints,
      stepId: 'create',
    });

    expect(api.requests).toHaveLength(1);
    expect(second).toEqual(first);
    expect([...checkpoints.keys()]).toEqual([
      'v1.task.checkpoint.create.create-postmortem',
    ]);
  });

  it("fails with the API's message when the API rejects the request", async () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));
    const checkpoints: CheckpointStore = new Map();
    api.respondWith(() => ({
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message:
            "entityRefs: no catalog entity 'component:default/nowhere-service'",
        },
        request: { method: 'POST', url: '/api/postmortem/incidents' },
        response: { statusCode: 400 },
      },
    }));

    const run = runAction(
      action,
      { ...input, entityRefs: ['component:default/nowhere-service'] },
      { checkpoints },
    );

    await expect(run).rejects.toThrow(
      "Could not create the postmortem: entityRefs: no catalog entity 'component:default/nowhere-service'",
    );
    await expect(run).rejects.toMatchObject({ name: 'InputError' });
    // A failed call is not remembered as done, so a retry tries again.
    expect([...checkpoints.values()]).toEqual([
      expect.objectContaining({ status: 'failed' }),
    ]);
  });

  it.each([
    [403, 'NotAllowedError'],
    [404, 'NotFoundError'],
    [409, 'ConflictError'],
    [500, 'Error'],
  ])('maps an HTTP %s answer to %s', async (status, name) => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));
    api.respondWith(() => ({
      status,
      body: { error: { name, message: 'nope' } },
    }));

    const error = await runAction(action, input).catch(e => e);
    expect(error.name).toBe(name);
    expect(error.message).toContain('Could not create the postmortem: nope');
  });

  it('says so when the API cannot be reached', async () => {
    const action = createPostmortemCreateAction(
      actionOptions('http://127.0.0.1:1/api/postmortem'),
    );

    const error = await runAction(action, input).catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain(
      'Could not create the postmortem: the postmortem API at http://127.0.0.1:1/api/postmortem could not be reached',
    );
  });

  it('describes its input and output as JSON schema', () => {
    const action = createPostmortemCreateAction(actionOptions(api.baseUrl));
    const schema = action.schema?.input as any;
    expect(schema.required).toEqual(['title', 'severity', 'entityRefs']);
    expect(schema.properties.severity.enum).toEqual([
      'SEV1',
      'SEV2',
      'SEV3',
      'SEV4',
      'SEV5',
    ]);
    expect(Object.keys((action.schema?.output as any).properties)).toEqual([
      'humanId',
      'postmortemId',
      'incidentId',
      'url',
    ]);
    expect(action.supportsDryRun).toBe(true);
    // What the scaffolder refuses before the action runs.
    expect(
      validate(
        { title: 'x', severity: 'SEV9', entityRefs: [], colour: 'red' },
        schema,
      ),
    ).toEqual([
      'input.title is shorter than 3',
      'input.severity is not one of SEV1, SEV2, SEV3, SEV4, SEV5',
      'input.entityRefs has fewer than 1 items',
      'input.colour is not allowed',
    ]);
  });
});
