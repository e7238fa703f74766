import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import type { Incident } from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';
import { PostmortemApi, postmortemApiRef } from '../../api/PostmortemApi';
import { usePostmortemLink } from '../links';
import { formatDateTime, usePostmortemT } from '../shared/format';
import { LoadState } from '../shared/states';
import {
  collectPages,
  entityQuery,
  isOwnedBy,
  summarizeRemediation,
} from './entityData';

const DAY = 24 * 3600 * 1000;
/** "Recent" postmortems are those whose impact started this many days ago. */
export const RECENT_DAYS = 90;
/** Remediation is counted over at most this many postmortems. */
export const CARD_POSTMORTEMS = 100;

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto max-content',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontWeight: 'bold', textAlign: 'right' },
  },
}));

export interface EntityPostmortemFigures {
  recent: number;
  openRemediation: number;
  overdueRemediation: number;
  lastIncident?: Incident;
}

/**
 * The card's figures. For a group, remediation counts the items the group
 * owns; for other entities, every item of their postmortems.
 */
export async function loadFigures(
  api: PostmortemApi,
  query: { entityRef: string } | { ownerRef: string },
  now: Date = new Date(),
): Promise<EntityPostmortemFigures> {
  const [recent, postmortems, incidents] = await Promise.all([
    api.listPostmortems({
      ...query,
      from: new Date(now.getTime() - RECENT_DAYS * DAY).toISOString(),
      limit: 1,
    }),
    collectPages(
      cursor => api.listPostmortems({ ...query, cursor, limit: 100 }),
      CARD_POSTMORTEMS,
    ),
    // Newest impact first.
    api.listIncidents({ ...query, limit: 1 }),
  ]);
  let open = 0;
  let overdue = 0;
  if ('ownerRef' in query) {
    // The items the group owns: each postmortem's items, filtered.
    const items = (
      await Promise.all(postmortems.map(p => api.listRemediationItems(p.id)))
    )
      .flat()
      .filter(item => isOwnedBy(item, query.ownerRef));
    ({ open, overdue } = summarizeRemediation(items, now));
  } else {
    // Every item: the counts the list carries with each postmortem.
    for (const p of postmortems) {
      open += p.remediation?.open ?? 0;
      overdue += p.remediation?.overdue ?? 0;
    }
  }
  return {
    recent: recent.totalCount,
    openRemediation: open,
    overdueRemediation: overdue,
    lastIncident: incidents.items[0],
  };
}

/**
 * An overview card of an entity's postmortems: how many recently, open and
 * overdue remediation, and the last incident.
 */
export function EntityPostmortemsCard() {
  const { entity } = useEntity();
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const linkTo = usePostmortemLink();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => loadFigures(api, entityQuery(entity)),
    // The entity ref stands for the entity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef],
  );
  const last = value?.lastIncident;
  return (
    <InfoCard title={t('entityCard.title')} variant="gridItem">
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('entityCard.error', { message })}
        />
      )}
      {value && (
        <dl className={classes.facts}>
          <dt>{t('entityCard.recent')}</dt>
          <dd>{value.recent}</dd>
          <dt>{t('entityCard.openRemediation')}</dt>
          <dd>{value.openRemediation}</dd>
          <dt>{t('entityCard.overdueRemediation')}</dt>
          <dd>{value.overdueRemediation}</dd>
          <dt>{t('entityCard.lastIncident')}</dt>
          <dd>
            {last ? (
              <>
                <Link to={linkTo(last.humanId)}>{last.humanId}</Link>
                <br />
                {formatDateTime(last.impactStartedAt ?? last.createdAt)}
              </>
            ) : (
              t('entityCard.noIncident')
            )}
          </dd>
        </dl>
      )}
    </InfoCard>
  );
}
