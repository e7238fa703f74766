import Typography from '@material-ui/core/Typography';
import { ScorecardRow } from '@postmortems/plugin-postmortem-common';
import {
  Change,
  formatCount,
  formatDuration,
  formatShare,
  percentChange,
  pointsChange,
} from './scorecardFormat';
import { useScorecardStyles } from './styles';
import { useScorecardsT } from './translation';

/**
 * The change against the previous period: an arrow and the amount for the
 * eye, a sentence ("up 12% from the previous period") for screen readers.
 */
export function TrendIndicator(props: {
  change: Change;
  unit: 'percent' | 'points';
  /** Whether a rise is bad news (incidents, durations) or good (on time). */
  higherIsWorse: boolean;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const { change, unit, higherIsWorse } = props;
  if (change.kind === 'none') {
    return (
      <Typography variant="body2" className={classes.neutral}>
        {t('trend.noComparison')}
      </Typography>
    );
  }
  if (change.kind === 'same') {
    return (
      <Typography variant="body2" className={classes.neutral}>
        <span aria-hidden="true">= </span>
        {t('trend.unchanged')}
      </Typography>
    );
  }
  const up = change.kind === 'up';
  const amount = String(change.amount);
  const spoken =
    unit === 'percent'
      ? t(up ? 'trend.up' : 'trend.down', { percent: amount })
      : t(up ? 'trend.upPoints' : 'trend.downPoints', { points: amount });
  const visible =
    unit === 'percent'
      ? t('common.percent', { value: amount })
      : t('common.points', { value: amount });
  return (
    <Typography
      variant="body2"
      className={up === higherIsWorse ? classes.worse : classes.better}
    >
      <span aria-hidden="true">{`${up ? '▲' : '▼'} ${visible}`}</span>
      <span className={classes.visuallyHidden}>{spoken}</span>
    </Typography>
  );
}

function Figure(props: {
  label: string;
  value: string;
  note?: string;
  trend?: JSX.Element;
}) {
  const classes = useScorecardStyles();
  return (
    <div className={classes.headline}>
      <dt>
        <Typography variant="body2" color="textSecondary" component="span">
          {props.label}
        </Typography>
      </dt>
      <dd className={classes.headlineValue}>{props.value}</dd>
      {props.trend ? <dd>{props.trend}</dd> : null}
      {props.note ? (
        <dd>
          <Typography variant="caption" color="textSecondary">
            {props.note}
          </Typography>
        </dd>
      ) : null}
    </div>
  );
}

/**
 * Headline figures of the latest period of the range, for all incidents in
 * scope, each with its change against the period before.
 */
export function Headlines(props: {
  periods: string[];
  rowsByPeriod: Map<string, ScorecardRow>;
  overdueTotal: number;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const { periods, rowsByPeriod } = props;
  const currentPeriod = periods[periods.length - 1];
  const previousPeriod =
    periods.length > 1 ? periods[periods.length - 2] : undefined;
  if (!currentPeriod) return null;
  const current = rowsByPeriod.get(currentPeriod);
  const previous = previousPeriod
    ? rowsByPeriod.get(previousPeriod)
    : undefined;
  // A period without a row had no incidents; its durations are unknown.
  const incidents = (row?: ScorecardRow, period?: string) =>
    period === undefined ? undefined : row?.incidents ?? 0;

  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {previousPeriod
          ? t('headlines.comparison', {
              current: currentPeriod,
              previous: previousPeriod,
            })
          : t('headlines.onlyPeriod', { current: currentPeriod })}
      </Typography>
      <dl className={classes.headlines}>
        <Figure
          label={t('headlines.incidents')}
          value={formatCount(current?.incidents ?? 0, t)}
          trend={
            <TrendIndicator
              change={percentChange(
                incidents(current, currentPeriod),
                incidents(previous, previousPeriod),
              )}
              unit="percent"
              higherIsWorse
            />
          }
        />
        <Figure
          label={t('headlines.timeToDetect')}
          value={formatDuration(current?.timeToDetect.median, t)}
          trend={
            <TrendIndicator
              change={percentChange(
                current?.timeToDetect.median,
                previous?.timeToDetect.median,
              )}
              unit="percent"
              higherIsWorse
            />
          }
        />
        <Figure
          label={t('headlines.timeToRestore')}
          value={formatDuration(current?.timeToRestore.median, t)}
          trend={
            <TrendIndicator
              change={percentChange(
                current?.timeToRestore.median,
                previous?.timeToRestore.median,
              )}
              unit="percent"
              higherIsWorse
            />
          }
        />
        <Figure
          label={t('headlines.onTimeShare')}
          value={formatShare(current?.publishedOnTimeShare, t)}
          trend={
            <TrendIndicator
              change={pointsChange(
                current?.publishedOnTimeShare,
                previous?.publishedOnTimeShare,
              )}
              unit="points"
              higherIsWorse={false}
            />
          }
        />
        <Figure
          label={t('headlines.recurrenceRate')}
          value={formatShare(current?.recurrenceRate, t)}
          note={t('headlines.recurrenceNote')}
          trend={
            <TrendIndicator
              change={pointsChange(
                current?.recurrenceRate,
                previous?.recurrenceRate,
              )}
              unit="points"
              higherIsWorse
            />
          }
        />
        <Figure
          label={t('headlines.overdueItems')}
          value={formatCount(props.overdueTotal, t)}
          note={t('headlines.overdueNote')}
        />
      </dl>
    </>
  );
}
