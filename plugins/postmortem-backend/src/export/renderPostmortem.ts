import type {
  Cause,
  Evidence,
  Incident,
  Postmortem,
  RemediationItem,
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import {
  formatDuration,
  formatMetricValue,
  INCIDENT_DURATION_NAMES,
  INCIDENT_DURATION_TEXT_EN,
  incidentDuration,
  NARRATIVE_SECTIONS,
  shortEntityRef,
} from '@postmortems/plugin-postmortem-common';

/** Everything an export shows. */
export interface PostmortemDocument {
  postmortem: Postmortem;
  incident: Incident;
  timeline: TimelineEvent[];
  evidence: Evidence[];
  causes: Cause[];
  remediation: RemediationItem[];
}

const SECTION_TITLES: Record<string, string> = {
  summary: 'Summary',
  impact: 'Impact',
  whatHappened: 'What happened',
  whyItHappened: 'Why it happened',
  whatChanged: 'What changed as a result',
  lessonsLearned: 'Lessons learned',
  glossary: 'Glossary',
};

const TIMES: Array<[keyof Incident, string]> = [
  ['impactStartedAt', 'Impact started'],
  ['detectedAt', 'Detected'],
  ['acknowledgedAt', 'Acknowledged'],
  ['mitigatedAt', 'Mitigated'],
  ['resolvedAt', 'Resolved'],
];

/**
 * The incident's durations that its times allow, by the suite's one
 * definition of each: [name, value, definition].
 */
export function durationsOf(
  incident: Incident,
): Array<[string, string, string]> {
  return INCIDENT_DURATION_NAMES.flatMap(name => {
    const ms = incidentDuration(incident, name);
    if (ms === undefined) return [];
    const { name: label, definition } = INCIDENT_DURATION_TEXT_EN[name];
    return [[label, formatDuration(ms), definition]];
  });
}

/** A drafted hypothesis' evidence chain, one line a fact. */
export function evidenceChain(cause: Cause): string[] {
  const a = cause.analysis;
  if (!a) return [];
  return [
    `Confidence: ${a.confidence} (${Math.round(a.probability * 100)} %)`,
    ...(a.change
      ? [
          `Change: ${a.change.kind} ${
            a.change.version ?? ''
          } of ${shortEntityRef(a.change.entityRef)} at ${
            a.change.occurredAt
          }`.replace(/ {2}/g, ' '),
        ]
      : []),
    ...a.onsets.map(
      o =>
        `Deviation: ${o.series} of ${shortEntityRef(o.entityRef)} ${
          o.direction === 'up' ? 'rose' : 'fell'
        } from ${formatMetricValue(o.baseline)} to ${formatMetricValue(
          o.peak,
        )} at ${o.onsetAt}`,
    ),
    ...(a.path.length > 1
      ? [`Path: ${a.path.map(shortEntityRef).join(' → ')}`]
      : []),
  ];
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Whether a link destination opens a page rather than running code. */
function isSafeDestination(destination: string): boolean {
  const decoded = destination
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) =>
      String.fromCodePoint(parseInt(hex, 16)),
    )
    .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/\\(.)/g, '$1')
    // Browsers skip whitespace and control characters inside a scheme.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .replace(/^<|>$/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(decoded);
  return !scheme || SAFE_SCHEMES.has(scheme[1].toLowerCase());
}

