import { Link } from '@backstage/core-components';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { BaseSearchResultListItemProps } from '@backstage/plugin-search-react/alpha';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import {
  POSTMORTEM_STAGES,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import { usePostmortemT } from '../shared/format';

/** A postmortem as the search collator indexes it. */
export interface PostmortemSearchDocument extends SearchDocument {
  humanId: string;
  severity: string;
  stage: string;
}

/** Whether a search document is a postmortem. */
export function isPostmortemResult(result: { type: string }): boolean {
  return result.type === 'postmortem';
}

function isStage(stage: string): stage is PostmortemStage {
  return (POSTMORTEM_STAGES as readonly string[]).includes(stage);
}

const MAX_TEXT = 240;

const useStyles = makeStyles(theme => ({
  // Search results sit on the app background (#f5f5f5 in the light theme),
  // where the translucent secondary text color reaches only 4.47:1.
  secondary: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.text.secondary
        : theme.palette.grey[700],
  },
}));

/** Props of {@link PostmortemSearchResultListItem}. */
export type PostmortemSearchResultListItemProps =
  BaseSearchResultListItemProps<{
    highlight?: ResultHighlight;
  }>;

/**
 * A postmortem in the search results: its title linking to the workspace,
 * the text with highlights, and id, severity and stage.
 */
export function PostmortemSearchResultListItem(
  props: PostmortemSearchResultListItemProps,
) {
  const t = usePostmortemT();
  const classes = useStyles();
  const result = props.result as PostmortemSearchDocument | undefined;
  if (!result) return null;
  const { highlight } = props;
  const text =
    result.text.length > MAX_TEXT
      ? `${result.text.slice(0, MAX_TEXT - 1)}…`
      : result.text;
  return (
    <>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <Box flexWrap="wrap" width="100%">
        <ListItemText
          primaryTypographyProps={{ variant: 'h6', component: 'h3' }}
          secondaryTypographyProps={{ className: classes.secondary }}
          primary={
            <Link noTrack to={result.location}>
              {highlight?.fields.title ? (
                <HighlightedSearchResultText
                  text={highlight.fields.title}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                result.title
              )}
            </Link>
          }
          secondary={
            highlight?.fields.text ? (
              <HighlightedSearchResultText
                text={highlight.fields.text}
                preTag={highlight.preTag}
                postTag={highlight.postTag}
              />
            ) : (
              text
            )
          }
        />
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <Chip size="small" variant="outlined" label={t('search.type')} />
          {result.humanId && <Chip size="small" label={result.humanId} />}
          {result.severity && (
            <Chip
              size="small"
              label={t('header.severity', { severity: result.severity })}
            />
          )}
          {result.stage && (
            <Chip
              size="small"
              label={t('search.stage', {
                stage: isStage(result.stage)
                  ? t(`stages.${result.stage}`)
                  : result.stage,
              })}
            />
          )}
        </Box>
      </Box>
    </>
  );
}
