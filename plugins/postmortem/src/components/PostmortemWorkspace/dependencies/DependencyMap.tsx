import { InfoCard } from '@backstage/core-components';
import {
  useApi,
  useAppHref,
  useAppNavigate,
} from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { MouseEvent } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  DependencyMap as DependencyMapData,
  DependencyMapEdge,
  DependencyMapNode,
  postmortemApiRef,
} from '../../../api/PostmortemApi';
import { describeError } from '../../shared/errors';
import {
  formatDateTime,
  PostmortemT,
  usePostmortemT,
} from '../../shared/format';
import { EmptyText, LoadState } from '../../shared/states';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 52;
const GAP_X = 80;
const GAP_Y = 32;
const PAD = 16;
const HEADER = 28;
const MAX_LABEL = 24;

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto', maxWidth: '100%' },
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:hover $box': { strokeWidth: 3 },
    '&:focus $focusRing, &:focus-visible $focusRing': { visibility: 'visible' },
  },
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
  },
  affected: {
    fill: theme.palette.error.light,
    stroke: theme.palette.error.dark,
  },
  top: {
    stroke: theme.palette.secondary.main,
    strokeWidth: 4,
    strokeDasharray: '8 4',
  },
  focusRing: {
    visibility: 'hidden',
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 3,
  },
  name: {
    fill: theme.palette.text.primary,
    fontSize: 13,
    fontWeight: 600,
  },
  affectedText: {
    fill: theme.palette.getContrastText(theme.palette.error.light),
  },
  detail: { fill: theme.palette.text.secondary, fontSize: 11 },
  topLabel: {
    fill: theme.palette.secondary.main,
    fontSize: 11,
    fontWeight: 700,
  },
  layer: { fill: theme.palette.text.secondary, fontSize: 12 },
  edge: {
    fill: 'none',
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
  },
  arrow: { fill: theme.palette.text.secondary },
  // Calls seen in traces: thicker; red when some failed or were slow;
  // dashed when the catalog does not know the edge.
  edgeObserved: { stroke: theme.palette.primary.main, strokeWidth: 3 },
  edgeTroubled: { stroke: theme.palette.error.main },
  edgeUncataloged: { strokeDasharray: '7 4' },
  swatchObserved: {
    height: 0,
    border: 0,
    borderTop: `3px solid ${theme.palette.primary.main}`,
  },
  swatchUncataloged: {
    height: 0,
    border: 0,
    borderTop: `3px dashed ${theme.palette.primary.main}`,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    alignItems: 'center',
  },
  swatch: {
    display: 'inline-block',
    width: 18,
    height: 12,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
    border: `1.5px solid ${theme.palette.text.secondary}`,
    backgroundColor: theme.palette.background.paper,
  },
  swatchAffected: {
    backgroundColor: theme.palette.error.light,
    borderColor: theme.palette.error.dark,
  },
  swatchTop: {
    border: `3px dashed ${theme.palette.secondary.main}`,
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
}));

