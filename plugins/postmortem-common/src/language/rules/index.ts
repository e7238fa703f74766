import { causeOfRule } from './causeOf';
import { agencyRule } from './agency';
import { attributionRule } from './attribution';
import { conductRule } from './conduct';
import { counterfactualRule } from './counterfactual';
import { faultRule } from './fault';
import { forgotRule } from './forgot';
import { hindsightRule } from './hindsight';
import { humanErrorRule } from './humanError';
import { judgementRule } from './judgement';
import { omissionRule } from './omission';
import { rhetoricRule } from './rhetoric';
import type { Rule } from './types';

/** Every rule of the check, in reporting order. */
export const RULES: Rule[] = [
  humanErrorRule,
  counterfactualRule,
  omissionRule,
  forgotRule,
  judgementRule,
  hindsightRule,
  faultRule,
  causeOfRule,
  conductRule,
  attributionRule,
  rhetoricRule,
  agencyRule,
];

export type { BlamelessRule, Rule, RuleMatch } from './types';
