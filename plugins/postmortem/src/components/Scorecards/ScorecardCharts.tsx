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
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  DISTRIBUTION_METRICS,
  DistributionMetric,
  ScorecardGroupBy,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';
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
  metric: DistributionMetric;
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

function histogram(
  rows: ScorecardRow[],
  metric: DistributionMetric,
  t: ScorecardsT,
) {
  const labels = binLabels(t);
  const counts = labels.map(() => 0);
  let total = 0;
  for (const row of rows) {
    const median = row[metric].median;
    if (median === null || median === undefined) continue;
    counts[binOf(median)] += 1;
    total += 1;
  }
  return {
    total,
    data: labels.map((range, i) => ({ range, medians: counts[i] })),
  };
}

/**
 * A histogram of the medians of one metric: one median per group and period
 * (or per period when not grouped). It says so, since it is not a
 * distribution of single incidents, which the backend does not return.
 */
export function DistributionChart(props: {
  rows: ScorecardRow[];
  groupBy: ScorecardGroupBy;
}) {
  const t = useScorecardsT();
  const theme = useTheme();
  const classes = useScorecardStyles();
  const [metric, setMetric] = useState<DistributionMetric>('timeToRestore');
  const metricName = t(`metrics.${metric}`);
  const { total, data } = histogram(props.rows, metric, t);
  const label = t('charts.distributionLabel', { metric: metricName });
  const [box, width] = useChartWidth();
  const explanation =
    props.groupBy === 'none'
      ? t('charts.distributionPeriods', {
          metric: metricName,
          total: String(total),
        })
      : t('charts.distributionGroups', {
          metric: metricName,
          total: String(total),
        });
  return (
    <div>
      <TextField
        select
        id="scorecards-distribution-metric"
        label={t('charts.distributionMetric')}
        value={metric}
        onChange={e => setMetric(e.target.value as DistributionMetric)}
        SelectProps={{ native: true }}
        className={classes.textControl}
        margin="dense"
      >
        {DISTRIBUTION_METRICS.map(m => (
          <option key={m} value={m}>
            {t(`metrics.${m}`)}
          </option>
        ))}
      </TextField>
      <figure className={classes.chart}>
        {total === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('charts.distributionEmpty', { metric: metricName })}
          </Typography>
        ) : (
          <>
            <div role="img" aria-label={label} ref={box}>
              <BarChart
                width={width}
                height={CHART_HEIGHT}
                data={data}
                margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
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
                  dataKey="medians"
                  name={t('charts.medians')}
                  fill={theme.palette.primary.main}
                  isAnimationActive={false}
                />
              </BarChart>
            </div>
            <HiddenDataTable
              caption={t('charts.dataTable', { chart: label })}
              columns={[t('charts.range'), t('charts.medians')]}
              rows={data.map(d => [d.range, String(d.medians)])}
            />
          </>
        )}
        <Typography variant="caption" component="figcaption" display="block">
          {explanation}
        </Typography>
      </figure>
    </div>
  );
}
