import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import { screen, within } from '@testing-library/react';
import {
  fakeWith,
  makeIncident,
  makePostmortem,
  renderWithApi,
} from '../../__testUtils__/fixtures';
import { FakePostmortemApi } from '../../__testUtils__/FakePostmortemApi';
import { incidentMedians, median, summarizeRemediation } from './entityData';
import { EntityPostmortemsCard } from './EntityPostmortemsCard';
import { EntityPostmortemsContent } from './EntityPostmortemsContent';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const item = (
  id: string,
  overrides: Partial<RemediationItem> = {},
): RemediationItem => ({
  id,
  postmortemId: 'pm-1',
  title: `Item ${id}`,
  impact: 3,
  probability: 3,
  priority: 9,
  horizon: 'short',
  status: 'open',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  ...overrides,
});

const remediation = [
  item('r1', {
    dueDate: '2020-01-01',
    ownerRef: 'group:default/checkout-team',
  }),
  item('r2', { status: 'in_progress', ownerRef: 'user:default/sam' }),
  item('r3', { status: 'done', ownerRef: 'group:default/checkout-team' }),
  item('r4', { status: 'verified' }),
  item('r5', { status: 'wont_do' }),
];

function seeded(): FakePostmortemApi {
  return fakeWith({
    postmortems: [
      makePostmortem(),
      makePostmortem({
        id: 'pm-2',
        humanId: 'INC-2026-0002',
        title: 'Cart errors',
        stage: 'published',
        createdAt: '2026-01-01T10:00:00Z',
      }),
    ],
    remediation: [
      ...remediation,
      item('r6', {
        postmortemId: 'pm-2',
        title: 'Alert on cart errors',
        priority: 20,
        ownerRef: 'group:default/checkout-team',
        dueDate: '2099-01-01',
      }),
    ],
    incidents: [
      makeIncident(),
      makeIncident({
        id: 'inc-2',
        humanId: 'INC-2026-0002',
        detectedAt: '2026-11-01T09:30:00Z',
        mitigatedAt: '2026-11-01T09:35:00Z',
        resolvedAt: '2026-11-01T09:40:00Z',
      }),
      makeIncident({
        id: 'inc-3',
        humanId: 'INC-2026-0003',
        impactStartedAt: undefined,
      }),
    ],
  });
}

describe('entity figures', () => {
  it('summarizes remediation and takes medians', () => {
    expect(
      summarizeRemediation(remediation, new Date('2026-11-27T00:00:00Z')),
    ).toEqual({
      total: 5,
      open: 2,
      overdue: 1,
      done: 1,
      verified: 1,
      percent: 50,
    });
    expect(summarizeRemediation([]).percent).toBe(0);
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(
      incidentMedians([
        makeIncident(),
        // No detection time; restored when resolved, not when mitigated.
        makeIncident({
          detectedAt: undefined,
          resolvedAt: '2026-11-01T10:00:00Z',
        }),
      ]),
    ).toEqual({ timeToDetect: 10 * 60000, timeToRestore: 90 * 60000 });
  });
});

