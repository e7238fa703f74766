import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { postmortemApiRef } from './api/PostmortemApi';
import {
  EntityPostmortemsCard,
  EntityPostmortemsContent,
  legacyPostmortemPlugin,
  PostmortemsPage,
} from './legacy';
import { legacyRootRouteRef, rootRouteRef } from './routes';
import { catalogWithGroups, fakeWith } from './__testUtils__/fixtures';
import * as packageIndex from './index';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
};

describe('legacy frontend system', () => {
  it('defines the plugin and its extensions', () => {
    expect(legacyPostmortemPlugin.getId()).toBe('postmortem');
    expect(legacyPostmortemPlugin.routes.root).toBe(legacyRootRouteRef);
    // One ref object for both systems.
    expect(legacyRootRouteRef).toBe(rootRouteRef);
    expect(
      [...legacyPostmortemPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([postmortemApiRef.id]);
    expect(PostmortemsPage).toBeDefined();
    expect(EntityPostmortemsContent).toBeDefined();
    expect(EntityPostmortemsCard).toBeDefined();
    expect(packageIndex.legacyPostmortemPlugin).toBe(legacyPostmortemPlugin);
    expect(packageIndex.PostmortemsPage).toBe(PostmortemsPage);
    expect(packageIndex.EntityPostmortemsContent).toBe(
      EntityPostmortemsContent,
    );
  });

  it('renders the page in an old-system app', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[postmortemApiRef, fakeWith()], catalogWithGroups()]}
      >
        <Routes>
          {/* As FlatRoutes mounts it in an old-system app. */}
          <Route path="/postmortems" element={<PostmortemsPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/postmortems'] },
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'INC-2026-0001' },
        { timeout: 5000 },
      ),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(screen.getByRole('search', { name: 'Filters' })).toBeInTheDocument();
  });

  it('renders the entity tab in an old-system app', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[postmortemApiRef, fakeWith()]]}>
        <EntityProvider entity={entity}>
          <EntityPostmortemsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'INC-2026-0001' },
        { timeout: 5000 },
      ),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(await screen.findByText('No items')).toBeInTheDocument();
    expect(
      (await screen.findByText('Median time to detect')).nextElementSibling,
    ).toHaveTextContent('10 min');
  });

  it('renders the entity card in an old-system app', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[postmortemApiRef, fakeWith()]]}>
        <EntityProvider entity={entity}>
          <EntityPostmortemsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      (await screen.findByText('Postmortems in the last 90 days'))
        .nextElementSibling,
    ).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'INC-2026-0001' })).toHaveAttribute(
      'href',
      '/postmortems/INC-2026-0001',
    );
  });
});
