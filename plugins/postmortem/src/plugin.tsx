import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { postmortemApiRef } from './api/PostmortemApi';
import { PostmortemClient } from './api/PostmortemClient';
import { postmortemRouteRef, rootRouteRef } from './routes';
import { postmortemTranslationRef } from './translation';

const postmortemApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: postmortemApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PostmortemClient(deps),
    }),
});

const postmortemsPage = PageBlueprint.make({
  params: {
    path: '/postmortems',
    routeRef: rootRouteRef,
    title: postmortemTranslationRef('pageTitle'),
    icon: <AssignmentIcon />,
    // The list at /postmortems, a workspace at /postmortems/:id.
    loader: () =>
      import('./components/PostmortemsPage').then(m => <m.PostmortemRoutes />),
  },
});

// Components, Systems, Resources and Groups are where incidents land.
const entityPostmortemsContent = EntityContentBlueprint.make({
  params: {
    path: '/postmortems',
    title: postmortemTranslationRef('entityTab.title'),
    filter: entity =>
      ['component', 'system', 'resource', 'group'].includes(
        entity.kind.toLocaleLowerCase('en-US'),
      ),
    loader: () =>
      import('./components/EntityPostmortemsContent').then(m => (
        <m.EntityPostmortemsContent />
      )),
  },
});

/**
 * The postmortem frontend plugin for the new frontend system.
 *
 * German needs no extension here: `postmortemTranslationRef` carries it as
 * its default resource. (`TranslationBlueprint` is not part of
 * `@backstage/frontend-plugin-api`, and the app's translations input only
 * takes extensions from the app itself.)
 *
 * @public
 */
export const postmortemPlugin = createFrontendPlugin({
  pluginId: 'postmortem',
  info: { packageJson: () => import('../package.json') },
  extensions: [postmortemApi, postmortemsPage, entityPostmortemsContent],
  routes: { root: rootRouteRef, postmortem: postmortemRouteRef },
});
