import type { Cause } from '@postmortems/plugin-postmortem-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeWith,
  makePostmortem,
  fill,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { CausesBoard } from './CausesBoard';

const cause = (overrides: Partial<Cause>): Cause => ({
  id: 'c',
  postmortemId: 'pm-1',
  type: 'direct',
  statement: 'statement',
  status: 'proposed',
  perspective: 'sre',
  evidenceIds: [],
  changeRelated: false,
  ...overrides,
});

describe('CausesBoard', () => {
  it('shows a drafted hypothesis with its confidence and evidence chain', async () => {
    const api = fakeWith({
      causes: [
        cause({
          id: '1',
          statement:
            'The deployment of payments-service v43 was followed by its own errors.',
          changeRelated: true,
          score: 0.91,
          confidence: 'high',
          analysis: {
            kind: 'change',
            probability: 0.91,
            confidence: 'high',
            change: {
              id: 'ch',
              kind: 'deployment',
              version: 'v43',
              occurredAt: '2026-11-21T09:55:00Z',
              entityRef: 'component:default/payments-service',
            },
            onsets: [
              {
                entityRef: 'component:default/payments-service',
                series: 'error ratio',
                signal: 'errors',
                onsetAt: '2026-11-21T09:56:00Z',
                direction: 'up',
                baseline: 0.004,
                peak: 0.61,
                robustZ: 40,
              },
            ],
            path: [
              'component:default/payments-service',
              'component:default/checkout-service',
            ],
            reasoning: 'The deployment was followed by its own errors.',
          },
        }),
      ],
    });
    await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      api,
    );
    expect(
      await screen.findByText('Confidence: high (91 %)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Evidence chain · 1 deviation/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^error ratio of payments-service: rise from 0.004 to 0.61/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Deployment v43 of payments-service/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Path: payments-service → checkout-service'),
    ).toBeInTheDocument();
  });

  it('groups causes by type with status, perspective and rollback plan', async () => {
    const api = fakeWith({
      causes: [
        cause({
          id: '1',
          type: 'direct',
          statement: 'Connection pool limit lowered by config change',
          status: 'confirmed',
          perspective: 'development',
          changeRelated: true,
          rollbackPlan: 'Revert the pool size',
        }),
        cause({
          id: '2',
          type: 'systemic',
          statement: 'Config changes skip load testing',
          status: 'supported',
        }),
      ],
    });
    await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      api,
    );

    const direct = await screen.findByRole('list', { name: 'Direct causes' });
    const item = within(direct).getByRole('listitem');
    expect(item).toHaveTextContent(
      'Connection pool limit lowered by config change',
    );
    expect(within(item).getByText('Status: Confirmed')).toBeInTheDocument();
    expect(
      within(item).getByText('Perspective: Development'),
    ).toBeInTheDocument();
    expect(within(item).getByText('Change-related')).toBeInTheDocument();
    expect(
      within(item).getByText('Rollback plan: Revert the pool size'),
    ).toBeInTheDocument();

    const systemic = screen.getByRole('list', { name: 'Systemic causes' });
    expect(systemic).toHaveTextContent('Config changes skip load testing');
    expect(systemic).toHaveTextContent('Status: Supported');
    // Contributing has none.
    expect(
      screen.queryByRole('list', { name: 'Contributing causes' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Contributing causes')).toBeInTheDocument();
    expect(screen.getAllByText('None yet.')).toHaveLength(1);
  });

  it('adds a cause from the form', async () => {
    const api = fakeWith();
    const onChanged = jest.fn();
    await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={onChanged} />,
      api,
    );
    await screen.findAllByText('None yet.');

    await userEvent.selectOptions(
      screen.getByLabelText('Type'),
      'contributing',
    );
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'supported');
    await userEvent.selectOptions(
      screen.getByLabelText('Perspective'),
      'product',
    );
    await fill(
      screen.getByLabelText(/Statement/),
      'Retry storm amplified load',
    );
    await fill(
      screen.getByLabelText('Rollback plan'),
      'Disable retries via flag',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Caused by a change' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add cause' }));

    const list = await screen.findByRole('list', {
      name: 'Contributing causes',
    });
    expect(list).toHaveTextContent('Retry storm amplified load');
    expect(api.state.causes).toEqual([
      expect.objectContaining({
        type: 'contributing',
        status: 'supported',
        perspective: 'product',
        statement: 'Retry storm amplified load',
        rollbackPlan: 'Disable retries via flag',
        changeRelated: true,
      }),
    ]);
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows loading and error states', async () => {
    const { unmount } = await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().hang('listCauses'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().failWith('listCauses', new Error('boom')),
    );
    expect(
      await screen.findByText(/Could not load the causes: boom/),
    ).toBeInTheDocument();
  });

  it('reports a failed add', async () => {
    await renderWithApi(
      <CausesBoard postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().failWith('addCause', new Error('statement too short')),
    );
    await screen.findAllByText('None yet.');
    await fill(screen.getByLabelText(/Statement/), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Add cause' }));
    expect(
      await screen.findByText('Could not add the cause: statement too short'),
    ).toBeInTheDocument();
  });
});
