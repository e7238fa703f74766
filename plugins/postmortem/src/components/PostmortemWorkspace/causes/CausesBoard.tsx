import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Cause,
  CauseAnalysis,
  CAUSE_STATUSES,
  CAUSE_TYPES,
  CauseStatus,
  CauseType,
  formatMetricValue,
  Perspective,
  PERSPECTIVES,
  Postmortem,
  shortEntityRef,
} from '@postmortems/plugin-postmortem-common';
import { useCallback, useState } from 'react';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { formatDateTime, usePostmortemT } from '../../shared/format';
import {
  ListAndFormPanel,
  RecordColumns,
  RecordForm,
} from '../ListAndFormPanel';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
  },
  refuted: { textDecoration: 'line-through' },
  chain: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2),
  },
}));

/** The evidence chain of a drafted hypothesis: change, path, deviations. */
function EvidenceChain(props: { analysis: CauseAnalysis }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { analysis } = props;
  const time = (iso: string) => formatDateTime(iso) ?? iso;
  return (
    <Box mt={0.5}>
      <Typography variant="body2" component="h4">
        {t('causes.evidenceChain')} ·{' '}
        {t('causes.deviations', { count: analysis.onsets.length })}
      </Typography>
      <ul className={classes.chain}>
        {analysis.change && (
          <li>
            <Typography variant="body2">
              {t('causes.change', {
                kind: t(`causes.changeKinds.${analysis.change.kind}`),
                version: analysis.change.version ?? '',
                entity: shortEntityRef(analysis.change.entityRef),
                time: time(analysis.change.occurredAt),
              })}
            </Typography>
          </li>
        )}
        {analysis.onsets.map(o => (
          <li key={`${o.entityRef}:${o.series}`}>
            <Typography variant="body2">
              {t('causes.onset', {
                series: o.series,
                entity: shortEntityRef(o.entityRef),
                direction: t(`causes.directions.${o.direction}`),
                baseline: formatMetricValue(o.baseline),
                peak: formatMetricValue(o.peak),
                time: time(o.onsetAt),
              })}
            </Typography>
          </li>
        ))}
        {analysis.path.length > 1 && (
          <li>
            <Typography variant="body2">
              {t('causes.path', {
                path: analysis.path.map(shortEntityRef).join(' → '),
              })}
            </Typography>
          </li>
        )}
      </ul>
    </Box>
  );
}

const STATUS_COLORS: Record<CauseStatus, 'default' | 'primary' | 'secondary'> =
  {
    proposed: 'default',
    supported: 'primary',
    confirmed: 'primary',
    refuted: 'secondary',
  };

function CauseItem(props: { cause: Cause }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { cause } = props;
  return (
    <>
      <Typography
        variant="body1"
        className={cause.status === 'refuted' ? classes.refuted : undefined}
      >
        {cause.statement}
      </Typography>
      <div className={classes.chips}>
        <Chip
          size="small"
          color={STATUS_COLORS[cause.status]}
          variant={cause.status === 'confirmed' ? 'default' : 'outlined'}
          label={t('causes.status', {
            status: t(`causes.statuses.${cause.status}`),
          })}
        />
        <Chip
          size="small"
          variant="outlined"
          label={t('causes.perspective', {
            perspective: t(`causes.perspectives.${cause.perspective}`),
          })}
        />
        {cause.changeRelated && (
          <Chip
            size="small"
            variant="outlined"
            label={t('causes.changeRelated')}
          />
        )}
        {cause.confidence && (
          <Chip
            size="small"
            variant="outlined"
            color={cause.confidence === 'high' ? 'primary' : 'default'}
            label={t('causes.confidence', {
              level: t(`causes.confidenceLevels.${cause.confidence}`),
              percent: String(Math.round((cause.score ?? 0) * 100)),
            })}
          />
        )}
      </div>
      {cause.analysis && <EvidenceChain analysis={cause.analysis} />}
      {cause.rollbackPlan && (
        <Typography variant="body2" color="textSecondary">
          {t('causes.rollbackPlan', { plan: cause.rollbackPlan })}
        </Typography>
      )}
    </>
  );
}

