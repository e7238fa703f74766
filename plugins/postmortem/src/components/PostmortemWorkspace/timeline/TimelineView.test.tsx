import type { TimelineEvent } from '@postmortems/plugin-postmortem-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeWith,
  fill,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { TimelineView } from './TimelineView';

const event = (overrides: Partial<TimelineEvent>): TimelineEvent => ({
  id: 'e',
  postmortemId: 'pm-1',
  occurredAt: '2026-11-01T09:00:00Z',
  kind: 'observation',
  source: 'manual',
  text: 'something',
  keyDecision: false,
  evidenceIds: [],
  ...overrides,
});

describe('TimelineView', () => {
  it('lists events in time order and highlights key decisions', async () => {
    const api = fakeWith({
      timeline: [
        event({
          id: 'b',
          occurredAt: '2026-11-01T09:30:00Z',
          text: 'Rolled back the deploy',
          kind: 'decision',
          keyDecision: true,
        }),
        event({
          id: 'a',
          occurredAt: '2026-11-01T09:05:00Z',
          text: 'Latency alert fired',
          kind: 'alert',
          source: 'prometheus',
        }),
      ],
    });
    await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={() => {}} />,
      api,
    );

    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Latency alert fired');
    expect(items[0]).toHaveTextContent('Alert');
    expect(items[0]).toHaveTextContent('Source: prometheus');
    expect(items[1]).toHaveTextContent('Rolled back the deploy');
    expect(within(items[1]).getByText('Key decision')).toBeInTheDocument();
    expect(
      within(items[0]).queryByText('Key decision'),
    ).not.toBeInTheDocument();
  });

  it('shows loading, then says when there are no events', async () => {
    const hanging = fakeWith().hang('listTimelineEvents');
    const { unmount } = await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={() => {}} />,
      hanging,
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith(),
    );
    expect(await screen.findByText('No events yet.')).toBeInTheDocument();
  });

  it('shows the error when the timeline cannot load', async () => {
    await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={() => {}} />,
      fakeWith().failWith('listTimelineEvents', new Error('db down')),
    );
    expect(
      await screen.findByText(/Could not load the timeline: db down/),
    ).toBeInTheDocument();
  });

  it('adds an event from the form', async () => {
    const api = fakeWith();
    const onChanged = jest.fn();
    await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={onChanged} />,
      api,
    );
    await screen.findByText('No events yet.');

    const submit = screen.getByRole('button', { name: 'Add event' });
    expect(submit).toBeDisabled();

    await userEvent.type(screen.getByLabelText(/^Time/), '2026-11-01T09:20');
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'decision');
    await fill(screen.getByLabelText(/What happened/), 'Decided to fail over');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'This was a key decision' }),
    );
    await userEvent.click(submit);

    expect(await screen.findByText('Decided to fail over')).toBeInTheDocument();
    expect(api.state.timeline).toEqual([
      expect.objectContaining({
        kind: 'decision',
        text: 'Decided to fail over',
        keyDecision: true,
        occurredAt: new Date('2026-11-01T09:20').toISOString(),
      }),
    ]);
    expect(onChanged).toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.getByLabelText(/What happened/)).toHaveValue(''),
    );
  });

  it('reports a failed add', async () => {
    const api = fakeWith().failWith(
      'addTimelineEvent',
      new Error('text too long'),
    );
    await renderWithApi(
      <TimelineView postmortem={makePostmortem()} onChanged={() => {}} />,
      api,
    );
    await screen.findByText('No events yet.');
    await userEvent.type(screen.getByLabelText(/^Time/), '2026-11-01T09:20');
    await fill(screen.getByLabelText(/What happened/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Add event' }));
    expect(
      await screen.findByText('Could not add the event: text too long'),
    ).toBeInTheDocument();
  });
});
