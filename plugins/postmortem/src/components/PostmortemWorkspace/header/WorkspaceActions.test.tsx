import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  FULL_REVIEW,
  type PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import {
  fakeWith,
  fill,
  forbidden,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { PostmortemWorkspace } from '../PostmortemWorkspace';
import { stageActions } from './WorkspaceActions';

function at(stage: PostmortemStage) {
  return fakeWith({ postmortems: [makePostmortem({ stage })] });
}

async function renderWorkspace(api = at('cause_analysis')) {
  await renderWithApi(<PostmortemWorkspace id="INC-2026-0001" />, api);
  return screen.findByRole('toolbar', { name: 'Postmortem actions' });
}

describe('stageActions', () => {
  it('offers the moves of each stage', () => {
    expect(stageActions('draft')).toEqual([
      { kind: 'advance', to: 'investigation' },
    ]);
    expect(stageActions('remediation_planning')).toEqual([
      { kind: 'submit', to: 'in_review' },
    ]);
    expect(stageActions('in_review')).toEqual([
      { kind: 'approve', to: 'approved' },
      { kind: 'sendBack' },
    ]);
    expect(stageActions('approved')).toEqual([
      { kind: 'publish', to: 'published' },
      { kind: 'reopen', to: 'investigation' },
    ]);
    expect(stageActions('published')).toEqual([
      { kind: 'reopen', to: 'investigation' },
    ]);
  });

  it('offers sign-off instead of review on the incident commander’s path', () => {
    const light = {
      signOff: 'incident_commander' as const,
      requiredApprovals: 0,
      gates: [],
    };
    expect(stageActions('draft', light)).toEqual([
      { kind: 'advance', to: 'investigation' },
      { kind: 'signOff', to: 'published' },
    ]);
    expect(stageActions('remediation_planning', light)).toEqual([
      { kind: 'signOff', to: 'published' },
    ]);
    expect(stageActions('published', light)).toEqual([
      { kind: 'reopen', to: 'investigation' },
    ]);
  });
});

describe('the path of a postmortem', () => {
  it('shows the light path of a severity signed off by the incident commander', async () => {
    const api = fakeWith({
      postmortems: [
        makePostmortem({ stage: 'remediation_planning', severity: 'SEV5' }),
      ],
    });
    api.state.gates = {
      unmetGates: [],
      findings: [],
      process: {
        signOff: 'incident_commander',
        requiredApprovals: 0,
        gates: ['blameless_language'],
      },
    };
    const toolbar = await renderWorkspace(api);
    const stages = screen.getByRole('region', { name: 'Postmortem stages' });
    expect(
      await within(stages).findByText(
        /Path for SEV5: published on the incident commander’s sign-off, without review\./,
      ),
    ).toBeInTheDocument();
    expect(stages).toHaveTextContent(
      '1 gate to pass first: Blameless language.',
    );
    expect(within(stages).queryByText('In review')).toBeNull();
    expect(within(stages).queryByText('Approved')).toBeNull();
    expect(within(stages).getByText('Published')).toBeInTheDocument();
    expect(
      await within(toolbar).findByRole('button', {
        name: 'Sign off and publish',
      }),
    ).toBeInTheDocument();
    expect(
      within(toolbar).queryByRole('button', { name: 'Submit for review' }),
    ).toBeNull();
  });

  it('shows the full path with its approvals and gates', async () => {
    const api = at('draft');
    api.state.gates = {
      unmetGates: [],
      findings: [],
      process: { ...FULL_REVIEW, requiredApprovals: 2 },
    };
    await renderWorkspace(api);
    const stages = screen.getByRole('region', { name: 'Postmortem stages' });
    expect(
      await within(stages).findByText(
        /Path for SEV2: review and approval by 2 reviewers, then publishing\./,
      ),
    ).toBeInTheDocument();
    expect(stages).toHaveTextContent('7 gates to pass first:');
    expect(within(stages).getByText('In review')).toBeInTheDocument();
  });
});

describe('WorkspaceActions', () => {
  it('advances to the next stage', async () => {
    const api = at('cause_analysis');
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', {
        name: 'Advance to Remediation planning',
      }),
    );
    expect(
      await screen.findByText('The postmortem is now in Remediation planning.'),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual([
      'transition',
      'pm-1',
      { to: 'remediation_planning' },
    ]);
    expect(
      screen.getByRole('region', { name: 'Postmortem stages' }),
    ).toHaveTextContent('Current stage: Remediation planning');
    expect(
      within(toolbar).getByRole('button', { name: 'Submit for review' }),
    ).toBeInTheDocument();
  });

  it('lists the unmet gates when review is refused, and opens the Gates tab', async () => {
    const api = at('remediation_planning');
    api.state.gates = {
      process: FULL_REVIEW,
      unmetGates: [
        { gate: 'direct_cause', message: 'Add at least one direct cause' },
        {
          gate: 'blameless_language',
          message: '1 blameless-language finding is not resolved',
        },
      ],
      findings: [],
    };
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Submit for review' }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not ready for review');
    const items = within(alert).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Direct cause: Add at least one direct cause',
      'Blameless language: 1 blameless-language finding is not resolved',
    ]);
    expect(
      screen.getByRole('region', { name: 'Postmortem stages' }),
    ).toHaveTextContent('Current stage: Remediation planning');

    await userEvent.click(
      within(alert).getByRole('button', { name: 'Show all gates' }),
    );
    expect(screen.getByRole('tab', { name: 'Gates' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const panel = await screen.findByRole('tabpanel', { name: 'Gates' });
    expect(
      await within(panel).findByText('Add at least one direct cause', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('says plainly when the backend refuses for lack of a role', async () => {
    const api = at('approved').failWith(
      'transition',
      await forbidden('Only the incident commander may reopen this postmortem'),
    );
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Reopen' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not change the stage: You are not allowed to do this: Only the incident commander may reopen this postmortem',
    );
  });

  it('approves and publishes', async () => {
    const api = at('in_review');
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Approve' }),
    );
    expect(
      await within(toolbar).findByRole('button', { name: 'Publish' }),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual([
      'transition',
      'pm-1',
      { to: 'approved' },
    ]);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Publish' }),
    );
    expect(
      await screen.findByText('The postmortem is now in Published.'),
    ).toBeInTheDocument();
  });

  it('sends back only with a comment, to the chosen stage', async () => {
    const api = at('in_review');
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Send back…' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Send back for more work',
    });
    const send = within(dialog).getByRole('button', { name: 'Send back' });
    expect(send).toBeDisabled();
    const comment = within(dialog).getByLabelText(/Comment/);
    expect(comment).toBeRequired();
    expect(
      within(dialog).getByText(
        'A comment is required to send a postmortem back.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Back to stage')).toHaveValue(
      'remediation_planning',
    );

    // Blank is not a comment.
    await fill(comment, '   ');
    expect(send).toBeDisabled();
    await userEvent.keyboard('{Enter}');
    expect(api.calls.some(c => c[0] === 'transition')).toBe(false);

    await userEvent.selectOptions(
      within(dialog).getByLabelText('Back to stage'),
      'cause_analysis',
    );
    await userEvent.clear(comment);
    await fill(comment, 'The direct cause needs evidence.');
    expect(send).toBeEnabled();
    await userEvent.click(send);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.calls).toContainEqual([
      'transition',
      'pm-1',
      { to: 'cause_analysis', comment: 'The direct cause needs evidence.' },
    ]);
    expect(
      await screen.findByText('The postmortem is now in Cause analysis.'),
    ).toBeInTheDocument();
  });

  it('generates the draft and reloads what it may have added', async () => {
    const api = at('draft');
    const toolbar = await renderWorkspace(api);
    await userEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(await screen.findByText('No events yet.')).toBeInTheDocument();
    const listed = () =>
      api.calls.filter(c => c[0] === 'listTimelineEvents').length;
    const before = listed();

    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Generate draft' }),
    );
    expect(
      await screen.findByText(
        'The draft was refreshed from evidence, changes and incident events.',
      ),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual(['generateDraft', 'pm-1']);
    await waitFor(() => expect(listed()).toBeGreaterThan(before));
  });

  it('shows why the draft failed', async () => {
    const api = at('draft').failWith(
      'generateDraft',
      new Error('no evidence sources'),
    );
    const toolbar = await renderWorkspace(api);
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Generate draft' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not generate the draft: no evidence sources',
    );
  });

  describe('export', () => {
    const createObjectURL = jest.fn(() => 'blob:export');
    const revokeObjectURL = jest.fn();
    let downloads: string[];

    beforeEach(() => {
      downloads = [];
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          downloads.push(`${this.download} ${this.href}`);
        });
    });

    afterEach(() => jest.restoreAllMocks());

    it('downloads Markdown and JSON', async () => {
      const api = at('cause_analysis');
      const toolbar = await renderWorkspace(api);

      await userEvent.click(
        within(toolbar).getByRole('button', { name: 'Export' }),
      );
      await userEvent.click(
        await screen.findByRole('menuitem', { name: 'Export Markdown' }),
      );
      await waitFor(() => expect(downloads).toEqual(['pm-1.md blob:export']));

      await userEvent.click(
        within(toolbar).getByRole('button', { name: 'Export' }),
      );
      await userEvent.click(
        await screen.findByRole('menuitem', { name: 'Export JSON' }),
      );
      await waitFor(() =>
        expect(downloads).toEqual([
          'pm-1.md blob:export',
          'pm-1.json blob:export',
        ]),
      );
      expect(api.calls).toContainEqual(['exportPostmortem', 'pm-1', 'json']);
    });

    it('opens the print view in a new tab', async () => {
      const tab = { opener: {}, location: { href: '' }, close: jest.fn() };
      const open = jest
        .spyOn(window, 'open')
        .mockImplementation(() => tab as unknown as Window);
      const api = at('cause_analysis');
      const toolbar = await renderWorkspace(api);

      await userEvent.click(
        within(toolbar).getByRole('button', { name: 'Export' }),
      );
      await userEvent.click(
        await screen.findByRole('menuitem', { name: 'Print view' }),
      );
      expect(open).toHaveBeenCalledWith('', '_blank');
      await waitFor(() => expect(tab.location.href).toBe('blob:export'));
      expect(tab.opener).toBeNull();
      expect(api.calls).toContainEqual(['exportPostmortem', 'pm-1', 'html']);
    });

    it('says when the new tab was blocked or the export failed', async () => {
      jest.spyOn(window, 'open').mockImplementation(() => null);
      const api = at('cause_analysis').failWith(
        'exportPostmortem',
        new Error('export broke'),
      );
      const toolbar = await renderWorkspace(api);

      await userEvent.click(
        within(toolbar).getByRole('button', { name: 'Export' }),
      );
      await userEvent.click(
        await screen.findByRole('menuitem', { name: 'Print view' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not export: The browser blocked the new tab.',
      );

      await userEvent.click(
        within(toolbar).getByRole('button', { name: 'Export' }),
      );
      await userEvent.click(
        await screen.findByRole('menuitem', { name: 'Export Markdown' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not export: export broke',
      );
      expect(downloads).toEqual([]);
    });
  });
});
