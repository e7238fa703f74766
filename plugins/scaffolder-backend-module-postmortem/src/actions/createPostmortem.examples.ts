import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `postmortem:create` in the installed actions list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Declares an incident for one component; the user running the template becomes incident commander',
    example: `steps:
  - id: create
    name: Create the postmortem
    action: postmortem:create
    input:
      title: Checkout returns 502 errors
      severity: SEV2
      entityRefs:
        - component:default/checkout-service
`,
  },
  {
    description:
      'Declares an incident with its times and roles, using a specific postmortem template',
    example: `steps:
  - id: create
    name: Create the postmortem
    action: postmortem:create
    input:
      title: Label printing stalled for all carriers
      severity: SEV1
      entityRefs:
        - component:default/label-service
        - system:default/fulfillment
      impactStartedAt: '2026-03-02T08:14:00Z'
      detectedAt: '2026-03-02T08:21:00Z'
      resolvedAt: '2026-03-02T09:40:00Z'
      incidentCommander: user:default/fatima.zahra
      technicalOwners:
        - user:default/hana.suzuki
      reviewers:
        - user:default/mateo.rossi
        - user:default/diego.alvarez
      templateId: default
`,
  },
  {
    description:
      'Opens a restricted postmortem, readable only by role holders and owners of the affected entities',
    example: `steps:
  - id: create
    name: Create the postmortem
    action: postmortem:create
    input:
      title: Payment tokens written to debug logs
      severity: SEV3
      entityRefs:
        - component:default/payments-service
      reviewers:
        - user:default/sofia.martinez
      visibility: restricted
`,
  },
];
