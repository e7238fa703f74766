import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  INCIDENT_TYPE_PATTERN,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import { examples } from './createPostmortem.examples';
import {
  DRY_RUN_HUMAN_ID,
  DRY_RUN_UUID,
  PostmortemActionOptions,
  PostmortemApi,
  withDefaultKind,
} from './postmortemApi';

/**
 * Creates the `postmortem:create` action: declares an incident in the
 * postmortem plugin and opens its postmortem.
 *
 * @public
 */
export function createPostmortemCreateAction(options: PostmortemActionOptions) {
  const api = new PostmortemApi(options);

  return createTemplateAction({
    id: 'postmortem:create',
    description:
      'Declares an incident and opens its postmortem in the postmortem plugin, on behalf of the user running the template.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        title: z =>
          z
            .string()
            .min(3)
            .max(200)
            .describe('Title of the incident, e.g. "Checkout returns 502s"'),
        severity: z =>
          z.enum(SEVERITIES).describe('Severity, SEV1 (worst) to SEV5'),
        type: z =>
          z
            .string()
            .regex(INCIDENT_TYPE_PATTERN)
            .optional()
            .describe(
              'Kind of incident as a lowercase slug, e.g. security or data-loss; picks the template with the severity',
            ),
        entityRefs: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .max(50)
            .describe(
              'Affected catalog entities; refs without a kind are taken as components',
            ),
        impactStartedAt: z =>
          z
            .string()
            .datetime({ offset: true })
            .optional()
            .describe('When the impact started (ISO 8601 date-time)'),
        detectedAt: z =>
          z
            .string()
            .datetime({ offset: true })
            .optional()
            .describe('When the incident was detected (ISO 8601 date-time)'),
        resolvedAt: z =>
          z
            .string()
            .datetime({ offset: true })
            .optional()
            .describe(
              'When the incident was resolved (ISO 8601 date-time); postmortem deadlines count from here',
            ),
        incidentCommander: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'User ref of the incident commander; defaults to the user running the template',
            ),
        technicalOwners: z =>
          z
            .array(z.string().min(1))
            .max(50)
            .optional()
            .describe('User refs of the technical owners'),
        reviewers: z =>
          z
            .array(z.string().min(1))
            .max(50)
            .optional()
            .describe('User refs of the reviewers'),
        templateId: z =>
          z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe(
              'Postmortem template id (see GET /api/postmortem/templates); chosen by type and severity when omitted',
            ),
        visibility: z =>
          z
            .enum(['normal', 'restricted'])
            .optional()
            .describe(
              'restricted limits reading to role holders and owners of affected entities',
            ),
      },
      output: {
        humanId: z =>
          z.string().describe('Human id of the incident, e.g. INC-2026-0042'),
        postmortemId: z => z.string().describe('Uuid of the postmortem'),
        incidentId: z => z.string().describe('Uuid of the incident'),
        url: z => z.string().describe('Link to the postmortem in Backstage'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const userRefs = (refs?: string[]) =>
        refs?.length
          ? refs.map(ref => withDefaultKind(ref, 'user'))
          : undefined;
      const roles = {
        incidentCommander: input.incidentCommander
          ? withDefaultKind(input.incidentCommander, 'user')
          : undefined,
        technicalOwners: userRefs(input.technicalOwners),
        reviewers: userRefs(input.reviewers),
      };
      const body = {
        title: input.title,
        severity: input.severity,
        type: input.type,
        entityRefs: input.entityRefs.map(ref =>
          withDefaultKind(ref, 'component'),
        ),
        impactStartedAt: input.impactStartedAt,
        detectedAt: input.detectedAt,
        resolvedAt: input.resolvedAt,
        templateId: input.templateId,
        visibility: input.visibility,
        roles: Object.values(roles).some(Boolean) ? roles : undefined,
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would declare ${body.severity} incident "${
            body.title
          }" for ${body.entityRefs.join(', ')}`,
        );
        ctx.output('humanId', DRY_RUN_HUMAN_ID);
        ctx.output('postmortemId', DRY_RUN_UUID);
        ctx.output('incidentId', DRY_RUN_UUID);
        ctx.output('url', api.postmortemUrl(DRY_RUN_HUMAN_ID));
        return;
      }

      // A retried task finds the postmortem it already created in the
      // checkpoint and does not declare the incident a second time.
      const created = await ctx.checkpoint({
        key: 'create-postmortem',
        fn: async () => {
          const result = await api.declareIncident(
            ctx,
            body,
            'Could not create the postmortem',
          );
          return {
            humanId: result.postmortem.humanId,
            postmortemId: result.postmortem.id,
            incidentId: result.incident.id,
          };
        },
      });

      const url = api.postmortemUrl(created.humanId);
      ctx.logger.info(`Postmortem ${created.humanId} is open at ${url}`);
      ctx.output('humanId', created.humanId);
      ctx.output('postmortemId', created.postmortemId);
      ctx.output('incidentId', created.incidentId);
      ctx.output('url', url);
    },
  });
}
