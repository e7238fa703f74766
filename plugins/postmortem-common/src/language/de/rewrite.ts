/**
 * Rewrites of flagged German sentences. Placeholder replaced below.
 */
import type { Sentence } from '../parse';
import type { RuleMatch } from '../rules/types';

export function rewriteSentenceDe(
  _s: Sentence,
  _matches: RuleMatch[],
): string | undefined {
  return undefined;
}
