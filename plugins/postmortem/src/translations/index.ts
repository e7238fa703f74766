import { createTranslationResource } from '@backstage/frontend-plugin-api';
import { postmortemTranslationRef } from '../translation';

/**
 * Translations of the postmortem frontend beyond its English defaults.
 * Register it with the app's translation API (for example through a
 * `TranslationBlueprint` extension in the app) to offer German.
 *
 * @public
 */
export const postmortemTranslations = createTranslationResource({
  ref: postmortemTranslationRef,
  translations: {
    de: () => import('./de'),
  },
});
