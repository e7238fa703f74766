import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PostmortemComment } from '../../../api/PostmortemApi';
import {
  fakeWith,
  fill,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { ContributionsPanel, contributorsOf } from './ContributionsPanel';

const comment = (
  id: string,
  author: string,
  perspective: PostmortemComment['perspective'],
  text: string,
  section?: string,
): PostmortemComment => ({
  id,
  postmortemId: 'pm-1',
  author,
  perspective,
  text,
  ...(section ? { section } : {}),
  createdAt: `2026-11-0${id.slice(-1)}T10:00:00Z`,
});

const comments = [
  comment('c1', 'user:default/sam', 'sre', 'Paging was late.'),
  comment(
    'c2',
    'user:default/pia',
    'product',
    'Checkout conversion dropped.',
    'impact',
  ),
  comment(
    'c3',
    'user:default/sam',
    'development',
    'The pool size is hard-coded.',
  ),
];

const history = [
  {
    actor: 'user:default/jane.doe',
    action: 'postmortem-update',
    details: {},
    createdAt: '2026-11-01T10:00:00Z',
  },
  {
    actor: 'user:default/sam',
    action: 'postmortem-causes-add',
    details: {},
    createdAt: '2026-11-01T11:00:00Z',
  },
];

describe('contributorsOf', () => {
  it('counts comments and changes per person, most active first', () => {
    expect(contributorsOf(comments, history)).toEqual([
      {
        ref: 'user:default/sam',
        comments: 2,
        changes: 1,
        perspectives: ['sre', 'development'],
      },
      {
        ref: 'user:default/jane.doe',
        comments: 0,
        changes: 1,
        perspectives: [],
      },
      {
        ref: 'user:default/pia',
        comments: 1,
        changes: 0,
        perspectives: ['product'],
      },
    ]);
  });
});

describe('ContributionsPanel', () => {
  it('groups comments by perspective and lists who contributed', async () => {
    await renderWithApi(
      <ContributionsPanel postmortem={makePostmortem()} />,
      fakeWith({ comments, history }),
    );

    const sre = await screen.findByRole('region', { name: 'SRE (1)' });
    expect(sre).toHaveTextContent('Paging was late.');
    const development = screen.getByRole('region', {
      name: 'Development (1)',
    });
    expect(development).toHaveTextContent('The pool size is hard-coded.');
    const product = screen.getByRole('region', { name: 'Product (1)' });
    expect(product).toHaveTextContent('Checkout conversion dropped.');
    expect(within(product).getByText('On Impact')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^Other/ })).toBeNull();

    const table = await screen.findByRole('table', { name: 'Who contributed' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(/sam.*21SRE, Development/),
      expect.stringMatching(/jane\.doe.*01None/),
      expect.stringMatching(/pia.*10Product/),
    ]);
  });

  it('adds a comment from a perspective about a section', async () => {
    const api = fakeWith();
    await renderWithApi(
      <ContributionsPanel postmortem={makePostmortem()} />,
      api,
    );
    expect(await screen.findByText('No comments yet.')).toBeInTheDocument();
    expect(
      await screen.findByText('Nobody has contributed yet.'),
    ).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Add a comment' });
    const submit = within(form).getByRole('button', { name: 'Add comment' });
    expect(submit).toBeDisabled();
    await userEvent.selectOptions(
      within(form).getByLabelText('Perspective'),
      'product',
    );
    await userEvent.selectOptions(
      within(form).getByLabelText('About'),
      'impact',
    );
    await fill(within(form).getByLabelText(/Comment/), 'Refunds took a week.');
    await userEvent.click(submit);

    expect(
      await screen.findByRole('region', { name: 'Product (1)' }),
    ).toHaveTextContent('Refunds took a week.');
    expect(api.calls).toContainEqual([
      'addComment',
      'pm-1',
      {
        text: 'Refunds took a week.',
        perspective: 'product',
        section: 'impact',
      },
    ]);
    await waitFor(() =>
      expect(within(form).getByLabelText(/Comment/)).toHaveValue(''),
    );
  });

  it('shows loading and error states', async () => {
    const hanging = await renderWithApi(
      <ContributionsPanel postmortem={makePostmortem()} />,
      fakeWith().hang('listComments'),
    );
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
    hanging.unmount();

    await renderWithApi(
      <ContributionsPanel postmortem={makePostmortem()} />,
      fakeWith()
        .failWith('listComments', new Error('comments down'))
        .failWith('addComment', new Error('read only')),
    );
    expect(
      await screen.findByText(/Could not load the comments: comments down/),
    ).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Add a comment' });
    await fill(within(form).getByLabelText(/Comment/), 'Hello');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Add comment' }),
    );
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Could not add the comment: read only',
    );
  });
});
