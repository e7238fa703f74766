import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import {
  fakeWith,
  fill,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { NarrativeEditor, personNamesOf } from './NarrativeEditor';

/** The editor with the state keeping the workspace would give it. */
function Harness(props: { initial: Postmortem }) {
  const api = useApi(postmortemApiRef);
  const [postmortem, setPostmortem] = useState(props.initial);
  const reload = useCallback(async () => {
    const latest = await api.getPostmortem(props.initial.id);
    setPostmortem(latest);
    return latest;
  }, [api, props.initial.id]);
  return (
    <>
      <div data-testid="revision">{postmortem.revision}</div>
      <NarrativeEditor
        postmortem={postmortem}
        onSaved={setPostmortem}
        onReload={reload}
      />
    </>
  );
}

async function openEditor(section = 'Summary') {
  await userEvent.click(
    await screen.findByRole('button', { name: `Edit ${section}` }),
  );
  return screen.getByLabelText(`${section} (Markdown)`);
}

describe('personNamesOf', () => {
  it('collects user names of role holders, as written and as words', () => {
    expect(
      personNamesOf(
        makePostmortem({
          roles: {
            incidentCommander: 'user:default/jane.doe',
            technicalOwners: ['group:default/sre', 'user:sam'],
            reviewers: [],
            contributors: ['user:default/ada_okafor'],
          },
        }),
      ),
    ).toEqual(['jane.doe', 'jane doe', 'sam', 'ada_okafor', 'ada okafor']);
  });
});

describe('NarrativeEditor', () => {
  it('renders each section as Markdown, with a placeholder for empty ones', async () => {
    await renderWithApi(<Harness initial={makePostmortem()} />, fakeWith());
    const strong = await screen.findByText('slow');
    expect(strong.tagName).toBe('STRONG');
    for (const title of [
      'Summary',
      'Impact',
      'What happened',
      'Why it happened',
      'What changed as a result',
      'Lessons learned',
      'Glossary',
    ]) {
      expect(
        screen.getByRole('button', { name: `Edit ${title}` }),
      ).toBeInTheDocument();
    }
    expect(screen.getAllByText('Nothing written yet.')).toHaveLength(6);
  });

  it('saves a section with the revision it was loaded at', async () => {
    const api = fakeWith();
    await renderWithApi(<Harness initial={makePostmortem()} />, api);

    const field = await openEditor('Impact');
    expect(field).toHaveFocus();
    await fill(field, 'About 8% of checkouts failed.');
    await userEvent.click(screen.getByRole('button', { name: 'Save Impact' }));

    expect(
      await screen.findByText('About 8% of checkouts failed.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Impact (Markdown)'),
    ).not.toBeInTheDocument();
    expect(api.calls).toContainEqual([
      'updatePostmortem',
      'pm-1',
      3,
      { narrative: { impact: 'About 8% of checkouts failed.' } },
    ]);
    expect(screen.getByTestId('revision')).toHaveTextContent('4');
  });

  it('does not report its own other saves as a conflict', async () => {
    const api = fakeWith();
    await renderWithApi(<Harness initial={makePostmortem()} />, api);
    const impact = await openEditor('Impact');
    await fill(impact, 'Impact text.');
    const glossary = await openEditor('Glossary');
    await fill(glossary, 'SLO: service level objective.');

    await userEvent.click(screen.getByRole('button', { name: 'Save Impact' }));
    await waitFor(() =>
      expect(screen.getByTestId('revision')).toHaveTextContent('4'),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Save Glossary' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('revision')).toHaveTextContent('5'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.calls).toContainEqual([
      'updatePostmortem',
      'pm-1',
      4,
      { narrative: { glossary: 'SLO: service level objective.' } },
    ]);
  });

  it('cancels without saving', async () => {
    const api = fakeWith();
    await renderWithApi(<Harness initial={makePostmortem()} />, api);
    const field = await openEditor();
    expect(field).toHaveValue('Checkout was **slow** for 40 minutes.');
    await fill(field, ' Draft.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Cancel editing Summary' }),
    );
    expect(
      screen.queryByLabelText('Summary (Markdown)'),
    ).not.toBeInTheDocument();
    expect(api.calls.map(c => c[0])).not.toContain('updatePostmortem');
  });

  it('explains a conflict and reloads while keeping the draft', async () => {
    const api = fakeWith();
    await renderWithApi(<Harness initial={makePostmortem()} />, api);
    const field = await openEditor();

    // Someone else saves while we type.
    api.bumpRevision('pm-1', { narrative: { summary: 'Their summary.' } });
    await userEvent.clear(field);
    await fill(field, 'My summary.');
    await userEvent.click(screen.getByRole('button', { name: 'Save Summary' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Revision conflict');
    expect(alert).toHaveTextContent(
      'Someone else saved revision 4 while you were editing (you started from revision 3).',
    );
    expect(field).toHaveValue('My summary.');

    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload and keep my text' }),
    );
    expect(
      await screen.findByText(
        'Loaded revision 4. Compare with the saved text below, then save again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Their summary.')).toBeInTheDocument();
    expect(screen.getByLabelText('Summary (Markdown)')).toHaveValue(
      'My summary.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save Summary' }));
    await waitFor(() =>
      expect(screen.getByTestId('revision')).toHaveTextContent('5'),
    );
    expect(api.calls).toContainEqual([
      'updatePostmortem',
      'pm-1',
      4,
      { narrative: { summary: 'My summary.' } },
    ]);
    expect(await screen.findByText('My summary.')).toBeInTheDocument();
  });

  it('can discard the draft after a conflict', async () => {
    const api = fakeWith();
    await renderWithApi(<Harness initial={makePostmortem()} />, api);
    const field = await openEditor();
    api.bumpRevision('pm-1', { narrative: { summary: 'Their summary.' } });
    await fill(field, ' mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save Summary' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Discard my changes' }),
    );
    expect(await screen.findByText('Their summary.')).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Summary (Markdown)'),
    ).not.toBeInTheDocument();
  });

  it('shows other save errors', async () => {
    const api = fakeWith().failWith('updatePostmortem', new Error('Forbidden'));
    await renderWithApi(<Harness initial={makePostmortem()} />, api);
    await openEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Save Summary' }));
    expect(
      await screen.findByText('Could not save: Forbidden'),
    ).toBeInTheDocument();
  });

  it('lists blameless-language findings while typing', async () => {
    await renderWithApi(<Harness initial={makePostmortem()} />, fakeWith());
    const field = await openEditor('What happened');
    const findings = screen.getByRole('status');
    expect(findings).toHaveTextContent('No blame-prone wording found.');

    await fill(field, 'At 10:05 Jane forgot to restart the service.');
    await waitFor(() =>
      expect(findings).toHaveTextContent('Wording suggestions: 1'),
    );
    const items = within(findings).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Rule: Forgetting');
    expect(items[0]).toHaveTextContent('Flagged: “forgot”');
    expect(items[0]).toHaveTextContent(
      'Suggestion: At 10:05, the service was not restarted.',
    );

    // Accepting the rewrite is one click, and the rewrite passes the check.
    await userEvent.click(
      within(items[0]).getByRole('button', { name: 'Use this rewrite' }),
    );
    expect(field).toHaveValue('At 10:05, the service was not restarted.');
    await waitFor(() =>
      expect(findings).toHaveTextContent('No blame-prone wording found.'),
    );

    await userEvent.clear(field);
    await fill(field, 'The restart step was not in the runbook.');
    await waitFor(() =>
      expect(findings).toHaveTextContent('No blame-prone wording found.'),
    );
  });
});
