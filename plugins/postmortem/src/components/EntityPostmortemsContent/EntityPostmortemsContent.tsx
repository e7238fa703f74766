import { TableColumn, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { PostmortemTable } from '../PostmortemTable';
import { usePostmortemT } from '../shared/format';
import { entityQuery, isGroup, remediationProgress } from './entityData';
import { IncidentMetrics } from './IncidentMetrics';
import { RemediationProgress } from './RemediationProgress';
import { TeamRemediationBacklog } from './TeamRemediationBacklog';

function RemediationCell(props: { row: Postmortem }) {
  const { row } = props;
  if (!row.remediation) return null;
  return (
    <RemediationProgress
      humanId={row.humanId}
      summary={remediationProgress(row.remediation)}
    />
  );
}

/**
 * The "Postmortems" tab of an entity page: its postmortems with their
 * remediation progress, median time to detect and restore, and for a group
 * the remediation backlog it owns. Two requests: the page of postmortems,
 * whose items carry their remediation counts, and the incidents the
 * medians are taken over.
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
          <PostmortemTable
            title={t('entityTab.title')}
            postmortems={value?.items ?? []}
            loading={loading}
            extraColumns={extraColumns}
          />
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
