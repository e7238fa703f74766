import type {
  CauseStatus,
  CauseType,
  PostmortemStage,
  Severity,
} from './apiTypes';

/**
 * The kind of what caused an incident, as "similar incidents" compares it:
 * the kind of change (deployment, config, flag, migration), or a failing
 * origin component, or a surge of load.
 * @public
 */
export type CulpritKind =
  | 'deployment'
  | 'config'
  | 'flag'
  | 'migration'
  | 'origin'
  | 'surge';

/**
 * An earlier postmortem like a given one, as `GET
 * /postmortems/{id}/similar` answers: why it is similar, what caused it and
 * how far its remediation got.
 * @public
 */
export interface SimilarPostmortem {
  id: string;
  humanId: string;
  title: string;
  severity: Severity;
  stage: PostmortemStage;
  impactStartedAt?: string;
  /** How alike, 0 to 1; the list is ordered by it. */
  score: number;
  /** Entities both incidents affected. */
  sharedEntityRefs: string[];
  /** Whether the same alert (same source and alert name) fired. */
  sameAlert: boolean;
  /** The kind of culprit both share, if their causes name one. */
  sharedCulpritKind?: CulpritKind;
  /** Its causes that were not refuted, confirmed first. */
  causes: Array<{ type: CauseType; statement: string; status: CauseStatus }>;
  /** Its remediation items by state; overdue counts open ones past due. */
  remediation: {
    total: number;
    open: number;
    done: number;
    verified: number;
    overdue: number;
  };
}
