import {
  CAUSE_STATUSES,
  CAUSE_TYPES,
  EVIDENCE_KINDS,
  INCIDENT_STATUSES,
  NARRATIVE_SECTIONS,
  PERSPECTIVES,
  POSTMORTEM_STAGES,
  REMEDIATION_HORIZONS,
  REMEDIATION_STATUSES,
  RESPONDER_ROLES,
  SEVERITIES,
  TIMELINE_EVENT_KINDS,
} from './domain';
import type {
  CauseStatus,
  CauseType,
  EvidenceKind,
  IncidentStatus,
  NarrativeSection,
  Perspective,
  PostmortemStage,
  RemediationHorizon,
  RemediationStatus,
  ResponderRole,
  Severity,
  TimelineEventKind,
} from './apiTypes';

/** `L` when it names every value of `T`, else never (a compile error below). */
type ListsAll<T, L extends readonly T[]> = [Exclude<T, L[number]>] extends [
  never,
]
  ? L
  : never;

describe('the value lists', () => {
  it('name every value of their API type, each once', () => {
    const lists: ReadonlyArray<readonly string[]> = [
      SEVERITIES satisfies ListsAll<Severity, typeof SEVERITIES>,
      INCIDENT_STATUSES satisfies ListsAll<
        IncidentStatus,
        typeof INCIDENT_STATUSES
      >,
      POSTMORTEM_STAGES satisfies ListsAll<
        PostmortemStage,
        typeof POSTMORTEM_STAGES
      >,
      NARRATIVE_SECTIONS satisfies ListsAll<
        NarrativeSection,
        typeof NARRATIVE_SECTIONS
      >,
      TIMELINE_EVENT_KINDS satisfies ListsAll<
        TimelineEventKind,
        typeof TIMELINE_EVENT_KINDS
      >,
      EVIDENCE_KINDS satisfies ListsAll<EvidenceKind, typeof EVIDENCE_KINDS>,
      CAUSE_TYPES satisfies ListsAll<CauseType, typeof CAUSE_TYPES>,
      CAUSE_STATUSES satisfies ListsAll<CauseStatus, typeof CAUSE_STATUSES>,
      PERSPECTIVES satisfies ListsAll<Perspective, typeof PERSPECTIVES>,
      REMEDIATION_HORIZONS satisfies ListsAll<
        RemediationHorizon,
        typeof REMEDIATION_HORIZONS
      >,
      REMEDIATION_STATUSES satisfies ListsAll<
        RemediationStatus,
        typeof REMEDIATION_STATUSES
      >,
      RESPONDER_ROLES satisfies ListsAll<ResponderRole, typeof RESPONDER_ROLES>,
    ];
    for (const list of lists) {
      expect(new Set(list).size).toBe(list.length);
    }
  });
});
