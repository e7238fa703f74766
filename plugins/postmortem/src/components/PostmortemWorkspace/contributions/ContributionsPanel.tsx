import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  HistoryEntry,
  NARRATIVE_SECTIONS,
  Perspective,
  PERSPECTIVES,
  Postmortem,
} from '@postmortems/plugin-postmortem-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  PostmortemComment,
  postmortemApiRef,
} from '../../../api/PostmortemApi';
import { describeError } from '../../shared/errors';
import {
  formatDateTime,
  isNarrativeSection,
  PostmortemT,
  usePostmortemT,
} from '../../shared/format';
import { EmptyText } from '../../shared/states';
import { ListAndFormPanel, RecordForm } from '../ListAndFormPanel';

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
  text: { whiteSpace: 'pre-wrap' },
}));

/** Who contributed what: comments by perspective and recorded changes. */
export interface Contributor {
  ref: string;
  comments: number;
  changes: number;
  perspectives: Perspective[];
}

/**
 * Everyone who commented or changed the postmortem, most active first,
 * each with the perspectives they commented from.
 */
export function contributorsOf(
  comments: PostmortemComment[],
  history: HistoryEntry[],
): Contributor[] {
  const byRef = new Map<string, Contributor>();
  const get = (ref: string) => {
    let found = byRef.get(ref);
    if (!found) {
      found = { ref, comments: 0, changes: 0, perspectives: [] };
      byRef.set(ref, found);
    }
    return found;
  };
  for (const comment of comments) {
    const contributor = get(comment.author);
    contributor.comments += 1;
    if (!contributor.perspectives.includes(comment.perspective)) {
      contributor.perspectives.push(comment.perspective);
    }
  }
  for (const entry of history) {
    if (entry.actor) get(entry.actor).changes += 1;
  }
  return [...byRef.values()].sort(
    (a, b) =>
      b.comments + b.changes - (a.comments + a.changes) ||
      a.ref.localeCompare(b.ref),
  );
}

function sectionName(section: string, t: PostmortemT) {
  return isNarrativeSection(section)
    ? t(`narrative.sections.${section}`)
    : section;
}

function PersonLink(props: { entityRef: string }) {
  // Actors may be services or plugins rather than catalog entities.
  return props.entityRef.includes(':') ? (
    <EntityRefLink entityRef={props.entityRef} defaultKind="user" />
  ) : (
    <>{props.entityRef}</>
  );
}

function CommentList(props: { comments: PostmortemComment[] }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const present = PERSPECTIVES.filter(p =>
    props.comments.some(c => c.perspective === p),
  );
  return (
    <>
      {present.map(perspective => {
        const comments = props.comments.filter(
          c => c.perspective === perspective,
        );
        const headingId = `postmortem-comments-${perspective}`;
        return (
          <Box
            component="section"
            key={perspective}
            aria-labelledby={headingId}
          >
            <Typography variant="h6" component="h4" id={headingId}>
              {t('contributions.group', {
                perspective: t(`causes.perspectives.${perspective}`),
                count: comments.length,
              })}
            </Typography>
            <ul className={classes.list}>
              {comments.map(comment => (
                <li key={comment.id} className={classes.item}>
                  <div className={classes.row}>
                    <Typography variant="body2" component="span">
                      <PersonLink entityRef={comment.author} />
                    </Typography>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="span"
                    >
                      {formatDateTime(comment.createdAt)}
                    </Typography>
                    <Chip
                      size="small"
                      variant="outlined"
                      label={t(`causes.perspectives.${comment.perspective}`)}
                    />
                    {comment.section && (
                      <Chip
                        size="small"
                        label={t('contributions.section', {
                          section: sectionName(comment.section, t),
                        })}
                      />
                    )}
                  </div>
                  <Typography variant="body2" className={classes.text}>
                    {comment.text}
                  </Typography>
                </li>
              ))}
            </ul>
          </Box>
        );
      })}
    </>
  );
}

