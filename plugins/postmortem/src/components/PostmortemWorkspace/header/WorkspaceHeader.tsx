import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  FULL_REVIEW,
  Incident,
  INCIDENT_DURATION_NAMES,
  incidentDuration,
  Postmortem,
  ReviewProcess,
  stagesOfProcess,
} from '@postmortems/plugin-postmortem-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { usePostmortemsRootLink } from '../../links';
import {
  formatDateTime,
  formatDuration,
  PostmortemT,
  usePostmortemT,
} from '../../shared/format';
import { gateLabel } from '../gates/gates';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    // Full text colour: secondary grey on the page background fails WCAG AA contrast.
    '& dt': { color: theme.palette.text.primary, fontWeight: 600 },
    '& dd': { margin: 0 },
  },
  stepper: { overflowX: 'auto', padding: theme.spacing(2, 0) },
  // A name with a definition: dotted underline, as for <abbr>.
  defined: {
    textDecoration: 'underline dotted',
    cursor: 'help',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  // The dark shade: the main red fails WCAG AA contrast on the page.
  overdue: { color: theme.palette.error.dark, fontWeight: 'bold' },
}));

const TIMES = [
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

function IncidentFacts(props: { incident?: Incident }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const incident = props.incident;
  const duration = (ms: number | undefined) =>
    ms === undefined ? t('common.notSet') : formatDuration(ms, t);
  return (
    <>
      <Typography variant="h6" component="h3">
        {t('header.incidentTimes')}
      </Typography>
      <dl className={classes.facts}>
        {TIMES.map(time => (
          <Box key={time} display="contents">
            <dt>{t(`header.times.${time}`)}</dt>
            <dd>{formatDateTime(incident?.[time]) ?? t('common.notSet')}</dd>
          </Box>
        ))}
      </dl>
      <Typography variant="h6" component="h3" id="postmortem-durations">
        {t('header.durations')}
      </Typography>
      <Typography variant="caption" component="p">
        {t('header.durationHint')}
      </Typography>
      <dl className={classes.facts} aria-labelledby="postmortem-durations">
        {INCIDENT_DURATION_NAMES.map(name => {
          const ms = incident ? incidentDuration(incident, name) : undefined;
          const definitionId = `postmortem-duration-${name}`;
          return (
            <Box key={name} display="contents">
              <dt>
                <Tooltip
                  title={t(`incidentDurations.definitions.${name}`)}
                  arrow
                >
                  <span
                    className={classes.defined}
                    // Focusable so that keyboard users see the tooltip too;
                    // the definition is also its accessible description.
                    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
                    tabIndex={0}
                    aria-describedby={definitionId}
                  >
                    {t(`incidentDurations.names.${name}`)}
                  </span>
                </Tooltip>
                <span id={definitionId} className={classes.visuallyHidden}>
                  {t(`incidentDurations.definitions.${name}`)}
                </span>
              </dt>
              <dd>{duration(ms)}</dd>
            </Box>
          );
        })}
      </dl>
    </>
  );
}

function RefList(props: { refs: string[] }) {
  const t = usePostmortemT();
  if (props.refs.length === 0) return <>{t('common.none')}</>;
  return (
    <>
      {props.refs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <EntityRefLink entityRef={ref} defaultKind="user" />
        </span>
      ))}
    </>
  );
}

function Roles(props: { postmortem: Postmortem }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { roles } = props.postmortem;
  return (
    <>
      <Typography variant="h6" component="h3">
        {t('header.roles')}
      </Typography>
      <dl className={classes.facts}>
        <dt>{t('header.roleNames.incidentCommander')}</dt>
        <dd>
          <RefList
            refs={roles.incidentCommander ? [roles.incidentCommander] : []}
          />
        </dd>
        <dt>{t('header.roleNames.technicalOwners')}</dt>
        <dd>
          <RefList refs={roles.technicalOwners ?? []} />
        </dd>
        <dt>{t('header.roleNames.reviewers')}</dt>
        <dd>
          <RefList refs={roles.reviewers ?? []} />
        </dd>
        <dt>{t('header.roleNames.contributors')}</dt>
        <dd>
          <RefList refs={roles.contributors ?? []} />
        </dd>
      </dl>
    </>
  );
}

