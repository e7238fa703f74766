import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import {
  Postmortem,
  priorityOf,
  REMEDIATION_HORIZONS,
  RemediationHorizon,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import { useCallback, useState } from 'react';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { formatDate, isOverdue, usePostmortemT } from '../../shared/format';
import {
  ListAndFormPanel,
  RecordColumns,
  RecordForm,
} from '../ListAndFormPanel';

const ENTITY_REF = /^[A-Za-z0-9_-]+:([A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/;
const SCALE = [1, 2, 3, 4, 5];

const useStyles = makeStyles(theme => ({
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
    <>
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
    </>
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
  ]);

  return (
    <RecordForm
      label={t('remediation.form.title')}
      valid={valid}
      add={add}
      onAdded={onAdded}
      submitLabel={t('remediation.form.submit')}
      errorText={e => t('remediation.form.error', { message: e.message })}
    >
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
    </RecordForm>
  );
}

/** Remediation items by horizon, highest priority first, with an add form. */
export function RemediationBoard(props: {
  postmortem: Postmortem;
  onChanged: () => void;
}) {
  const { postmortem, onChanged } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const now = new Date();
  return (
    <ListAndFormPanel
      load={() => api.listRemediationItems(postmortem.id)}
      deps={[api, postmortem.id]}
      errorTitle={message => t('remediation.error', { message })}
      formTitle={t('remediation.form.title')}
      form={onAdded => (
        <AddItemForm postmortemId={postmortem.id} onAdded={onAdded} />
      )}
      onChanged={onChanged}
    >
      {items => (
        <RecordColumns
          groups={REMEDIATION_HORIZONS}
          records={items}
          groupOf={item => item.horizon}
          title={horizon => t(`remediation.horizons.${horizon}`)}
          empty={t('remediation.empty')}
          order={byPriority}
          keyOf={item => item.id}
          render={item => <ItemView item={item} now={now} />}
        />
      )}
    </ListAndFormPanel>
  );
}
