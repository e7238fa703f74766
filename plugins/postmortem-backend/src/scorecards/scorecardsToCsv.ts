import type { Distribution, ScorecardRow } from '../database/ScorecardStore';

const DISTRIBUTIONS = [
  'timeToDetect',
  'timeToAcknowledge',
  'timeToRestore',
  'postmortemLeadTime',
  'remediationCycleTime',
] as const;

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Scorecard rows as CSV, one line per group and period; durations in seconds. */
export function scorecardsToCsv(rows: ScorecardRow[]): string {
  const header = [
    'group',
    'period',
    'incidents',
    ...DISTRIBUTIONS.flatMap(m => [
      `${m}_count`,
      `${m}_median_s`,
      `${m}_p90_s`,
      `${m}_mean_s`,
    ]),
    'published_on_time_share',
    'recurrence_rate',
    'overdue_items',
  ];
  const lines = rows.map(r =>
    [
      r.group,
      r.period,
      r.incidents,
      ...DISTRIBUTIONS.flatMap(m => {
        const d: Distribution = r[m];
        return [d.count, d.median, d.p90, d.mean];
      }),
      r.publishedOnTimeShare,
      r.recurrenceRate,
      r.overdueItems,
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
