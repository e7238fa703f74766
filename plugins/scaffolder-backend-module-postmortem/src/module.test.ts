import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import scaffolderModulePostmortem from '.';

describe('scaffolderModulePostmortem', () => {
  it('registers the postmortem actions with the scaffolder', async () => {
    const addActions = jest.fn();

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModulePostmortem],
    });

    expect(addActions).toHaveBeenCalledTimes(1);
    const actions = addActions.mock.calls[0];
    expect(actions.map((a: { id: string }) => a.id)).toEqual([
      'postmortem:create',
      'postmortem:add-remediation',
    ]);
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples.length).toBeGreaterThan(0);
      expect(action.schema.input.type).toBe('object');
    }
  });
});
