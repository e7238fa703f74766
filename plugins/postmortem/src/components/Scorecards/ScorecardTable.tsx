import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useMemo, useState } from 'react';
import { drillDownHref, ScorecardFilters } from './filters';
import {
  ScorecardRow,
  SCORECARD_NO_SYSTEM,
} from '@postmortems/plugin-postmortem-common';
import { formatCount, formatDuration, formatShare } from './scorecardFormat';
import { useScorecardStyles } from './styles';
import { ScorecardsT, useScorecardsT } from './translation';

type SortKey =
  | 'group'
  | 'period'
  | 'incidents'
  | 'ttdMedian'
  | 'ttdP90'
  | 'ttrMedian'
  | 'ttrP90'
  | 'leadTimeMedian'
  | 'cycleTimeMedian'
  | 'onTimeShare'
  | 'recurrenceRate'
  | 'overdueItems';

interface Column {
  key: SortKey;
  numeric: boolean;
  value: (row: ScorecardRow) => string | number | null;
  format: (row: ScorecardRow, t: ScorecardsT) => string;
}

const duration =
  (
    metric:
      | 'timeToDetect'
      | 'timeToRestore'
      | 'postmortemLeadTime'
      | 'remediationCycleTime',
    stat: 'median' | 'p90',
  ) =>
  (row: ScorecardRow) =>
    row[metric][stat];

const COLUMNS: Column[] = [
  { key: 'group', numeric: false, value: r => r.group, format: r => r.group },
  {
    key: 'period',
    numeric: false,
    value: r => r.period,
    format: r => r.period,
  },
  {
    key: 'incidents',
    numeric: true,
    value: r => r.incidents,
    format: (r, t) => formatCount(r.incidents, t),
  },
  ...(
    [
      ['ttdMedian', 'timeToDetect', 'median'],
      ['ttdP90', 'timeToDetect', 'p90'],
      ['ttrMedian', 'timeToRestore', 'median'],
      ['ttrP90', 'timeToRestore', 'p90'],
      ['leadTimeMedian', 'postmortemLeadTime', 'median'],
      ['cycleTimeMedian', 'remediationCycleTime', 'median'],
    ] as const
  ).map(
    ([key, metric, stat]): Column => ({
      key,
      numeric: true,
      value: duration(metric, stat),
      format: (r, t) => formatDuration(duration(metric, stat)(r), t),
    }),
  ),
  {
    key: 'onTimeShare',
    numeric: true,
    value: r => r.publishedOnTimeShare,
    format: (r, t) => formatShare(r.publishedOnTimeShare, t),
  },
  {
    key: 'recurrenceRate',
    numeric: true,
    value: r => r.recurrenceRate,
    format: (r, t) => formatShare(r.recurrenceRate, t),
  },
  {
    key: 'overdueItems',
    numeric: true,
    value: r => r.overdueItems,
    format: (r, t) => formatCount(r.overdueItems, t),
  },
];

/** Compares two cells; missing values sort last in either direction. */
function compare(
  a: string | number | null,
  b: string | number | null,
  direction: 'asc' | 'desc',
): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order =
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a).localeCompare(String(b));
  return direction === 'asc' ? order : -order;
}

/** A readable name of a row's group. */
export function groupLabel(
  row: Pick<ScorecardRow, 'group'>,
  groupBy: ScorecardFilters['groupBy'],
  t: ScorecardsT,
): string {
  if (groupBy === 'none') return t('table.allGroup');
  if (groupBy === 'owner' && row.group === 'unowned') {
    return t('table.unowned');
  }
  if (groupBy === 'system' && row.group === SCORECARD_NO_SYSTEM) {
    return t('table.noSystem');
  }
  return row.group;
}

