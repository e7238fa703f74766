import {
  inertMarkdown,
  PostmortemDocument,
  toHtml,
  toMarkdown,
} from './renderPostmortem';

const doc: PostmortemDocument = {
  postmortem: {
    id: 'p',
    incidentId: 'i',
    humanId: 'INC-2026-0007',
    title: 'Checkout <b>outage</b>',
    severity: 'SEV2',
    templateId: 'default',
    templateVersion: 1,
    stage: 'in_review',
    roles: {
      incidentCommander: 'user:default/ada.okafor',
      technicalOwners: [],
      reviewers: [],
      contributors: [],
    },
    narrative: {
      summary:
        'Payments **failed** for 12 minutes.\n- item one\n- <script>alert(1)</script>',
    },
    attachments: [],
    deadlines: {},
    visibility: 'normal',
    revision: 4,
    entityRefs: ['component:default/checkout-service'],
    ownerRefs: [],
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
  },
  incident: {
    id: 'i',
    humanId: 'INC-2026-0007',
    title: 'Checkout outage',
    severity: 'SEV2',
    status: 'resolved',
    impactStartedAt: '2026-11-20T10:00:00Z',
    resolvedAt: '2026-11-20T10:12:00Z',
    entityRefs: [],
    responders: [],
    source: 'manual',
    externalIds: {},
    links: [],
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
  },
  timeline: [
    {
      id: 't',
      postmortemId: 'p',
      occurredAt: '2026-11-20T10:01:00Z',
      kind: 'decision',
      source: 'manual',
      text: 'Rolled back | v42',
      keyDecision: true,
      evidenceIds: [],
    },
  ],
  evidence: [],
  causes: [
    {
      id: 'c',
      postmortemId: 'p',
      type: 'direct',
      statement: 'Pool size 0',
      status: 'confirmed',
      perspective: 'sre',
      evidenceIds: [],
      changeRelated: true,
      rollbackPlan: 'Restore v41',
    },
    {
      id: 'h',
      postmortemId: 'p',
      type: 'direct',
      statement:
        'The deployment of payments-service v43 was followed by its own errors.',
      status: 'proposed',
      perspective: 'sre',
      evidenceIds: [],
      changeRelated: true,
      score: 0.91,
      confidence: 'high',
      analysis: {
        kind: 'change',
        probability: 0.91,
        confidence: 'high',
        change: {
          id: 'ch',
          kind: 'deployment',
          version: 'v43',
          occurredAt: '2026-11-20T09:55:00Z',
          entityRef: 'component:default/payments-service',
        },
        onsets: [
          {
            entityRef: 'component:default/payments-service',
            series: 'error ratio',
            signal: 'errors',
            onsetAt: '2026-11-20T09:56:00Z',
            direction: 'up',
            baseline: 0.004,
            peak: 0.61,
            robustZ: 40,
          },
        ],
        path: [
          'component:default/payments-service',
          'component:default/checkout-service',
        ],
        reasoning: 'Followed by its own errors.',
      },
    },
  ],
  remediation: [],
};

describe('exports', () => {
  it('renders Markdown with sections, a timeline table and causes', () => {
    const md = toMarkdown(doc);
    expect(md).toContain('# INC-2026-0007: Checkout &lt;b&gt;outage&lt;/b&gt;');
    expect(md).not.toContain('<script>');
    expect(md).toContain('## Summary');
    expect(md).toContain(
      '| 2026-11-20T10:01:00Z | decision (key decision) | Rolled back \\| v42 |',
    );
    expect(md).toContain(
      '- **direct** (confirmed, sre): Pool size 0 Rollback plan: Restore v41',
    );
    expect(md).toContain('- Resolved: 2026-11-20T10:12:00Z');
    // Durations by the one definition in -common; unknown ones are left out.
    expect(md).toContain(
      '- Time to restore: 12 min (From the start of the impact until the incident was resolved.)',
    );
    expect(md).toContain('- Impact duration: 12 min');
    expect(md).not.toContain('Time to detect');
    expect(toHtml(doc)).toContain(
      '<dt><abbr title="From the start of the impact until the incident was resolved.">Time to restore</abbr></dt><dd>12 min</dd>',
    );
    // A drafted hypothesis explains itself.
    expect(md).toContain('  - Confidence: high (91 %)');
    expect(md).toContain(
      '  - Change: deployment v43 of payments-service at 2026-11-20T09:55:00Z',
    );
    expect(md).toContain(
      '  - Deviation: error ratio of payments-service rose from 0.004 to 0.61 at 2026-11-20T09:56:00Z',
    );
    expect(md).toContain('  - Path: payments-service → checkout-service');
    expect(toHtml(doc)).toContain('Path: payments-service → checkout-service');
  });

  it('renders print HTML without letting markup or script through', () => {
    const html = toHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>outage</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<strong>failed</strong>');
    expect(html).toContain('<li>item one</li>');
    expect(html).toContain("default-src 'none'");
  });

  it('makes Markdown inert: raw HTML as text, no script links', () => {
    const unsafe = [
      '[click](javascript:alert(1))',
      '[x]( JaVaScRiPt:alert(1) )',
      '[x](java\tscript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](javascript&colon;alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox)',
      '[x]: javascript:alert(1)',
      '<a href="javascript:alert(1)">x</a>',
      '<img src=x onerror=alert(1)>',
      '<javascript:alert(1)>',
    ];
    for (const text of unsafe) {
      const out = inertMarkdown(text);
      expect(out).not.toMatch(/<[a-z]/i);
      expect(out).not.toMatch(/\]\(\s*[^\\]/);
      expect(out).not.toMatch(/^\[x\]:/m);
    }
    // Ordinary links and text stay as they are.
    for (const text of [
      'see [the runbook](https://docs.example.com/runbook#rollback)',
      '[mail](mailto:oncall@example.com) and [rel](/postmortems/PM-1)',
      'p99 went from 200 ms to 2 s; error budget 5 %',
    ]) {
      expect(inertMarkdown(text)).toBe(text);
    }
  });
});
