import { Link, Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { useMemo } from 'react';
import { postmortemTranslationRef } from '../translation';
import { usePostmortemLink } from './links';

/** Short cells: one line, as narrow as their content. */
const NO_WRAP = { whiteSpace: 'nowrap' as const, width: '1%' };

/**
 * Titles take the room the short cells leave, never less than about 20
 * characters, and wrap between words only (the table's default lets a
 * squeezed cell break inside words, letter by letter).
 */
const TITLE = {
  overflowWrap: 'normal' as const,
  wordBreak: 'normal' as const,
  hyphens: 'manual' as const,
};

/** A date and time, short: the day and the minute. */
const shortDateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    dateStyle: 'short',
    timeStyle: 'short',
  });

/** A list of postmortems, shared by the portal page and the entity tab. */
export function PostmortemTable(props: {
  title: string;
  postmortems: Postmortem[];
  loading: boolean;
  /** Columns after the standard ones, such as remediation progress. */
  extraColumns?: TableColumn<Postmortem>[];
}) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const linkTo = usePostmortemLink();
  // The table builds its body component from this element; a new element
  // on every render would remount the body.
  const emptyContent = useMemo(
    () => <div style={{ padding: 16 }}>{t('list.empty')}</div>,
    [t],
  );
  const columns: TableColumn<Postmortem>[] = [
    {
      title: t('list.columns.incident'),
      field: 'humanId',
      cellStyle: NO_WRAP,
      headerStyle: NO_WRAP,
      render: row => <Link to={linkTo(row.humanId)}>{row.humanId}</Link>,
    },
    {
      title: t('list.columns.title'),
      field: 'title',
      cellStyle: TITLE,
      headerStyle: TITLE,
      // The minimum on the content, not the cell, whose padding would
      // count towards it.
      render: row => <div style={{ minWidth: '22ch' }}>{row.title}</div>,
    },
    {
      title: t('list.columns.severity'),
      field: 'severity',
      cellStyle: NO_WRAP,
      headerStyle: NO_WRAP,
    },
    {
      title: t('list.columns.stage'),
      field: 'stage',
      cellStyle: NO_WRAP,
      headerStyle: NO_WRAP,
      render: row => t(`stages.${row.stage}`),
    },
    {
      title: t('list.columns.updated'),
      field: 'updatedAt',
      cellStyle: NO_WRAP,
      headerStyle: NO_WRAP,
      render: row => shortDateTime(row.updatedAt),
    },
    ...(props.extraColumns ?? []),
  ];
  return (
    <Table<Postmortem>
      title={props.title}
      columns={columns}
      data={props.postmortems}
      isLoading={props.loading}
      // Sorting off: the API orders rows, and the table's sort labels nest a
      // button inside a column header, which screen readers stumble on.
      options={{ paging: false, search: false, sorting: false }}
      emptyContent={emptyContent}
    />
  );
}
