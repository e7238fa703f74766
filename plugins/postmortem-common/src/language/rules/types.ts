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
}

/** A rule reads a parsed sentence and reports its matches. */
export type Rule = (s: Sentence) => RuleMatch[];
