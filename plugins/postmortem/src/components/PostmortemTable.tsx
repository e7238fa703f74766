import { Link, Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { postmortemTranslationRef } from '../translation';
import { usePostmortemLink } from './links';

/** A list of postmortems, shared by the portal page and the entity tab. */
export function PostmortemTable(props: {
  title: string;
  postmortems: Postmortem[];
  loading: boolean;
}) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const linkTo = usePostmortemLink();
  const columns: TableColumn<Postmortem>[] = [
    {
      title: t('list.columns.incident'),
      field: 'humanId',
      render: row => <Link to={linkTo(row.humanId)}>{row.humanId}</Link>,
    },
    { title: t('list.columns.title'), field: 'title' },
    { title: t('list.columns.severity'), field: 'severity' },
    {
      title: t('list.columns.stage'),
      field: 'stage',
      render: row => t(`stages.${row.stage}`),
    },
    {
      title: t('list.columns.updated'),
      field: 'updatedAt',
      render: row => new Date(row.updatedAt).toLocaleString(),
    },
  ];
  return (
    <Table<Postmortem>
      title={props.title}
      columns={columns}
      data={props.postmortems}
      isLoading={props.loading}
      options={{ paging: false, search: false }}
      emptyContent={<div style={{ padding: 16 }}>{t('list.empty')}</div>}
    />
  );
}
