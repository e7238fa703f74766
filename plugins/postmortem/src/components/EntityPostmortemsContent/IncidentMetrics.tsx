import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { formatDuration, usePostmortemT } from '../shared/format';
import { LoadState } from '../shared/states';
import { incidentMedians } from './entityData';

/** How many of the newest incidents the medians are taken over. */
export const METRIC_INCIDENTS = 100;

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(0, 0, 1),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontWeight: 'bold' },
  },
}));

/**
 * Median time to detect and to restore over the entity's incidents,
 * computed here from the incident list.
 */
export function IncidentMetrics(props: {
  query: { entityRef: string } | { ownerRef: string };
  includeDependencies: boolean;
}) {
  const { query, includeDependencies } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () =>
      api.listIncidents({
        ...JSON.parse(key),
        includeDependencies,
        limit: METRIC_INCIDENTS,
      }),
    [api, key, includeDependencies],
  );
  const medians = incidentMedians(value?.items ?? []);
  const show = (ms: number | undefined) =>
    ms === undefined ? t('entityTab.metricsEmpty') : formatDuration(ms, t);
  return (
    <InfoCard title={t('entityTab.metricsTitle')} variant="gridItem">
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('entityTab.metricsError', { message })}
        />
      )}
      {value && (
        <>
          <dl className={classes.facts}>
            <dt>{t('entityTab.medianTimeToDetect')}</dt>
            <dd>{show(medians.timeToDetect)}</dd>
            <dt>{t('entityTab.medianTimeToRestore')}</dt>
            <dd>{show(medians.timeToRestore)}</dd>
          </dl>
          <Typography variant="caption" color="textSecondary">
            {t('entityTab.metricsBasis', {
              count: value.items.length,
            })}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}
