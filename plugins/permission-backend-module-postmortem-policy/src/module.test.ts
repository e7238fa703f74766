import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PostmortemPermissionPolicy } from '@postmortems/plugin-postmortem-backend';
import { permissionModulePostmortemPolicy } from './module';

/** Stands in for the permission backend: captures the policy set. */
function capturingPermissionPlugin(onPolicy: (policy: unknown) => void) {
  return createBackendPlugin({
    pluginId: 'permission',
    register(env) {
      env.registerExtensionPoint(policyExtensionPoint, {
        setPolicy: onPolicy,
      } as any);
      env.registerInit({
        deps: { logger: coreServices.logger },
        async init() {},
      });
    },
  });
}

describe('permissionModulePostmortemPolicy', () => {
  it.each([
    [true, true],
    [false, false],
  ])('enabled: %p sets the postmortem policy: %p', async (enabled, isOurs) => {
    let policy: unknown;
    await startTestBackend({
      features: [
        capturingPermissionPlugin(p => {
          policy = p;
        }),
        permissionModulePostmortemPolicy,
        mockServices.rootConfig.factory({
          data: { permission: { postmortemPolicy: { enabled } } },
        }),
      ],
    });
    expect(policy instanceof PostmortemPermissionPolicy).toBe(isOurs);
    expect(policy).toBeDefined();
  });
});
