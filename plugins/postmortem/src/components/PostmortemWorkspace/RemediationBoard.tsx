import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import Alert from '@material-ui/lab/Alert';
import {
  Postmortem,
  priorityOf,
  REMEDIATION_HORIZONS,
  RemediationHorizon,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import { FormEvent, useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { formatDate, isOverdue, usePostmortemT } from './format';
import { EmptyText, LoadState, useSubmit } from './shared';

const ENTITY_REF = /^[A-Za-z0-9_-]+:([A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/;
const SCALE = [1, 2, 3, 4, 5];

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
    marginTop: theme.spacing(0.5),
  },
  overdue: {
    color: theme.palette.error.main,
    fontWeight: 'bold',
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/** Highest priority first; ties keep the server's order. */
export function byPriority(items: RemediationItem[]): RemediationItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.priority - a.item.priority || a.index - b.index)
    .map(({ item }) => item);
}

function ItemView(props: { item: RemediationItem; now: Date }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { item } = props;
  const overdue = isOverdue(item, props.now);
  const date = formatDate(item.dueDate);
  return (
    <li className={classes.item}>
      <Typography variant="subtitle1" component="p">
        {item.title}
      </Typography>
      <div className={classes.row}>
        <Chip
          size="small"
          color={item.priority >= 15 ? 'secondary' : 'default'}
          label={t('remediation.priority', {
            priority: String(item.priority),
            impact: String(item.impact),
            probability: String(item.probability),
          })}
        />
        <Chip
          size="small"
          variant="outlined"
          label={t('remediation.status', {
            status: t(`remediation.statuses.${item.status}`),
          })}
        />
      </div>
      <div className={classes.row}>
        <Typography variant="body2" component="span">
          {t('remediation.owner')}{' '}
          {item.ownerRef ? (
            <EntityRefLink entityRef={item.ownerRef} defaultKind="user" />
          ) : (
            t('remediation.noOwner')
          )}
        </Typography>
        <Typography variant="body2" component="span">
          {!date && t('remediation.noDueDate')}
          {date && overdue && (
            <span className={classes.overdue}>
              <WarningIcon fontSize="small" aria-hidden />
              {t('remediation.overdue', { date })}
            </span>
          )}
          {date && !overdue && t('remediation.due', { date })}
        </Typography>
        {item.trackerUrl && (
          <Link to={item.trackerUrl}>{t('remediation.tracker')}</Link>
        )}
      </div>
      {item.acceptanceCriteria && (
        <Typography variant="body2" color="textSecondary">
          {t('remediation.acceptanceCriteria', {
            criteria: item.acceptanceCriteria,
          })}
        </Typography>
      )}
    </li>
  );
}

function AddItemForm(props: { postmortemId: string; onAdded: () => void }) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { postmortemId, onAdded } = props;
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState(3);
  const [probability, setProbability] = useState(3);
  const [horizon, setHorizon] = useState<RemediationHorizon>('short');
  const [ownerRef, setOwnerRef] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [acceptanceCriteria, setAcceptanceCriteria] = useState('');

  const owner = ownerRef.trim();
  const ownerInvalid = !!owner && !ENTITY_REF.test(owner);
  const valid = title.trim().length >= 3 && !ownerInvalid;

  const add = useCallback(async () => {
    await api.addRemediationItem(postmortemId, {
      title: title.trim(),
      impact,
      probability,
      horizon,
      ...(owner ? { ownerRef: owner } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(acceptanceCriteria.trim()
        ? { acceptanceCriteria: acceptanceCriteria.trim() }
        : {}),
    });
    setTitle('');
    setOwnerRef('');
    setDueDate('');
    setAcceptanceCriteria('');
    onAdded();
  }, [
    api,
    postmortemId,
    title,
    impact,
    probability,
    horizon,
    owner,
    dueDate,
    acceptanceCriteria,
    onAdded,
  ]);
  const { submit, busy, error } = useSubmit(add);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) submit();
  };

  return (
    <form onSubmit={onSubmit} aria-label={t('remediation.form.title')}>
      {error && (
        <Box mb={2}>
          <Alert severity="error">
            {t('remediation.form.error', { message: error.message })}
          </Alert>
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField
            id="remediation-title"
            label={t('remediation.form.itemTitle')}
            value={title}
            onChange={e => setTitle(e.target.value)}
            fullWidth
            required
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            id="remediation-impact"
            label={t('remediation.form.impact')}
            select
            SelectProps={{ native: true }}
            value={impact}
            onChange={e => setImpact(Number(e.target.value))}
            fullWidth
          >
            {SCALE.map(n => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            id="remediation-probability"
            label={t('remediation.form.probability')}
            select
            SelectProps={{ native: true }}
            value={probability}
            onChange={e => setProbability(Number(e.target.value))}
            fullWidth
          >
            {SCALE.map(n => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            id="remediation-horizon"
            label={t('remediation.form.horizon')}
            select
            SelectProps={{ native: true }}
            value={horizon}
            onChange={e => setHorizon(e.target.value as RemediationHorizon)}
            fullWidth
          >
            {REMEDIATION_HORIZONS.map(h => (
              <option key={h} value={h}>
                {t(`remediation.horizons.${h}`)}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3}>
          <Typography variant="body2" component="p" aria-live="polite">
            {t('remediation.form.priorityPreview', {
              priority: String(priorityOf(impact, probability)),
            })}
          </Typography>
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            id="remediation-owner"
            label={t('remediation.form.owner')}
            value={ownerRef}
            onChange={e => setOwnerRef(e.target.value)}
            helperText={t('remediation.form.ownerHelp')}
            error={ownerInvalid}
            fullWidth
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            id="remediation-due"
            label={t('remediation.form.dueDate')}
            type="date"
            value={dueDate}
            onChange={e => setDueDate(e.target.value)}
            InputLabelProps={{ shrink: true }}
            fullWidth
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            id="remediation-criteria"
            label={t('remediation.form.acceptanceCriteria')}
            value={acceptanceCriteria}
            onChange={e => setAcceptanceCriteria(e.target.value)}
            multiline
            minRows={2}
            fullWidth
          />
        </Grid>
        <Grid item xs={12}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!valid || busy}
          >
            {busy ? t('common.adding') : t('remediation.form.submit')}
          </Button>
        </Grid>
      </Grid>
    </form>
  );
}

/** Remediation items by horizon, highest priority first, with an add form. */
export function RemediationBoard(props: {
  postmortem: Postmortem;
  onChanged: () => void;
}) {
  const { postmortem, onChanged } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listRemediationItems(postmortem.id),
    [api, postmortem.id],
  );
  const onAdded = useCallback(() => {
    retry();
    onChanged();
  }, [retry, onChanged]);
  const now = new Date();

  return (
    <Grid container spacing={3}>
      {!value && (
        <Grid item xs={12}>
          <LoadState
            loading={loading}
            error={error}
            errorTitle={message => t('remediation.error', { message })}
          />
        </Grid>
      )}
      {value &&
        REMEDIATION_HORIZONS.map(horizon => {
          const items = byPriority(value.filter(i => i.horizon === horizon));
          return (
            <Grid item xs={12} md={4} key={horizon}>
              <InfoCard
                title={t(`remediation.horizons.${horizon}`)}
                variant="gridItem"
              >
                {items.length === 0 ? (
                  <EmptyText>{t('remediation.empty')}</EmptyText>
                ) : (
                  <ul
                    className={classes.list}
                    aria-label={t(`remediation.horizons.${horizon}`)}
                  >
                    {items.map(item => (
                      <ItemView key={item.id} item={item} now={now} />
                    ))}
                  </ul>
                )}
              </InfoCard>
            </Grid>
          );
        })}
      <Grid item xs={12}>
        <InfoCard title={t('remediation.form.title')}>
          <AddItemForm postmortemId={postmortem.id} onAdded={onAdded} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
