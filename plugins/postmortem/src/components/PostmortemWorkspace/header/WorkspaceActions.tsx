import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDropDownIcon from '@material-ui/icons/ArrowDropDown';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  FULL_REVIEW,
  POSTMORTEM_STAGES,
  Postmortem,
  PostmortemStage,
  ReviewProcess,
} from '@postmortems/plugin-postmortem-common';
import { FormEvent, useState } from 'react';
import {
  ExportFormat,
  GatesNotMetError,
  postmortemApiRef,
  UnmetGate,
} from '../../../api/PostmortemApi';
import { describeError } from '../../shared/errors';
import { PostmortemT, usePostmortemT } from '../../shared/format';
import { gateLabel } from '../gates/gates';
import { saveBlob } from '../../shared/download';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  gates: { margin: theme.spacing(1, 0), paddingLeft: theme.spacing(3) },
}));

/** A stage move the header offers. */
export interface StageAction {
  kind:
    | 'advance'
    | 'submit'
    | 'approve'
    | 'sendBack'
    | 'publish'
    | 'signOff'
    | 'reopen';
  /** Where it goes; a send-back asks for its target. */
  to?: PostmortemStage;
}

/**
 * The moves that make sense from a stage, on the path the severity's process
 * gives: with sign-off by the incident commander, a working stage can also
 * be published straight away, and review is not offered. Who may make them
 * is the backend's call; it answers 403 to anyone else.
 */
export function stageActions(
  stage: PostmortemStage,
  process: ReviewProcess = FULL_REVIEW,
): StageAction[] {
  if (process.signOff === 'incident_commander' && stage !== 'published') {
    const next = POSTMORTEM_STAGES[POSTMORTEM_STAGES.indexOf(stage) + 1];
    const signOff: StageAction = { kind: 'signOff', to: 'published' };
    return next && next !== 'in_review' && next !== 'approved'
      ? [{ kind: 'advance', to: next }, signOff]
      : [signOff];
  }
  switch (stage) {
    case 'in_review':
      return [{ kind: 'approve', to: 'approved' }, { kind: 'sendBack' }];
    case 'approved':
      return [
        { kind: 'publish', to: 'published' },
        { kind: 'reopen', to: 'investigation' },
      ];
    case 'published':
      return [{ kind: 'reopen', to: 'investigation' }];
    default: {
      const next = POSTMORTEM_STAGES[POSTMORTEM_STAGES.indexOf(stage) + 1];
      return next === 'in_review'
        ? [{ kind: 'submit', to: 'in_review' }]
        : [{ kind: 'advance', to: next }];
    }
  }
}

/** Stages a reviewer can send a postmortem back to. */
export const SEND_BACK_STAGES = POSTMORTEM_STAGES.slice(
  0,
  POSTMORTEM_STAGES.indexOf('in_review'),
);

function actionLabel(action: StageAction, t: PostmortemT): string {
  switch (action.kind) {
    case 'advance':
      return t('actions.advanceTo', { stage: t(`stages.${action.to!}`) });
    case 'submit':
      return t('actions.submitForReview');
    case 'approve':
      return t('actions.approve');
    case 'sendBack':
      return t('actions.sendBack');
    case 'publish':
      return t('actions.publish');
    case 'signOff':
      return t('actions.signOff');
    default:
      return t('actions.reopen');
  }
}

/** The unmet gates as a list: readable name, then the backend's detail. */
export function UnmetGateList(props: { gates: UnmetGate[] }) {
  const classes = useStyles();
  const t = usePostmortemT();
  return (
    <ul className={classes.gates}>
      {props.gates.map((gate, index) => (
        <li key={`${gate.gate}-${index}`}>
          <strong>{gateLabel(gate.gate, t)}</strong>
          {gate.message ? `: ${gate.message}` : null}
        </li>
      ))}
    </ul>
  );
}