function AddCauseForm(props: { postmortemId: string; onAdded: () => void }) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { postmortemId, onAdded } = props;
  const [type, setType] = useState<CauseType>('direct');
  const [statement, setStatement] = useState('');
  const [status, setStatus] = useState<CauseStatus>('proposed');
  const [perspective, setPerspective] = useState<Perspective>('sre');
  const [rollbackPlan, setRollbackPlan] = useState('');
  const [changeRelated, setChangeRelated] = useState(false);

  const add = useCallback(async () => {
    await api.addCause(postmortemId, {
      type,
      statement: statement.trim(),
      status,
      perspective,
      changeRelated,
      ...(rollbackPlan.trim() ? { rollbackPlan: rollbackPlan.trim() } : {}),
    });
    setStatement('');
    setRollbackPlan('');
    setChangeRelated(false);
  }, [
    api,
    postmortemId,
    type,
    statement,
    status,
    perspective,
    rollbackPlan,
    changeRelated,
  ]);
  const valid = statement.trim().length >= 3;

  return (
    <RecordForm
      label={t('causes.form.title')}
      valid={valid}
      add={add}
      onAdded={onAdded}
      submitLabel={t('causes.form.submit')}
      errorText={e => t('causes.form.error', { message: e.message })}
    >
      <Grid item xs={12} sm={4}>
        <TextField
          id="cause-type"
          label={t('causes.form.type')}
          select
          SelectProps={{ native: true }}
          value={type}
          onChange={e => setType(e.target.value as CauseType)}
          fullWidth
        >
          {CAUSE_TYPES.map(value => (
            <option key={value} value={value}>
              {t(`causes.typeNames.${value}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={4}>
        <TextField
          id="cause-status"
          label={t('causes.form.status')}
          select
          SelectProps={{ native: true }}
          value={status}
          onChange={e => setStatus(e.target.value as CauseStatus)}
          fullWidth
        >
          {CAUSE_STATUSES.map(value => (
            <option key={value} value={value}>
              {t(`causes.statuses.${value}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={4}>
        <TextField
          id="cause-perspective"
          label={t('causes.form.perspective')}
          select
          SelectProps={{ native: true }}
          value={perspective}
          onChange={e => setPerspective(e.target.value as Perspective)}
          fullWidth
        >
          {PERSPECTIVES.map(value => (
            <option key={value} value={value}>
              {t(`causes.perspectives.${value}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12}>
        <TextField
          id="cause-statement"
          label={t('causes.form.statement')}
          value={statement}
          onChange={e => setStatement(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          required
        />
      </Grid>
      <Grid item xs={12}>
        <TextField
          id="cause-rollback"
          label={t('causes.form.rollbackPlan')}
          value={rollbackPlan}
          onChange={e => setRollbackPlan(e.target.value)}
          multiline
          fullWidth
        />
      </Grid>
      <Grid item xs={12}>
        <FormControlLabel
          control={
            <Checkbox
              checked={changeRelated}
              onChange={e => setChangeRelated(e.target.checked)}
              color="primary"
            />
          }
          label={t('causes.form.changeRelated')}
        />
      </Grid>
    </RecordForm>
  );
}

/** Causes in three columns: direct, contributing and systemic. */
export function CausesBoard(props: {
  postmortem: Postmortem;
  onChanged: () => void;
}) {
  const { postmortem, onChanged } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  return (
    <ListAndFormPanel
      load={() => api.listCauses(postmortem.id)}
      deps={[api, postmortem.id]}
      errorTitle={message => t('causes.error', { message })}
      formTitle={t('causes.form.title')}
      form={onAdded => (
        <AddCauseForm postmortemId={postmortem.id} onAdded={onAdded} />
      )}
      onChanged={onChanged}
    >
      {causes => (
        <RecordColumns
          groups={CAUSE_TYPES}
          records={causes}
          groupOf={cause => cause.type}
          title={type => t(`causes.types.${type}`)}
          empty={t('causes.empty')}
          keyOf={cause => cause.id}
          render={cause => <CauseItem cause={cause} />}
        />
      )}
    </ListAndFormPanel>
  );
}
