import { screen, waitFor, within } from '@testing-library/react';
import { FULL_REVIEW } from '@postmortems/plugin-postmortem-common';
import userEvent from '@testing-library/user-event';
import { GateFinding } from '../../../api/PostmortemApi';
import {
  fakeWith,
  fill,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { PostmortemT } from '../../shared/format';
import { GatesPanel } from './GatesPanel';
import { locationLabel } from './gates';

const finding: GateFinding = {
  rule: 'counterfactual',
  text: 'should have',
  message: 'Counterfactuals judge past actions.',
  suggestion: 'Describe what people knew at the time.',
  location: 'narrative.whyItHappened',
  key: 'narrative.whyItHappened:counterfactual:should have',
  waived: false,
};

const postmortem = makePostmortem({
  roles: {
    incidentCommander: 'user:default/jane.doe',
    technicalOwners: [],
    reviewers: ['group:default/reviewers'],
    contributors: [],
  },
});

function withGates() {
  return fakeWith({
    postmortems: [postmortem],
    gates: {
      process: FULL_REVIEW,
      unmetGates: [
        {
          gate: 'rollback_plan',
          message: 'Cause "Deploy" needs a rollback plan',
        },
        { gate: 'some_new_gate', message: 'Something else' },
      ],
      findings: [
        finding,
        {
          ...finding,
          rule: 'human-error',
          text: 'human error',
          location: 'causes[1]',
          key: 'causes[1]:human-error:human error',
          waived: true,
        },
      ],
    },
    approvals: [
      {
        reviewer: 'user:default/rita',
        revision: 2,
        comment: 'Clear and blameless.',
        approvedAt: '2026-11-03T10:00:00Z',
      },
    ],
  });
}

describe('locationLabel', () => {
  it('names sections, causes and timeline events', () => {
    const t = ((key: string, options?: object) =>
      `${key}${
        options ? JSON.stringify(options) : ''
      }`) as unknown as PostmortemT;
    expect(locationLabel('causes[0]', t)).toBe(
      'gates.locations.cause{"number":"1"}',
    );
    expect(locationLabel('timeline[4]', t)).toBe(
      'gates.locations.timeline{"number":"5"}',
    );
    expect(locationLabel('narrative.summary', t)).toBe(
      'narrative.sections.summary',
    );
  });
});

describe('GatesPanel', () => {
  it('lists unmet gates, findings and approvals; only reviewers may waive', async () => {
    await renderWithApi(<GatesPanel postmortem={postmortem} />, withGates());

    expect(await screen.findByText('Rollback plan')).toBeInTheDocument();
    expect(
      screen.getByText(': Cause "Deploy" needs a rollback plan', {
        exact: false,
      }),
    ).toBeInTheDocument();
    // A gate this UI does not know keeps its id.
    expect(screen.getByText('some_new_gate')).toBeInTheDocument();

    const findings = screen.getByRole('list', { name: 'Language findings' });
    const [open, waived] = within(findings).getAllByRole('listitem');
    expect(open).toHaveTextContent('Rule: Counterfactual');
    expect(open).toHaveTextContent('In Why it happened');
    expect(open).toHaveTextContent('Flagged: “should have”');
    expect(open).toHaveTextContent('Suggestion: Describe what people knew');
    expect(open).toHaveTextContent('Open');
    expect(waived).toHaveTextContent('In cause 2');
    expect(waived).toHaveTextContent('Waived');

    // The guest is no reviewer.
    expect(screen.queryByRole('button', { name: /^Waive/ })).toBeNull();

    const approvals = await screen.findByRole('list', { name: 'Approvals' });
    expect(approvals).toHaveTextContent('Approved revision 2');
    expect(approvals).toHaveTextContent('Clear and blameless.');
  });

  it('lets a reviewer waive a finding with a reason', async () => {
    const api = withGates();
    await renderWithApi(<GatesPanel postmortem={postmortem} />, api, {
      viewer: 'user:default/rita',
      viewerGroups: ['group:default/reviewers'],
    });

    const waive = await screen.findByRole('button', {
      name: 'Waive “should have” in Why it happened',
    });
    // Already waived findings offer nothing.
    expect(screen.getAllByRole('button', { name: /^Waive/ })).toHaveLength(1);
    await userEvent.click(waive);

    const dialog = await screen.findByRole('dialog', {
      name: 'Waive a language finding',
    });
    const submit = within(dialog).getByRole('button', { name: 'Waive' });
    expect(submit).toBeDisabled();
    const reason = within(dialog).getByLabelText(/Reason/);
    await fill(reason, 'ok');
    expect(submit).toBeDisabled();
    await fill(reason, ' — quoted from the chat log');
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.waivers).toEqual([
      {
        findingKey: 'narrative.whyItHappened:counterfactual:should have',
        reason: 'ok — quoted from the chat log',
      },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /^Waive/ })).toBeNull(),
    );
  });

  it('keeps the dialog open and explains a failed waiver', async () => {
    const api = withGates().failWith(
      'waiveLanguageFinding',
      new Error('reviewers only'),
    );
    await renderWithApi(<GatesPanel postmortem={postmortem} />, api, {
      viewer: 'user:default/rita',
      viewerGroups: ['group:default/reviewers'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /^Waive “should have”/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await fill(within(dialog).getByLabelText(/Reason/), 'A direct quote.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not waive the finding: reviewers only',
    );
  });

  it('says when every gate is met', async () => {
    await renderWithApi(<GatesPanel postmortem={postmortem} />, fakeWith());
    expect(
      await screen.findByText('All review gates are met.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No blame-prone wording found.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No approvals yet.')).toBeInTheDocument();
  });

  it('shows loading and error states', async () => {
    const hanging = await renderWithApi(
      <GatesPanel postmortem={postmortem} />,
      fakeWith().hang('getGates'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    hanging.unmount();

    await renderWithApi(
      <GatesPanel postmortem={postmortem} />,
      fakeWith().failWith('getGates', new Error('gates offline')),
    );
    expect(
      await screen.findByText(/Could not load the gates: gates offline/),
    ).toBeInTheDocument();
  });
});
