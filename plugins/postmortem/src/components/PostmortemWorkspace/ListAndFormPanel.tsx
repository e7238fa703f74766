import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { DependencyList, FormEvent, ReactNode, useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { usePostmortemT } from '../shared/format';
import { EmptyText, LoadState, useSubmit } from '../shared/states';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
}));

/** The class names of a plain record list and its items. */
export const useRecordListStyles = useStyles;

/**
 * The skeleton the causes, remediation, timeline and contributions panels
 * share: the records load on their own, show a progress bar or an error
 * until they are there, then the panel's own view of them, and below it a
 * card with the form that adds one. Adding reloads the records and tells the
 * workspace, since every addition makes a new revision.
 */
export function ListAndFormPanel<T>(props: {
  load: () => Promise<T[]>;
  /** What the records depend on, as for `useEffect`. */
  deps: DependencyList;
  errorTitle: (message: string) => string;
  /** The records, as one or more grid items. */
  children: (records: T[]) => ReactNode;
  formTitle: string;
  form: (onAdded: () => void) => ReactNode;
  onChanged?: () => void;
}) {
  const { load, deps, errorTitle, children, formTitle, form, onChanged } =
    props;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { value, loading, error, retry } = useAsyncRetry(load, deps);
  const onAdded = useCallback(() => {
    retry();
    onChanged?.();
  }, [retry, onChanged]);
  return (
    <Grid container spacing={3}>
      {!value && (
        <Grid item xs={12}>
          <LoadState loading={loading} error={error} errorTitle={errorTitle} />
        </Grid>
      )}
      {value && children(value)}
      <Grid item xs={12}>
        <InfoCard title={formTitle}>{form(onAdded)}</InfoCard>
      </Grid>
    </Grid>
  );
}

/**
 * Records in columns, one card per group (cause types, remediation
 * horizons), each a labelled list or a short sentence when it is empty.
 */
export function RecordColumns<G extends string, T>(props: {
  groups: readonly G[];
  records: T[];
  groupOf: (record: T) => G;
  title: (group: G) => string;
  empty: string;
  /** Order within a group; the server's order without it. */
  order?: (records: T[]) => T[];
  keyOf: (record: T) => string;
  render: (record: T) => ReactNode;
}) {
  const classes = useStyles();
  const { groups, records, groupOf, title, empty, order, keyOf, render } =
    props;
  return (
    <>
      {groups.map(group => {
        const inGroup = records.filter(r => groupOf(r) === group);
        const shown = order ? order(inGroup) : inGroup;
        return (
          <Grid item xs={12} md={4} key={group}>
            <InfoCard title={title(group)} variant="gridItem">
              {shown.length === 0 ? (
                <EmptyText>{empty}</EmptyText>
              ) : (
                <ul className={classes.list} aria-label={title(group)}>
                  {shown.map(record => (
                    <li key={keyOf(record)} className={classes.item}>
                      {render(record)}
                    </li>
                  ))}
                </ul>
              )}
            </InfoCard>
          </Grid>
        );
      })}
    </>
  );
}

/**
 * The form that adds a record: its fields, the error of the last attempt
 * and a submit button that is disabled while the form is invalid or busy.
 * `add` sends the record and clears the fields; `onAdded` runs after it.
 */
export function RecordForm(props: {
  label: string;
  valid: boolean;
  add: () => Promise<void>;
  onAdded: () => void;
  submitLabel: string;
  errorText: (error: Error) => string;
  children: ReactNode;
}) {
  const t = usePostmortemT();
  const { label, valid, add, onAdded, submitLabel, errorText, children } =
    props;
  const action = useCallback(async () => {
    await add();
    onAdded();
  }, [add, onAdded]);
  const { submit, busy, error } = useSubmit(action);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) submit();
  };
  return (
    <form onSubmit={onSubmit} aria-label={label}>
      {error && (
        <Box mb={2}>
          <Alert severity="error" role="alert">
            {errorText(error)}
          </Alert>
        </Box>
      )}
      <Grid container spacing={2}>
        {children}
        <Grid item xs={12}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!valid || busy}
          >
            {busy ? t('common.adding') : submitLabel}
          </Button>
        </Grid>
      </Grid>
    </form>
  );
}
