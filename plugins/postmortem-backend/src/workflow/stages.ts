import {
  POSTMORTEM_STAGES,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';

/** What a principal may do to a postmortem's stage, by role. */
export type StageRole = 'incident_commander' | 'technical_owner' | 'reviewer';

export type TransitionKind =
  | 'advance'
  | 'approve'
  | 'send_back'
  | 'publish'
  | 'reopen';

const index = (stage: PostmortemStage) => POSTMORTEM_STAGES.indexOf(stage);

/**
 * Classifies a move between stages, or explains why it is not a move at all.
 * Forward moves up to review are `advance`; review to approved is `approve`;
 * review back to an earlier stage is `send_back`; approved to published is
 * `publish`; approved or published back to investigation is `reopen`.
 */
export function classifyTransition(
  from: PostmortemStage,
  to: PostmortemStage,
): TransitionKind | { refused: string } {
  if (from === to) return { refused: `The postmortem is already in ${to}` };
  if (from === 'in_review' && to === 'approved') return 'approve';
  if (from === 'in_review' && index(to) < index(from)) return 'send_back';
  if (from === 'approved' && to === 'published') return 'publish';
  if ((from === 'approved' || from === 'published') && to === 'investigation') {
    return 'reopen';
  }
  if (index(to) > index(from) && index(to) <= index('in_review')) {
    return 'advance';
  }
  return { refused: `A postmortem cannot move from ${from} to ${to}` };
}

/** The roles that may make each kind of move. */
export const ROLES_FOR: Record<TransitionKind, StageRole[]> = {
  advance: ['incident_commander', 'technical_owner'],
  publish: ['incident_commander', 'technical_owner'],
  reopen: ['incident_commander'],
  approve: ['reviewer'],
  send_back: ['reviewer'],
};
