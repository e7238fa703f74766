import {
  POSTMORTEM_STAGES,
  PostmortemStage,
  SignOff,
} from '@postmortems/plugin-postmortem-common';

/** What a principal may do to a postmortem's stage, by role. */
export type StageRole = 'incident_commander' | 'technical_owner' | 'reviewer';

export type TransitionKind =
  | 'advance'
  | 'approve'
  | 'send_back'
  | 'publish'
  | 'sign_off'
  | 'reopen';

const index = (stage: PostmortemStage) => POSTMORTEM_STAGES.indexOf(stage);

/**
 * Classifies a move between stages, or explains why it is not a move at all.
 * Forward moves up to review are `advance`; review to approved is `approve`;
 * review back to an earlier stage is `send_back`; approved to published is
 * `publish`; approved or published back to investigation is `reopen`.
 * Under sign-off by the incident commander, a working stage to published is
 * `sign_off`, and review and approval are refused.
 */
export function classifyTransition(
  from: PostmortemStage,
  to: PostmortemStage,
  signOff: SignOff = 'reviewers',
): TransitionKind | { refused: string } {
  if (from === to) return { refused: `The postmortem is already in ${to}` };
  if (signOff === 'incident_commander') {
    // A light process: the incident commander publishes from the working
    // stages; review and approval are not part of it.
    if (to === 'in_review' || to === 'approved') {
      return {
        refused: `This postmortem is published on the incident commander's sign-off, without ${to.replace(
          '_',
          ' ',
        )}`,
      };
    }
    if (index(from) < index('in_review') && to === 'published') {
      return 'sign_off';
    }
  }
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
  sign_off: ['incident_commander'],
  reopen: ['incident_commander'],
  approve: ['reviewer'],
  send_back: ['reviewer'],
};
