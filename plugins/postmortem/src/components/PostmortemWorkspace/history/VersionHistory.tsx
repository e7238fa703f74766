import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
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
import type {
  DiffLine,
  Postmortem,
  Revision,
  SectionDiff,
} from '@postmortems/plugin-postmortem-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import {
  formatDateTime,
  sectionLabel,
  usePostmortemT,
} from '../../shared/format';
import { EmptyText, LoadState } from '../../shared/states';

const useStyles = makeStyles(theme => ({
  diffTable: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    '& th': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      fontFamily: theme.typography.fontFamily,
    },
    '& td': {
      verticalAlign: 'top',
      padding: theme.spacing(0, 1),
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      width: '50%',
    },
  },
  delete: {
    backgroundColor: theme.palette.type === 'dark' ? '#5c1f24' : '#ffebe9',
  },
  insert: {
    backgroundColor: theme.palette.type === 'dark' ? '#1f4a2c' : '#e6ffec',
  },
  marker: { userSelect: 'none', display: 'inline-block', width: '1.5em' },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  selects: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
}));

interface DiffRow {
  left?: DiffLine;
  right?: DiffLine;
}

/**
 * Side-by-side rows of a line diff: equal lines on both sides; a run of
 * deletions faces the run of insertions that replaced it.
 */
export function sideBySide(lines: DiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let deleted: DiffLine[] = [];
  let inserted: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(deleted.length, inserted.length); i++) {
      rows.push({ left: deleted[i], right: inserted[i] });
    }
    deleted = [];
    inserted = [];
  };
  for (const line of lines) {
    if (line.op === 'equal') {
      flush();
      rows.push({ left: line, right: line });
    } else if (line.op === 'delete') {
      deleted.push(line);
    } else {
      inserted.push(line);
    }
  }
  flush();
  return rows;
}

function DiffCell(props: { line?: DiffLine }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { line } = props;
  if (!line) return <td />;
  const marker = { equal: ' ', delete: '-', insert: '+' }[line.op];
  const spoken = {
    equal: t('history.unchanged'),
    delete: t('history.deleted'),
    insert: t('history.inserted'),
  }[line.op];
  const className = {
    equal: undefined,
    delete: classes.delete,
    insert: classes.insert,
  }[line.op];
  return (
    <td className={className} data-op={line.op}>
      <span className={classes.visuallyHidden}>{`${spoken}: `}</span>
      <span className={classes.marker} aria-hidden="true">
        {marker}
      </span>
      {line.text}
    </td>
  );
}

function SectionDiffView(props: {
  diff: SectionDiff;
  from: number;
  to: number;
}) {
  const classes = useStyles();
  const t = usePostmortemT();
  const { diff, from, to } = props;
  const title = sectionLabel(diff.section, t);
  return (
    <Box mb={3} component="section" aria-label={title}>
      <Typography variant="h6" component="h4">
        {title}
      </Typography>
      <table className={classes.diffTable}>
        <thead>
          <tr>
            <th scope="col">
              {t('history.before', { revision: String(from) })}
            </th>
            <th scope="col">{t('history.after', { revision: String(to) })}</th>
          </tr>
        </thead>
        <tbody>
          {sideBySide(diff.lines).map((row, index) => (
            <tr key={index}>
              <DiffCell line={row.left} />
              <DiffCell line={row.right} />
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

/** The sections that differ between two revisions, side by side. */
export function RevisionDiffView(props: {
  postmortemId: string;
  from: number;
  to: number;
}) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { postmortemId, from, to } = props;
  const { value, loading, error } = useAsync(
    () => api.diffRevisions(postmortemId, from, to),
    [api, postmortemId, from, to],
  );
  if (!value || loading) {
    return (
      <LoadState
        loading={loading}
        error={error}
        errorTitle={message => t('history.diffError', { message })}
      />
    );
  }
  if (value.sections.length === 0) {
    return <EmptyText>{t('history.noDifferences')}</EmptyText>;
  }
  return (
    <>
      {value.sections.map(section => (
        <SectionDiffView
          key={section.section}
          diff={section}
          from={value.from}
          to={value.to}
        />
      ))}
    </>
  );
}

function RevisionTable(props: { revisions: Revision[] }) {
  const t = usePostmortemT();
  return (
    <Table size="small" aria-label={t('history.revisionsTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('history.columns.revision')}</TableCell>
          <TableCell>{t('history.columns.author')}</TableCell>
          <TableCell>{t('history.columns.time')}</TableCell>
          <TableCell>{t('history.columns.changed')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.revisions.map(revision => (
          <TableRow key={revision.revision}>
            <TableCell>{revision.revision}</TableCell>
            <TableCell>{revision.author}</TableCell>
            <TableCell>{formatDateTime(revision.createdAt)}</TableCell>
            <TableCell>
              {revision.changed.length
                ? revision.changed.map(c => sectionLabel(c, t)).join(', ')
                : t('common.none')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Revisions of a postmortem and a comparison of any two of them. */
export function VersionHistory(props: { postmortem: Postmortem }) {
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { postmortem } = props;
  const { value, loading, error } = useAsync(
    () => api.listRevisions(postmortem.id),
    // A new revision of the postmortem means a new entry here.
    [api, postmortem.id, postmortem.revision],
  );
  // Until the reader picks, compare the newest revision with the one before.
  const [pickedFrom, setFrom] = useState<number>();
  const [pickedTo, setTo] = useState<number>();

  if (!value) {
    return (
      <LoadState
        loading={loading}
        error={error}
        errorTitle={message => t('history.revisionsError', { message })}
      />
    );
  }
  if (value.length === 0) {
    return (
      <InfoCard title={t('history.revisionsTitle')}>
        <EmptyText>{t('history.revisionsEmpty')}</EmptyText>
      </InfoCard>
    );
  }

  const to = pickedTo ?? value[0].revision;
  const from = pickedFrom ?? value[Math.min(1, value.length - 1)].revision;

  const options = value.map(r => (
    <option key={r.revision} value={r.revision}>
      {t('history.revisionOption', { revision: String(r.revision) })}
    </option>
  ));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={t('history.revisionsTitle')}>
          <RevisionTable revisions={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('history.compareTitle')}>
          {value.length < 2 ? (
            <EmptyText>{t('history.onlyOne')}</EmptyText>
          ) : (
            <>
              <div className={classes.selects}>
                <TextField
                  id="revision-from"
                  label={t('history.from')}
                  select
                  SelectProps={{ native: true }}
                  value={from}
                  onChange={e => setFrom(Number(e.target.value))}
                >
                  {options}
                </TextField>
                <TextField
                  id="revision-to"
                  label={t('history.to')}
                  select
                  SelectProps={{ native: true }}
                  value={to}
                  onChange={e => setTo(Number(e.target.value))}
                >
                  {options}
                </TextField>
              </div>
              <Box mt={2}>
                {from === to && (
                  <Alert severity="info">{t('history.sameRevision')}</Alert>
                )}
                {from !== to && (
                  <RevisionDiffView
                    postmortemId={postmortem.id}
                    from={from}
                    to={to}
                  />
                )}
              </Box>
            </>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
