import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Every user-facing string of the postmortem frontend.
 *
 * @public
 */
export const postmortemTranslationRef = createTranslationRef({
  id: 'postmortem',
  messages: {
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
  },
});