function deadlineCaption(
  deadline: string | undefined,
  isCurrent: boolean,
  now: number,
  t: PostmortemT,
) {
  if (!deadline) return undefined;
  const date = formatDateTime(deadline) ?? deadline;
  if (!isCurrent) return { text: t('header.deadline', { date }) };
  const left = new Date(deadline).getTime() - now;
  if (isNaN(left)) return { text: t('header.deadline', { date }) };
  return left >= 0
    ? {
        text: `${t('header.deadline', { date })} · ${t('header.timeLeft', {
          duration: formatDuration(left, t),
        })}`,
      }
    : {
        text: `${t('header.deadline', { date })} · ${t('header.overdue', {
          duration: formatDuration(left, t),
        })}`,
        overdue: true,
      };
}

/** The path the severity's process gives, in a sentence and its gates. */
function ProcessPath(props: { severity: string; process: ReviewProcess }) {
  const t = usePostmortemT();
  const { severity, process } = props;
  const gates = process.gates.map(g => gateLabel(g, t)).join(', ');
  return (
    <Typography variant="body2">
      {process.signOff === 'reviewers'
        ? t('header.path.reviewers', {
            severity,
            count: process.requiredApprovals,
          })
        : t('header.path.incidentCommander', { severity })}{' '}
      {process.gates.length
        ? t('header.path.gates', { count: process.gates.length, gates })
        : t('header.path.noGates')}
    </Typography>
  );
}

function StageStepper(props: {
  postmortem: Postmortem;
  process?: ReviewProcess;
}) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { stage, deadlines, severity } = props.postmortem;
  // The stages of this postmortem's path; all of them until it is known.
  const path = stagesOfProcess(props.process ?? FULL_REVIEW);
  const active = path.indexOf(stage);
  const now = Date.now();
  return (
    <Box component="section" aria-label={t('header.stagesLabel')}>
      <Typography variant="body2">
        {t('header.currentStage', { stage: t(`stages.${stage}`) })}
      </Typography>
      {props.process && (
        <ProcessPath severity={severity} process={props.process} />
      )}
      <Stepper activeStep={active} alternativeLabel className={classes.stepper}>
        {path.map((s, index) => {
          const caption = deadlineCaption(
            deadlines?.[s],
            index === active,
            now,
            t,
          );
          return (
            <Step
              key={s}
              completed={index < active}
              aria-current={index === active ? 'step' : undefined}
            >
              <StepLabel
                optional={
                  caption && (
                    <Typography
                      variant="caption"
                      className={caption.overdue ? classes.overdue : undefined}
                    >
                      {caption.text}
                    </Typography>
                  )
                }
              >
                {t(`stages.${s}`)}
              </StepLabel>
            </Step>
          );
        })}
      </Stepper>
    </Box>
  );
}

/** Who, what and when of a postmortem, above its workspace tabs. */
export function WorkspaceHeader(props: {
  postmortem: Postmortem;
  /** Buttons under the title: drafting, stage moves, export. */
  actions?: ReactNode;
  /** The severity's process, which gives the path of stages. */
  process?: ReviewProcess;
}) {
  const { postmortem } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const rootLink = usePostmortemsRootLink();
  const incident = useAsync(
    () => api.getIncident(postmortem.incidentId),
    [api, postmortem.incidentId],
  );
  return (
    <Box mb={2}>
      <Link to={rootLink}>{t('workspace.backToList')}</Link>
      <Box display="flex" alignItems="center" flexWrap="wrap" mt={1}>
        <Typography variant="h4" component="h2">
          <Box component="span" mr={1} color="text.secondary">
            {postmortem.humanId}
          </Box>
          {postmortem.title}
        </Typography>
        <Box ml={2}>
          <Chip
            label={t('header.severity', { severity: postmortem.severity })}
            variant="outlined"
          />
        </Box>
        {incident.value?.type && (
          <Box ml={1}>
            <Chip
              label={t('header.incidentType', { type: incident.value.type })}
              variant="outlined"
            />
          </Box>
        )}
      </Box>
      {props.actions}
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          {incident.error && (
            <Alert severity="warning">
              {t('header.incidentError', { message: incident.error.message })}
            </Alert>
          )}
          <IncidentFacts incident={incident.value} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Roles postmortem={postmortem} />
        </Grid>
      </Grid>
      <StageStepper postmortem={postmortem} process={props.process} />
    </Box>
  );
}
