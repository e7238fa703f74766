import {
  createTranslationRef,
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';

/**
 * The English messages of the scorecards, which are also the defaults. The
 * keys are written flat (dot-separated) so that the German file's type can be
 * spelled out below without any type-level flattening.
 */
const messages = {
  numberLocale: 'en-US',
  'page.title': 'Incident scorecards',
  'page.description':
    'How quickly incidents are detected and restored, and how reliably postmortems and remediation follow, per period.',
  'filters.title': 'Filters',
  'filters.groupBy': 'Group by',
  'filters.groupByOptions.none': 'Nothing (all incidents)',
  'filters.groupByOptions.severity': 'Severity',
  'filters.groupByOptions.owner': 'Owner',
  'filters.groupByOptions.entity': 'Entity',
  'filters.interval': 'Interval',
  'filters.intervals.week': 'Week',
  'filters.intervals.month': 'Month',
  'filters.intervals.quarter': 'Quarter',
  'filters.from': 'From',
  'filters.to': 'To (inclusive)',
  'filters.severity': 'Severity',
  'filters.ownerRef': 'Owner',
  'filters.ownerRefHelp': 'For example group:default/sre',
  'filters.systemRef': 'System',
  'filters.systemRefHelp': 'For example system:default/checkout',
  'filters.entityRef': 'Entity',
  'filters.entityRefHelp': 'For example component:default/checkout-service',
  'filters.includeDependencies': 'Include incidents of dependencies',
  'filters.textHint':
    'Owner, system and entity apply when you press Enter or leave the field.',
  'actions.exportCsv': 'Export CSV',
  'actions.exporting': 'Exporting…',
  'actions.exportError': 'Could not export the CSV: {{message}}',
  'state.loading': 'Loading scorecards',
  'state.error': 'Could not load the scorecards: {{message}}',
  'state.empty': 'No incidents in this period',
  'state.emptyHint': 'Widen the date range or remove filters.',
  'metrics.incidents': 'Incidents',
  'metrics.timeToDetect': 'Time to detect',
  'metrics.timeToAcknowledge': 'Time to acknowledge',
  'metrics.timeToRestore': 'Time to restore',
  'metrics.postmortemLeadTime': 'Postmortem lead time',
  'metrics.remediationCycleTime': 'Remediation cycle time',
  'stats.median': 'Median',
  'stats.p90': '90th percentile',
  'headlines.title': 'Latest period',
  'headlines.comparison': 'Period {{current}} compared with {{previous}}',
  'headlines.onlyPeriod':
    'Period {{current}}; no earlier period to compare with',
  'headlines.incidents': 'Incidents',
  'headlines.timeToDetect': 'Median time to detect',
  'headlines.timeToRestore': 'Median time to restore',
  'headlines.onTimeShare': 'Postmortems published on time',
  'headlines.recurrenceRate': 'Recurrence rate',
  'headlines.recurrenceNote':
    'Share of incidents that repeated an earlier failure',
  'headlines.overdueItems': 'Overdue remediation items',
  'headlines.overdueNote': 'Still open past their due date, whole date range',
  'trend.up': 'up {{percent}}% from the previous period',
  'trend.down': 'down {{percent}}% from the previous period',
  'trend.unchanged': 'unchanged from the previous period',
  'trend.upPoints': 'up {{points}} percentage points from the previous period',
  'trend.downPoints':
    'down {{points}} percentage points from the previous period',
  'trend.noComparison': 'no data in the previous period to compare with',
  'charts.trendTitle': 'Trends per period',
  'charts.trendLabel':
    '{{metric}} per period, all incidents in scope: median and 90th percentile',
  'charts.period': 'Period',
  'charts.distributionTitle': 'Distribution of medians',
  'charts.distributionMetric': 'Metric',
  'charts.distributionLabel':
    'Histogram: how many medians of {{metric}} fall in each duration range',
  'charts.distributionGroups':
    'Each bar counts the group-and-period medians of {{metric}} in its range ({{total}} medians in all). It shows how the medians of groups spread, not single incidents.',
  'charts.distributionPeriods':
    'Each bar counts the periods whose median {{metric}} is in its range ({{total}} periods in all). It shows how the median spreads over time, not single incidents.',
  'charts.distributionEmpty': 'No {{metric}} data in this period.',
  'charts.range': 'Range',
  'charts.medians': 'Number of medians',
  'charts.dataTable': 'Data shown in the chart “{{chart}}”',
  'bins.under': 'under {{to}}',
  'bins.between': '{{from}} to {{to}}',
  'bins.over': '{{from}} or more',
  'table.title': 'Per group and period',
  'table.caption':
    'Scorecard per group and period. “Recurrence” is the share of incidents that repeated an earlier failure. Select a column header to sort; select a group or an incident count to open the matching postmortems.',
  'table.periodFilter': 'Period shown',
  'table.allPeriods': 'All periods',
  'table.columns.group': 'Group',
  'table.columns.period': 'Period',
  'table.columns.incidents': 'Incidents',
  'table.columns.ttdMedian': 'TTD median',
  'table.columns.ttdP90': 'TTD p90',
  'table.columns.ttrMedian': 'TTR median',
  'table.columns.ttrP90': 'TTR p90',
  'table.columns.leadTimeMedian': 'Lead time median',
  'table.columns.cycleTimeMedian': 'Cycle time median',
  'table.columns.onTimeShare': 'On time',
  'table.columns.recurrenceRate': 'Recurrence',
  'table.columns.overdueItems': 'Overdue items',
  'table.allGroup': 'All incidents',
  'table.unowned': 'Unowned',
  'table.drillDown': 'Postmortems of {{group}} in {{period}}',
  'table.drillDownRecurrences':
    'Postmortems of repeated failures of {{group}} in {{period}}',
  'table.drillDownIncidents':
    'Incidents of {{group}} in {{period}}: {{incidents}}. Show their postmortems',
  'table.sortedAscending': 'sorted ascending',
  'table.sortedDescending': 'sorted descending',
  'duration.seconds': '{{value}} s',
  'duration.minutes': '{{value}} min',
  'duration.hours': '{{value}} h',
  'duration.days': '{{value}} d',
  'common.noData': 'n/a',
  'common.percent': '{{value}}%',
  'common.points': '{{value}} pp',
  'card.title': 'Incident scorecard',
  'card.subtitle': 'Last 90 days',
  'card.incidents': 'Incidents',
  'card.timeToDetect': 'Median time to detect',
  'card.timeToRestore': 'Median time to restore',
  'card.overdueItems': 'Overdue remediation items',
  'card.perPeriod': '{{value}} ({{period}})',
  'card.splitNote':
    'The last 90 days span more than one quarter, so the median of each quarter is shown.',
  'card.link': 'Full scorecard',
  'card.error': 'Could not load the scorecard: {{message}}',
  'card.empty': 'No incidents in the last 90 days.',
} as const;

/** Every message key, each with a string (or null for the default). */
export type ScorecardsMessages = {
  [key in keyof typeof messages]: string | null;
};

/**
 * Every user-facing string of the incident scorecards. German ships as the
 * ref's default resource, as with the rest of the postmortem frontend.
 *
 * @public
 */
export const scorecardsTranslationRef = createTranslationRef({
  id: 'postmortem-scorecards',
  messages,
  translations: {
    de: (): Promise<{ default: ScorecardsMessages }> =>
      import('./de').then(m => ({ default: m.default.messages })),
  },
});

/** The scorecards' translation function, spelled out rather than inferred. */
export type ScorecardsT = TranslationFunction<{
  readonly [key in keyof typeof messages]: (typeof messages)[key];
}>;

/** Shorthand for the scorecards' translation function. */
export function useScorecardsT(): ScorecardsT {
  return useTranslationRef(scorecardsTranslationRef).t;
}