/** The catalog page of an entity: /catalog/<namespace>/<kind>/<name>. */
export function catalogPath(entityRef: string): string {
  let kind = 'component';
  let namespace = 'default';
  let name = entityRef;
  try {
    const parsed = parseEntityRef(entityRef);
    ({ kind, namespace, name } = parsed);
  } catch {
    // Not a full ref; link it as a component in the default namespace.
  }
  return `/catalog/${encodeURIComponent(
    namespace.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}

/** kind:name for the default namespace, else the ref as it is. */
export function shortRef(entityRef: string): string {
  return entityRef.replace(/^([^:]+):default\//, '$1:');
}

function clip(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export interface Position {
  x: number;
  y: number;
}

/**
 * Columns by distance from the affected entities, left to right; within a
 * column affected entities first, then by name.
 */
export function layoutMap(nodes: DependencyMapNode[]) {
  const distances = [...new Set(nodes.map(n => n.distance))].sort(
    (a, b) => a - b,
  );
  const positions = new Map<string, Position>();
  let rows = 0;
  distances.forEach((distance, column) => {
    const inColumn = nodes
      .filter(n => n.distance === distance)
      .sort(
        (a, b) =>
          Number(b.affected) - Number(a.affected) ||
          a.entityRef.localeCompare(b.entityRef),
      );
    rows = Math.max(rows, inColumn.length);
    inColumn.forEach((node, row) => {
      positions.set(node.entityRef, {
        x: PAD + column * (NODE_WIDTH + GAP_X),
        y: PAD + HEADER + GAP_Y / 2 + row * (NODE_HEIGHT + GAP_Y),
      });
    });
  });
  return {
    distances,
    positions,
    width: PAD * 2 + distances.length * (NODE_WIDTH + GAP_X) - GAP_X,
    height: PAD * 2 + HEADER + rows * (NODE_HEIGHT + GAP_Y),
  };
}

/** A curve from the side of one node to the facing side of another. */
export function edgePath(from: Position, to: Position): string {
  const y1 = from.y + NODE_HEIGHT / 2;
  const y2 = to.y + NODE_HEIGHT / 2;
  if (from.x === to.x) {
    const x = from.x + NODE_WIDTH;
    return `M ${x} ${y1} C ${x + 48} ${y1}, ${x + 48} ${y2}, ${x} ${y2}`;
  }
  const rightwards = from.x < to.x;
  const x1 = rightwards ? from.x + NODE_WIDTH : from.x;
  const x2 = rightwards ? to.x : to.x + NODE_WIDTH;
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}

function nodeDetails(
  node: DependencyMapNode,
  top: boolean,
  t: PostmortemT,
): string {
  return [
    node.affected
      ? t('dependencies.affected')
      : t('dependencies.distance', { distance: String(node.distance) }),
    top ? t('dependencies.topHypothesis') : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** An edge in words: the relation, and what traces saw of it. */
export function edgeText(edge: DependencyMapEdge, t: PostmortemT): string {
  const relation =
    edge.catalog === false
      ? t('dependencies.edgeTracedOnly', { from: edge.from, to: edge.to })
      : t('dependencies.edge', { from: edge.from, to: edge.to });
  if (!edge.observed) return relation;
  return `${relation}; ${t('dependencies.observedCalls', {
    count: edge.observed.count,
    errors: String(edge.observed.errors),
    slow: String(edge.observed.slow),
  })}`;
}

function MapNode(props: {
  node: DependencyMapNode;
  position: Position;
  top: boolean;
}) {
  const { node, position, top } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const path = catalogPath(node.entityRef);
  const href = useAppHref(path);
  const navigate = useAppNavigate();
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    navigate(path);
  };
  const { x, y } = position;
  const [kind] = shortRef(node.entityRef).split(':');
  const name = shortRef(node.entityRef).slice(kind.length + 1);
  return (
    <a
      href={href}
      tabIndex={0}
      className={classes.node}
      onClick={onClick}
      aria-label={t('dependencies.nodeLabel', {
        entity: node.entityRef,
        details: nodeDetails(node, top, t),
      })}
      data-entity-ref={node.entityRef}
    >
      <title>{node.entityRef}</title>
      <rect
        className={classes.focusRing}
        x={x - 5}
        y={y - 5}
        width={NODE_WIDTH + 10}
        height={NODE_HEIGHT + 10}
        rx={10}
      />
      <rect
        className={[
          classes.box,
          node.affected ? classes.affected : '',
          top ? classes.top : '',
        ].join(' ')}
        x={x}
        y={y}
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={6}
        data-affected={node.affected || undefined}
        data-top-hypothesis={top || undefined}
      />
      {top && (
        <text className={classes.topLabel} x={x} y={y - 8} aria-hidden="true">
          ★ {t('dependencies.topHypothesis')}
        </text>
      )}
      <text
        className={[
          classes.name,
          node.affected ? classes.affectedText : '',
        ].join(' ')}
        x={x + 10}
        y={y + 21}
        aria-hidden="true"
      >
        {clip(name || node.entityRef)}
      </text>
      <text
        className={[
          classes.detail,
          node.affected ? classes.affectedText : '',
        ].join(' ')}
        x={x + 10}
        y={y + 40}
        aria-hidden="true"
      >
        {clip(`${kind} · ${nodeDetails(node, false, t)}`)}
      </text>
    </a>
  );
}

/** The map itself, an SVG with a text alternative for its edges. */
export function DependencyGraph(props: {
  map: DependencyMapData;
  idPrefix: string;
}) {
  const { map, idPrefix } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const { distances, positions, width, height } = layoutMap(map.nodes);
  const arrowId = `${idPrefix}-arrow`;
  const edgesId = `${idPrefix}-edges`;
  const top = map.topHypothesisEntityRef?.toLocaleLowerCase('en-US');

  return (
    <>
      <div className={classes.scroller}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label={t('dependencies.mapLabel', {
            count: map.nodes.length,
          })}
          aria-describedby={edgesId}
        >
          <defs>
            <marker
              id={arrowId}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className={classes.arrow} />
            </marker>
          </defs>
          <g aria-hidden="true">
            {distances.map((distance, column) => (
              <text
                key={distance}
                className={classes.layer}
                x={PAD + column * (NODE_WIDTH + GAP_X)}
                y={PAD + 12}
              >
                {t('dependencies.layer', { distance: String(distance) })}
              </text>
            ))}
            {map.edges.map(edge => {
              const from = positions.get(edge.from);
              const to = positions.get(edge.to);
              if (!from || !to) return null;
              const { observed } = edge;
              const uncataloged = edge.catalog === false;
              return (
                <path
                  key={`${edge.from}->${edge.to}`}
                  className={[
                    classes.edge,
                    observed ? classes.edgeObserved : '',
                    observed && (observed.errors || observed.slow)
                      ? classes.edgeTroubled
                      : '',
                    uncataloged ? classes.edgeUncataloged : '',
                  ].join(' ')}
                  d={edgePath(from, to)}
                  markerEnd={`url(#${arrowId})`}
                  data-edge={`${edge.from}->${edge.to}`}
                  data-observed={observed ? true : undefined}
                  data-uncataloged={uncataloged || undefined}
                />
              );
            })}
          </g>
          {map.nodes.map(node => (
            <MapNode
              key={node.entityRef}
              node={node}
              position={positions.get(node.entityRef)!}
              top={node.entityRef.toLocaleLowerCase('en-US') === top}
            />
          ))}
        </svg>
      </div>
      <div id={edgesId} className={classes.visuallyHidden}>
        <Typography component="h4">{t('dependencies.edgesTitle')}</Typography>
        {map.edges.length === 0 ? (
          <p>{t('dependencies.noEdges')}</p>
        ) : (
          <ul aria-label={t('dependencies.edgesTitle')}>
            {map.edges.map(edge => (
              <li key={`${edge.from}->${edge.to}`}>{edgeText(edge, t)}</li>
            ))}
          </ul>
        )}
      </div>
      <ul className={classes.legend} aria-label={t('dependencies.legend')}>
        <li>
          <span
            className={`${classes.swatch} ${classes.swatchAffected}`}
            aria-hidden="true"
          />
          {t('dependencies.legendAffected')}
        </li>
        <li>
          <span
            className={`${classes.swatch} ${classes.swatchTop}`}
            aria-hidden="true"
          />
          ★ {t('dependencies.legendTop')}
        </li>
        <li>
          <span className={classes.swatch} aria-hidden="true" />
          {t('dependencies.legendOther')}
        </li>
        {map.edges.some(e => e.observed) && (
          <li>
            <span
              className={`${classes.swatch} ${classes.swatchObserved}`}
              aria-hidden="true"
            />
            {t('dependencies.legendObserved')}
          </li>
        )}
        {map.edges.some(e => e.catalog === false) && (
          <li>
            <span
              className={`${classes.swatch} ${classes.swatchUncataloged}`}
              aria-hidden="true"
            />
            {t('dependencies.legendUncataloged')}
          </li>
        )}
      </ul>
    </>
  );
}

/**
 * The affected entities and their dependsOn neighbourhood, as captured when
 * the draft was generated or live from the catalog before that.
 */
export function DependencyMapPanel(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const { value, loading, error } = useAsync(
    () => api.getDependencyMap(postmortem.id),
    [api, postmortem.id],
  );
  return (
    <InfoCard title={t('dependencies.title')}>
      {!value && (
        <LoadState
          loading={loading}
          error={error}
          errorTitle={() =>
            t('dependencies.error', { message: describeError(error, t) })
          }
        />
      )}
      {value && (
        <>
          <Box mb={1}>
            <Typography variant="body2" color="textSecondary">
              {value.live
                ? t('dependencies.live')
                : t('dependencies.capturedAt', {
                    time: formatDateTime(value.capturedAt) ?? value.capturedAt,
                  })}
            </Typography>
          </Box>
          {value.nodes.length === 0 ? (
            <EmptyText>{t('dependencies.empty')}</EmptyText>
          ) : (
            <DependencyGraph
              map={value}
              idPrefix={`postmortem-${postmortem.id.replace(
                /[^A-Za-z0-9_-]/g,
                '',
              )}-map`}
            />
          )}
        </>
      )}
    </InfoCard>
  );
}
