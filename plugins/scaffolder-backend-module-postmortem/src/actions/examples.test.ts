import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import {
  actionOptions,
  expectedAuthorization,
  runAction,
} from '../__testUtils__/actionContext';
import { FakePostmortemApi } from '../__testUtils__/fakePostmortemApi';
import { validate } from '../__testUtils__/jsonSchema';
import { render } from '../__testUtils__/templating';
import { createPostmortemAddRemediationAction } from './addRemediation';
import { examples as addRemediationExamples } from './addRemediation.examples';
import { createPostmortemCreateAction } from './createPostmortem';
import { examples as createExamples } from './createPostmortem.examples';

/** Drops the keys whose value is undefined, as JSON.stringify does. */
function defined(object: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  );
}

/** What the API should get, and the action output, for an example's input. */
const expectations: Record<
  string,
  (input: any) => { path: string; body: unknown; output: unknown }
> = {
  'postmortem:create': input => {
    const roles = defined({
      incidentCommander: input.incidentCommander,
      technicalOwners: input.technicalOwners,
      reviewers: input.reviewers,
    });
    return {
      path: '/incidents',
      body: defined({
        title: input.title,
        severity: input.severity,
        entityRefs: input.entityRefs,
        impactStartedAt: input.impactStartedAt,
        detectedAt: input.detectedAt,
        resolvedAt: input.resolvedAt,
        templateId: input.templateId,
        visibility: input.visibility,
        roles: Object.keys(roles).length ? roles : undefined,
      }),
      output: {
        humanId: expect.stringMatching(/^INC-2026-\d{4}$/),
        postmortemId: expect.any(String),
        incidentId: expect.any(String),
        url: expect.stringMatching(
          /^http:\/\/localhost:3000\/postmortems\/INC-2026-\d{4}$/,
        ),
      },
    };
  },
  'postmortem:add-remediation': ({ postmortemId, ...item }) => ({
    path: `/postmortems/${encodeURIComponent(postmortemId)}/remediation`,
    body: item,
    output: {
      itemId: expect.any(String),
      priority: item.impact * item.probability,
    },
  }),
};

describe('action examples', () => {
  let api: FakePostmortemApi;
  let actions: Map<string, TemplateAction<any, any, any>>;

  beforeAll(async () => {
    api = await FakePostmortemApi.start();
    const options = actionOptions(api.baseUrl);
    actions = new Map(
      [
        createPostmortemCreateAction(options),
        createPostmortemAddRemediationAction(options),
      ].map(action => [action.id, action]),
    );
  });
  afterEach(() => api.reset());
  afterAll(() => api.stop());

  it('has examples for each action', () => {
    expect(createExamples.length).toBeGreaterThan(0);
    expect(addRemediationExamples.length).toBeGreaterThan(0);
    expect(actions.get('postmortem:create')?.examples).toBe(createExamples);
    expect(actions.get('postmortem:add-remediation')?.examples).toBe(
      addRemediationExamples,
    );
  });

  it.each(
    [...createExamples, ...addRemediationExamples].map(e => [
      e.description,
      e.example,
    ]),
  )('%s', async (_description, example) => {
    const { steps } = yaml.parse(example) as {
      steps: Array<{ id: string; action: string; input: any }>;
    };
    expect(steps.length).toBeGreaterThan(0);

    const context = { steps: {} as Record<string, { output: any }> };
    for (const step of steps) {
      const action = actions.get(step.action);
      expect(action).toBeDefined();
      const input = render(step.input, context);
      // The scaffolder would refuse input that does not fit the schema.
      expect(validate(input, action!.schema?.input)).toEqual([]);

      const before = api.requests.length;
      const output = await runAction(action!, input, { stepId: step.id });
      context.steps[step.id] = { output };

      expect(api.requests.length).toBe(before + 1);
      const request = api.requests[before];
      expect(request.method).toBe('POST');
      expect(request.authorization).toBe(expectedAuthorization());
      expect(request.contentType).toBe('application/json');

      expect({
        path: request.path,
        body: request.body,
        output,
      }).toEqual(expectations[step.action](input));
    }
  });
});
