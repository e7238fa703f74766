import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  Postmortem,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';
import { PostmortemApi, postmortemApiRef } from '../../api/PostmortemApi';
import { usePostmortemLink } from '../links';
import { formatDate, isOverdue, usePostmortemT } from '../shared/format';
import { EmptyText, LoadState } from '../shared/states';
import { collectPages, isOpen, isOwnedBy } from './entityData';

/** At most this many of the group's postmortems are searched for items. */
export const BACKLOG_POSTMORTEMS = 200;

export interface BacklogRow {
  item: RemediationItem;
  postmortem: Postmortem;
  overdue: boolean;
}

/**
 * The open remediation items owned by a group, across the postmortems of
 * the entities it owns: overdue first, then by priority and due date.
 */
export async function loadTeamBacklog(
  api: PostmortemApi,
  groupRef: string,
  now: Date = new Date(),
): Promise<BacklogRow[]> {
  const postmortems = await collectPages(
    cursor => api.listPostmortems({ ownerRef: groupRef, cursor, limit: 100 }),
    BACKLOG_POSTMORTEMS,
  );
  const perPostmortem = await Promise.all(
    postmortems.map(async postmortem =>
      (await api.listRemediationItems(postmortem.id))
        .filter(item => isOwnedBy(item, groupRef) && isOpen(item))
        .map(item => ({ item, postmortem, overdue: isOverdue(item, now) })),
    ),
  );
  return perPostmortem
    .flat()
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        b.item.priority - a.item.priority ||
        (a.item.dueDate ?? '9999').localeCompare(b.item.dueDate ?? '9999'),
    );
}

/** "Team remediation backlog" of a Group entity. */
export function TeamRemediationBacklog(props: { groupRef: string }) {
  const { groupRef } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const linkTo = usePostmortemLink();
  const { value, loading, error } = useAsync(
    () => loadTeamBacklog(api, groupRef),
    [api, groupRef],
  );
  return (
    <InfoCard title={t('backlog.title')}>
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('backlog.error', { message })}
        />
      )}
      {value?.length === 0 && <EmptyText>{t('backlog.empty')}</EmptyText>}
      {value && value.length > 0 && (
        <Table size="small" aria-label={t('backlog.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('backlog.columns.item')}</TableCell>
              <TableCell>{t('backlog.columns.postmortem')}</TableCell>
              <TableCell align="right">
                {t('backlog.columns.priority')}
              </TableCell>
              <TableCell>{t('backlog.columns.status')}</TableCell>
              <TableCell>{t('backlog.columns.due')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(({ item, postmortem, overdue }) => {
              const date = formatDate(item.dueDate);
              return (
                <TableRow key={item.id}>
                  <TableCell>{item.title}</TableCell>
                  <TableCell>
                    <Link to={linkTo(postmortem.humanId)}>
                      {postmortem.humanId}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{item.priority}</TableCell>
                  <TableCell>
                    {t(`remediation.statuses.${item.status}`)}
                  </TableCell>
                  <TableCell>
                    {!date && t('remediation.noDueDate')}
                    {date && overdue && (
                      <Typography
                        variant="body2"
                        color="error"
                        component="span"
                      >
                        {t('remediation.overdue', { date })}
                      </Typography>
                    )}
                    {date && !overdue && t('remediation.due', { date })}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
