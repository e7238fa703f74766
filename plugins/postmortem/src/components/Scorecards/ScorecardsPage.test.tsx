import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardsPage } from './ScorecardsPage';
import { ScorecardRow } from '@postmortems/plugin-postmortem-common';
import {
  fakeFetch,
  row,
  scorecardApis,
  backendError,
} from './__testUtils__/fakes';

const OVERALL = [
  row('all', '2026-01', { incidents: 2, ttd: 300, ttr: 3600 }),
  row('all', '2026-02', {
    incidents: 5,
    ttd: 600,
    ttdP90: 1200,
    ttr: 9000,
    onTime: 0.5,
    recurrence: 0.2,
    overdue: 1,
  }),
  row('all', '2026-03', {
    incidents: 4,
    ttd: 672,
    ttdP90: 1800,
    ttr: 7200,
    ttrP90: 3 * 86400,
    lead: 2 * 86400,
    onTime: 0.75,
    recurrence: 0.5,
    overdue: 2,
  }),
];

const BY_SEVERITY = [
  row('SEV1', '2026-03', { incidents: 1, ttd: 120, ttr: 1800 }),
  row('SEV2', '2026-02', { incidents: 5, ttd: 600, ttr: 9000 }),
  row('SEV2', '2026-03', { incidents: 3, ttd: 900, ttr: 86400 }),
];

const BY_SYSTEM = [
  row('no system', '2026-03', { incidents: 2, ttd: 300, ttr: 3600 }),
  row('system:default/shop', '2026-03', { incidents: 4, ttd: 600, ttr: 900 }),
];

function answerByGroup(url: URL): ScorecardRow[] {
  const groupBy = url.searchParams.get('groupBy');
  if (groupBy === 'system') return BY_SYSTEM;
  return groupBy === 'severity' ? BY_SEVERITY : OVERALL;
}

const RANGE = 'from=2026-01-01&to=2026-03-31&interval=month';

async function renderPage(
  query: string,
  answer: Parameters<typeof fakeFetch>[0] = answerByGroup,
) {
  const fake = fakeFetch(answer);
  await renderInTestApp(<ScorecardsPage />, {
    mountPath: '/postmortems/scorecards',
    initialRouteEntries: [`/postmortems/scorecards?${query}`],
    apis: [...scorecardApis(fake)],
  });
  return fake;
}

const table = () => screen.findByRole('table', { name: /Scorecard per group/ });

/** The text of each body row's first cells. */
async function bodyRows() {
  const rows = within(await table())
    .getAllByRole('row')
    .slice(1);
  return rows.map(r =>
    [within(r).getByRole('rowheader'), ...within(r).getAllByRole('cell')]
      .slice(0, 3)
      .map(c => c.textContent),
  );
}

