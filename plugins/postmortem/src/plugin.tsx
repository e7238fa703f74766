import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { postmortemApiRef } from './api/PostmortemApi';
import { PostmortemClient } from './api/PostmortemClient';
import { PostmortemSearchFilters } from './components/PostmortemSearchResultListItem/PostmortemSearchFilters';
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
const incidentKinds = (entity: { kind: string }) =>
  ['component', 'system', 'resource', 'group'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );

const entityPostmortemsContent = EntityContentBlueprint.make({
  params: {
    path: '/postmortems',
    title: postmortemTranslationRef('entityTab.title'),
    filter: incidentKinds,
    loader: () =>
      import('./components/EntityPostmortemsContent').then(m => (
        <m.EntityPostmortemsContent />
      )),
  },
});

// The overview card: recent postmortems, open and overdue remediation and
// the last incident.
const entityPostmortemsCard = EntityCardBlueprint.make({
  params: {
    filter: incidentKinds,
    loader: () =>
      import('./components/EntityPostmortemsContent').then(m => (
        <m.EntityPostmortemsCard />
      )),
  },
});

// Time to detect and restore and overdue items for the entity, or the team.
const entityScorecardCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: incidentKinds,
    loader: () =>
      import('./components/Scorecards').then(m => <m.EntityScorecardCard />),
  },
});

// Search results of type `postmortem`, as the search module indexes them.
const postmortemSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result => result.type === 'postmortem',
    icon: <AssignmentIcon />,
    component: () =>
      import('./components/PostmortemSearchResultListItem').then(
        m => m.PostmortemSearchResultListItem,
      ),
  },
});

// Postmortems in the search page's result type list. The blueprint takes a
// plain name; "Postmortems" reads the same in English and German.
const postmortemSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'postmortem',
  params: {
    value: 'postmortem',
    name: 'Postmortems',
    icon: <AssignmentIcon />,
  },
});

// Severity and stage filters, shown while postmortems are the result type.
const postmortemSearchFilters = SearchFilterBlueprint.make({
  name: 'postmortem',
  params: {
    component: props => <PostmortemSearchFilters {...props} />,
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
  extensions: [
    postmortemApi,
    postmortemsPage,
    entityPostmortemsContent,
    entityPostmortemsCard,
    entityScorecardCard,
    postmortemSearchResultListItem,
    postmortemSearchResultType,
    postmortemSearchFilters,
  ],
  routes: { root: rootRouteRef, postmortem: postmortemRouteRef },
});