describe('EntityPostmortemsContent insights', () => {
  it('shows remediation progress per postmortem and median times', async () => {
    const api = seeded();
    await renderWithApi(
      <EntityProvider entity={component}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      api,
    );

    const progress = await screen.findByRole('progressbar', {
      name: 'Remediation of INC-2026-0001: 50% done',
    });
    expect(progress).toHaveAttribute('aria-valuenow', '50');
    expect(
      screen.getByText('2 open · 1 overdue · 1 done · 1 verified'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Remediation of INC-2026-0002: 0% done',
      }),
    ).toBeInTheDocument();

    // Medians over incidents with known times: 10 and 30 min to detect,
    // 120 and 40 min to restore (impact start to resolution).
    expect(
      screen.getByText('Median time to detect').nextElementSibling,
    ).toHaveTextContent('20 min');
    expect(
      screen.getByText('Median time to restore').nextElementSibling,
    ).toHaveTextContent('1 h 20 min');
    expect(
      screen.getByText(
        'Over the 3 most recent incidents, where their times are known.',
      ),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual([
      'listIncidents',
      {
        entityRef: 'component:default/checkout-service',
        includeDependencies: false,
        limit: 100,
      },
    ]);
    // Only groups have a backlog.
    expect(screen.queryByText('Team remediation backlog')).toBeNull();
    // The progress comes with the list: no request per postmortem.
    expect(api.calls.map(([name]) => name).sort()).toEqual([
      'listIncidents',
      'listPostmortems',
    ]);
  });

  it('shows the remediation backlog a group owns', async () => {
    const api = seeded();
    await renderWithApi(
      <EntityProvider entity={group}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      api,
    );
    const table = await screen.findByRole('table', {
      name: 'Team remediation backlog',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    // Overdue first, then by priority; done and other owners' items left out.
    expect(
      rows.map(row => (row as HTMLTableRowElement).cells[0].textContent),
    ).toEqual(['Item r1', 'Alert on cart errors']);
    expect(rows[0]).toHaveTextContent(/Overdue: due/);
    expect(
      within(rows[1]).getByRole('link', { name: 'INC-2026-0002' }),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0002');
    expect(api.calls).toContainEqual([
      'listPostmortems',
      { ownerRef: 'group:default/checkout-team', includeDependencies: false },
    ]);
    expect(api.calls).toContainEqual([
      'listPostmortems',
      { ownerRef: 'group:default/checkout-team', limit: 100 },
    ]);
  });

  it('says when a group owns nothing open, and when the backlog fails', async () => {
    const empty = await renderWithApi(
      <EntityProvider entity={group}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      fakeWith({ remediation: [] }),
    );
    expect(
      await screen.findByText(
        'No open remediation items are owned by this team.',
      ),
    ).toBeInTheDocument();
    empty.unmount();

    await renderWithApi(
      <EntityProvider entity={group}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      fakeWith()
        .failWith('listRemediationItems', new Error('remediation down'))
        .failWith('listIncidents', new Error('incidents down')),
    );
    expect(
      await screen.findByText(/Could not load the backlog: remediation down/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the incidents: incidents down/),
    ).toBeInTheDocument();
  });
});

describe('EntityPostmortemsCard', () => {
  it('shows recent postmortems, open and overdue remediation and the last incident', async () => {
    const api = seeded();
    await renderWithApi(
      <EntityProvider entity={component}>
        <EntityPostmortemsCard />
      </EntityProvider>,
      api,
    );
    const recent = await screen.findByText('Postmortems in the last 90 days');
    // pm-2 is from January.
    expect(recent.nextElementSibling).toHaveTextContent('1');
    expect(
      screen.getByText('Open remediation items').nextElementSibling,
    ).toHaveTextContent('3');
    expect(
      screen.getByText('Overdue remediation items').nextElementSibling,
    ).toHaveTextContent('1');
    const last = screen.getByText('Last incident').nextElementSibling!;
    expect(within(last as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/postmortems/INC-2026-0001',
    );
  });

  it('counts the remediation a group owns', async () => {
    await renderWithApi(
      <EntityProvider entity={group}>
        <EntityPostmortemsCard />
      </EntityProvider>,
      seeded(),
    );
    expect(
      (await screen.findByText('Open remediation items')).nextElementSibling,
    ).toHaveTextContent('2');
    expect(
      screen.getByText('Overdue remediation items').nextElementSibling,
    ).toHaveTextContent('1');
  });

  it('shows loading, empty and error states', async () => {
    const hanging = await renderWithApi(
      <EntityProvider entity={component}>
        <EntityPostmortemsCard />
      </EntityProvider>,
      fakeWith().hang('listIncidents'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    hanging.unmount();

    const empty = await renderWithApi(
      <EntityProvider entity={component}>
        <EntityPostmortemsCard />
      </EntityProvider>,
      fakeWith({ postmortems: [], incidents: [] }),
    );
    expect(await screen.findByText('No incidents yet')).toBeInTheDocument();
    expect(
      screen.getByText('Postmortems in the last 90 days').nextElementSibling,
    ).toHaveTextContent('0');
    empty.unmount();

    await renderWithApi(
      <EntityProvider entity={component}>
        <EntityPostmortemsCard />
      </EntityProvider>,
      fakeWith().failWith('listPostmortems', new Error('nope')),
    );
    expect(
      await screen.findByText(/Could not load the postmortem figures: nope/),
    ).toBeInTheDocument();
  });
});