describe('ScorecardsPage', () => {
  it('draws single incidents per selected group, with median and p90 marked', async () => {
    const fake = fakeFetch(answerByGroup, [
      { group: 'SEV1', count: 1, median: 300, p90: 300, values: [300] },
      {
        group: 'SEV2',
        count: 3,
        median: 600,
        p90: 7200,
        values: [120, 600, 7200],
      },
    ]);
    await renderInTestApp(<ScorecardsPage />, {
      mountPath: '/postmortems/scorecards',
      initialRouteEntries: [
        `/postmortems/scorecards?${RANGE}&groupBy=severity`,
      ],
      apis: [...scorecardApis(fake)],
    });
    expect(
      await screen.findByText(
        '1 incident of SEV1: median 5 min, 90th percentile 5 min.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    const url = new URL(fake.durationUrls[0]);
    expect(url.searchParams.get('metric')).toBe('timeToRestore');
    expect(url.searchParams.get('groupBy')).toBe('severity');
    expect(url.searchParams.has('interval')).toBe(false);

    await userEvent.selectOptions(screen.getByLabelText('Group shown'), 'SEV2');
    expect(
      await screen.findByText(
        '3 incidents of SEV2: median 10 min, 90th percentile 2 h.',
      ),
    ).toBeInTheDocument();
    // The data behind the bars, one count per duration range.
    const data = screen.getByRole('table', {
      name: /Data shown in the chart “Histogram: how many incidents of SEV2/,
    });
    const counts = within(data)
      .getAllByRole('row')
      .slice(1)
      .map(r => Number(within(r).getAllByRole('cell').pop()!.textContent));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);

    await userEvent.selectOptions(
      screen.getByLabelText('Metric'),
      'timeToDetect',
    );
    await waitFor(() =>
      expect(
        new URL(
          fake.durationUrls[fake.durationUrls.length - 1],
        ).searchParams.get('metric'),
      ).toBe('timeToDetect'),
    );
  });

  it('renders the rows, headlines and durations of the query', async () => {
    const fake = await renderPage(RANGE);

    const rows = await bodyRows();
    expect(rows).toEqual([
      ['All incidents', '2026-01', '2'],
      ['All incidents', '2026-02', '5'],
      ['All incidents', '2026-03', '4'],
    ]);
    // Humane durations: 672 s, 2 h, 3 d.
    const march = within(await table()).getAllByRole('row')[3];
    expect(within(march).getByText('11 min')).toBeInTheDocument();
    expect(within(march).getByText('2 h')).toBeInTheDocument();
    expect(within(march).getByText('3 d')).toBeInTheDocument();
    expect(within(march).getByText('75%')).toBeInTheDocument();
    // Recurrence rate: half of March's incidents repeated an earlier one.
    expect(
      screen.getByRole('columnheader', { name: 'Recurrence' }),
    ).toBeInTheDocument();
    expect(within(march).getByText('50%')).toBeInTheDocument();
    const january = within(await table()).getAllByRole('row')[1];
    expect(within(january).getAllByText('n/a').length).toBeGreaterThan(0);

    // Drill-down to the postmortem list for the row's period.
    expect(
      within(march).getByRole('link', {
        name: 'Incidents of All incidents in 2026-03: 4. Show their postmortems',
      }),
    ).toHaveAttribute(
      'href',
      '/postmortems?from=2026-03-01T00%3A00%3A00.000Z&to=2026-04-01T00%3A00%3A00.000Z',
    );

    // Not grouped: one request, with the range as instants.
    expect(fake.urls).toHaveLength(1);
    const url = new URL(fake.urls[0]);
    expect(url.pathname).toBe('/api/postmortem/scorecards');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      groupBy: 'none',
      interval: 'month',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      format: 'json',
    });

    // Charts carry a label and a data table for screen readers.
    expect(
      screen.getByRole('img', {
        name: 'Time to detect per period, all incidents in scope: median and 90th percentile',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: /Data shown in the chart “Time to restore per period/,
      }),
    ).toBeInTheDocument();
    // Single incidents, not medians.
    expect(
      await screen.findByText(
        '3 incidents of All incidents: median 10 min, 90th percentile 30 min.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('shows the trend against the previous period', async () => {
    await renderPage(RANGE);
    expect(
      await screen.findByText('Period 2026-03 compared with 2026-02'),
    ).toBeInTheDocument();
    // Time to detect: 600 s -> 672 s.
    expect(
      screen.getByText('up 12% from the previous period'),
    ).toBeInTheDocument();
    // Incidents 5 -> 4 and time to restore 9000 s -> 7200 s.
    expect(
      screen.getAllByText('down 20% from the previous period'),
    ).toHaveLength(2);
    // On time 50% -> 75%.
    expect(
      screen.getByText('up 25 percentage points from the previous period'),
    ).toBeInTheDocument();

    // Recurrence rate 20% -> 50%: a rise, and bad news like a slower
    // detection.
    const recurrence = screen.getByText('Recurrence rate').closest('div')!;
    expect(within(recurrence).getByText('50%')).toBeInTheDocument();
    expect(
      within(recurrence).getByText(
        'Share of incidents that repeated an earlier failure',
      ),
    ).toBeInTheDocument();
    const trend = within(recurrence).getByText(
      'up 30 percentage points from the previous period',
    );
    expect(trend.parentElement!.className).toBe(
      screen.getByText('up 12% from the previous period').parentElement!
        .className,
    );
  });

  it('sorts by a column', async () => {
    await renderPage(`${RANGE}&groupBy=severity`);
    expect(await bodyRows()).toEqual([
      ['SEV1', '2026-03', '1'],
      ['SEV2', '2026-02', '5'],
      ['SEV2', '2026-03', '3'],
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Incidents' }));
    expect(await bodyRows()).toEqual([
      ['SEV1', '2026-03', '1'],
      ['SEV2', '2026-03', '3'],
      ['SEV2', '2026-02', '5'],
    ]);
    expect(
      screen.getByRole('columnheader', { name: /Incidents, sorted ascending/ }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(
      screen.getByRole('button', { name: /Incidents, sorted ascending/ }),
    );
    expect(await bodyRows()).toEqual([
      ['SEV2', '2026-02', '5'],
      ['SEV2', '2026-03', '3'],
      ['SEV1', '2026-03', '1'],
    ]);
  });

  it('asks again with the new grouping when group by changes', async () => {
    const fake = await renderPage(RANGE);
    await table();
    expect(fake.urls).toHaveLength(1);

    await userEvent.selectOptions(
      screen.getByLabelText('Group by'),
      'severity',
    );

    await waitFor(() =>
      expect(
        fake.urls.map(u => new URL(u).searchParams.get('groupBy')),
      ).toEqual(['none', 'severity', 'none']),
    );
    expect(
      await screen.findByRole('columnheader', { name: /^Severity/ }),
    ).toBeInTheDocument();
    expect(await bodyRows()).toHaveLength(3);
    // Drill-down by the row's severity.
    const sev1 = screen.getByRole('link', {
      name: 'Postmortems of SEV1 in 2026-03',
    });
    expect(
      new URLSearchParams(sev1.getAttribute('href')!.split('?')[1]).get(
        'severity',
      ),
    ).toBe('SEV1');
  });

  it('groups by catalog system from the keyboard, naming the group of no system', async () => {
    const fake = await renderPage(RANGE);
    await table();
    const groupBy = screen.getByLabelText('Group by');
    expect(
      within(groupBy).getByRole('option', { name: 'System' }),
    ).toBeInTheDocument();
    // Reached with Tab like every control, chosen with the arrow keys.
    for (let i = 0; i < 50 && document.activeElement !== groupBy; i++) {
      await userEvent.tab();
    }
    expect(groupBy).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    if ((groupBy as HTMLSelectElement).value !== 'system') {
      // jsdom does not move a native select with arrow keys.
      await userEvent.selectOptions(groupBy, 'system');
    }
    await waitFor(() =>
      expect(
        fake.urls.map(u => new URL(u).searchParams.get('groupBy')),
      ).toContain('system'),
    );
    expect(
      await screen.findByRole('columnheader', { name: /^System/ }),
    ).toBeInTheDocument();
    await waitFor(async () =>
      expect(await bodyRows()).toEqual([
        ['No system', '2026-03', '2'],
        ['system:default/shop', '2026-03', '4'],
      ]),
    );
    // The list has no system filter: no drill-down from a system's row.
    expect(
      screen.queryByRole('link', { name: /Postmortems of system/ }),
    ).not.toBeInTheDocument();
  });

  it('passes the filters from the address and the controls', async () => {
    const fake = await renderPage(
      `${RANGE}&severity=SEV1&severity=SEV2&ownerRef=group:default/sre`,
    );
    await table();
    const url = new URL(fake.urls[0]);
    expect(url.searchParams.getAll('severity')).toEqual(['SEV1', 'SEV2']);
    expect(url.searchParams.get('ownerRef')).toBe('group:default/sre');
    expect(screen.getByRole('checkbox', { name: 'SEV1' })).toBeChecked();
    // A ref the catalog does not list stays as it is.
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue(
      'group:default/sre',
    );

    // The system comes from the catalog: type, arrow down, Enter.
    const system = screen.getByRole('combobox', { name: 'System' });
    await userEvent.type(system, 'Check');
    expect(
      await screen.findByRole('option', { name: /Checkout/ }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(system).toHaveValue('Checkout');
    await waitFor(() =>
      expect(
        new URL(fake.urls[fake.urls.length - 1]).searchParams.get('systemRef'),
      ).toBe('system:default/checkout'),
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'SEV3' }));
    await waitFor(() =>
      expect(
        new URL(fake.urls[fake.urls.length - 1]).searchParams.getAll(
          'severity',
        ),
      ).toEqual(['SEV1', 'SEV2', 'SEV3']),
    );
  });

  it('says so when there are no incidents', async () => {
    await renderPage(RANGE, () => []);
    expect(
      await screen.findByText('No incidents in this period'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error of the backend', async () => {
    await renderPage(RANGE, () => ({
      status: 500,
      body: backendError('database away'),
    }));
    expect(
      await screen.findByText(/Could not load the scorecards: database away/),
    ).toBeInTheDocument();
  });

  it('exports the CSV of the current query', async () => {
    const createObjectURL = jest.fn(() => 'blob:scorecards');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      const fake = await renderPage(`${RANGE}&groupBy=severity`);
      await table();
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(click).toHaveBeenCalled());
      const csv = fake.urls
        .map(u => new URL(u))
        .find(u => u.searchParams.get('format') === 'csv');
      expect(csv?.pathname).toBe('/api/postmortem/scorecards');
      expect(csv?.searchParams.get('groupBy')).toBe('severity');
      expect(csv?.searchParams.get('from')).toBe('2026-01-01T00:00:00.000Z');
      expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    } finally {
      click.mockRestore();
    }
  });
});
