import { convertLegacyRouteRef } from '@backstage/core-compat-api';
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

/**
 * The same refs typed for `@backstage/core-plugin-api`, whose routing the
 * old frontend system uses. The conversion adds the old fields to the very
 * same objects, so both systems resolve them alike.
 */
export const legacyRootRouteRef = convertLegacyRouteRef(rootRouteRef);
export const legacyPostmortemRouteRef =
  convertLegacyRouteRef(postmortemRouteRef);
