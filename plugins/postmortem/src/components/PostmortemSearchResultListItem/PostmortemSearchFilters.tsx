import { SearchFilter, useSearch } from '@backstage/plugin-search-react';
import {
  POSTMORTEM_STAGES,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import { usePostmortemT } from '../shared/format';

/** The search result type of postmortems, as the search module indexes them. */
export const POSTMORTEM_SEARCH_TYPE = 'postmortem';

/**
 * Filters of the search page for postmortems, by severity and stage (fields
 * of the search module's documents). Shown only while the postmortem result
 * type is selected, since other documents have neither field.
 */
export function PostmortemSearchFilters(props: { className: string }) {
  const { types } = useSearch();
  const t = usePostmortemT();
  if (!types.includes(POSTMORTEM_SEARCH_TYPE)) return <></>;
  return (
    <>
      <SearchFilter.Checkbox
        className={props.className}
        name="severity"
        label={t('search.filters.severity')}
        values={[...SEVERITIES]}
      />
      <SearchFilter.Select
        className={props.className}
        name="stage"
        label={t('search.filters.stage')}
        values={POSTMORTEM_STAGES.map(stage => ({
          value: stage,
          label: t(`stages.${stage}`),
        }))}
      />
    </>
  );
}
