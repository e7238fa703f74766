import type { Sentence } from '../parse';

/**
 * The kinds of blameful or hindsight phrasing the check recognises.
 *
 * @public
 */
export type BlamelessRule =
  | 'human-error'
  | 'counterfactual'
  | 'failed-to'
  | 'forgot'
  | 'judgement'
  | 'hindsight'
  | 'named-person';

/** A rule's match: token indices, inclusive. */
export interface RuleMatch {
  rule: BlamelessRule;
  from: number;
  to: number;
  /**
   * A question that an answer in the next sentence turns into an inquiry
   * ("Why did Lars choose that window? It was the only free one.").
   */
  answerable?: boolean;
}

/** A rule reads a parsed sentence and reports its matches. */
export type Rule = (s: Sentence) => RuleMatch[];
