import {
  Content,
  ContentHeader,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { usePostmortemsRootLink } from '../links';
import {
  filtersToQuery,
  filtersToSearch,
  parseFilters,
  ScorecardFilters,
} from './filters';
import { Headlines } from './Headlines';
import { DistributionChart, TrendChart } from './ScorecardCharts';
import { ScorecardControls } from './ScorecardControls';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ScorecardRow } from '@postmortems/plugin-postmortem-common';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { errorMessage } from '../shared/errors';
import { saveBlob } from '../shared/download';
import { allPeriods, dateRangeToInstants } from './scorecardFormat';
import { ScorecardTable } from './ScorecardTable';
import { useScorecardStyles } from './styles';
import { useScorecardsT } from './translation';

function useExport(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const start = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    try {
      await run();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }, [run]);
  return { start, busy, error };
}

/**
 * The leadership scorecard: detection, restoration and follow-through of
 * incidents per period, overall and per group. Its filters live in the query
 * string (`groupBy`, `interval`, `from`, `to`, `severity`, `ownerRef`,
 * `systemRef`, `entityRef`, `includeDependencies`), so views can be linked.
 *
 * @public
 */
export function ScorecardsPage(props: {
  /** Path of the postmortem list, for drill-down; defaults to the plugin's. */
  listPath?: string;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const api = useApi(postmortemApiRef);
  const pluginRoot = usePostmortemsRootLink();
  const listRoot = props.listPath ?? pluginRoot;

  const [searchParams, setSearchParams] = useAppSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(search)),
    [search],
  );
  const onChange = useCallback(
    (patch: Partial<ScorecardFilters>) =>
      setSearchParams(filtersToSearch({ ...filters, ...patch }), {
        replace: true,
      }),
    [filters, setSearchParams],
  );

  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const queryKey = JSON.stringify(query);
  const { value, loading, error } = useAsync(async () => {
    const overallQuery = filtersToQuery(filters, 'none');
    const [grouped, overall] = await Promise.all([
      api.getScorecards(query),
      query.groupBy === 'none' ? undefined : api.getScorecards(overallQuery),
    ]);
    return { grouped, overall: overall ?? grouped };
    // The key stands for the query, which the filters determine.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, queryKey]);

  const exportCsv = useExport(
    useCallback(async () => {
      saveBlob(await api.downloadScorecardsCsv(query), 'scorecards.csv');
    }, [api, query]),
  );

  const range = dateRangeToInstants(filters.from, filters.to);
  const view = useMemo(() => {
    if (!value) return undefined;
    const rowsByPeriod = new Map<string, ScorecardRow>();
    for (const row of value.overall) rowsByPeriod.set(row.period, row);
    const periods = allPeriods(value.overall, range, filters.interval);
    const incidents = value.overall.reduce((n, r) => n + r.incidents, 0);
    const overdueTotal = value.overall.reduce((n, r) => n + r.overdueItems, 0);
    return { rowsByPeriod, periods, incidents, overdueTotal };
    // range derives from the filters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, filters]);

  let body: JSX.Element;
  if (error) {
    body = (
      <WarningPanel
        severity="error"
        title={t('state.error', { message: errorMessage(error) })}
      />
    );
  } else if (loading || !value || !view) {
    body = (
      <div role="status">
        <span className={classes.visuallyHidden}>{t('state.loading')}</span>
        <Progress />
      </div>
    );
  } else if (view.incidents === 0) {
    body = (
      <InfoCard>
        <Typography variant="h6" component="p">
          {t('state.empty')}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('state.emptyHint')}
        </Typography>
      </InfoCard>
    );
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title={t('headlines.title')}>
            <Headlines
              periods={view.periods}
              rowsByPeriod={view.rowsByPeriod}
              overdueTotal={view.overdueTotal}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={t('charts.trendTitle')}>
            <div className={classes.charts}>
              <TrendChart
                metric="timeToDetect"
                periods={view.periods}
                rowsByPeriod={view.rowsByPeriod}
              />
              <TrendChart
                metric="timeToRestore"
                periods={view.periods}
                rowsByPeriod={view.rowsByPeriod}
              />
            </div>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={t('charts.distributionTitle')}>
            <DistributionChart query={query} groupBy={filters.groupBy} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={t('table.title')}>
            <ScorecardTable
              rows={value.grouped}
              filters={filters}
              listRoot={listRoot}
            />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader
        title={t('page.title')}
        description={t('page.description')}
      >
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          onClick={exportCsv.start}
          disabled={exportCsv.busy}
        >
          {exportCsv.busy ? t('actions.exporting') : t('actions.exportCsv')}
        </Button>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title={t('filters.title')}>
            <ScorecardControls filters={filters} onChange={onChange} />
          </InfoCard>
        </Grid>
        {exportCsv.error ? (
          <Grid item xs={12}>
            <WarningPanel
              severity="error"
              title={t('actions.exportError', {
                message: errorMessage(exportCsv.error),
              })}
            />
          </Grid>
        ) : null}
        <Grid item xs={12}>
          {body}
        </Grid>
      </Grid>
    </Content>
  );
}
