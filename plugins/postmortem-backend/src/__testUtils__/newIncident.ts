import type { NewIncident } from '../database/PostmortemStore';

/** An incident as a store test declares it: one entity, one owner team. */
export const newIncident = (
  title: string,
  overrides: Partial<NewIncident> = {},
): NewIncident => ({
  title,
  severity: 'SEV3',
  status: 'declared',
  entityRefs: ['component:default/checkout-service'],
  responders: [],
  links: [],
  source: 'manual',
  externalIds: {},
  labels: {},
  postmortem: {
    templateId: 'default',
    templateVersion: 1,
    roles: { technicalOwners: [], reviewers: [], contributors: [] },
    narrative: {},
    visibility: 'normal',
    deadlines: {},
    ownerRefs: ['group:default/checkout-team'],
  },
  author: 'user:default/ada.okafor',
  ...overrides,
});
