import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { usePostmortemsRootLink } from '../links';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ScorecardQuery,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { errorMessage } from '../shared/errors';
import { toSearchParams } from './filters';
import { formatCount, formatDuration, isoDate } from './scorecardFormat';
import { useScorecardStyles } from './styles';
import { ScorecardsT, useScorecardsT } from './translation';

const WINDOW_DAYS = 90;

/**
 * Median of one metric over the window. The backend answers per period, and
 * medians of periods do not combine into one, so when the window spans two
 * quarters each quarter's median is shown with its quarter.
 */
function medians(
  rows: ScorecardRow[],
  metric: 'timeToDetect' | 'timeToRestore',
  t: ScorecardsT,
): string {
  const known = rows.filter(r => r[metric].median !== null);
  if (known.length === 0) return t('common.noData');
  if (rows.length === 1) return formatDuration(rows[0][metric].median, t);
  return known
    .map(r =>
      t('card.perPeriod', {
        value: formatDuration(r[metric].median, t),
        period: r.period,
      }),
    )
    .join(', ');
}

/**
 * A compact scorecard of one entity for its catalog page: incidents, median
 * time to detect and restore and overdue remediation items of the last 90
 * days. Groups are matched as owners; other kinds by the entity itself,
 * without its dependencies.
 *
 * @public
 */
export function EntityScorecardCard(props: {
  /** Path of the full scorecard page; defaults to `<plugin root>/scorecards`. */
  scorecardsPath?: string;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const api = useApi(postmortemApiRef);
  const { entity } = useEntity();
  const root = usePostmortemsRootLink();
  const ref = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';

  const window = useMemo(() => {
    const to = new Date();
    const from = new Date(to.getTime() - WINDOW_DAYS * 24 * 3600 * 1000);
    return { from, to };
  }, []);
  const filter: Pick<
    ScorecardQuery,
    'ownerRef' | 'entityRef' | 'includeDependencies'
  > = isGroup
    ? { ownerRef: ref }
    : { entityRef: ref, includeDependencies: false };

  const { value, loading, error } = useAsync(
    () =>
      api.getScorecards({
        groupBy: 'none',
        interval: 'quarter',
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        ...filter,
      }),
    // The filter derives from the ref and the kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref, isGroup, window],
  );

  const link = `${
    props.scorecardsPath ?? `${root}/scorecards`
  }?${toSearchParams({
    ...filter,
    includeDependencies: undefined,
    from: isoDate(window.from),
    to: isoDate(window.to),
  })}`;

  let content: JSX.Element;
  if (error) {
    content = (
      <WarningPanel
        severity="error"
        title={t('card.error', { message: errorMessage(error) })}
      />
    );
  } else if (loading || !value) {
    content = (
      <div role="status">
        <span className={classes.visuallyHidden}>{t('state.loading')}</span>
        <Progress />
      </div>
    );
  } else {
    const rows = [...value].sort((a, b) => a.period.localeCompare(b.period));
    const incidents = rows.reduce((n, r) => n + r.incidents, 0);
    const overdue = rows.reduce((n, r) => n + r.overdueItems, 0);
    content =
      incidents === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('card.empty')}
        </Typography>
      ) : (
        <>
          <dl className={classes.headlines}>
            {(
              [
                [t('card.incidents'), formatCount(incidents, t)],
                [t('card.timeToDetect'), medians(rows, 'timeToDetect', t)],
                [t('card.timeToRestore'), medians(rows, 'timeToRestore', t)],
                [t('card.overdueItems'), formatCount(overdue, t)],
              ] as const
            ).map(([label, figure]) => (
              <div key={label} className={classes.headline}>
                <dt>
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="span"
                  >
                    {label}
                  </Typography>
                </dt>
                <dd className={classes.headlineValue}>{figure}</dd>
              </div>
            ))}
          </dl>
          {rows.length > 1 ? (
            <Typography variant="caption" color="textSecondary">
              {t('card.splitNote')}
            </Typography>
          ) : null}
        </>
      );
  }

  return (
    <InfoCard
      title={t('card.title')}
      subheader={t('card.subtitle')}
      deepLink={{ title: t('card.link'), link }}
    >
      {content}
    </InfoCard>
  );
}
