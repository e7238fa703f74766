import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Postmortem,
  shortEntityRef,
  SimilarPostmortem,
} from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { usePostmortemLink } from '../../links';
import { formatDateTime, usePostmortemT } from '../../shared/format';
import { EmptyText, LoadState } from '../../shared/states';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  causes: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  // The dark shade: the main red fails WCAG AA contrast for small text.
  overdue: { color: theme.palette.error.dark },
}));

function SimilarItem(props: { item: SimilarPostmortem }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const linkTo = usePostmortemLink();
  const { item } = props;
  const { remediation } = item;
  const reasons: string[] = [];
  if (item.sharedEntityRefs.length > 0) {
    reasons.push(
      t('similar.sharedEntities', {
        count: item.sharedEntityRefs.length,
        entities: item.sharedEntityRefs.map(shortEntityRef).join(', '),
      }),
    );
  }
  if (item.sameAlert) reasons.push(t('similar.sameAlert'));
  if (item.sharedCulpritKind) {
    reasons.push(
      t('similar.sameCulprit', {
        kind: t(`similar.culpritKinds.${item.sharedCulpritKind}`),
      }),
    );
  }
  return (
    <li className={classes.item}>
      <div className={classes.row}>
        <Typography variant="subtitle1" component="h4">
          {/* Underlined: a link inside text must not rely on colour alone. */}
          <Link to={linkTo(item.humanId)} underline="always">
            {item.humanId}
          </Link>{' '}
          {item.title}
        </Typography>
        <Chip size="small" variant="outlined" label={item.severity} />
        <Chip
          size="small"
          variant="outlined"
          label={t(`stages.${item.stage}`)}
        />
        <Chip
          size="small"
          color="primary"
          label={t('similar.match', {
            percent: String(Math.round(item.score * 100)),
          })}
        />
      </div>
      {item.impactStartedAt && (
        <Typography variant="body2" color="textSecondary">
          {t('similar.started', {
            date: formatDateTime(item.impactStartedAt) ?? item.impactStartedAt,
          })}
        </Typography>
      )}
      <Typography variant="body2">{reasons.join(' · ')}</Typography>
      {item.causes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('similar.noCauses')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" component="p">
            {t('similar.causes', { count: item.causes.length })}
          </Typography>
          <ul className={classes.causes}>
            {item.causes.slice(0, 3).map((cause, index) => (
              <li key={index}>
                <Typography variant="body2">
                  {cause.statement} ({t(`causes.typeNames.${cause.type}`)},{' '}
                  {t(`causes.statuses.${cause.status}`)})
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      <Typography
        variant="body2"
        className={remediation.overdue ? classes.overdue : undefined}
      >
        {remediation.total === 0
          ? t('similar.noRemediation')
          : t('similar.remediation', {
              count: remediation.total,
              done: String(remediation.done + remediation.verified),
              open: String(remediation.open),
              overdue: String(remediation.overdue),
            })}
      </Typography>
    </li>
  );
}

/**
 * "Has this happened before, and what did we do?": earlier postmortems on
 * the same entities, of the same alert or with the same kind of culprit,
 * with their causes and how far their remediation got.
 */
export function SimilarIncidents(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { value, loading, error } = useAsync(
    () => api.listSimilarPostmortems(postmortem.id, 10),
    [api, postmortem.id],
  );
  return (
    <InfoCard title={t('similar.title')} subheader={t('similar.intro')}>
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('similar.error', { message })}
        />
      )}
      {value?.length === 0 && <EmptyText>{t('similar.empty')}</EmptyText>}
      {value && value.length > 0 && (
        <ul className={classes.list} aria-label={t('similar.listLabel')}>
          {value.map(item => (
            <SimilarItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
