import { Progress, WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useCallback, useState } from 'react';

/** Loading bar, error panel or nothing, for a list that loads on its own. */
export function LoadState(props: {
  loading: boolean;
  error?: Error;
  errorTitle: (message: string) => string;
}) {
  if (props.error) {
    return (
      <WarningPanel
        severity="error"
        title={props.errorTitle(props.error.message)}
      />
    );
  }
  if (props.loading) return <Progress />;
  return null;
}

/** A short muted sentence for empty lists. */
export function EmptyText(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

/** Runs a form submission, tracking whether it runs and how it failed. */
export function useSubmit<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(undefined);
      try {
        await action(...args);
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { submit, busy, error };
}
