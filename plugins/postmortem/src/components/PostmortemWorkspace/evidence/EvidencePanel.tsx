import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Evidence, Postmortem } from '@postmortems/plugin-postmortem-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import {
  formatDateTime,
  PostmortemT,
  usePostmortemT,
} from '../../shared/format';
import {
  chartRows,
  MetricSeries,
  parseMetricSeries,
  seriesName,
} from './metricSeries';
import { EmptyText, LoadState } from '../../shared/states';

const useStyles = makeStyles(theme => ({
  pre: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    maxHeight: 400,
    overflow: 'auto',
    margin: 0,
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    fontSize: '0.85rem',
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  chart: { overflowX: 'auto', margin: 0 },
}));

/** "email × 2, token × 1", or undefined when nothing was masked. */
export function redactionSummary(
  redactions: Record<string, number>,
  t: PostmortemT,
): string | undefined {
  const parts = Object.entries(redactions ?? {})
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => t('evidence.redactionCount', { kind, count }));
  return parts.length ? parts.join(', ') : undefined;
}

function MetricChart(props: { series: MetricSeries[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const t = usePostmortemT();
  const rows = useMemo(() => chartRows(props.series), [props.series]);
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success?.main ?? '#2e7d32',
    theme.palette.warning?.main ?? '#ed6c02',
    theme.palette.info?.main ?? '#0288d1',
    theme.palette.error.main,
  ];
  const label = t('evidence.chartLabel', { count: props.series.length });
  const formatTime = (ms: number) => new Date(ms).toLocaleTimeString();
  return (
    <figure className={classes.chart}>
      <div role="img" aria-label={label}>
        <LineChart
          width={720}
          height={260}
          data={rows}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatTime}
          />
          <YAxis />
          <Tooltip
            labelFormatter={value => new Date(Number(value)).toLocaleString()}
          />
          <Legend />
          {props.series.map((s, index) => (
            <Line
              key={index}
              type="monotone"
              dataKey={`s${index}`}
              name={
                seriesName(s.metric) ??
                t('evidence.seriesFallback', { index: String(index + 1) })
              }
              stroke={colors[index % colors.length]}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </div>
      <figcaption>
        <Typography variant="caption">{label}</Typography>
      </figcaption>
    </figure>
  );
}

function EvidenceContent(props: { evidence: Evidence }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { evidence } = props;
  const series = useMemo(
    () =>
      evidence.kind === 'metric_series'
        ? parseMetricSeries(evidence.content)
        : undefined,
    [evidence.kind, evidence.content],
  );
  if (series) return <MetricChart series={series} />;
  return (
    <>
      {evidence.kind === 'metric_series' && (
        <Box mb={1}>
          <Alert severity="info">{t('evidence.chartUnparsable')}</Alert>
        </Box>
      )}
      <pre className={classes.pre}>{evidence.content}</pre>
    </>
  );
}

function EvidenceCard(props: { evidence: Evidence }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { evidence } = props;
  const redactions = redactionSummary(evidence.redactions, t);
  return (
    <InfoCard
      title={t(`evidence.kinds.${evidence.kind}`)}
      subheader={t('evidence.captured', {
        time: formatDateTime(evidence.capturedAt) ?? evidence.capturedAt,
      })}
    >
      <div className={classes.meta}>
        {evidence.source && (
          <Chip
            size="small"
            variant="outlined"
            label={t('evidence.source', { source: evidence.source })}
          />
        )}
        {evidence.entityRef && (
          <Typography variant="body2" component="span">
            {t('evidence.entity')}:{' '}
            <EntityRefLink entityRef={evidence.entityRef} />
          </Typography>
        )}
      </div>
      {evidence.query && (
        <Typography variant="body2" component="p" gutterBottom>
          {t('evidence.query')}: <code>{evidence.query}</code>
        </Typography>
      )}
      <EvidenceContent evidence={evidence} />
      <Box mt={1}>
        <Typography variant="body2" color="textSecondary">
          {redactions
            ? t('evidence.redactions', { summary: redactions })
            : t('evidence.noRedactions')}
        </Typography>
      </Box>
    </InfoCard>
  );
}

/** Evidence captured for the postmortem; metric series drawn as charts. */
export function EvidencePanel(props: { postmortem: Postmortem }) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { value, loading, error } = useAsync(
    () => api.listEvidence(props.postmortem.id),
    [api, props.postmortem.id],
  );
  if (!value) {
    return (
      <LoadState
        loading={loading}
        error={error}
        errorTitle={message => t('evidence.error', { message })}
      />
    );
  }
  if (value.length === 0) {
    return (
      <InfoCard title={t('evidence.title')}>
        <EmptyText>{t('evidence.empty')}</EmptyText>
      </InfoCard>
    );
  }
  return (
    <Grid container spacing={3}>
      {value.map(evidence => (
        <Grid item xs={12} key={evidence.id}>
          <EvidenceCard evidence={evidence} />
        </Grid>
      ))}
    </Grid>
  );
}