/** The sortable table of the scorecard, one row per group and period. */
export function ScorecardTable(props: {
  rows: ScorecardRow[];
  filters: ScorecardFilters;
  listRoot: string;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const { rows, filters, listRoot } = props;
  const [sort, setSort] = useState<{
    key: SortKey;
    direction: 'asc' | 'desc';
  }>({ key: 'group', direction: 'asc' });
  const [period, setPeriod] = useState('');

  const periods = useMemo(
    () => [...new Set(rows.map(r => r.period))].sort(),
    [rows],
  );
  const shownPeriod = periods.includes(period) ? period : '';

  const sorted = useMemo(() => {
    const column = COLUMNS.find(c => c.key === sort.key) ?? COLUMNS[0];
    const byPeriod = COLUMNS[1];
    return rows
      .filter(r => !shownPeriod || r.period === shownPeriod)
      .slice()
      .sort(
        (a, b) =>
          compare(column.value(a), column.value(b), sort.direction) ||
          compare(byPeriod.value(a), byPeriod.value(b), 'asc') ||
          compare(a.group, b.group, 'asc'),
      );
  }, [rows, sort, shownPeriod]);

  const header = (key: SortKey): string => {
    if (key === 'group') {
      return filters.groupBy === 'none'
        ? t('table.columns.group')
        : t(`filters.groupByOptions.${filters.groupBy}`);
    }
    return t(`table.columns.${key}`);
  };

  const onSort = (key: SortKey) =>
    setSort(previous => ({
      key,
      direction:
        previous.key === key && previous.direction === 'asc' ? 'desc' : 'asc',
    }));

  const cell = (row: ScorecardRow, column: Column): ReactNode => {
    const text =
      column.key === 'group'
        ? groupLabel(row, filters.groupBy, t)
        : column.format(row, t);
    const linked = ['group', 'incidents', 'recurrenceRate'];
    if (!linked.includes(column.key)) return text;
    if (column.key === 'recurrenceRate' && !row.recurrenceRate) return text;
    const href = drillDownHref(
      listRoot,
      filters,
      row,
      column.key === 'recurrenceRate',
    );
    if (!href) return text;
    const group = groupLabel(row, filters.groupBy, t);
    return (
      <Link
        to={href}
        aria-label={
          {
            incidents: t('table.drillDownIncidents', {
              incidents: text,
              group,
              period: row.period,
            }),
            recurrenceRate: t('table.drillDownRecurrences', {
              group,
              period: row.period,
            }),
          }[column.key as string] ??
          t('table.drillDown', { group: text, period: row.period })
        }
      >
        {text}
      </Link>
    );
  };

  return (
    <>
      <TextField
        select
        id="scorecards-table-period"
        label={t('table.periodFilter')}
        value={shownPeriod}
        onChange={e => setPeriod(e.target.value)}
        SelectProps={{ native: true }}
        // "All periods" has an empty value; the label must not cover it.
        InputLabelProps={{ shrink: true }}
        className={classes.control}
        margin="dense"
      >
        <option value="">{t('table.allPeriods')}</option>
        {periods.map(p => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </TextField>
      <TableContainer>
        <Table size="small">
          <caption className={classes.visuallyHidden}>
            {t('table.caption')}
          </caption>
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const active = sort.key === column.key;
                return (
                  <TableCell
                    key={column.key}
                    align={column.numeric ? 'right' : 'left'}
                    sortDirection={active ? sort.direction : false}
                    className={`${classes.cell} ${classes.columnHeader}`}
                  >
                    <TableSortLabel
                      active={active}
                      direction={active ? sort.direction : 'asc'}
                      onClick={() => onSort(column.key)}
                    >
                      {header(column.key)}
                      {active ? (
                        <span className={classes.visuallyHidden}>
                          {`, ${
                            sort.direction === 'asc'
                              ? t('table.sortedAscending')
                              : t('table.sortedDescending')
                          }`}
                        </span>
                      ) : null}
                    </TableSortLabel>
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(row => (
              <TableRow key={`${row.group}\u0000${row.period}`} hover>
                {COLUMNS.map(column =>
                  column.key === 'group' ? (
                    <TableCell
                      key={column.key}
                      component="th"
                      scope="row"
                      role="rowheader"
                      className={classes.cell}
                    >
                      {cell(row, column)}
                    </TableCell>
                  ) : (
                    <TableCell
                      key={column.key}
                      align={column.numeric ? 'right' : 'left'}
                      className={`${classes.cell} ${
                        column.numeric ? classes.numeric : ''
                      }`}
                    >
                      {cell(row, column)}
                    </TableCell>
                  ),
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('state.empty')}
        </Typography>
      ) : null}
    </>
  );
}
