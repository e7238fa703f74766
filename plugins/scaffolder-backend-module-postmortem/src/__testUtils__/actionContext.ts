import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import os from 'node:os';
import { PostmortemActionOptions } from '../actions';

/** The user the tests run templates as. */
export const INITIATOR = 'user:default/fatima.zahra';

/** What the scaffolder keeps of a task between runs: its checkpoints. */
export type CheckpointStore = Map<
  string,
  { status: 'success'; value: unknown } | { status: 'failed'; reason: string }
>;

/** Options for the actions, pointing at the given postmortem API. */
export function actionOptions(
  baseUrl: string,
  appBaseUrl = 'http://localhost:3000',
): PostmortemActionOptions & {
  auth: AuthService;
  discovery: DiscoveryService;
} {
  return {
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
    discovery: {
      getBaseUrl: jest.fn(async (pluginId: string) =>
        pluginId === 'postmortem' ? baseUrl : `http://unused/${pluginId}`,
      ),
      getExternalBaseUrl: jest.fn(async (pluginId: string) =>
        pluginId === 'postmortem' ? baseUrl : `http://unused/${pluginId}`,
      ),
    },
    config: mockServices.rootConfig({
      data: { app: { baseUrl: appBaseUrl } },
    }),
  };
}

/** The Authorization header the postmortem API gets for a call made on behalf of `credentials`. */
export function expectedAuthorization(
  credentials: BackstageCredentials = mockCredentials.user(INITIATOR),
) {
  return `Bearer ${mockCredentials.service.token({
    onBehalfOf: credentials,
    targetPluginId: 'postmortem',
  })}`;
}

/**
 * Runs an action the way the scaffolder's workflow runner does: checkpoints
 * are looked up in (and saved to) the given store, keyed per step, so a
 * second run with the same store behaves like a retried task.
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
  options: {
    isDryRun?: boolean;
    checkpoints?: CheckpointStore;
    stepId?: string;
    credentials?: BackstageCredentials;
  } = {},
): Promise<Record<string, any>> {
  const outputs: Record<string, any> = {};
  const checkpoints = options.checkpoints ?? new Map();
  const stepId = options.stepId ?? 'step';
  const credentials = options.credentials ?? mockCredentials.user(INITIATOR);
  const ctx: ActionContext<any, any> = {
    input,
    logger: mockServices.logger.mock(),
    workspacePath: os.tmpdir(),
    secrets: {},
    isDryRun: options.isDryRun,
    task: { id: 'task-1' },
    step: { id: stepId, name: stepId },
    user: { ref: INITIATOR },
    getInitiatorCredentials: async () => credentials,
    createTemporaryDirectory: jest.fn(async () => os.tmpdir()),
    output(name, value) {
      outputs[name as string] = value;
    },
    async checkpoint({ key, fn }) {
      const stateKey = `v1.task.checkpoint.${stepId}.${key}`;
      const previous = checkpoints.get(stateKey);
      if (previous?.status === 'success') {
        return previous.value as any;
      }
      try {
        const value = await fn();
        checkpoints.set(stateKey, { status: 'success', value: value ?? {} });
        return value;
      } catch (error) {
        checkpoints.set(stateKey, {
          status: 'failed',
          reason: String(error),
        });
        throw error;
      }
    },
  };
  await action.handler(ctx);
  return outputs;
}
