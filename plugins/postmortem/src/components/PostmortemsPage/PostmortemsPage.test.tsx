import {
  renderInTestApp,
  TestAppRenderResult,
} from '@backstage/frontend-test-utils';
import { useAppLocation } from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakePostmortemApi } from '../../__testUtils__/FakePostmortemApi';
import {
  catalogWithGroups,
  fakeWith,
  fill,
  makePostmortem,
} from '../../__testUtils__/fixtures';
import { startOfDay, startOfNextDay } from './filters';
import { PAGE_SIZE, PostmortemsPage } from './PostmortemsPage';

// The table renders slowly in jsdom, and these tests reload it often.
jest.setTimeout(30_000);

function Location() {
  const location = useAppLocation();
  return <output aria-label="location">{location.search}</output>;
}

function renderPage(
  api: FakePostmortemApi,
  path = '/postmortems',
): TestAppRenderResult {
  return renderInTestApp(
    <>
      <PostmortemsPage />
      <Location />
    </>,
    {
      apis: [api.pair(), catalogWithGroups()],
      mountPath: '/postmortems',
      initialRouteEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const search = () =>
  new URLSearchParams(
    screen.getByRole('status', { name: 'location' }).textContent!,
  );

const lastQuery = (api: FakePostmortemApi) =>
  api.calls.filter(c => c[0] === 'listPostmortems').pop()?.[1];

const many = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return makePostmortem({
      id: `pm-${i + 1}`,
      humanId: `INC-2026-${n}`,
      title: `Incident ${i + 1}`,
    });
  });

describe('PostmortemsPage', () => {
  it('queries with the filters in the URL and shows them', async () => {
    const api = fakeWith();
    renderPage(
      api,
      '/postmortems?entityRef=component:default/checkout-service&ownerRef=group:default/checkout-team&severity=SEV2&stage=cause_analysis&from=2026-11-01&to=2026-11-30&text=Checkout',
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'INC-2026-0001' },
        { timeout: 5000 },
      ),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(lastQuery(api)).toEqual({
      entityRef: 'component:default/checkout-service',
      ownerRef: 'group:default/checkout-team',
      severity: ['SEV2'],
      stage: ['cause_analysis'],
      from: startOfDay('2026-11-01'),
      to: startOfNextDay('2026-11-30'),
      text: 'Checkout',
      limit: PAGE_SIZE,
    });
    expect(screen.getByLabelText(/^Entity/)).toHaveValue(
      'component:default/checkout-service',
    );
    expect(screen.getByLabelText('Impact from')).toHaveValue('2026-11-01');
    // The owner group shows by its catalog name once the groups are in.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Owner group' })).toHaveValue(
        'Checkout team',
      ),
    );
    const form = screen.getByRole('search', { name: 'Filters' });
    expect(
      within(form).getByRole('button', { name: /Severity\s+SEV2/ }),
    ).toBeInTheDocument();
    expect(
      within(form).getByRole('button', { name: /Stage\s+Cause analysis/ }),
    ).toBeInTheDocument();
  });

  it('puts changed filters into the query string', async () => {
    const api = fakeWith();
    renderPage(api);
    await screen.findByRole(
      'link',
      { name: 'INC-2026-0001' },
      { timeout: 5000 },
    );
    expect(search().toString()).toBe('');

    await fill(screen.getByLabelText(/^Entity/), 'component:default/cart');
    await fill(screen.getByLabelText('Search text'), 'latency');
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(search().toString()).toBe(
        'entityRef=component%3Adefault%2Fcart&text=latency',
      ),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        entityRef: 'component:default/cart',
        text: 'latency',
        limit: PAGE_SIZE,
      }),
    );
    expect(
      await screen.findByText('No postmortems match.'),
    ).toBeInTheDocument();

    // Multi-selects apply at once.
    const form = screen.getByRole('search', { name: 'Filters' });
    await userEvent.click(
      within(form).getByRole('button', { name: /^Severity/ }),
    );
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'SEV1' }),
    );
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'SEV3' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(search().getAll('severity')).toEqual(['SEV1', 'SEV3']),
    );
    expect(search().get('entityRef')).toBe('component:default/cart');

    await userEvent.click(within(form).getByRole('button', { name: /^Stage/ }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'In review',
      }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(search().getAll('stage')).toEqual(['in_review']),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        entityRef: 'component:default/cart',
        text: 'latency',
        severity: ['SEV1', 'SEV3'],
        stage: ['in_review'],
        limit: PAGE_SIZE,
      }),
    );

    await fill(screen.getByLabelText('Impact from'), '2026-10-01');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    await waitFor(() => expect(search().get('from')).toBe('2026-10-01'));

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(search().toString()).toBe(''));
    expect(screen.getByLabelText(/^Entity/)).toHaveValue('');
  });

  it('picks the owner group from the catalog by keyboard', async () => {
    const api = fakeWith();
    renderPage(api);
    await screen.findByRole(
      'link',
      { name: 'INC-2026-0001' },
      { timeout: 5000 },
    );
    const owner = screen.getByRole('combobox', { name: 'Owner group' });
    expect(
      screen.getByText('Type to search the groups of the catalog'),
    ).toBeInTheDocument();

    // Typing narrows the list by name or ref; the arrow keys and Enter pick.
    await userEvent.click(owner);
    await userEvent.keyboard('reli');
    const listbox = await screen.findByRole('listbox');
    // The ARIA 1.2 combobox: the input owns the state and names the list.
    expect(owner).toHaveAttribute('aria-expanded', 'true');
    expect(owner).toHaveAttribute('aria-controls', listbox.id);
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Site reliabilitygroup:default/sre']);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(search().get('ownerRef')).toBe('group:default/sre'),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        ownerRef: 'group:default/sre',
        limit: PAGE_SIZE,
      }),
    );
    expect(owner).toHaveValue('Site reliability');

    // All groups, sorted by name, when the list is opened without typing.
    await userEvent.clear(owner);
    await userEvent.keyboard('{ArrowDown}');
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Checkout teamgroup:default/checkout-team',
      'paymentsgroup:default/payments',
      'Site reliabilitygroup:default/sre',
    ]);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(search().get('ownerRef')).toBeNull());
  });

  it('keeps an owner group from the address that the catalog does not list', async () => {
    const api = fakeWith();
    renderPage(api, '/postmortems?ownerRef=group:default/ghosts');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        ownerRef: 'group:default/ghosts',
        limit: PAGE_SIZE,
      }),
    );
    expect(screen.getByRole('combobox', { name: 'Owner group' })).toHaveValue(
      'group:default/ghosts',
    );
  });

  it('says so when the catalog cannot list the groups', async () => {
    const api = fakeWith();
    renderInTestApp(<PostmortemsPage />, {
      apis: [
        api.pair(),
        [
          catalogApiRef,
          catalogApiMock.mock({
            getEntities: jest.fn().mockRejectedValue(new Error('catalog away')),
          }),
        ],
      ],
      mountPath: '/postmortems',
      initialRouteEntries: ['/postmortems?ownerRef=group:default/sre'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('Could not load the groups: catalog away'),
    ).toBeInTheDocument();
    const owner = screen.getByRole('combobox', { name: 'Owner group' });
    expect(owner).toHaveValue('group:default/sre');
    expect(owner).toHaveAttribute('aria-expanded', 'false');
  });

  it('pages with a cursor', async () => {
    const api = fakeWith({ postmortems: many(30) });
    renderPage(api);
    await screen.findByRole(
      'link',
      { name: 'INC-2026-0001' },
      { timeout: 5000 },
    );
    expect(screen.getByText('Showing 25 of 30')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'INC-2026-0026' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByRole('link', { name: 'INC-2026-0030' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 30 of 30')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ cursor: '25', limit: PAGE_SIZE });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sorts on the server and keeps the order when loading more', async () => {
    const api = fakeWith({ postmortems: many(30) });
    renderPage(api);
    await screen.findByRole(
      'link',
      { name: 'INC-2026-0001' },
      { timeout: 5000 },
    );
    const incidentLinks = () =>
      screen
        .getAllByRole('link')
        .map(link => link.textContent)
        .filter(text => text?.startsWith('INC-'));

    // A column sorts its own way first: titles A to Z.
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'title');
    await waitFor(() => expect(search().get('orderBy')).toBe('title'));
    expect(search().get('order')).toBe('asc');
    expect(screen.getByLabelText('Order')).toHaveValue('asc');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        orderBy: 'title',
        order: 'asc',
        limit: PAGE_SIZE,
      }),
    );
    // "Incident 1", "Incident 10", "Incident 11", …
    await waitFor(() =>
      expect(incidentLinks().slice(0, 2)).toEqual([
        'INC-2026-0001',
        'INC-2026-0010',
      ]),
    );

    await userEvent.selectOptions(screen.getByLabelText('Order'), 'desc');
    await waitFor(() => expect(search().get('order')).toBe('desc'));
    await waitFor(() => expect(incidentLinks()[0]).toBe('INC-2026-0009'));
    expect(screen.getByText('Showing 25 of 30')).toBeInTheDocument();

    // The next page continues the server's order, not a re-sort of this one.
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(incidentLinks()).toHaveLength(30));
    expect(lastQuery(api)).toEqual({
      orderBy: 'title',
      order: 'desc',
      cursor: '25',
      limit: PAGE_SIZE,
    });
    expect(incidentLinks()[29]).toBe('INC-2026-0001');

    // Clearing the filters keeps the order.
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(search().get('orderBy')).toBe('title');
  });

  it('reads the old "oldest first" address as ascending impact', async () => {
    const api = fakeWith({ postmortems: many(3) });
    renderPage(api, '/postmortems?sort=oldest');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        orderBy: 'impactStartedAt',
        order: 'asc',
        limit: PAGE_SIZE,
      }),
    );
    expect(screen.getByLabelText('Sort by')).toHaveValue('impactStartedAt');
    expect(screen.getByLabelText('Order')).toHaveValue('asc');
  });

  it('shows progress while loading, and says when nothing matches', async () => {
    const loading = renderPage(fakeWith().hang('listPostmortems'));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    loading.unmount();

    renderPage(fakeWith({ postmortems: [] }));
    expect(
      await screen.findByText('No postmortems match.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 0 of 0')).toBeInTheDocument();
  });

  it('shows errors', async () => {
    renderPage(fakeWith().failWith('listPostmortems', new Error('offline')));
    expect(
      await screen.findByText(/Could not load postmortems: offline/),
    ).toBeInTheDocument();
  });
});
