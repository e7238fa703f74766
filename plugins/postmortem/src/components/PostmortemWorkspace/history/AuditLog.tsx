import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { formatDateTime, usePostmortemT } from '../../shared/format';
import { EmptyText, LoadState } from '../../shared/states';

/** `key: value` pairs of an entry's details, values as compact JSON. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details ?? {})
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join('; ');
}

/** Who did what to the postmortem, oldest first. */
export function AuditLog(props: { postmortem: Postmortem }) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { postmortem } = props;
  const { value, loading, error } = useAsync(
    () => api.listHistory(postmortem.id),
    [api, postmortem.id, postmortem.revision],
  );
  return (
    <InfoCard title={t('history.auditTitle')}>
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('history.auditError', { message })}
        />
      )}
      {value?.length === 0 && <EmptyText>{t('history.auditEmpty')}</EmptyText>}
      {value && value.length > 0 && (
        <Table size="small" aria-label={t('history.auditTitle')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('history.auditColumns.time')}</TableCell>
              <TableCell>{t('history.auditColumns.actor')}</TableCell>
              <TableCell>{t('history.auditColumns.action')}</TableCell>
              <TableCell>{t('history.auditColumns.details')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map((entry, index) => (
              <TableRow key={`${entry.createdAt}-${index}`}>
                <TableCell>{formatDateTime(entry.createdAt)}</TableCell>
                <TableCell>{entry.actor}</TableCell>
                <TableCell>{entry.action}</TableCell>
                <TableCell>{detailsText(entry.details)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
