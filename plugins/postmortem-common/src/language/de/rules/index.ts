import type { Rule } from '../../rules/types';
import { conductRuleDe } from './conduct';
import { counterfactualRuleDe } from './counterfactual';
import { faultRuleDe } from './fault';
import { hindsightRuleDe } from './hindsight';
import { humanErrorRuleDe } from './humanError';
import { judgementRuleDe } from './judgement';
import { omissionRuleDe } from './omission';

/** Every German rule of the check, in reporting order. */
export const RULES_DE: Rule[] = [
  humanErrorRuleDe,
  counterfactualRuleDe,
  omissionRuleDe,
  judgementRuleDe,
  hindsightRuleDe,
  faultRuleDe,
  conductRuleDe,
];
