import Typography from '@material-ui/core/Typography';
import TextField from '@material-ui/core/TextField';
import { useTheme } from '@material-ui/core/styles';
import { RefObject, useEffect, useRef, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_SCORECARD_METRICS,
  IncidentScorecardMetric,
  ScorecardDurations,
  ScorecardGroupBy,
  ScorecardQuery,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { errorMessage } from '../shared/errors';
import { groupLabel } from './ScorecardTable';
import { binLabels, binOf, formatDuration } from './scorecardFormat';
import { useScorecardStyles } from './styles';
import { ScorecardsT, useScorecardsT } from './translation';

const CHART_WIDTH = 520;
const CHART_HEIGHT = 240;

/**
 * The width a chart may take: its box's, up to CHART_WIDTH, so that charts
 * side by side on a narrow screen are not cut off. Where nothing measures
 * (tests), CHART_WIDTH.
 */
function useChartWidth(): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(CHART_WIDTH);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const available = Math.floor(entry.contentRect.width);
      if (available > 0) setWidth(Math.min(available, CHART_WIDTH));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A table that only screen readers see, carrying a chart's numbers. */
function HiddenDataTable(props: {
  caption: string;
  columns: string[];
  rows: string[][];
}) {
  const classes = useScorecardStyles();
  return (
    <table className={classes.visuallyHidden}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map(column => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map(row => (
          <tr key={row[0]}>
            <th scope="row">{row[0]}</th>
            {row.slice(1).map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Median and p90 of one metric per period, for all incidents in scope. */
export function TrendChart(props: {
  metric: 'timeToDetect' | 'timeToRestore';
  periods: string[];
  rowsByPeriod: Map<string, ScorecardRow>;
}) {
  const t = useScorecardsT();
  const theme = useTheme();
  const classes = useScorecardStyles();
  const metricName = t(`metrics.${props.metric}`);
  const label = t('charts.trendLabel', { metric: metricName });
  const median = t('stats.median');
  const p90 = t('stats.p90');
  const data = props.periods.map(period => {
    const d = props.rowsByPeriod.get(period)?.[props.metric];
    return { period, median: d?.median ?? null, p90: d?.p90 ?? null };
  });
  const format = (value: unknown) =>
    formatDuration(typeof value === 'number' ? value : null, t);
  const [box, width] = useChartWidth();
  return (
    <figure className={classes.chart}>
      <Typography variant="subtitle1" component="figcaption">
        {metricName}
      </Typography>
      <div role="img" aria-label={label} ref={box}>
        <LineChart
          width={width}
          height={CHART_HEIGHT}
          data={data}
          margin={{ top: 8, right: 40, bottom: 8, left: 16 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {/* Room on the right, so the last period's label is not clipped. */}
          <XAxis dataKey="period" interval="preserveStartEnd" />
          <YAxis tickFormatter={format} width={72} />
          <Tooltip formatter={format} />
          <Legend />
          {/* Straight segments between the periods' points: a smoothed
              curve would show values that no period had. */}
          <Line
            type="linear"
            dataKey="median"
            name={median}
            stroke={theme.palette.primary.main}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="p90"
            name={p90}
            stroke={theme.palette.secondary.main}
            strokeDasharray="5 3"
            isAnimationActive={false}
          />
        </LineChart>
      </div>
      <HiddenDataTable
        caption={t('charts.dataTable', { chart: label })}
        columns={[t('charts.period'), median, p90]}
        rows={data.map(d => [d.period, format(d.median), format(d.p90)])}
      />
    </figure>
  );
}

/** Incidents per duration range, with the ranges of median and p90. */
function histogram(durations: ScorecardDurations, t: ScorecardsT) {
  const labels = binLabels(t);
  const counts = labels.map(() => 0);
  for (const value of durations.values) counts[binOf(value)] += 1;
  return {
    data: labels.map((range, i) => ({ range, incidents: counts[i] })),
    median:
      durations.median === null ? undefined : labels[binOf(durations.median)],
    p90: durations.p90 === null ? undefined : labels[binOf(durations.p90)],
  };
}

/**
 * The distribution of single incidents: how many incidents of the selected
 * group took each range of the metric, with the ranges of its median and
 * 90th percentile marked.
 */
export function DistributionChart(props: {
  query: ScorecardQuery;
  groupBy: ScorecardGroupBy;
}) {
  const t = useScorecardsT();
  const theme = useTheme();
  const classes = useScorecardStyles();
  const api = useApi(postmortemApiRef);
  const [metric, setMetric] =
    useState<IncidentScorecardMetric>('timeToRestore');
  const [selected, setSelected] = useState('');
  const queryKey = JSON.stringify(props.query);
  const durations = useAsync(
    () => api.getScorecardDurations(JSON.parse(queryKey), metric),
    [api, queryKey, metric],
  );
  const [box, width] = useChartWidth();
  const groups = durations.value ?? [];
  const current = groups.find(g => g.group === selected) ?? groups[0];
  const metricName = t(`metrics.${metric}`);
  const groupName = current
    ? groupLabel(current, props.groupBy, t)
    : t('table.allGroup');
  const label = t('charts.distributionLabel', {
    metric: metricName,
    group: groupName,
  });
  const shown = current ? histogram(current, t) : undefined;
  const format = (seconds: number | null) => formatDuration(seconds, t);
  return (
    <div>
      <div className={classes.controls}>
        <TextField
          select
          id="scorecards-distribution-metric"
          label={t('charts.distributionMetric')}
          value={metric}
          onChange={e => setMetric(e.target.value as IncidentScorecardMetric)}
          SelectProps={{ native: true }}
          className={classes.textControl}
          margin="dense"
        >
          {INCIDENT_SCORECARD_METRICS.map(m => (
            <option key={m} value={m}>
              {t(`metrics.${m}`)}
            </option>
          ))}
        </TextField>
        {props.groupBy !== 'none' && groups.length > 0 && (
          <TextField
            select
            id="scorecards-distribution-group"
            label={t('charts.distributionGroup')}
            value={current?.group ?? ''}
            onChange={e => setSelected(e.target.value)}
            SelectProps={{ native: true }}
            className={classes.textControl}
            margin="dense"
          >
            {groups.map(g => (
              <option key={g.group} value={g.group}>
                {groupLabel(g, props.groupBy, t)}
              </option>
            ))}
          </TextField>
        )}
      </div>
      <figure className={classes.chart}>
        {durations.error && (
          <Typography variant="body2" color="error">
            {t('state.error', { message: errorMessage(durations.error) })}
          </Typography>
        )}
        {!durations.error && durations.value && !shown && (
          <Typography variant="body2" color="textSecondary">
            {t('charts.distributionEmpty', { metric: metricName })}
          </Typography>
        )}
        {current && shown && (
          <>
            <div role="img" aria-label={label} ref={box}>
              <BarChart
                width={width}
                height={CHART_HEIGHT}
                data={shown.data}
                margin={{ top: 24, right: 24, bottom: 8, left: 8 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" />
                {/* Every range is labelled; slanted so that they do not overlap. */}
                <XAxis
                  dataKey="range"
                  interval={0}
                  fontSize={11}
                  angle={-35}
                  textAnchor="end"
                  height={64}
                />
                <YAxis allowDecimals={false} width={40} />
                <Tooltip />
                <Bar
                  dataKey="incidents"
                  name={t('charts.incidents')}
                  fill={theme.palette.primary.main}
                  isAnimationActive={false}
                />
                {shown.median && (
                  <ReferenceLine
                    x={shown.median}
                    stroke={theme.palette.text.primary}
                    strokeWidth={2}
                    label={{ value: t('stats.median'), position: 'top' }}
                  />
                )}
                {shown.p90 && (
                  <ReferenceLine
                    x={shown.p90}
                    stroke={theme.palette.secondary.main}
                    strokeWidth={2}
                    strokeDasharray="5 3"
                    label={{
                      value: t('stats.p90'),
                      position: 'insideTopRight',
                    }}
                  />
                )}
              </BarChart>
            </div>
            <HiddenDataTable
              caption={t('charts.dataTable', { chart: label })}
              columns={[t('charts.range'), t('charts.incidents')]}
              rows={shown.data.map(d => [d.range, String(d.incidents)])}
            />
            <Typography
              variant="body2"
              component="figcaption"
              className={classes.distributionSummary}
            >
              {t('charts.distributionSummary', {
                count: current.count,
                group: groupName,
                median: format(current.median),
                p90: format(current.p90),
              })}
            </Typography>
          </>
        )}
      </figure>
    </div>
  );
}
