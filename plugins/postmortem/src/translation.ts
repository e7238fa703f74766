import {
  createTranslationRef,
  TranslationRef,
} from '@backstage/frontend-plugin-api';

/** The English messages, which are also the defaults. */
const messages = {
  pageTitle: 'Postmortems',
  entityTab: {
    title: 'Postmortems',
    empty: 'No postmortems touch this entity yet.',
    includeDependencies: 'Include incidents of dependencies',
  },
  list: {
    empty: 'No postmortems match.',
    error: 'Could not load postmortems: {{message}}',
    columns: {
      incident: 'Incident',
      title: 'Title',
      severity: 'Severity',
      stage: 'Stage',
      updated: 'Last change',
    },
  },
  stages: {
    draft: 'Draft',
    investigation: 'Investigation',
    evidence_collection: 'Evidence collection',
    cause_analysis: 'Cause analysis',
    remediation_planning: 'Remediation planning',
    in_review: 'In review',
    approved: 'Approved',
    published: 'Published',
  },
  common: {
    none: 'None',
    notSet: 'Not set',
    cancel: 'Cancel',
    save: 'Save',
    saving: 'Saving…',
    adding: 'Adding…',
  },
  duration: {
    days: '{{days}} d {{hours}} h',
    hours: '{{hours}} h {{minutes}} min',
    minutes: '{{minutes}} min',
    underAMinute: 'under a minute',
  },
  workspace: {
    loadError: 'Could not load postmortem {{id}}: {{message}}',
    backToList: 'All postmortems',
    tabsLabel: 'Postmortem workspace areas',
    tabs: {
      overview: 'Overview',
      timeline: 'Timeline',
      evidence: 'Evidence',
      causes: 'Causes',
      remediation: 'Remediation',
      history: 'History',
    },
  },
  header: {
    severity: 'Severity: {{severity}}',
    incidentTimes: 'Incident times',
    incidentError: 'Could not load the incident: {{message}}',
    times: {
      impactStartedAt: 'Impact started',
      detectedAt: 'Detected',
      acknowledgedAt: 'Acknowledged',
      mitigatedAt: 'Mitigated',
      resolvedAt: 'Resolved',
    },
    durations: 'Durations',
    timeToDetect: 'Time to detect',
    timeToAcknowledge: 'Time to acknowledge',
    timeToRestore: 'Time to restore',
    roles: 'Roles',
    roleNames: {
      incidentCommander: 'Incident commander',
      technicalOwners: 'Technical owners',
      reviewers: 'Reviewers',
      contributors: 'Contributors',
    },
    stagesLabel: 'Postmortem stages',
    currentStage: 'Current stage: {{stage}}',
    deadline: 'Due {{date}}',
    timeLeft: '{{duration}} left',
    overdue: 'Overdue by {{duration}}',
  },
  narrative: {
    sections: {
      summary: 'Summary',
      impact: 'Impact',
      whatHappened: 'What happened',
      whyItHappened: 'Why it happened',
      whatChanged: 'What changed as a result',
      lessonsLearned: 'Lessons learned',
      glossary: 'Glossary',
    },
    empty: 'Nothing written yet.',
    edit: 'Edit',
    editSection: 'Edit {{section}}',
    fieldLabel: '{{section}} (Markdown)',
    saveSection: 'Save {{section}}',
    cancelSection: 'Cancel editing {{section}}',
    saveError: 'Could not save: {{message}}',
    conflictTitle: 'Revision conflict',
    conflict:
      'Someone else saved revision {{revision}} while you were editing (you started from revision {{base}}). Reload to get their changes; your text stays in the editor so you can merge it and save again.',
    reloadKeep: 'Reload and keep my text',
    discard: 'Discard my changes',
    reloaded:
      'Loaded revision {{revision}}. Compare with the saved text below, then save again.',
    latestVersion: 'Latest saved version of this section',
    findingsTitle: 'Blameless language',
    noFindings: 'No blame-prone wording found.',
    findingsCount: 'Wording suggestions: {{count}}',
    findingRule: 'Rule: {{rule}}',
    findingText: 'Flagged: “{{text}}”',
    findingSuggestion: 'Suggestion: {{suggestion}}',
    rules: {
      'human-error': 'Human error',
      counterfactual: 'Counterfactual',
      'failed-to': '“Failed to”',
      forgot: 'Forgetting',
      judgement: 'Judgement',
      hindsight: 'Hindsight',
      'named-person': 'Named person',
    },
    ruleMessages: {
      'human-error':
        '“Human error” names a person as the cause and ends the inquiry. Describe the conditions that made the action possible or likely.',
      counterfactual:
        'Counterfactuals such as “should have” judge past actions with knowledge gained afterwards. Describe what people knew and saw at the time.',
      'failed-to':
        '“Failed to” with a person or team as the subject frames an omission as a personal failing. Describe what did not happen and why the system allowed it.',
      forgot:
        '“Forgot”, “neglected” and “overlooked” blame memory or attention. Describe the step that did not happen and why nothing prompted it.',
      judgement:
        'Judgemental words about people assign character flaws. Describe the action and the conditions around it.',
      hindsight:
        'Words like “obviously”, “clearly” and “simply” reflect hindsight: what is obvious afterwards was not obvious at the time.',
      'named-person':
        'A person is the subject of a failure. Put the system, the change or the conditions at the centre of the sentence.',
    },
    checkUnavailable: 'The blameless language check is not available.',
  },
  timeline: {
    title: 'Timeline',
    empty: 'No events yet.',
    error: 'Could not load the timeline: {{message}}',
    keyDecision: 'Key decision',
    source: 'Source: {{source}}',
    author: 'By {{author}}',
    kinds: {
      alert: 'Alert',
      page: 'Page',
      status_change: 'Status change',
      deployment: 'Deployment',
      config_change: 'Configuration change',
      decision: 'Decision',
      action: 'Action',
      observation: 'Observation',
      communication: 'Communication',
    },
    form: {
      title: 'Add event',
      time: 'Time',
      kind: 'Kind',
      text: 'What happened',
      keyDecision: 'This was a key decision',
      submit: 'Add event',
      error: 'Could not add the event: {{message}}',
    },
  },
  evidence: {
    title: 'Evidence',
    empty: 'No evidence collected yet.',
    error: 'Could not load the evidence: {{message}}',
    kinds: {
      metric_series: 'Metric series',
      log_excerpt: 'Log excerpt',
      deployment: 'Deployment',
      config_diff: 'Configuration diff',
      trace: 'Trace',
      link: 'Link',
    },
    source: 'Source: {{source}}',
    query: 'Query',
    entity: 'Entity',
    captured: 'Captured {{time}}',
    redactions: 'Redacted before storage: {{summary}}',
    redactionCount: '{{kind}} × {{count}}',
    noRedactions: 'Nothing was redacted.',
    chartLabel: 'Line chart of {{count}} metric series over time',
    chartUnparsable:
      'This metric series could not be drawn; showing the raw content.',
    seriesFallback: 'Series {{index}}',
  },
  causes: {
    empty: 'None yet.',
    error: 'Could not load the causes: {{message}}',
    types: {
      direct: 'Direct causes',
      contributing: 'Contributing causes',
      systemic: 'Systemic causes',
    },
    typeNames: {
      direct: 'Direct',
      contributing: 'Contributing',
      systemic: 'Systemic',
    },
    statuses: {
      proposed: 'Proposed',
      supported: 'Supported',
      refuted: 'Refuted',
      confirmed: 'Confirmed',
    },
    perspectives: {
      sre: 'SRE',
      development: 'Development',
      product: 'Product',
      other: 'Other',
    },
    status: 'Status: {{status}}',
    perspective: 'Perspective: {{perspective}}',
    rollbackPlan: 'Rollback plan: {{plan}}',
    changeRelated: 'Change-related',
    form: {
      title: 'Add cause',
      type: 'Type',
      statement: 'Statement',
      status: 'Status',
      perspective: 'Perspective',
      rollbackPlan: 'Rollback plan',
      changeRelated: 'Caused by a change',
      submit: 'Add cause',
      error: 'Could not add the cause: {{message}}',
    },
  },
  remediation: {
    empty: 'None yet.',
    error: 'Could not load the remediation items: {{message}}',
    horizons: {
      short: 'Short term',
      medium: 'Medium term',
      long: 'Long term',
    },
    statuses: {
      open: 'Open',
      in_progress: 'In progress',
      done: 'Done',
      verified: 'Verified',
      wont_do: 'Won’t do',
    },
    status: 'Status: {{status}}',
    priority:
      'Priority {{priority}} (impact {{impact}} × probability {{probability}})',
    owner: 'Owner:',
    noOwner: 'No owner',
    due: 'Due {{date}}',
    overdue: 'Overdue: due {{date}}',
    noDueDate: 'No due date',
    acceptanceCriteria: 'Acceptance criteria: {{criteria}}',
    tracker: 'Open in tracker',
    form: {
      title: 'Add remediation item',
      itemTitle: 'Title',
      impact: 'Impact (1–5)',
      probability: 'Probability (1–5)',
      horizon: 'Horizon',
      owner: 'Owner (entity ref)',
      ownerHelp: 'For example user:default/jane.doe or group:default/sre',
      dueDate: 'Due date',
      acceptanceCriteria: 'Acceptance criteria',
      priorityPreview: 'Priority: {{priority}}',
      submit: 'Add item',
      error: 'Could not add the item: {{message}}',
    },
  },
  history: {
    revisionsTitle: 'Version history',
    revisionsEmpty: 'No revisions yet.',
    revisionsError: 'Could not load the revisions: {{message}}',
    columns: {
      revision: 'Revision',
      author: 'Author',
      time: 'Time',
      changed: 'Changed',
    },
    compareTitle: 'Compare revisions',
    from: 'From revision',
    to: 'To revision',
    revisionOption: 'Revision {{revision}}',
    onlyOne: 'There is only one revision so far; nothing to compare yet.',
    sameRevision: 'Pick two different revisions to compare.',
    diffError: 'Could not compare the revisions: {{message}}',
    noDifferences: 'These revisions have the same content.',
    before: 'Before (revision {{revision}})',
    after: 'After (revision {{revision}})',
    deleted: 'Removed line',
    inserted: 'Added line',
    unchanged: 'Unchanged line',
    sections: {
      stage: 'Stage',
      visibility: 'Visibility',
      roles: 'Roles',
      attachments: 'Attachments',
      timeline: 'Timeline',
      causes: 'Causes',
      remediation: 'Remediation',
    },
    auditTitle: 'Audit log',
    auditEmpty: 'No history yet.',
    auditError: 'Could not load the audit log: {{message}}',
    auditColumns: {
      time: 'Time',
      actor: 'Who',
      action: 'Action',
      details: 'Details',
    },
  },
} as const;

/** Every message key, each with a string (or null for the default). */
type PostmortemMessages = {
  [key in keyof (ReturnType<
    typeof createTranslationRef<'postmortem', typeof messages, {}>
  > extends TranslationRef<string, infer M>
    ? M
    : never)]: string | null;
};

/**
 * Every user-facing string of the postmortem frontend. German ships with the
 * plugin: the ref carries it as its default resource, so an app that offers
 * German loads it without further registration.
 *
 * @public
 */
export const postmortemTranslationRef = createTranslationRef({
  id: 'postmortem',
  messages,
  translations: {
    de: (): Promise<{ default: PostmortemMessages }> =>
      import('./translations/de').then(m => ({ default: m.default.messages })),
  },
});
