import type {
  Cause,
  LanguageFinding,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';

export interface UnmetGate {
  gate:
    | 'direct_cause'
    | 'systemic_cause'
    | 'cause_evidence'
    | 'rollback_plan'
    | 'remediation_items'
    | 'remediation_complete'
    | 'blameless_language';
  message: string;
}

/** A language finding with where it was found and the key reviewers waive. */
export interface LocatedFinding extends LanguageFinding {
  location: string;
  key: string;
}

/**
 * The gates a postmortem must pass before review: causes of both kinds
 * backed by evidence, rollback plans for change-caused hypotheses that are
 * supported or confirmed, complete remediation items, and no open
 * blameless-language finding that a reviewer has not waived.
 */
export function unmetGates(input: {
  causes: Cause[];
  remediation: RemediationItem[];
  findings: LocatedFinding[];
  waivedKeys: Set<string>;
}): UnmetGate[] {
  const unmet: UnmetGate[] = [];
  const standing = input.causes.filter(c => c.status !== 'refuted');
  if (!standing.some(c => c.type === 'direct')) {
    unmet.push({
      gate: 'direct_cause',
      message: 'Add at least one direct cause',
    });
  }
  if (!standing.some(c => c.type === 'contributing' || c.type === 'systemic')) {
    unmet.push({
      gate: 'systemic_cause',
      message: 'Add at least one contributing or systemic cause',
    });
  }
  for (const cause of standing.filter(c => c.evidenceIds.length === 0)) {
    unmet.push({
      gate: 'cause_evidence',
      message: `Cause "${cause.statement.slice(0, 80)}" has no evidence`,
    });
  }
  for (const cause of input.causes) {
    if (
      cause.changeRelated &&
      (cause.status === 'supported' || cause.status === 'confirmed') &&
      !cause.rollbackPlan?.trim()
    ) {
      unmet.push({
        gate: 'rollback_plan',
        message: `Cause "${cause.statement.slice(
          0,
          80,
        )}" is a change and needs a rollback plan`,
      });
    }
  }
  if (!input.remediation.length) {
    unmet.push({
      gate: 'remediation_items',
      message: 'Add at least one remediation item',
    });
  }
  for (const item of input.remediation) {
    const missing = [
      !item.ownerRef && 'an owner',
      !item.dueDate && 'a due date',
      !item.acceptanceCriteria?.trim() && 'acceptance criteria',
    ].filter(Boolean);
    if (missing.length && item.status !== 'wont_do') {
      unmet.push({
        gate: 'remediation_complete',
        message: `Remediation item "${item.title}" needs ${missing.join(', ')}`,
      });
    }
  }
  for (const finding of input.findings) {
    if (!input.waivedKeys.has(finding.key)) {
      unmet.push({
        gate: 'blameless_language',
        message: `${finding.location}: "${finding.text}" — ${finding.message}`,
      });
    }
  }
  return unmet;
}
