import { TableColumn, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { createContext, useContext, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { PostmortemTable } from '../PostmortemTable';
import { usePostmortemT } from '../shared/format';
import {
  entityQuery,
  isGroup,
  RemediationSummary,
  summarizeRemediation,
} from './entityData';
import { IncidentMetrics } from './IncidentMetrics';
import { RemediationProgress } from './RemediationProgress';
import { TeamRemediationBacklog } from './TeamRemediationBacklog';

type Remediation = RemediationSummary | Error;

// The summaries reach the table's cells through context, so the columns
// stay the same while they load and the table is not rebuilt.
const RemediationContext = createContext<Map<string, Remediation> | undefined>(
  undefined,
);

function RemediationCell(props: { row: Postmortem }) {
  const t = usePostmortemT();
  const summary = useContext(RemediationContext)?.get(props.row.id);
  if (!summary) return null;
  if (summary instanceof Error) {
    return (
      <Typography variant="caption" color="error">
        {t('entityTab.remediationError', { message: summary.message })}
      </Typography>
    );
  }
  return <RemediationProgress humanId={props.row.humanId} summary={summary} />;
}

/**
 * The "Postmortems" tab of an entity page: its postmortems with their
 * remediation progress, median time to detect and restore, and for a group
 * the remediation backlog it owns.
 */
export function EntityPostmortemsContent() {
  const { entity } = useEntity();
  const api = useApi(postmortemApiRef);
  const t = usePostmortemT();
  const [includeDependencies, setIncludeDependencies] = useState(false);
  const entityRef = stringifyEntityRef(entity);
  const group = isGroup(entity);
  const query = entityQuery(entity);
  const queryKey = JSON.stringify(query);

  const { value, loading, error } = useAsync(
    () => api.listPostmortems({ ...JSON.parse(queryKey), includeDependencies }),
    [api, queryKey, includeDependencies],
  );

  const remediation = useAsync(async () => {
    const entries = await Promise.all(
      (value?.items ?? []).map(
        async (postmortem): Promise<[string, Remediation]> => {
          try {
            const items = await api.listRemediationItems(postmortem.id);
            return [postmortem.id, summarizeRemediation(items)];
          } catch (e) {
            return [postmortem.id, e as Error];
          }
        },
      ),
    );
    return new Map(entries);
  }, [api, value]);

  const extraColumns = useMemo(
    (): TableColumn<Postmortem>[] => [
      {
        title: t('entityTab.remediation'),
        field: 'id',
        sorting: false,
        // Room for the bar; its counts wrap between words.
        cellStyle: { minWidth: 160, width: '25%' },
        render: row => <RemediationCell row={row} />,
      },
    ],
    [t],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FormControlLabel
          control={
            <Switch
              checked={includeDependencies}
              onChange={e => setIncludeDependencies(e.target.checked)}
              color="primary"
            />
          }
          label={t('entityTab.includeDependencies')}
        />
      </Grid>
      {/* The table takes the full width up to wide screens, so that its
          titles stay readable beside the remediation column. */}
      <Grid item xs={12} xl={8}>
        {error ? (
          <WarningPanel
            severity="error"
            title={t('list.error', { message: error.message })}
          />
        ) : (
          <RemediationContext.Provider value={remediation.value}>
            <PostmortemTable
              title={t('entityTab.title')}
              postmortems={value?.items ?? []}
              loading={loading}
              extraColumns={extraColumns}
            />
          </RemediationContext.Provider>
        )}
      </Grid>
      <Grid item xs={12} xl={4}>
        <IncidentMetrics
          query={query}
          includeDependencies={includeDependencies}
        />
      </Grid>
      {group && (
        <Grid item xs={12}>
          <TeamRemediationBacklog groupRef={entityRef} />
        </Grid>
      )}
    </Grid>
  );
}
