import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DependencyMap } from '../../../api/PostmortemApi';
import {
  fakeWith,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import {
  catalogPath,
  DependencyMapPanel,
  edgePath,
  layoutMap,
  NODE_HEIGHT,
  NODE_WIDTH,
} from './DependencyMap';

const map: DependencyMap = {
  capturedAt: '2026-11-01T10:30:00Z',
  live: false,
  topHypothesisEntityRef: 'resource:default/orders-db',
  nodes: [
    {
      entityRef: 'component:default/checkout-service',
      distance: 0,
      affected: true,
    },
    {
      entityRef: 'component:payments/payment-api',
      distance: 1,
      affected: false,
    },
    { entityRef: 'resource:default/orders-db', distance: 1, affected: false },
  ],
  edges: [
    {
      from: 'component:default/checkout-service',
      to: 'component:payments/payment-api',
    },
    {
      from: 'component:default/checkout-service',
      to: 'resource:default/orders-db',
    },
  ],
};

describe('dependency map layout', () => {
  it('layers nodes left to right by distance', () => {
    const { distances, positions, width } = layoutMap(map.nodes);
    expect(distances).toEqual([0, 1]);
    const checkout = positions.get('component:default/checkout-service')!;
    const payments = positions.get('component:payments/payment-api')!;
    const db = positions.get('resource:default/orders-db')!;
    expect(payments.x).toBeGreaterThan(checkout.x);
    expect(db.x).toBe(payments.x);
    expect(db.y).toBeGreaterThan(payments.y);
    expect(width).toBeGreaterThanOrEqual(payments.x + NODE_WIDTH);
    expect(edgePath(checkout, payments)).toMatch(
      new RegExp(
        `^M ${checkout.x + NODE_WIDTH} ${checkout.y + NODE_HEIGHT / 2} `,
      ),
    );
  });

  it('links entities to their catalog page', () => {
    expect(catalogPath('Component:Default/checkout-service')).toBe(
      '/catalog/default/component/checkout-service',
    );
    expect(catalogPath('resource:payments/db one')).toBe(
      '/catalog/payments/resource/db%20one',
    );
  });
});

describe('DependencyMapPanel', () => {
  it('draws linked, labelled, focusable nodes and lists the edges', async () => {
    await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith({ dependencyMap: map }),
    );

    const graph = await screen.findByRole('group', {
      name: 'Dependency map of 3 entities',
    });
    expect(graph.tagName.toLowerCase()).toBe('svg');

    const checkout = within(graph).getByRole('link', {
      name: 'component:default/checkout-service: Affected. Open in the catalog',
    });
    expect(checkout).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service',
    );
    expect(checkout.querySelector('[data-affected]')).not.toBeNull();

    const db = within(graph).getByRole('link', {
      name: 'resource:default/orders-db: 1 hops away, Top hypothesis. Open in the catalog',
    });
    expect(db).toHaveAttribute('href', '/catalog/default/resource/orders-db');
    expect(db.querySelector('[data-top-hypothesis]')).not.toBeNull();
    // A visible text label, not only a border.
    expect(within(db).getByText(/Top hypothesis/)).toBeInTheDocument();

    expect(
      within(graph).getByRole('link', {
        name: 'component:payments/payment-api: 1 hops away. Open in the catalog',
      }),
    ).toHaveAttribute('href', '/catalog/payments/component/payment-api');

    // Keyboard: every node is in the tab order.
    const links = within(graph).getAllByRole('link');
    for (const link of links) expect(link).toHaveAttribute('tabindex', '0');
    links[0].focus();
    expect(links[0]).toHaveFocus();
    await userEvent.tab();
    expect(links[1]).toHaveFocus();

    const edges = screen.getByRole('list', { name: 'Dependencies' });
    expect(
      within(edges)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'component:default/checkout-service depends on component:payments/payment-api',
      'component:default/checkout-service depends on resource:default/orders-db',
    ]);
    expect(graph).toHaveAttribute('aria-describedby', edges.parentElement!.id);

    expect(
      screen.getByText(/^Captured at .*when the draft was generated\.$/),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent(
      'Affected entity',
    );
  });

  it('draws the calls traces saw: along catalog edges, and dashed where the catalog lacks them', async () => {
    const traced: DependencyMap = {
      ...map,
      edges: [
        {
          ...map.edges[0],
          catalog: true,
          observed: { count: 120, errors: 45, slow: 3 },
        },
        map.edges[1],
        {
          from: 'component:payments/payment-api',
          to: 'resource:default/orders-db',
          catalog: false,
          observed: { count: 1, errors: 0, slow: 0 },
        },
      ],
    };
    const { container } = await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith({ dependencyMap: traced }),
    );
    const edges = await screen.findByRole('list', { name: 'Dependencies' });
    expect(
      within(edges)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'component:default/checkout-service depends on component:payments/payment-api; traces show 120 calls, 45 failed, 3 slow',
      'component:default/checkout-service depends on resource:default/orders-db',
      'component:payments/payment-api calls resource:default/orders-db (seen in traces, not in the catalog); traces show 1 call, 0 failed, 0 slow',
    ]);
    const drawn = (attribute: string) =>
      [...container.querySelectorAll(`path[${attribute}]`)].map(p =>
        p.getAttribute('data-edge'),
      );
    expect(drawn('data-observed')).toEqual([
      'component:default/checkout-service->component:payments/payment-api',
      'component:payments/payment-api->resource:default/orders-db',
    ]);
    expect(drawn('data-uncataloged')).toEqual([
      'component:payments/payment-api->resource:default/orders-db',
    ]);
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend).toHaveTextContent('Call seen in traces');
    expect(legend).toHaveTextContent('Call the catalog does not know');
  });

  it('says when the map is live from the catalog, or empty', async () => {
    const live = await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith({ dependencyMap: { ...map, live: true } }),
    );
    expect(
      await screen.findByText(
        'Live from the catalog; no draft has captured it yet.',
      ),
    ).toBeInTheDocument();
    live.unmount();

    await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith({
        dependencyMap: { ...map, nodes: [], edges: [], live: true },
      }),
    );
    expect(await screen.findByText('No entities to show.')).toBeInTheDocument();
  });

  it('shows loading and error states', async () => {
    const hanging = await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith().hang('getDependencyMap'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    hanging.unmount();

    await renderWithApi(
      <DependencyMapPanel postmortem={makePostmortem()} />,
      fakeWith(),
    );
    expect(
      await screen.findByText(
        /Could not load the dependency map: No dependency map for pm-1/,
      ),
    ).toBeInTheDocument();
  });
});
