import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  POSTMORTEM_RESOURCE_TYPE,
  postmortemCreatePermission,
  postmortemPermissions,
} from './permissions';

describe('postmortem permissions', () => {
  it('have unique names under the postmortem prefix', () => {
    const names = postmortemPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every(n => n.startsWith('postmortem.'))).toBe(true);
  });

  it('apply to the postmortem resource, except create which has no resource yet', () => {
    const resourceless = postmortemPermissions.filter(
      p => !isResourcePermission(p, POSTMORTEM_RESOURCE_TYPE),
    );
    expect(resourceless).toEqual([postmortemCreatePermission]);
  });
});