function Contributors(props: {
  postmortem: Postmortem;
  comments: PostmortemComment[];
}) {
  const { postmortem, comments } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const history = useAsync(
    () => api.listHistory(postmortem.id),
    [api, postmortem.id, postmortem.revision],
  );
  const contributors = contributorsOf(comments, history.value ?? []);
  return (
    <InfoCard title={t('contributions.contributorsTitle')}>
      {history.error && (
        <Box mb={1}>
          <Alert severity="warning">
            {t('contributions.contributorsError', {
              message: history.error.message,
            })}
          </Alert>
        </Box>
      )}
      {history.loading && !history.value && <Progress />}
      {!history.loading && contributors.length === 0 && (
        <EmptyText>{t('contributions.contributorsEmpty')}</EmptyText>
      )}
      {contributors.length > 0 && (
        <Table size="small" aria-label={t('contributions.contributorsTitle')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('contributions.columns.who')}</TableCell>
              <TableCell align="right">
                {t('contributions.columns.comments')}
              </TableCell>
              <TableCell align="right">
                {t('contributions.columns.changes')}
              </TableCell>
              <TableCell>{t('contributions.columns.perspectives')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {contributors.map(contributor => (
              <TableRow key={contributor.ref}>
                <TableCell>
                  <PersonLink entityRef={contributor.ref} />
                </TableCell>
                <TableCell align="right">{contributor.comments}</TableCell>
                <TableCell align="right">{contributor.changes}</TableCell>
                <TableCell>
                  {contributor.perspectives
                    .map(p => t(`causes.perspectives.${p}`))
                    .join(', ') || t('common.none')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

function AddCommentForm(props: { postmortemId: string; onAdded: () => void }) {
  const { postmortemId, onAdded } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [perspective, setPerspective] = useState<Perspective>('sre');
  const [section, setSection] = useState('');
  const [text, setText] = useState('');
  const valid = text.trim().length > 0;

  const add = useCallback(async () => {
    await api.addComment(postmortemId, {
      text: text.trim(),
      perspective,
      ...(section ? { section } : {}),
    });
    setText('');
  }, [api, postmortemId, text, perspective, section]);

  return (
    <RecordForm
      label={t('contributions.form.title')}
      valid={valid}
      add={add}
      onAdded={onAdded}
      submitLabel={t('contributions.form.submit')}
      errorText={e =>
        t('contributions.form.error', { message: describeError(e, t) })
      }
    >
      <Grid item xs={12} sm={6}>
        <TextField
          id="comment-perspective"
          label={t('contributions.form.perspective')}
          select
          SelectProps={{ native: true }}
          value={perspective}
          onChange={e => setPerspective(e.target.value as Perspective)}
          fullWidth
        >
          {PERSPECTIVES.map(p => (
            <option key={p} value={p}>
              {t(`causes.perspectives.${p}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6}>
        <TextField
          id="comment-section"
          label={t('contributions.form.section')}
          select
          SelectProps={{ native: true }}
          value={section}
          onChange={e => setSection(e.target.value)}
          fullWidth
        >
          <option value="">{t('contributions.form.general')}</option>
          {NARRATIVE_SECTIONS.map(s => (
            <option key={s} value={s}>
              {t(`narrative.sections.${s}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12}>
        <TextField
          id="comment-text"
          label={t('contributions.form.text')}
          value={text}
          onChange={e => setText(e.target.value)}
          required
          multiline
          minRows={3}
          fullWidth
        />
      </Grid>
    </RecordForm>
  );
}

/**
 * Contributions: comments from the SRE, development, product and other
 * perspectives, who contributed what, and a form to add a comment.
 */
export function ContributionsPanel(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  return (
    <ListAndFormPanel
      load={() => api.listComments(postmortem.id)}
      deps={[api, postmortem.id]}
      errorTitle={message => t('contributions.error', { message })}
      formTitle={t('contributions.form.title')}
      form={onAdded => (
        <AddCommentForm postmortemId={postmortem.id} onAdded={onAdded} />
      )}
    >
      {comments => (
        <>
          <Grid item xs={12} md={7}>
            <InfoCard title={t('contributions.commentsTitle')}>
              {comments.length === 0 ? (
                <EmptyText>{t('contributions.empty')}</EmptyText>
              ) : (
                <CommentList comments={comments} />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <Contributors postmortem={postmortem} comments={comments} />
          </Grid>
        </>
      )}
    </ListAndFormPanel>
  );
}
