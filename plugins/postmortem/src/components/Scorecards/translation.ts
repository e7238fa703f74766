import {
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { postmortemTranslationRef } from '../../translation';
import { scorecardMessages } from './messages';

/** The scorecards' translation function: keys below `scorecards.`. */
export type ScorecardsT = TranslationFunction<{
  readonly [key in keyof typeof scorecardMessages]: (typeof scorecardMessages)[key];
}>;

/**
 * The plugin's translation function, scoped to the scorecards' messages
 * (`scorecards.` in `postmortemTranslationRef`).
 */
export function useScorecardsT(): ScorecardsT {
  const { t } = useTranslationRef(postmortemTranslationRef);
  return useMemo(
    () =>
      ((key: string, options?: object) =>
        (t as (k: string, o?: object) => string)(
          `scorecards.${key}`,
          options,
        )) as ScorecardsT,
    [t],
  );
}
