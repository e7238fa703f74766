import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `postmortem:add-remediation` in the installed actions list. */
export const examples: TemplateExample[] = [
  {
    description: 'Adds a short-term follow-up to a postmortem by its human id',
    example: `steps:
  - id: follow-up
    name: Add a follow-up
    action: postmortem:add-remediation
    input:
      postmortemId: INC-2026-0042
      title: Alert on checkout 5xx rate above 2%
      impact: 4
      probability: 3
      horizon: short
`,
  },
  {
    description:
      'Adds a fully described follow-up to the postmortem created by an earlier step',
    example: `steps:
  - id: create
    name: Create the postmortem
    action: postmortem:create
    input:
      title: Checkout returns 502 errors
      severity: SEV2
      entityRefs:
        - component:default/checkout-service
  - id: follow-up
    name: Add a follow-up
    action: postmortem:add-remediation
    input:
      postmortemId: \${{ steps.create.output.postmortemId }}
      title: Add a circuit breaker around the payment gateway client
      impact: 5
      probability: 2
      horizon: medium
      ownerRef: group:default/checkout-team
      dueDate: '2026-04-30'
      acceptanceCriteria: Gateway timeouts no longer exhaust the checkout worker pool
`,
  },
];
