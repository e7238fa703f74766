import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { GateFinding, postmortemApiRef } from '../../../api/PostmortemApi';
import { describeError } from '../../shared/errors';
import { formatDateTime, usePostmortemT } from '../../shared/format';
import { locationLabel, ruleLabel, ruleMessage } from './gates';
import { EmptyText, LoadState } from '../../shared/states';
import { isReviewer, useViewerRefs } from '../header/viewer';
import { UnmetGateList } from '../header/WorkspaceActions';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  flagged: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    padding: theme.spacing(0, 0.5),
  },
}));

const MIN_REASON = 3;

/** A reviewer's reason for accepting a flagged phrase. */
function WaiveDialog(props: {
  postmortemId: string;
  finding: GateFinding;
  onClose: () => void;
  onWaived: () => void;
}) {
  const { postmortemId, finding, onClose, onWaived } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const valid = reason.trim().length >= MIN_REASON;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.waiveLanguageFinding(postmortemId, {
        findingKey: finding.key,
        reason: reason.trim(),
      });
      onWaived();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="postmortem-waive-title"
      aria-describedby="postmortem-waive-description"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="postmortem-waive-title">
          {t('gates.waiveTitle')}
        </DialogTitle>
        <DialogContent>
          <DialogContentText id="postmortem-waive-description">
            {t('gates.waiveDescription', { text: finding.text })}
          </DialogContentText>
          {error !== undefined && (
            <Alert severity="error" role="alert">
              {t('gates.waiveError', { message: describeError(error, t) })}
            </Alert>
          )}
          <TextField
            id="postmortem-waive-reason"
            label={t('gates.waiveReason')}
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText={t('gates.waiveReasonHelp')}
            required
            multiline
            minRows={2}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || busy}
          >
            {t('gates.waiveSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function Approvals(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { value, loading, error } = useAsync(
    () => api.listApprovals(postmortem.id),
    [api, postmortem.id, postmortem.revision],
  );
  return (
    <InfoCard title={t('gates.approvalsTitle')}>
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={message => t('gates.approvalsError', { message })}
        />
      )}
      {value?.length === 0 && <EmptyText>{t('gates.noApprovals')}</EmptyText>}
      {value && value.length > 0 && (
        <ul className={classes.list} aria-label={t('gates.approvalsTitle')}>
          {value.map(approval => (
            <li
              key={`${approval.reviewer}-${approval.revision}`}
              className={classes.item}
            >
              <Typography variant="body2" component="span">
                <EntityRefLink
                  entityRef={approval.reviewer}
                  defaultKind="user"
                />{' '}
                —{' '}
                {t('gates.approval', {
                  revision: String(approval.revision),
                  time:
                    formatDateTime(approval.approvedAt) ?? approval.approvedAt,
                })}
              </Typography>
              {approval.comment && (
                <Typography variant="body2" color="textSecondary">
                  {approval.comment}
                </Typography>
              )}
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}

/**
 * The review gates: what still blocks review, the blameless-language
 * findings (reviewers may waive them, with a reason), and the approvals.
 */
export function GatesPanel(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const reviewer = isReviewer(postmortem, useViewerRefs());
  const [waiving, setWaiving] = useState<GateFinding>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getGates(postmortem.id),
    [api, postmortem.id, postmortem.revision],
  );

  return (
    <Grid container spacing={3}>
      {!value && (
        <Grid item xs={12}>
          <LoadState
            loading={loading}
            error={error}
            errorTitle={message => t('gates.error', { message })}
          />
        </Grid>
      )}
      {value && (
        <>
          <Grid item xs={12} md={6}>
            <InfoCard title={t('gates.title')}>
              {value.unmetGates.length === 0 ? (
                <EmptyText>{t('gates.allMet')}</EmptyText>
              ) : (
                <UnmetGateList gates={value.unmetGates} />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <Approvals postmortem={postmortem} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('gates.findingsTitle')}>
              {value.findings.length === 0 ? (
                <EmptyText>{t('gates.noFindings')}</EmptyText>
              ) : (
                <ul
                  className={classes.list}
                  aria-label={t('gates.findingsTitle')}
                >
                  {value.findings.map(finding => {
                    const location = locationLabel(finding.location, t);
                    return (
                      <li key={finding.key} className={classes.item}>
                        <div className={classes.row}>
                          <Typography variant="subtitle2" component="span">
                            {t('narrative.findingRule', {
                              rule: ruleLabel(finding.rule, t),
                            })}
                          </Typography>
                          <Typography variant="body2" component="span">
                            {t('gates.location', { location })}
                          </Typography>
                          <Chip
                            size="small"
                            variant={finding.waived ? 'default' : 'outlined'}
                            label={
                              finding.waived
                                ? t('gates.waived')
                                : t('gates.open')
                            }
                          />
                          {reviewer && !finding.waived && (
                            <Button
                              size="small"
                              variant="outlined"
                              aria-haspopup="dialog"
                              aria-label={t('gates.waiveLabel', {
                                text: finding.text,
                                location,
                              })}
                              onClick={() => setWaiving(finding)}
                            >
                              {t('gates.waive')}
                            </Button>
                          )}
                        </div>
                        <Box mt={0.5}>
                          <Typography variant="body2">
                            <span className={classes.flagged}>
                              {t('narrative.findingText', {
                                text: finding.text,
                              })}
                            </span>{' '}
                            — {ruleMessage(finding, t)}
                          </Typography>
                          {finding.suggestion && (
                            <Typography variant="body2" color="textSecondary">
                              <em>
                                {t('narrative.findingSuggestion', {
                                  suggestion: finding.suggestion,
                                })}
                              </em>
                            </Typography>
                          )}
                        </Box>
                      </li>
                    );
                  })}
                </ul>
              )}
            </InfoCard>
          </Grid>
        </>
      )}
      {waiving && (
        <WaiveDialog
          postmortemId={postmortem.id}
          finding={waiving}
          onClose={() => setWaiving(undefined)}
          onWaived={() => {
            setWaiving(undefined);
            retry();
          }}
        />
      )}
    </Grid>
  );
}
