import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** One postmortem's workspace, by uuid or human id (INC-2026-0001). */
export const postmortemRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:id',
});
