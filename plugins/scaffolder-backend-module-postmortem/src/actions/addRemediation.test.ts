import {
  actionOptions,
  CheckpointStore,
  expectedAuthorization,
  runAction,
} from '../__testUtils__/actionContext';
import { FakePostmortemApi } from '../__testUtils__/fakePostmortemApi';
import { createPostmortemAddRemediationAction } from './addRemediation';

describe('postmortem:add-remediation', () => {
  let api: FakePostmortemApi;

  beforeAll(async () => {
    api = await FakePostmortemApi.start();
  });
  afterEach(() => api.reset());
  afterAll(() => api.stop());

  const input = {
    postmortemId: 'INC-2026-0042',
    title: 'Alert on checkout 5xx rate above 2%',
    impact: 4,
    probability: 3,
    horizon: 'short',
    ownerRef: 'checkout-team',
    dueDate: '2026-04-30',
    acceptanceCriteria: 'The alert fires in the staging drill',
  };

  it('adds the item on behalf of the user running the template', async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );

    const outputs = await runAction(action, input);

    expect(api.requests).toEqual([
      {
        method: 'POST',
        path: '/postmortems/INC-2026-0042/remediation',
        authorization: expectedAuthorization(),
        contentType: 'application/json',
        body: {
          title: 'Alert on checkout 5xx rate above 2%',
          impact: 4,
          probability: 3,
          horizon: 'short',
          ownerRef: 'group:checkout-team',
          dueDate: '2026-04-30',
          acceptanceCriteria: 'The alert fires in the staging drill',
        },
      },
    ]);
    expect(outputs).toEqual({
      itemId: '30000000-0000-4000-8000-000000000001',
      priority: 12,
    });
  });

  it('escapes the postmortem id in the path', async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );

    await runAction(action, { ...input, postmortemId: 'a/b?c' });

    expect(api.requests[0].path).toBe('/postmortems/a%2Fb%3Fc/remediation');
  });

  it('does not call the API in a dry run and outputs the priority', async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );

    const outputs = await runAction(action, input, { isDryRun: true });

    expect(api.requests).toEqual([]);
    expect(outputs).toEqual({
      itemId: '00000000-0000-0000-0000-000000000000',
      priority: 12,
    });
  });

  it('adds the item only once when the task is retried', async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );
    const checkpoints: CheckpointStore = new Map();

    const first = await runAction(action, input, { checkpoints });
    const second = await runAction(action, input, { checkpoints });

    expect(api.requests).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('keeps one checkpoint per item when a step loops over several', async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );
    const checkpoints: CheckpointStore = new Map();
    const items = [
      { ...input, title: 'First follow-up' },
      { ...input, title: 'Second follow-up' },
    ];

    const outputs = [];
    for (const item of items) {
      outputs.push(await runAction(action, item, { checkpoints }));
    }
    // The retried task replays both iterations without posting again.
    const replayed = [];
    for (const item of items) {
      replayed.push(await runAction(action, item, { checkpoints }));
    }

    expect(api.requests.map(r => r.body.title)).toEqual([
      'First follow-up',
      'Second follow-up',
    ]);
    expect(outputs[0].itemId).not.toEqual(outputs[1].itemId);
    expect(replayed).toEqual(outputs);
    expect(checkpoints.size).toBe(2);
  });

  it("fails with the API's message when the postmortem does not exist", async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );
    api.respondWith(() => ({
      status: 404,
      body: {
        error: {
          name: 'NotFoundError',
          message: "No postmortem 'INC-2026-9999'",
        },
      },
    }));

    const run = runAction(action, { ...input, postmortemId: 'INC-2026-9999' });

    await expect(run).rejects.toThrow(
      "Could not add the remediation item to postmortem INC-2026-9999: No postmortem 'INC-2026-9999'",
    );
    await expect(run).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it("fails with the API's message on a 400", async () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );
    api.respondWith(() => ({
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message: "ownerRef: no catalog entity 'group:default/nobody'",
        },
      },
    }));

    await expect(
      runAction(action, { ...input, ownerRef: 'group:default/nobody' }),
    ).rejects.toThrow(
      "Could not add the remediation item to postmortem INC-2026-0042: ownerRef: no catalog entity 'group:default/nobody'",
    );
  });

  it('describes its input as JSON schema with the API limits', () => {
    const action = createPostmortemAddRemediationAction(
      actionOptions(api.baseUrl),
    );
    const schema = action.schema?.input as any;
    expect(schema.required).toEqual([
      'postmortemId',
      'title',
      'impact',
      'probability',
      'horizon',
    ]);
    expect(schema.properties.impact).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 5,
    });
    expect(schema.properties.horizon.enum).toEqual(['short', 'medium', 'long']);
    expect(Object.keys((action.schema?.output as any).properties)).toEqual([
      'itemId',
      'priority',
    ]);
  });
});
