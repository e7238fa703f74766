import type {
  Attachment,
  Cause,
  Narrative,
  PostmortemRoles,
  PostmortemStage,
  RemediationItem,
  TimelineEvent,
  Visibility,
} from './apiTypes';
import { NARRATIVE_SECTIONS } from './domain';

/**
 * Everything a revision captures of a postmortem's content.
 *
 * @public
 */
export interface PostmortemSnapshot {
  stage: PostmortemStage;
  visibility: Visibility;
  roles: PostmortemRoles;
  narrative: Narrative;
  attachments: Attachment[];
  timeline: Array<
    Pick<TimelineEvent, 'occurredAt' | 'kind' | 'text' | 'keyDecision'>
  >;
  causes: Array<Pick<Cause, 'type' | 'status' | 'statement' | 'rollbackPlan'>>;
  remediation: Array<
    Pick<
      RemediationItem,
      | 'title'
      | 'ownerRef'
      | 'dueDate'
      | 'priority'
      | 'horizon'
      | 'status'
      | 'acceptanceCriteria'
    >
  >;
}

/** @public */
export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** @public */
export interface SectionDiff {
  section: string;
  before: string;
  after: string;
  lines: DiffLine[];
}

/**
 * Line diff by longest common subsequence. Sections are small (a postmortem
 * section rarely passes a few hundred lines), so the quadratic table is fine.
 *
 * @public
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: 'equal', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      lines.push({ op: 'delete', text: a[i++] });
    } else {
      lines.push({ op: 'insert', text: b[j++] });
    }
  }
  while (i < a.length) lines.push({ op: 'delete', text: a[i++] });
  while (j < b.length) lines.push({ op: 'insert', text: b[j++] });
  return lines;
}

/** Each section of a snapshot as text, in reading order. */
function sectionsOf(s: PostmortemSnapshot): Array<[string, string]> {
  const roles = [
    `incident commander: ${s.roles.incidentCommander ?? ''}`,
    `technical owners: ${s.roles.technicalOwners.join(', ')}`,
    `reviewers: ${s.roles.reviewers.join(', ')}`,
    `contributors: ${s.roles.contributors.join(', ')}`,
  ].join('\n');
  return [
    ['stage', s.stage],
    ['visibility', s.visibility],
    ['roles', roles],
    ...NARRATIVE_SECTIONS.map((section): [string, string] => [
      section,
      s.narrative[section] ?? '',
    ]),
    [
      'attachments',
      s.attachments.map(a => `${a.kind}: ${a.title} <${a.url}>`).join('\n'),
    ],
    [
      'timeline',
      s.timeline
        .map(
          e =>
            `${e.occurredAt} [${e.kind}]${
              e.keyDecision ? ' (key decision)' : ''
            } ${e.text}`,
        )
        .join('\n'),
    ],
    [
      'causes',
      s.causes
        .map(
          c =>
            `[${c.type}/${c.status}] ${c.statement}${
              c.rollbackPlan ? ` (rollback: ${c.rollbackPlan})` : ''
            }`,
        )
        .join('\n'),
    ],
    [
      'remediation',
      s.remediation
        .map(
          r =>
            `[P${r.priority} ${r.horizon} ${r.status}] ${r.title} (owner ${
              r.ownerRef ?? '-'
            }, due ${r.dueDate ?? '-'})`,
        )
        .join('\n'),
    ],
  ];
}

/**
 * Compares two snapshots section by section; only sections that differ are
 * returned.
 *
 * @public
 */
export function diffSnapshots(
  before: PostmortemSnapshot,
  after: PostmortemSnapshot,
): SectionDiff[] {
  const afterSections = new Map(sectionsOf(after));
  return sectionsOf(before).flatMap(([section, text]) => {
    const next = afterSections.get(section) ?? '';
    return text === next
      ? []
      : [{ section, before: text, after: next, lines: diffLines(text, next) }];
  });
}
