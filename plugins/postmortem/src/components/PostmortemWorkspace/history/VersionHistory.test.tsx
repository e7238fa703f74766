import type { Revision } from '@postmortems/plugin-postmortem-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeWith,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { AuditLog, detailsText } from './AuditLog';
import { sideBySide, VersionHistory } from './VersionHistory';

const revision = (n: number, changed: string[]): Revision => ({
  postmortemId: 'pm-1',
  revision: n,
  author: n === 3 ? 'user:default/sam' : 'user:default/jane.doe',
  createdAt: `2026-11-0${n}T10:00:00Z`,
  changed,
});

const revisions = [
  revision(3, ['narrative.summary', 'timeline']),
  revision(2, ['roles']),
  revision(1, []),
];

describe('sideBySide', () => {
  it('pairs deletions with the insertions that replaced them', () => {
    expect(
      sideBySide([
        { op: 'equal', text: 'a' },
        { op: 'delete', text: 'b' },
        { op: 'delete', text: 'c' },
        { op: 'insert', text: 'B' },
        { op: 'equal', text: 'd' },
        { op: 'insert', text: 'e' },
      ]),
    ).toEqual([
      { left: { op: 'equal', text: 'a' }, right: { op: 'equal', text: 'a' } },
      { left: { op: 'delete', text: 'b' }, right: { op: 'insert', text: 'B' } },
      { left: { op: 'delete', text: 'c' }, right: undefined },
      { left: { op: 'equal', text: 'd' }, right: { op: 'equal', text: 'd' } },
      { left: undefined, right: { op: 'insert', text: 'e' } },
    ]);
  });
});

describe('VersionHistory', () => {
  it('lists revisions and diffs the newest two side by side', async () => {
    const api = fakeWith({
      revisions,
      diffs: [
        {
          from: 2,
          to: 3,
          sections: [
            {
              section: 'summary',
              before: 'Checkout was slow.\nCause unknown.',
              after: 'Checkout was slow.\nPool exhausted.',
              lines: [
                { op: 'equal', text: 'Checkout was slow.' },
                { op: 'delete', text: 'Cause unknown.' },
                { op: 'insert', text: 'Pool exhausted.' },
              ],
            },
          ],
        },
        { from: 1, to: 3, sections: [] },
      ],
    });
    await renderWithApi(<VersionHistory postmortem={makePostmortem()} />, api);

    const table = await screen.findByRole('table', { name: 'Version history' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('3');
    expect(rows[1]).toHaveTextContent('user:default/sam');
    expect(rows[1]).toHaveTextContent('Summary, Timeline');
    expect(rows[2]).toHaveTextContent('Roles');
    expect(rows[3]).toHaveTextContent('None');

    expect(screen.getByLabelText('From revision')).toHaveValue('2');
    expect(screen.getByLabelText('To revision')).toHaveValue('3');

    const section = await screen.findByRole('region', { name: 'Summary' });
    expect(
      within(section).getByRole('columnheader', {
        name: 'Before (revision 2)',
      }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('columnheader', { name: 'After (revision 3)' }),
    ).toBeInTheDocument();
    const deleted = within(section).getByText('Cause unknown.', {
      exact: false,
    });
    expect(deleted).toHaveAttribute('data-op', 'delete');
    expect(deleted).toHaveTextContent('Removed line: -Cause unknown.');
    const inserted = within(section).getByText('Pool exhausted.', {
      exact: false,
    });
    expect(inserted).toHaveAttribute('data-op', 'insert');
    expect(inserted).toHaveTextContent('Added line: +Pool exhausted.');
    // Deleted on the left, inserted on the right of the same row.
    expect(deleted.closest('tr')).toBe(inserted.closest('tr'));
    expect((deleted as HTMLTableCellElement).cellIndex).toBe(0);
    expect((inserted as HTMLTableCellElement).cellIndex).toBe(1);
    expect(api.calls).toContainEqual(['diffRevisions', 'pm-1', 2, 3]);

    await userEvent.selectOptions(screen.getByLabelText('From revision'), '1');
    expect(
      await screen.findByText('These revisions have the same content.'),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual(['diffRevisions', 'pm-1', 1, 3]);

    await userEvent.selectOptions(screen.getByLabelText('From revision'), '3');
    expect(
      await screen.findByText('Pick two different revisions to compare.'),
    ).toBeInTheDocument();
  });

  it('says when there is nothing to compare yet', async () => {
    await renderWithApi(
      <VersionHistory postmortem={makePostmortem()} />,
      fakeWith({ revisions: [revision(1, [])] }),
    );
    expect(
      await screen.findByText(
        'There is only one revision so far; nothing to compare yet.',
      ),
    ).toBeInTheDocument();
  });

  it('shows loading, empty and error states', async () => {
    const hanging = await renderWithApi(
      <VersionHistory postmortem={makePostmortem()} />,
      fakeWith().hang('listRevisions'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    hanging.unmount();

    const empty = await renderWithApi(
      <VersionHistory postmortem={makePostmortem()} />,
      fakeWith(),
    );
    expect(await screen.findByText('No revisions yet.')).toBeInTheDocument();
    empty.unmount();

    await renderWithApi(
      <VersionHistory postmortem={makePostmortem()} />,
      fakeWith().failWith('listRevisions', new Error('denied')),
    );
    expect(
      await screen.findByText(/Could not load the revisions: denied/),
    ).toBeInTheDocument();
  });

  it('shows a failed diff', async () => {
    await renderWithApi(
      <VersionHistory postmortem={makePostmortem()} />,
      fakeWith({ revisions }).failWith('diffRevisions', new Error('gone')),
    );
    expect(
      await screen.findByText(/Could not compare the revisions: gone/),
    ).toBeInTheDocument();
  });
});

describe('AuditLog', () => {
  it('lists who did what', async () => {
    await renderWithApi(
      <AuditLog postmortem={makePostmortem()} />,
      fakeWith({
        history: [
          {
            actor: 'user:default/jane.doe',
            action: 'postmortem-update',
            details: { fields: ['narrative'], expectedRevision: 2 },
            createdAt: '2026-11-02T10:00:00Z',
          },
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('user:default/jane.doe');
    expect(row).toHaveTextContent('postmortem-update');
    expect(row).toHaveTextContent('fields: ["narrative"]; expectedRevision: 2');
    expect(detailsText({ a: 'x' })).toBe('a: x');
  });

  it('shows empty and error states', async () => {
    const empty = await renderWithApi(
      <AuditLog postmortem={makePostmortem()} />,
      fakeWith(),
    );
    expect(await screen.findByText('No history yet.')).toBeInTheDocument();
    empty.unmount();

    await renderWithApi(
      <AuditLog postmortem={makePostmortem()} />,
      fakeWith().failWith('listHistory', new Error('x')),
    );
    await waitFor(() =>
      expect(
        screen.getByText(/Could not load the audit log: x/),
      ).toBeInTheDocument(),
    );
  });
});