/** Asks a reviewer where to send the postmortem back to, and why. */
export function SendBackDialog(props: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (to: PostmortemStage, comment: string) => void;
}) {
  const t = usePostmortemT();
  const [to, setTo] = useState<PostmortemStage>('remediation_planning');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = !comment.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!missing) props.onSubmit(to, comment.trim());
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onCancel}
      aria-labelledby="postmortem-send-back-title"
      aria-describedby="postmortem-send-back-description"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="postmortem-send-back-title">
          {t('sendBack.title')}
        </DialogTitle>
        <DialogContent>
          <DialogContentText id="postmortem-send-back-description">
            {t('sendBack.description')}
          </DialogContentText>
          <TextField
            id="postmortem-send-back-stage"
            label={t('sendBack.stage')}
            select
            SelectProps={{ native: true }}
            value={to}
            onChange={e => setTo(e.target.value as PostmortemStage)}
            fullWidth
            margin="normal"
          >
            {SEND_BACK_STAGES.map(stage => (
              <option key={stage} value={stage}>
                {t(`stages.${stage}`)}
              </option>
            ))}
          </TextField>
          <TextField
            id="postmortem-send-back-comment"
            label={t('sendBack.comment')}
            value={comment}
            onChange={e => setComment(e.target.value)}
            onBlur={() => setTouched(true)}
            required
            error={touched && missing}
            helperText={t('sendBack.commentRequired')}
            multiline
            minRows={3}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={missing || props.busy}
          >
            {t('sendBack.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Export Markdown", "Export JSON" and "Print view" behind one button. */
function ExportMenu(props: {
  postmortemId: string;
  onError: (error: unknown) => void;
}) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);

  const download = async (format: ExportFormat) => {
    setAnchor(null);
    try {
      const file = await api.exportPostmortem(props.postmortemId, format);
      saveBlob(file.blob, file.filename);
    } catch (e) {
      props.onError(e);
    }
  };

  const print = async () => {
    setAnchor(null);
    // Opened at once, within the click, so pop-up blockers let it through;
    // the export goes in when it has arrived.
    const tab = window.open('', '_blank');
    if (!tab) {
      props.onError(new Error(t('exports.popupBlocked')));
      return;
    }
    tab.opener = null;
    try {
      const file = await api.exportPostmortem(props.postmortemId, 'html');
      // The export carries its own CSP and runs no script.
      const html = new Blob([file.blob], { type: 'text/html;charset=utf-8' });
      tab.location.href = URL.createObjectURL(html);
    } catch (e) {
      tab.close();
      props.onError(e);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        aria-haspopup="menu"
        aria-controls={anchor ? 'postmortem-export-menu' : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        endIcon={<ArrowDropDownIcon />}
        onClick={e => setAnchor(e.currentTarget)}
      >
        {t('exports.menu')}
      </Button>
      <Menu
        id="postmortem-export-menu"
        anchorEl={anchor}
        keepMounted={false}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        getContentAnchorEl={null}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <MenuItem onClick={() => download('markdown')}>
          {t('exports.markdown')}
        </MenuItem>
        <MenuItem onClick={() => download('json')}>
          {t('exports.json')}
        </MenuItem>
        <MenuItem onClick={print}>{t('exports.print')}</MenuItem>
      </Menu>
    </>
  );
}

type Outcome =
  | { kind: 'success'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'gates'; gates: UnmetGate[] };

/**
 * The header's actions: generate the draft, move the postmortem between
 * stages, export it. A refused move shows the gates it did not meet.
 */
export function WorkspaceActions(props: {
  postmortem: Postmortem;
  /** After a generated draft or a stage move, with the new postmortem. */
  onChanged: (postmortem: Postmortem, action: 'draft' | 'move') => void;
  onShowGates: () => void;
  /** The severity's process; the full review until it is known. */
  process?: ReviewProcess;
}) {
  const { postmortem, onChanged, onShowGates, process } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [working, setWorking] = useState<'draft' | 'move'>();
  const busy = !!working;
  const [outcome, setOutcome] = useState<Outcome>();
  const [sendingBack, setSendingBack] = useState(false);

  const run = async (
    which: 'draft' | 'move',
    action: () => Promise<Postmortem>,
    success: (updated: Postmortem) => string,
    failure: (message: string) => string,
  ) => {
    setWorking(which);
    setOutcome(undefined);
    try {
      const updated = await action();
      setOutcome({ kind: 'success', text: success(updated) });
      setSendingBack(false);
      onChanged(updated, which);
    } catch (e) {
      if (
        e instanceof GatesNotMetError ||
        (e as Error)?.name === 'GatesNotMetError'
      ) {
        setOutcome({
          kind: 'gates',
          gates: (e as GatesNotMetError).unmetGates ?? [],
        });
      } else {
        setOutcome({ kind: 'error', text: failure(describeError(e, t)) });
      }
      setSendingBack(false);
    } finally {
      setWorking(undefined);
    }
  };

  const generate = () =>
    run(
      'draft',
      () => api.generateDraft(postmortem.id),
      () => t('actions.draftDone'),
      message => t('actions.draftError', { message }),
    );

  const move = (to: PostmortemStage, comment?: string) =>
    run(
      'move',
      () =>
        api.transition(postmortem.id, { to, ...(comment ? { comment } : {}) }),
      updated => t('actions.moved', { stage: t(`stages.${updated.stage}`) }),
      message => t('actions.transitionError', { message }),
    );

  return (
    <Box mt={1} mb={1}>
      <div
        className={classes.toolbar}
        role="toolbar"
        aria-label={t('actions.label')}
      >
        <Button
          variant="outlined"
          color="primary"
          onClick={generate}
          disabled={busy}
        >
          {working === 'draft'
            ? t('actions.generating')
            : t('actions.generateDraft')}
        </Button>
        {stageActions(postmortem.stage, process).map(action => (
          <Button
            key={action.kind}
            variant="contained"
            color={action.kind === 'sendBack' ? 'default' : 'primary'}
            disabled={busy}
            aria-haspopup={action.kind === 'sendBack' ? 'dialog' : undefined}
            onClick={() =>
              action.kind === 'sendBack'
                ? setSendingBack(true)
                : move(action.to!)
            }
          >
            {actionLabel(action, t)}
          </Button>
        ))}
        <ExportMenu
          postmortemId={postmortem.id}
          onError={e =>
            setOutcome({
              kind: 'error',
              text: t('exports.error', { message: describeError(e, t) }),
            })
          }
        />
      </div>
      <Box mt={1} aria-live="polite">
        {outcome?.kind === 'success' && (
          <Alert severity="success" role="status">
            {outcome.text}
          </Alert>
        )}
      </Box>
      {outcome?.kind === 'error' && (
        <Alert severity="error" role="alert">
          {outcome.text}
        </Alert>
      )}
      {outcome?.kind === 'gates' && (
        <Alert
          severity="warning"
          role="alert"
          action={
            <Button color="inherit" size="small" onClick={onShowGates}>
              {t('actions.showGates')}
            </Button>
          }
        >
          <AlertTitle>{t('actions.gatesRefusedTitle')}</AlertTitle>
          {t('actions.gatesRefused')}
          <UnmetGateList gates={outcome.gates} />
        </Alert>
      )}
      {sendingBack && (
        <SendBackDialog
          open
          busy={busy}
          onCancel={() => setSendingBack(false)}
          onSubmit={(to, comment) => move(to, comment)}
        />
      )}
    </Box>
  );
}
