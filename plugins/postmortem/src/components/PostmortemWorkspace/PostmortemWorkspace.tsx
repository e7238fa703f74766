import { Content, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { AuditLog } from './history/AuditLog';
import { CausesBoard } from './causes/CausesBoard';
import { ContributionsPanel } from './contributions/ContributionsPanel';
import { DependencyMapPanel } from './dependencies/DependencyMap';
import { EvidencePanel } from './evidence/EvidencePanel';
import { usePostmortemT } from '../shared/format';
import { GatesPanel } from './gates/GatesPanel';
import { NarrativeEditor } from './overview/NarrativeEditor';
import { RemediationBoard } from './remediation/RemediationBoard';
import { SimilarIncidents } from './similar/SimilarIncidents';
import { TimelineView } from './timeline/TimelineView';
import { VersionHistory } from './history/VersionHistory';
import { WorkspaceActions } from './header/WorkspaceActions';
import { WorkspaceHeader } from './header/WorkspaceHeader';

export const WORKSPACE_TABS = [
  'overview',
  'timeline',
  'evidence',
  'causes',
  'remediation',
  'dependencies',
  'contributions',
  'similar',
  'gates',
  'history',
] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'loaded'; postmortem: Postmortem };

/** Panels that show what a generated draft adds; they reload after one. */
const DRAFTED: readonly WorkspaceTab[] = [
  'timeline',
  'evidence',
  'causes',
  'remediation',
  'dependencies',
];

/**
 * The workspace of one postmortem: header with its actions, then tabs for
 * the narrative, timeline, evidence, causes, remediation, dependency map,
 * contributions, review gates and history.
 */
export function PostmortemWorkspace(props: { id: string }) {
  const { id } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [tab, setTab] = useState<WorkspaceTab>('overview');
  // Panels mount when first opened and then stay, so a half-written
  // narrative survives a look at another tab.
  const [opened, setOpened] = useState<Set<WorkspaceTab>>(
    () => new Set(['overview']),
  );
  // Bumped when a draft was generated, to reload what it may have added,
  // and after every action, to reload the gates and approvals.
  const [drafts, setDrafts] = useState(0);
  const [actions, setActions] = useState(0);
  // The severity's process: the path of stages and the moves offered.
  const process = useAsync(
    async () => (await api.getGates(id)).process,
    [api, id, actions],
  );

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    api.getPostmortem(id).then(
      postmortem => current && setState({ status: 'loaded', postmortem }),
      error => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  const reload = useCallback(async () => {
    const postmortem = await api.getPostmortem(id);
    setState({ status: 'loaded', postmortem });
    return postmortem;
  }, [api, id]);

  const onSaved = useCallback(
    (postmortem: Postmortem) => setState({ status: 'loaded', postmortem }),
    [],
  );

  // Timeline, causes and remediation changes make a new revision too.
  const onChanged = useCallback(() => {
    reload().catch(() => {});
  }, [reload]);

  const select = useCallback((next: WorkspaceTab) => {
    setTab(next);
    setOpened(prev => (prev.has(next) ? prev : new Set(prev).add(next)));
  }, []);

  const onActed = useCallback(
    (postmortem: Postmortem, action: 'draft' | 'move') => {
      setState({ status: 'loaded', postmortem });
      setActions(n => n + 1);
      if (action === 'draft') setDrafts(n => n + 1);
    },
    [],
  );

  if (state.status === 'loading') {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (state.status === 'error') {
    return (
      <Content>
        <WarningPanel
          severity="error"
          title={t('workspace.loadError', {
            id,
            message: state.error.message,
          })}
        />
      </Content>
    );
  }

  const { postmortem } = state;
  const panels: Record<WorkspaceTab, () => ReactNode> = {
    overview: () => (
      <NarrativeEditor
        postmortem={postmortem}
        onSaved={onSaved}
        onReload={reload}
      />
    ),
    timeline: () => (
      <TimelineView postmortem={postmortem} onChanged={onChanged} />
    ),
    evidence: () => <EvidencePanel postmortem={postmortem} />,
    causes: () => <CausesBoard postmortem={postmortem} onChanged={onChanged} />,
    remediation: () => (
      <RemediationBoard postmortem={postmortem} onChanged={onChanged} />
    ),
    dependencies: () => <DependencyMapPanel postmortem={postmortem} />,
    contributions: () => <ContributionsPanel postmortem={postmortem} />,
    similar: () => <SimilarIncidents postmortem={postmortem} />,
    gates: () => <GatesPanel postmortem={postmortem} />,
    history: () => (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <VersionHistory postmortem={postmortem} />
        </Grid>
        <Grid item xs={12}>
          <AuditLog postmortem={postmortem} />
        </Grid>
      </Grid>
    ),
  };

  const panelKey = (name: WorkspaceTab) => {
    if (name === 'gates') return `gates-${actions}`;
    return DRAFTED.includes(name) ? `${name}-${drafts}` : name;
  };

  return (
    <Content>
      <WorkspaceHeader
        postmortem={postmortem}
        process={process.value}
        actions={
          <WorkspaceActions
            postmortem={postmortem}
            onChanged={onActed}
            onShowGates={() => select('gates')}
            process={process.value}
          />
        }
      />
      <Tabs
        value={tab}
        onChange={(_, next: WorkspaceTab) => select(next)}
        aria-label={t('workspace.tabsLabel')}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        selectionFollowsFocus
      >
        {WORKSPACE_TABS.map(name => (
          <Tab
            key={name}
            value={name}
            label={t(`workspace.tabs.${name}`)}
            id={`postmortem-tab-${name}`}
            aria-controls={`postmortem-tabpanel-${name}`}
          />
        ))}
      </Tabs>
      {WORKSPACE_TABS.map(name => (
        <div
          key={name}
          role="tabpanel"
          id={`postmortem-tabpanel-${name}`}
          aria-labelledby={`postmortem-tab-${name}`}
          hidden={tab !== name}
        >
          {opened.has(name) && (
            <Box pt={3} key={panelKey(name)}>
              {panels[name]()}
            </Box>
          )}
        </div>
      ))}
    </Content>
  );
}
