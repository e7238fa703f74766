import type { PostmortemStage } from './apiTypes';
import { POSTMORTEM_STAGES } from './domain';

/** The gates a postmortem can be held to before its sign-off. @public */
export const REVIEW_GATES = [
  'direct_cause',
  'systemic_cause',
  'cause_evidence',
  'rollback_plan',
  'remediation_items',
  'remediation_complete',
  'blameless_language',
] as const;

/** @public */
export type ReviewGate = (typeof REVIEW_GATES)[number];

/**
 * Who signs a postmortem off for publishing: its reviewers (review, then
 * approval, then publishing) or, for light severities, its incident
 * commander alone, who publishes it straight from the working stages.
 * @public
 */
export type SignOff = 'reviewers' | 'incident_commander';

/**
 * The process a postmortem of one severity goes through: who signs it off,
 * how many reviewers must approve, and which gates it must pass first.
 * @public
 */
export interface ReviewProcess {
  signOff: SignOff;
  /** Distinct reviewers approving the current revision; 0 with sign-off by the incident commander. */
  requiredApprovals: number;
  gates: ReviewGate[];
}

/** The full process, for every severity unless configured otherwise. @public */
export const FULL_REVIEW: ReviewProcess = {
  signOff: 'reviewers',
  requiredApprovals: 1,
  gates: [...REVIEW_GATES],
};

/**
 * The stages a postmortem under `process` passes through, in order: all of
 * them with reviewers, none of review and approval without.
 * @public
 */
export function stagesOfProcess(process: ReviewProcess): PostmortemStage[] {
  return process.signOff === 'reviewers'
    ? [...POSTMORTEM_STAGES]
    : POSTMORTEM_STAGES.filter(s => s !== 'in_review' && s !== 'approved');
}
