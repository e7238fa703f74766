import { createExtensionTester } from '@backstage/frontend-test-utils';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import List from '@material-ui/core/List';
import { screen } from '@testing-library/react';
import { postmortemPlugin } from '../../plugin';
import { fakeWith, renderWithApi } from '../../__testUtils__/fixtures';
import {
  PostmortemSearchDocument,
  PostmortemSearchResultListItem,
} from './PostmortemSearchResultListItem';

const document: PostmortemSearchDocument = {
  title: 'INC-2026-0001: Checkout latency',
  text: 'Checkout was slow for 40 minutes.',
  location: '/postmortems/INC-2026-0001',
  humanId: 'INC-2026-0001',
  severity: 'SEV2',
  stage: 'in_review',
};

describe('PostmortemSearchResultListItem', () => {
  it('shows title, text, id, severity and stage', async () => {
    await renderWithApi(
      <PostmortemSearchResultListItem result={document} rank={1} />,
      fakeWith(),
    );
    expect(
      await screen.findByRole('link', {
        name: 'INC-2026-0001: Checkout latency',
      }),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(
      screen.getByText('Checkout was slow for 40 minutes.'),
    ).toBeInTheDocument();
    expect(screen.getByText('INC-2026-0001')).toBeInTheDocument();
    expect(screen.getByText('Severity: SEV2')).toBeInTheDocument();
    expect(screen.getByText('Stage: In review')).toBeInTheDocument();
    expect(screen.getByText('Postmortem')).toBeInTheDocument();
  });

  it('shows highlights and renders nothing without a result', async () => {
    const unknownStage: PostmortemSearchDocument = {
      ...document,
      stage: 'future_stage',
    };
    const { container } = await renderWithApi(
      <>
        <PostmortemSearchResultListItem
          result={unknownStage}
          highlight={{
            preTag: '<em>',
            postTag: '</em>',
            fields: { text: 'Checkout was <em>slow</em> for 40 minutes.' },
          }}
        />
        <PostmortemSearchResultListItem />
      </>,
      fakeWith(),
    );
    expect(await screen.findByText('slow')).toBeInTheDocument();
    expect(screen.getByText('Stage: future_stage')).toBeInTheDocument();
    expect(container.querySelectorAll('a')).toHaveLength(1);
  });

  it('is the plugin’s search result item for postmortems', async () => {
    const extension = postmortemPlugin.getExtension(
      'search-result-list-item:postmortem',
    );
    const tester = createExtensionTester(extension);
    const item = tester.get(SearchResultListItemBlueprint.dataRefs.item);
    expect(item.predicate?.({ type: 'postmortem', document, rank: 1 })).toBe(
      true,
    );
    expect(
      item.predicate?.({ type: 'software-catalog', document, rank: 1 }),
    ).toBe(false);

    const Item = item.component;
    await renderWithApi(
      <List>
        <Item result={document} rank={1} />
      </List>,
      fakeWith(),
    );
    expect(
      await screen.findByRole('link', {
        name: 'INC-2026-0001: Checkout latency',
      }),
    ).toBeInTheDocument();
  });
});
