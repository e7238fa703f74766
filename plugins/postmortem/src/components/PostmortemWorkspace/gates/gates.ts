import { PostmortemT, sectionLabel } from '../../shared/format';

const GATES = [
  'direct_cause',
  'systemic_cause',
  'cause_evidence',
  'rollback_plan',
  'remediation_items',
  'remediation_complete',
  'blameless_language',
] as const;

type KnownGate = (typeof GATES)[number];

function isKnownGate(gate: string): gate is KnownGate {
  return (GATES as readonly string[]).includes(gate);
}

/** A readable name for a review gate; unknown gates keep their id. */
export function gateLabel(gate: string, t: PostmortemT): string {
  return isKnownGate(gate) ? t(`gates.names.${gate}`) : gate;
}

/**
 * A readable place for a finding's location: a narrative section,
 * `causes[0]` as "cause 1" or `timeline[2]` as "timeline event 3".
 */
export function locationLabel(location: string, t: PostmortemT): string {
  const indexed = /^(causes|timeline)\[(\d+)\]$/.exec(location);
  if (indexed) {
    const number = String(Number(indexed[2]) + 1);
    return indexed[1] === 'causes'
      ? t('gates.locations.cause', { number })
      : t('gates.locations.timeline', { number });
  }
  return sectionLabel(location, t);
}

const RULES = [
  'human-error',
  'counterfactual',
  'failed-to',
  'forgot',
  'judgement',
  'hindsight',
  'named-person',
] as const;

type KnownRule = (typeof RULES)[number];

function isKnownRule(rule: string): rule is KnownRule {
  return (RULES as readonly string[]).includes(rule);
}

/** The name of a blameless-language rule. */
export function ruleLabel(rule: string, t: PostmortemT): string {
  return isKnownRule(rule) ? t(`narrative.rules.${rule}`) : rule;
}

/** Why a rule flags text, translated when the rule is known. */
export function ruleMessage(
  finding: { rule: string; message: string },
  t: PostmortemT,
): string {
  return isKnownRule(finding.rule)
    ? t(`narrative.ruleMessages.${finding.rule}`)
    : finding.message;
}
