import { renderInTestApp } from '@backstage/frontend-test-utils';
import { searchApiRef } from '@backstage/plugin-search-react';
import { SearchContextProvider } from '@backstage/plugin-search-react';
import { screen } from '@testing-library/react';
import { PostmortemSearchFilters } from './PostmortemSearchFilters';

const searchApi = { query: jest.fn().mockResolvedValue({ results: [] }) };

async function renderWithTypes(types: string[]) {
  await renderInTestApp(
    <SearchContextProvider
      initialState={{ term: '', types, filters: {}, pageCursor: undefined }}
    >
      <PostmortemSearchFilters className="filter" />
    </SearchContextProvider>,
    { apis: [[searchApiRef, searchApi]] },
  );
}

describe('PostmortemSearchFilters', () => {
  it('filters postmortems by severity and stage', async () => {
    await renderWithTypes(['postmortem']);
    expect(
      await screen.findByRole('checkbox', { name: 'SEV1' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'SEV5' })).toBeInTheDocument();
    expect(screen.getByText('Stage')).toBeInTheDocument();
  });

  it('stays away while another result type is selected', async () => {
    await renderWithTypes(['software-catalog']);
    expect(screen.queryByRole('checkbox', { name: 'SEV1' })).toBeNull();
    expect(screen.queryByText('Stage')).toBeNull();
  });
});
