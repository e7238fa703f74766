import { darken, lighten, makeStyles, Theme } from '@material-ui/core/styles';

/**
 * A status colour that keeps 4.5:1 contrast on the theme's paper: the
 * themes' success and error shades alone are too light on white.
 */
const readable = (theme: Theme, color: string) =>
  theme.palette.type === 'dark' ? lighten(color, 0.3) : darken(color, 0.35);

export const useScorecardStyles = makeStyles(theme => ({
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
  },
  control: { minWidth: 180 },
  textControl: { minWidth: 260 },
  distributionSummary: { marginTop: theme.spacing(1) },
  actions: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  headlines: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
  },
  headline: {
    margin: 0,
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    '& dd': { margin: 0 },
  },
  headlineValue: { fontSize: '1.75rem', fontWeight: 500, lineHeight: 1.3 },
  // Dark shades: the main red and green fail WCAG AA contrast on the page.
  worse: { color: readable(theme, theme.palette.error.dark) },
  better: { color: readable(theme, theme.palette.success.dark) },
  neutral: { color: theme.palette.text.secondary },
  // minWidth 0 lets a grid column shrink below the chart, which then fits itself to it.
  chart: { margin: 0, overflowX: 'auto', maxWidth: '100%', minWidth: 0 },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(480px, 1fr))',
    gap: theme.spacing(2),
  },
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  // Thirteen columns fit 1400 px without scrolling only with tighter cells
  // than Material UI's (16 px left, 24 px right).
  cell: { padding: theme.spacing(0.75, 1) },
  // Headers wrap between words, never inside one; a table wider than the
  // card scrolls sideways instead.
  columnHeader: {
    overflowWrap: 'normal',
    wordBreak: 'keep-all',
  },
}));
