export {
  PostmortemSearchResultListItem,
  isPostmortemResult,
} from './PostmortemSearchResultListItem';
export type {
  PostmortemSearchDocument,
  PostmortemSearchResultListItemProps,
} from './PostmortemSearchResultListItem';
