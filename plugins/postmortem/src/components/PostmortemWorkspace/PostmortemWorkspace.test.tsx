import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeWith,
  HOUR,
  makeIncident,
  makePostmortem,
  renderWithApi,
} from '../../__testUtils__/fixtures';
import { formatDateTime } from '../shared/format';
import { PostmortemWorkspace } from './PostmortemWorkspace';

/** Presses Tab until a tab of the tab list has focus. */
async function tabIntoTabList() {
  for (let i = 0; i < 40; i++) {
    await userEvent.tab();
    if (document.activeElement?.getAttribute('role') === 'tab') {
      return document.activeElement as HTMLElement;
    }
  }
  throw new Error('No tab reached by keyboard');
}

describe('PostmortemWorkspace', () => {
  it('shows progress while the postmortem loads', async () => {
    await renderWithApi(
      <PostmortemWorkspace id="INC-2026-0001" />,
      fakeWith().hang('getPostmortem'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows why the postmortem could not load', async () => {
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0099" />, fakeWith());
    expect(
      await screen.findByText(
        /Could not load postmortem INC-2026-0099: No postmortem INC-2026-0099/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the header: id, title, severity, times, durations, roles and stages', async () => {
    const now = Date.now();
    const api = fakeWith({
      postmortems: [
        makePostmortem({
          deadlines: {
            investigation: new Date(now - 48 * HOUR).toISOString(),
            cause_analysis: new Date(now + 26 * HOUR).toISOString(),
          },
        }),
      ],
      incidents: [makeIncident({ type: 'security' })],
    });
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, api);

    const heading = await screen.findByRole('heading', { level: 2 });
    expect(heading).toHaveTextContent('INC-2026-0001Checkout latency');
    expect(screen.getByText('Severity: SEV2')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All postmortems' }),
    ).toHaveAttribute('href', '/postmortems');

    const incident = makeIncident();
    expect(
      await screen.findByText(formatDateTime(incident.impactStartedAt)!),
    ).toBeInTheDocument();
    expect(screen.getByText('Type: security')).toBeInTheDocument();
    expect(
      screen.getByText(formatDateTime(incident.resolvedAt)!),
    ).toBeInTheDocument();
    // Each duration once, by the definition in -common, which its name
    // carries as a description (and a tooltip).
    const durations = {
      'Time to detect': [
        '10 min',
        'From the start of the impact to its detection.',
      ],
      'Time to acknowledge': [
        '5 min',
        'From detection to the first acknowledgement by a responder.',
      ],
      'Time to mitigate': [
        '30 min',
        'From detection until the impact was mitigated.',
      ],
      'Time to restore': [
        '2 h 0 min',
        'From the start of the impact until the incident was resolved.',
      ],
      'Impact duration': [
        '40 min',
        'From the start of the impact until it was mitigated, or resolved if it was not mitigated first.',
      ],
    };
    for (const [name, [value, definition]] of Object.entries(durations)) {
      const [label] = screen.getAllByText(name);
      expect(screen.getAllByText(name)).toHaveLength(1);
      expect(label.closest('dt')!.nextElementSibling).toHaveTextContent(value);
      expect(label).toHaveAccessibleDescription(definition);
    }

    expect(
      screen.getByText('Incident commander').nextElementSibling,
    ).toHaveTextContent(/jane\.doe/);
    expect(
      screen
        .getByText('Technical owners')
        .nextElementSibling?.querySelector('a'),
    ).toBeInTheDocument();
    expect(screen.getByText('Reviewers').nextElementSibling).toHaveTextContent(
      'None',
    );

    const stages = screen.getByRole('region', { name: 'Postmortem stages' });
    expect(stages).toHaveTextContent('Current stage: Cause analysis');
    for (const stage of [
      'Draft',
      'Investigation',
      'Remediation planning',
      'Published',
    ]) {
      expect(within(stages).getByText(stage)).toBeInTheDocument();
    }
    expect(stages).toHaveTextContent(/1 d [12] h left/);
    // Past stages show their deadline without a countdown.
    expect(stages.textContent).not.toMatch(/Overdue/);
  });

  it('marks an overdue current stage', async () => {
    const api = fakeWith({
      postmortems: [
        makePostmortem({
          deadlines: {
            cause_analysis: new Date(Date.now() - 3 * HOUR).toISOString(),
          },
        }),
      ],
    });
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, api);
    expect(await screen.findByText(/Overdue by (2|3) h/)).toBeInTheDocument();
  });

  it('still works when the incident cannot load', async () => {
    const api = fakeWith().failWith('getIncident', new Error('gone'));
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, api);
    expect(
      await screen.findByText('Could not load the incident: gone'),
    ).toBeInTheDocument();
    expect(screen.getByText('Severity: SEV2')).toBeInTheDocument();
  });

  it('has keyboard navigable tabs for each workspace area', async () => {
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, fakeWith());

    const tablist = await screen.findByRole('tablist', {
      name: 'Postmortem workspace areas',
    });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual([
      'Overview',
      'Timeline',
      'Evidence',
      'Causes',
      'Remediation',
      'Dependency map',
      'Contributions',
      'Similar incidents',
      'Gates',
      'History',
    ]);
    expect(screen.getByRole('tabpanel', { name: 'Overview' })).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Edit Summary' }),
    ).toBeInTheDocument();

    // Only the selected tab is in the Tab order.
    const focused = await tabIntoTabList();
    expect(focused).toHaveTextContent('Overview');
    expect(focused).toHaveAttribute('aria-selected', 'true');

    await userEvent.keyboard('{ArrowRight}');
    const timeline = screen.getByRole('tab', { name: 'Timeline' });
    expect(timeline).toHaveFocus();
    expect(timeline).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('tabpanel', { name: 'Timeline' }),
    ).toBeVisible();
    expect(await screen.findByText('No events yet.')).toBeInTheDocument();

    await userEvent.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'History' })).toHaveFocus();
    expect(
      await screen.findByRole('tabpanel', { name: 'History' }),
    ).toBeVisible();
    expect(await screen.findByText('No revisions yet.')).toBeInTheDocument();

    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveFocus();

    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Contributions' })).toHaveFocus();
    expect(
      await screen.findByRole('tabpanel', { name: 'Contributions' }),
    ).toBeVisible();
    expect(await screen.findByText('No comments yet.')).toBeInTheDocument();
    expect(screen.queryByRole('tabpanel', { name: 'Overview' })).toBeNull();
  });

  it('keeps a half-written section while another tab is open', async () => {
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, fakeWith());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit Impact' }),
    );
    const field = screen.getByLabelText('Impact (Markdown)');
    await userEvent.type(field, 'Draft');

    await userEvent.click(screen.getByRole('tab', { name: 'Evidence' }));
    expect(
      await screen.findByText('No evidence collected yet.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(screen.getByLabelText('Impact (Markdown)')).toHaveValue('Draft');
  });

  it('reloads the postmortem after a change in another area', async () => {
    const api = fakeWith();
    await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Causes' }));
    const statement = await screen.findByLabelText(/Statement/);
    await userEvent.click(statement);
    await userEvent.paste('Pool too small');
    const before = api.calls.filter(c => c[0] === 'getPostmortem').length;
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Add cause' }));
    });
    await waitFor(() =>
      expect(
        api.calls.filter(c => c[0] === 'getPostmortem').length,
      ).toBeGreaterThan(before),
    );
  });
});
