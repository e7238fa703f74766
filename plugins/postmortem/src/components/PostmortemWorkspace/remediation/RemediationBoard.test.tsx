import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeWith,
  makePostmortem,
  fill,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { formatDate, isOverdue, today } from '../../shared/format';
import { RemediationBoard } from './RemediationBoard';

const item = (overrides: Partial<RemediationItem>): RemediationItem => ({
  id: 'r',
  postmortemId: 'pm-1',
  title: 'item',
  impact: 1,
  probability: 1,
  priority: 1,
  horizon: 'short',
  status: 'open',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  ...overrides,
});

describe('isOverdue', () => {
  const now = new Date(2026, 10, 20, 12);
  it('flags open items past their due date only', () => {
    expect(today(now)).toBe('2026-11-20');
    expect(isOverdue(item({ dueDate: '2026-11-19' }), now)).toBe(true);
    expect(isOverdue(item({ dueDate: '2026-11-20' }), now)).toBe(false);
    expect(
      isOverdue(item({ dueDate: '2026-11-19', status: 'done' }), now),
    ).toBe(false);
    expect(isOverdue(item({}), now)).toBe(false);
  });
});

describe('RemediationBoard', () => {
  it('groups by horizon, orders by priority and highlights overdue items', async () => {
    const api = fakeWith({
      remediation: [
        item({
          id: '1',
          title: 'Add pool alert',
          priority: 6,
          impact: 3,
          probability: 2,
        }),
        item({
          id: '2',
          title: 'Load test config changes',
          priority: 20,
          impact: 5,
          probability: 4,
          ownerRef: 'group:default/sre',
          dueDate: '2020-01-15',
          acceptanceCriteria: 'Every config change runs the load suite',
          status: 'in_progress',
        }),
        item({
          id: '3',
          title: 'Capacity model',
          horizon: 'long',
          priority: 9,
          dueDate: '2999-01-01',
        }),
      ],
    });
    await renderWithApi(
      <RemediationBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      api,
    );

    const short = await screen.findByRole('list', { name: 'Short term' });
    const items = within(short).getAllByRole('listitem');
    expect(items.map(i => i.querySelector('p')?.textContent)).toEqual([
      'Load test config changes',
      'Add pool alert',
    ]);
    const top = items[0];
    expect(
      within(top).getByText('Priority 20 (impact 5 × probability 4)'),
    ).toBeInTheDocument();
    expect(within(top).getByText('Status: In progress')).toBeInTheDocument();
    expect(
      within(top).getByText(`Overdue: due ${formatDate('2020-01-15')}`),
    ).toBeInTheDocument();
    expect(within(top).getByRole('link', { name: /sre/ })).toBeInTheDocument();
    expect(
      within(top).getByText(
        'Acceptance criteria: Every config change runs the load suite',
      ),
    ).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Owner: No owner');
    expect(within(items[1]).getByText('No due date')).toBeInTheDocument();

    const long = screen.getByRole('list', { name: 'Long term' });
    expect(
      within(long).getByText(`Due ${formatDate('2999-01-01')}`),
    ).toBeInTheDocument();
    expect(within(long).queryByText(/Overdue/)).not.toBeInTheDocument();
    expect(screen.getAllByText('None yet.')).toHaveLength(1);
  });

  it('adds an item from the form', async () => {
    const api = fakeWith();
    const onChanged = jest.fn();
    await renderWithApi(
      <RemediationBoard postmortem={makePostmortem()} onChanged={onChanged} />,
      api,
    );
    await screen.findAllByText('None yet.');

    const submit = screen.getByRole('button', { name: 'Add item' });
    expect(submit).toBeDisabled();
    await fill(screen.getByLabelText(/^Title/), 'Alert on pool saturation');
    await userEvent.selectOptions(screen.getByLabelText('Impact (1–5)'), '4');
    await userEvent.selectOptions(
      screen.getByLabelText('Probability (1–5)'),
      '5',
    );
    expect(screen.getByText('Priority: 20')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Horizon'), 'medium');

    const owner = screen.getByLabelText('Owner (entity ref)');
    await fill(owner, 'not a ref');
    expect(submit).toBeDisabled();
    await userEvent.clear(owner);
    await fill(owner, 'group:default/sre');
    await userEvent.type(screen.getByLabelText('Due date'), '2026-12-01');
    await fill(
      screen.getByLabelText('Acceptance criteria'),
      'Alert fires in staging drill',
    );
    await userEvent.click(submit);

    const medium = await screen.findByRole('list', { name: 'Medium term' });
    expect(medium).toHaveTextContent('Alert on pool saturation');
    expect(api.state.remediation).toEqual([
      expect.objectContaining({
        title: 'Alert on pool saturation',
        impact: 4,
        probability: 5,
        priority: 20,
        horizon: 'medium',
        ownerRef: 'group:default/sre',
        dueDate: '2026-12-01',
        acceptanceCriteria: 'Alert fires in staging drill',
      }),
    ]);
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows loading and error states', async () => {
    const { unmount } = await renderWithApi(
      <RemediationBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().hang('listRemediationItems'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    await renderWithApi(
      <RemediationBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().failWith('listRemediationItems', new Error('nope')),
    );
    expect(
      await screen.findByText(/Could not load the remediation items: nope/),
    ).toBeInTheDocument();
  });
});
