import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  checkBlamelessLanguage,
  LanguageFinding,
  NARRATIVE_SECTIONS,
  NarrativeSection,
  Postmortem,
} from '@postmortems/plugin-postmortem-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  postmortemApiRef,
  RevisionConflictError,
} from '../../../api/PostmortemApi';
import { EmptyText } from '../../shared/states';
import { usePostmortemT } from '../../shared/format';

const useStyles = makeStyles(theme => ({
  findings: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(3) },
  flagged: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    padding: theme.spacing(0, 0.5),
  },
  saved: {
    whiteSpace: 'pre-wrap',
    fontFamily: 'monospace',
    maxHeight: 240,
    overflow: 'auto',
    padding: theme.spacing(1),
    border: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * Names that would point at a person in the narrative: the user names of
 * everyone holding a role, as written (jane.doe) and as words (jane doe).
 */
export function personNamesOf(postmortem: Postmortem): string[] {
  const { roles } = postmortem;
  const refs = [
    roles.incidentCommander,
    ...(roles.technicalOwners ?? []),
    ...(roles.reviewers ?? []),
    ...(roles.contributors ?? []),
  ].filter((ref): ref is string => !!ref);
  const names = new Set<string>();
  for (const ref of refs) {
    const kind = ref.includes(':') ? ref.split(':')[0] : 'user';
    if (kind.toLocaleLowerCase('en-US') !== 'user') continue;
    const name =
      ref
        .slice(ref.lastIndexOf('/') + 1)
        .split(':')
        .pop() ?? '';
    if (!name) continue;
    names.add(name);
    const words = name.split(/[._-]+/).filter(Boolean);
    if (words.length > 1) names.add(words.join(' '));
  }
  return [...names];
}

type Rule = LanguageFinding['rule'];

/** Rules this UI has words for; others show the check's English text. */
const KNOWN_RULES: readonly Rule[] = [
  'human-error',
  'counterfactual',
  'failed-to',
  'forgot',
  'judgement',
  'hindsight',
  'named-person',
];

function isKnownRule(rule: string): rule is Rule {
  return (KNOWN_RULES as readonly string[]).includes(rule);
}

function isConflict(error: unknown): error is RevisionConflictError {
  return (
    error instanceof RevisionConflictError ||
    ((error as Error)?.name === 'RevisionConflictError' &&
      typeof (error as RevisionConflictError).currentRevision === 'number')
  );
}

/** Blameless-language findings of the text being typed. */
function Findings(props: {
  text: string;
  personNames: string[];
  onApply: (text: string) => void;
}) {
  const classes = useStyles();
  const t = usePostmortemT();
  const result = useMemo((): LanguageFinding[] | undefined => {
    try {
      return checkBlamelessLanguage(props.text, {
        personNames: props.personNames,
      });
    } catch {
      return undefined;
    }
  }, [props.text, props.personNames]);

  return (
    <Box mt={1} role="status" aria-live="polite">
      <Typography variant="subtitle2" component="p">
        {t('narrative.findingsTitle')}
      </Typography>
      {result === undefined && (
        <EmptyText>{t('narrative.checkUnavailable')}</EmptyText>
      )}
      {result?.length === 0 && (
        <EmptyText>{t('narrative.noFindings')}</EmptyText>
      )}
      {result && result.length > 0 && (
        <>
          <Typography variant="body2">
            {t('narrative.findingsCount', { count: result.length })}
          </Typography>
          <ul className={classes.findings}>
            {result.map(finding => (
              <li key={`${finding.rule}-${finding.start}-${finding.end}`}>
                <Typography variant="body2" component="span">
                  <strong>
                    {t('narrative.findingRule', {
                      rule: isKnownRule(finding.rule)
                        ? t(`narrative.rules.${finding.rule}`)
                        : finding.rule,
                    })}
                  </strong>
                  {' — '}
                  <span className={classes.flagged}>
                    {t('narrative.findingText', { text: finding.text })}
                  </span>
                  {' — '}
                  {isKnownRule(finding.rule)
                    ? t(`narrative.ruleMessages.${finding.rule}`)
                    : finding.message}
                  {finding.suggestion ? (
                    <>
                      {' '}
                      <em>
                        {t('narrative.findingSuggestion', {
                          suggestion: finding.suggestion,
                        })}
                      </em>
                    </>
                  ) : null}
                </Typography>
                {finding.rewrite !== undefined && (
                  <Button
                    size="small"
                    color="primary"
                    onClick={() =>
                      props.onApply(
                        props.text.slice(0, finding.sentenceStart) +
                          finding.rewrite +
                          props.text.slice(finding.sentenceEnd),
                      )
                    }
                  >
                    {t('narrative.applyRewrite')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Box>
  );
}

/** One narrative section: rendered Markdown, or a textarea while editing. */
export function NarrativeSectionCard(props: {
  postmortem: Postmortem;
  section: NarrativeSection;
  personNames: string[];
  onSaved: (postmortem: Postmortem) => void;
  onReload: () => Promise<Postmortem>;
}) {
  const { postmortem, section, personNames, onSaved, onReload } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const label = t(`narrative.sections.${section}`);
  const saved = postmortem.narrative[section] ?? '';

  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  // The revision the draft is based on, and this section's text in it.
  const [base, setBase] = useState(postmortem.revision);
  const [baseText, setBaseText] = useState(saved);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error>();
  const [conflict, setConflict] = useState<RevisionConflictError>();
  const [reloaded, setReloaded] = useState<{
    revision: number;
    text: string;
  }>();

  // The workspace reloads the postmortem after this user's own changes
  // elsewhere (another section, the timeline, …). When this section is still
  // as the draft started from, the draft is based on the newer revision too,
  // so saving it must not count as a conflict.
  useEffect(() => {
    if (editing && postmortem.revision > base && saved === baseText) {
      setBase(postmortem.revision);
    }
  }, [editing, postmortem.revision, base, saved, baseText]);

  const fieldId = `narrative-${section}`;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const reset = () => {
    setSaveError(undefined);
    setConflict(undefined);
    setReloaded(undefined);
  };

  const startEditing = () => {
    reset();
    setDraft(saved);
    setBase(postmortem.revision);
    setBaseText(saved);
    setEditing(true);
  };

  const cancel = () => {
    reset();
    setEditing(false);
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    setConflict(undefined);
    try {
      const updated = await api.updatePostmortem(postmortem.id, base, {
        narrative: { [section]: draft },
      });
      reset();
      setEditing(false);
      onSaved(updated);
    } catch (e) {
      if (isConflict(e)) setConflict(e);
      else setSaveError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  const reloadKeepingDraft = async () => {
    try {
      const latest = await onReload();
      setConflict(undefined);
      setBase(latest.revision);
      setBaseText(latest.narrative[section] ?? '');
      setReloaded({
        revision: latest.revision,
        text: latest.narrative[section] ?? '',
      });
    } catch (e) {
      setSaveError(e as Error);
    }
  };

  const discard = async () => {
    cancel();
    try {
      await onReload();
    } catch {
      // The card shows what it has; the workspace reports load errors.
    }
  };

  return (
    <InfoCard
      title={label}
      action={
        editing ? undefined : (
          <Button
            color="primary"
            onClick={startEditing}
            aria-label={t('narrative.editSection', { section: label })}
          >
            {t('narrative.edit')}
          </Button>
        )
      }
    >
      {!editing &&
        (saved ? (
          <MarkdownContent content={saved} dialect="gfm" />
        ) : (
          <EmptyText>{t('narrative.empty')}</EmptyText>
        ))}
      {editing && (
        <>
          {conflict && (
            <Box mb={2}>
              <Alert
                severity="warning"
                action={
                  <>
                    <Button
                      color="inherit"
                      size="small"
                      onClick={reloadKeepingDraft}
                    >
                      {t('narrative.reloadKeep')}
                    </Button>
                    <Button color="inherit" size="small" onClick={discard}>
                      {t('narrative.discard')}
                    </Button>
                  </>
                }
              >
                <AlertTitle>{t('narrative.conflictTitle')}</AlertTitle>
                {t('narrative.conflict', {
                  revision: String(conflict.currentRevision),
                  base: String(base),
                })}
              </Alert>
            </Box>
          )}
          {saveError && (
            <Box mb={2}>
              <Alert severity="error">
                {t('narrative.saveError', { message: saveError.message })}
              </Alert>
            </Box>
          )}
          {reloaded && (
            <Box mb={2}>
              <Alert severity="info">
                {t('narrative.reloaded', {
                  revision: String(reloaded.revision),
                })}
              </Alert>
              <Typography variant="subtitle2" component="p">
                {t('narrative.latestVersion')}
              </Typography>
              <div className={classes.saved}>
                {reloaded.text || t('narrative.empty')}
              </div>
            </Box>
          )}
          <TextField
            id={fieldId}
            label={t('narrative.fieldLabel', { section: label })}
            value={draft}
            onChange={e => setDraft(e.target.value)}
            multiline
            minRows={6}
            fullWidth
            variant="outlined"
            inputRef={inputRef}
          />
          <Findings text={draft} personNames={personNames} onApply={setDraft} />
          <Box mt={2} display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="primary"
              onClick={save}
              disabled={saving}
              aria-label={t('narrative.saveSection', { section: label })}
            >
              {saving ? t('common.saving') : t('common.save')}
            </Button>
            <Button
              onClick={cancel}
              disabled={saving}
              aria-label={t('narrative.cancelSection', { section: label })}
            >
              {t('common.cancel')}
            </Button>
          </Box>
        </>
      )}
    </InfoCard>
  );
}

/** The seven narrative sections, one card each. */
export function NarrativeEditor(props: {
  postmortem: Postmortem;
  onSaved: (postmortem: Postmortem) => void;
  onReload: () => Promise<Postmortem>;
}) {
  const { postmortem } = props;
  const personNames = useMemo(() => personNamesOf(postmortem), [postmortem]);
  return (
    <Grid container spacing={3}>
      {NARRATIVE_SECTIONS.map(section => (
        <Grid item xs={12} key={section}>
          <NarrativeSectionCard
            postmortem={postmortem}
            section={section}
            personNames={personNames}
            onSaved={props.onSaved}
            onReload={props.onReload}
          />
        </Grid>
      ))}
    </Grid>
  );
}
