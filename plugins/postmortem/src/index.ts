/**
 * Frontend of the postmortem suite: portal page, postmortem workspace,
 * entity tab and API client.
 *
 * @packageDocumentation
 */

export { postmortemPlugin as default } from './plugin';
export {
  legacyPostmortemPlugin,
  PostmortemsPage,
  EntityPostmortemsContent,
  EntityPostmortemsCard,
} from './legacy';
export * from './api/PostmortemApi';
export { PostmortemClient } from './api/PostmortemClient';
export { postmortemTranslationRef } from './translation';
export { postmortemTranslations } from './translations';
