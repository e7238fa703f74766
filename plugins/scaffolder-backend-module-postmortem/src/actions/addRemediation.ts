import { createHash } from 'node:crypto';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  priorityOf,
  REMEDIATION_HORIZONS,
} from '@postmortems/plugin-postmortem-common';
import { examples } from './addRemediation.examples';
import {
  DRY_RUN_UUID,
  PostmortemActionOptions,
  PostmortemApi,
  withDefaultKind,
} from './postmortemApi';

/**
 * Creates the `postmortem:add-remediation` action: adds a follow-up item to
 * a postmortem's remediation plan.
 *
 * @public
 */
export function createPostmortemAddRemediationAction(
  options: PostmortemActionOptions,
) {
  const api = new PostmortemApi(options);

  return createTemplateAction({
    id: 'postmortem:add-remediation',
    description:
      "Adds a follow-up item to a postmortem's remediation plan, on behalf of the user running the template.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        postmortemId: z =>
          z
            .string()
            .min(1)
            .max(64)
            .describe(
              "The postmortem's uuid or its incident's human id (INC-YYYY-NNNN)",
            ),
        title: z => z.string().min(3).max(200).describe('What has to be done'),
        impact: z =>
          z
            .number()
            .int()
            .min(1)
            .max(5)
            .describe('How much the item reduces impact, 1 to 5'),
        probability: z =>
          z
            .number()
            .int()
            .min(1)
            .max(5)
            .describe('How likely the risk recurs without it, 1 to 5'),
        horizon: z =>
          z.enum(REMEDIATION_HORIZONS).describe('short, medium or long term'),
        ownerRef: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'User or group ref of the owner; refs without a kind are taken as groups',
            ),
        dueDate: z =>
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .describe('Due date, YYYY-MM-DD'),
        acceptanceCriteria: z =>
          z
            .string()
            .max(4000)
            .optional()
            .describe('When the item counts as done'),
        description: z => z.string().max(10000).optional().describe('Details'),
      },
      output: {
        itemId: z => z.string().describe('Id of the remediation item'),
        priority: z =>
          z.number().int().describe('Priority, impact × probability (1 to 25)'),
      },
    },
    async handler(ctx) {
      const { postmortemId, ...item } = ctx.input;
      const body = {
        title: item.title,
        impact: item.impact,
        probability: item.probability,
        horizon: item.horizon,
        ownerRef: item.ownerRef
          ? withDefaultKind(item.ownerRef, 'group')
          : undefined,
        dueDate: item.dueDate,
        acceptanceCriteria: item.acceptanceCriteria,
        description: item.description,
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would add remediation item "${body.title}" to postmortem ${postmortemId}`,
        );
        ctx.output('itemId', DRY_RUN_UUID);
        ctx.output('priority', priorityOf(body.impact, body.probability));
        return;
      }

      // The key depends on the input so that a step looping with `each` keeps
      // one checkpoint per item, while a retry reuses the item it created.
      const fingerprint = createHash('sha256')
        .update(JSON.stringify({ postmortemId, body }))
        .digest('hex')
        .slice(0, 16);
      const added = await ctx.checkpoint({
        key: `add-remediation-${fingerprint}`,
        fn: async () => {
          const result = await api.addRemediationItem(
            ctx,
            postmortemId,
            body,
            `Could not add the remediation item to postmortem ${postmortemId}`,
          );
          return { itemId: result.id, priority: result.priority };
        },
      });

      ctx.logger.info(
        `Added remediation item ${added.itemId} (priority ${added.priority}) to postmortem ${postmortemId}`,
      );
      ctx.output('itemId', added.itemId);
      ctx.output('priority', added.priority);
    },
  });
}
