/**
 * A search backend module that indexes postmortems in Backstage search.
 *
 * @packageDocumentation
 */

export { searchModulePostmortemCollator as default } from './module';
export {
  PostmortemCollatorFactory,
  type PostmortemCollatorFactoryOptions,
  type PostmortemDocument,
} from './collator/PostmortemCollatorFactory';