/**
 * Makes stored text inert in Markdown: raw HTML is shown as text (`<` and
 * `>` become entities) and links whose destination would run code
 * (`javascript:`, `data:`, `vbscript:`…) lose their link syntax. The print
 * HTML escapes everything instead.
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\]\(([^)\n]*)\)?/g, (link, destination: string) =>
      isSafeDestination(destination.trim()) ? link : `]\\(${destination}\\)`,
    )
    .replace(
      /^([ \t]{0,3})\[([^\]\n]*)\]:[ \t]*(\S*)/gm,
      (definition, indent: string, label: string, destination: string) =>
        isSafeDestination(destination)
          ? definition
          : `${indent}\\[${label}\\]: ${destination}`,
    );
}

/** The postmortem as a Markdown document, for wikis and tickets. */
export function toMarkdown(doc: PostmortemDocument): string {
  const { postmortem: p, incident: i } = doc;
  const cell = (value: unknown) =>
    String(value ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  // Every line holds stored text; nothing the export adds is HTML or a link.
  const lines: string[] = [
    `# ${p.humanId}: ${p.title}`,
    '',
    `- Severity: ${p.severity}`,
    `- Stage: ${p.stage}`,
    `- Affected: ${p.entityRefs.join(', ') || 'none'}`,
    `- Incident commander: ${p.roles.incidentCommander ?? 'unassigned'}`,
    `- Technical owners: ${p.roles.technicalOwners.join(', ') || 'none'}`,
    `- Reviewers: ${p.roles.reviewers.join(', ') || 'none'}`,
    ...TIMES.filter(([key]) => i[key]).map(
      ([key, label]) => `- ${label}: ${i[key]}`,
    ),
    ...durationsOf(i).map(
      ([label, value, definition]) => `- ${label}: ${value} (${definition})`,
    ),
    `- Revision: ${p.revision}`,
    '',
  ];
  for (const section of NARRATIVE_SECTIONS) {
    const text = p.narrative[section]?.trim();
    if (!text) continue;
    lines.push(`## ${SECTION_TITLES[section]}`, '', text, '');
  }
  if (doc.timeline.length) {
    lines.push(
      '## Timeline',
      '',
      '| Time | Kind | Event |',
      '| --- | --- | --- |',
    );
    for (const e of doc.timeline) {
      lines.push(
        `| ${e.occurredAt} | ${e.kind}${
          e.keyDecision ? ' (key decision)' : ''
        } | ${cell(e.text)} |`,
      );
    }
    lines.push('');
  }
  if (doc.causes.length) {
    lines.push('## Causes', '');
    for (const c of doc.causes) {
      lines.push(
        `- **${c.type}** (${c.status}, ${c.perspective}): ${c.statement}${
          c.rollbackPlan ? ` Rollback plan: ${c.rollbackPlan}` : ''
        }`,
        ...evidenceChain(c).map(line => `  - ${line}`),
      );
    }
    lines.push('');
  }
  if (doc.remediation.length) {
    lines.push(
      '## Remediation',
      '',
      '| Priority | Horizon | Item | Owner | Due | Status | Acceptance criteria |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of doc.remediation) {
      lines.push(
        `| ${r.priority} | ${r.horizon} | ${cell(r.title)} | ${cell(
          r.ownerRef,
        )} | ${cell(r.dueDate)} | ${r.status} | ${cell(
          r.acceptanceCriteria,
        )} |`,
      );
    }
    lines.push('');
  }
  if (doc.evidence.length) {
    lines.push('## Evidence', '');
    for (const e of doc.evidence) {
      const masked = Object.entries(e.redactions)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ');
      lines.push(
        `- ${e.kind} from ${e.source}${
          e.entityRef ? ` (${e.entityRef})` : ''
        }, captured ${e.capturedAt}${masked ? `; masked: ${masked}` : ''}`,
      );
    }
    lines.push('');
  }
  return inertMarkdown(lines.join('\n'));
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * A small, safe Markdown subset for the print view: headings, lists,
 * paragraphs, bold, italics and code. Everything is escaped first, so no
 * HTML or script written into a section reaches the page.
 */
function markdownToHtml(markdown: string): string {
  const inline = (text: string) =>
    escapeHtml(text)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>');
  const html: string[] = [];
  let list = false;
  for (const line of markdown.split('\n')) {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      if (!list) html.push('<ul>');
      list = true;
      html.push(`<li>${inline(item[1])}</li>`);
      continue;
    }
    if (list) {
      html.push('</ul>');
      list = false;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1].length + 2, 6);
      html.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    } else if (line.trim()) {
      html.push(`<p>${inline(line)}</p>`);
    }
  }
  if (list) html.push('</ul>');
  return html.join('\n');
}

/** A print-ready, self-contained HTML page (for PDF and offline reading). */
export function toHtml(doc: PostmortemDocument): string {
  const { postmortem: p, incident: i } = doc;
  const rows = (cells: string[][]) =>
    cells
      .map(r => `<tr>${r.map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('\n');
  const sections = NARRATIVE_SECTIONS.filter(s => p.narrative[s]?.trim())
    .map(
      s =>
        `<section><h2>${SECTION_TITLES[s]}</h2>\n${markdownToHtml(
          p.narrative[s]!,
        )}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${p.humanId}: ${p.title}`)}</title>
<style>
body { font: 11pt/1.5 system-ui, sans-serif; max-width: 48em; margin: 2em auto; color: #111; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
td, th { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dt { font-weight: 600; }
@media print { body { margin: 0; } section, table { break-inside: avoid; } a { color: inherit; } }
</style>
</head>
<body>
<h1>${escapeHtml(`${p.humanId}: ${p.title}`)}</h1>
<dl>
<dt>Severity</dt><dd>${escapeHtml(p.severity)}</dd>
<dt>Stage</dt><dd>${escapeHtml(p.stage)}</dd>
<dt>Affected</dt><dd>${escapeHtml(p.entityRefs.join(', ') || 'none')}</dd>
<dt>Incident commander</dt><dd>${escapeHtml(
    p.roles.incidentCommander ?? 'unassigned',
  )}</dd>
${TIMES.filter(([key]) => i[key])
  .map(
    ([key, label]) => `<dt>${label}</dt><dd>${escapeHtml(String(i[key]))}</dd>`,
  )
  .join('\n')}
${durationsOf(i)
  .map(
    ([label, value, definition]) =>
      `<dt><abbr title="${escapeHtml(
        definition,
      )}">${label}</abbr></dt><dd>${value}</dd>`,
  )
  .join('\n')}
<dt>Revision</dt><dd>${p.revision}</dd>
</dl>
${sections}
${
  doc.timeline.length
    ? `<section><h2>Timeline</h2><table><thead><tr><th>Time</th><th>Kind</th><th>Event</th></tr></thead><tbody>${rows(
        doc.timeline.map(e => [
          e.occurredAt,
          e.kind + (e.keyDecision ? ' (key decision)' : ''),
          e.text,
        ]),
      )}</tbody></table></section>`
    : ''
}
${
  doc.causes.length
    ? `<section><h2>Causes</h2><table><thead><tr><th>Type</th><th>Status</th><th>Statement</th><th>Rollback plan</th><th>Evidence chain</th></tr></thead><tbody>${rows(
        doc.causes.map(c => [
          c.type,
          c.status,
          c.statement,
          c.rollbackPlan ?? '',
          evidenceChain(c).join('; '),
        ]),
      )}</tbody></table></section>`
    : ''
}
${
  doc.remediation.length
    ? `<section><h2>Remediation</h2><table><thead><tr><th>Priority</th><th>Horizon</th><th>Item</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${rows(
        doc.remediation.map(r => [
          String(r.priority),
          r.horizon,
          r.title,
          r.ownerRef ?? '',
          r.dueDate ?? '',
          r.status,
        ]),
      )}</tbody></table></section>`
    : ''
}
</body>
</html>
`;
}
