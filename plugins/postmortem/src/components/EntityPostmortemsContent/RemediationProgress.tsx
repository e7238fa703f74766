import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { usePostmortemT } from '../shared/format';
import { RemediationSummary } from './entityData';

/** A postmortem's remediation: a progress bar and counts by status. */
export function RemediationProgress(props: {
  humanId: string;
  summary: RemediationSummary;
}) {
  const { humanId, summary } = props;
  const t = usePostmortemT();
  if (summary.total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityTab.noRemediation')}
      </Typography>
    );
  }
  return (
    <Box minWidth={140}>
      <LinearProgress
        variant="determinate"
        value={summary.percent}
        color={summary.overdue ? 'secondary' : 'primary'}
        aria-label={t('entityTab.remediationProgress', {
          id: humanId,
          percent: String(summary.percent),
        })}
      />
      <Typography
        variant="caption"
        color={summary.overdue ? 'error' : 'textSecondary'}
      >
        {t('entityTab.remediationSummary', {
          open: String(summary.open),
          overdue: String(summary.overdue),
          done: String(summary.done),
          verified: String(summary.verified),
        })}
      </Typography>
    </Box>
  );
}
