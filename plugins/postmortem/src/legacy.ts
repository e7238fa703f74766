import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { postmortemApiRef } from './api/PostmortemApi';
import { PostmortemClient } from './api/PostmortemClient';
import { legacyPostmortemRouteRef, legacyRootRouteRef } from './routes';

/**
 * The postmortem plugin for apps on the old frontend system
 * (`@backstage/core-plugin-api`). The API ref is the new system's: in
 * core-plugin-api 1.13 `createApiFactory`, `ApiRef` and the core API refs are
 * re-exports of `@backstage/frontend-plugin-api`, so one ref serves both.
 *
 * @public
 */
export const legacyPostmortemPlugin = createPlugin({
  id: 'postmortem',
  apis: [
    createApiFactory({
      api: postmortemApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PostmortemClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef, postmortem: legacyPostmortemRouteRef },
});

/**
 * The postmortem list and workspaces; mount it at `/postmortems`, e.g.
 * `<Route path="/postmortems" element={<PostmortemsPage />} />`.
 *
 * @public
 */
export const PostmortemsPage = legacyPostmortemPlugin.provide(
  createRoutableExtension({
    name: 'PostmortemsPage',
    component: () =>
      import('./components/PostmortemsPage').then(m => m.PostmortemRoutes),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The "Postmortems" entity tab, for an `EntityLayout.Route` of Components,
 * Systems, Resources and Groups.
 *
 * @public
 */
export const EntityPostmortemsContent = legacyPostmortemPlugin.provide(
  createComponentExtension({
    name: 'EntityPostmortemsContent',
    component: {
      lazy: () =>
        import('./components/EntityPostmortemsContent').then(
          m => m.EntityPostmortemsContent,
        ),
    },
  }),
);

/**
 * The "Postmortems" overview card for entity pages.
 *
 * @public
 */
export const EntityPostmortemsCard = legacyPostmortemPlugin.provide(
  createComponentExtension({
    name: 'EntityPostmortemsCard',
    component: {
      lazy: () =>
        import('./components/EntityPostmortemsContent').then(
          m => m.EntityPostmortemsCard,
        ),
    },
  }),
);
