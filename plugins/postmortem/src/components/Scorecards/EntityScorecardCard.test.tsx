import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityScorecardCard } from './EntityScorecardCard';
import {
  fakeFetch,
  row,
  scorecardApis,
  backendError,
} from './__testUtils__/fakes';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'sre', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function renderCard(
  entity: Entity,
  answer: Parameters<typeof fakeFetch>[0],
) {
  const fake = fakeFetch(answer);
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityScorecardCard />
    </EntityProvider>,
    {
      apis: [...scorecardApis(fake)],
    },
  );
  return fake;
}

const DAY = 24 * 3600 * 1000;

describe('EntityScorecardCard', () => {
  it('shows the last 90 days of a component, without dependencies', async () => {
    const fake = await renderCard(component, () => [
      row('all', '2026-Q2', {
        incidents: 3,
        ttd: 240,
        ttr: 9000,
        overdue: 2,
      }),
    ]);

    expect(await screen.findByText('Incident scorecard')).toBeInTheDocument();
    expect(await screen.findByText('4 min')).toBeInTheDocument();
    expect(screen.getByText('2.5 h')).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('2')).toBeInTheDocument();

    const url = new URL(fake.urls[0]);
    expect(url.searchParams.get('entityRef')).toBe(
      'component:default/checkout-service',
    );
    expect(url.searchParams.get('includeDependencies')).toBe('false');
    expect(url.searchParams.get('ownerRef')).toBeNull();
    expect(url.searchParams.get('groupBy')).toBe('none');
    const from = new Date(url.searchParams.get('from')!).getTime();
    const to = new Date(url.searchParams.get('to')!).getTime();
    expect(Math.round((to - from) / DAY)).toBe(90);

    const link = screen.getByRole('link', { name: /Full scorecard/ });
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/postmortems/scorecards');
    expect(href.searchParams.get('entityRef')).toBe(
      'component:default/checkout-service',
    );
    expect(href.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('asks for the incidents a group owns', async () => {
    const fake = await renderCard(group, () => [
      row('all', '2026-Q1', { incidents: 1, ttd: 60, ttr: 600 }),
      row('all', '2026-Q2', { incidents: 2, ttd: 1200, ttr: 2 * 86400 }),
    ]);

    // Medians of two quarters do not combine; each is shown with its quarter.
    expect(
      await screen.findByText('1 min (2026-Q1), 20 min (2026-Q2)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('10 min (2026-Q1), 2 d (2026-Q2)'),
    ).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText(/span more than one quarter/)).toBeInTheDocument();

    const url = new URL(fake.urls[0]);
    expect(url.searchParams.get('ownerRef')).toBe('group:default/sre');
    expect(url.searchParams.get('entityRef')).toBeNull();
    const link = screen.getByRole('link', { name: /Full scorecard/ });
    expect(
      new URL(link.getAttribute('href')!, 'http://localhost').searchParams.get(
        'ownerRef',
      ),
    ).toBe('group:default/sre');
  });

  it('says so when nothing happened', async () => {
    await renderCard(component, () => []);
    expect(
      await screen.findByText('No incidents in the last 90 days.'),
    ).toBeInTheDocument();
  });

  it('shows errors', async () => {
    await renderCard(component, () => ({
      status: 500,
      body: backendError('boom'),
    }));
    expect(
      await screen.findByText(/Could not load the scorecard: boom/),
    ).toBeInTheDocument();
  });
});
