import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  INCIDENT_TYPE_PATTERN,
  POSTMORTEM_STAGES,
  SEVERITIES,
  TIMELINE_EVENT_KINDS,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemService } from '../service/PostmortemService';

const summary = (p: {
  id: string;
  humanId: string;
  title: string;
  severity: string;
  stage: string;
  entityRefs: string[];
  updatedAt: string;
}) => ({
  id: p.id,
  humanId: p.humanId,
  title: p.title,
  severity: p.severity,
  stage: p.stage,
  entityRefs: p.entityRefs,
  updatedAt: p.updatedAt,
});

const words = (text: string) =>
  new Set(
    text
      .toLocaleLowerCase('en-US')
      .split(/[^a-z0-9]+/)
      .filter(w => w.length > 3),
  );

/**
 * Actions for AI agents (served over MCP by the MCP actions plugin). Every
 * action goes through the same authorized service as the HTTP API, with the
 * caller's credentials, so it sees and changes exactly what the caller may.
 */
export function registerActions(
  actions: ActionsRegistryService,
  service: PostmortemService,
) {
  actions.register({
    name: 'get-postmortem',
    title: 'Get a postmortem',
    description:
      'Returns a postmortem by its id or incident id (e.g. INC-2026-0042): stage, severity, roles, narrative sections, causes and remediation items.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          id: z
            .string()
            .describe(
              'Postmortem uuid or incident human id, e.g. INC-2026-0042',
            ),
        }),
      output: z =>
        z.object({
          postmortem: z.record(z.string(), z.any()),
          causes: z.array(z.record(z.string(), z.any())),
          remediation: z.array(z.record(z.string(), z.any())),
        }),
    },
    action: async ({ input, credentials }) => {
      const postmortem = await service.getPostmortem(input.id, { credentials });
      const [causes, remediation] = await Promise.all([
        service.listSubRecords('causes', postmortem.id, { credentials }),
        service.listSubRecords('remediation', postmortem.id, { credentials }),
      ]);
      return {
        output: {
          postmortem: postmortem as any,
          causes: causes as any[],
          remediation: remediation as any[],
        },
      };
    },
  });

  actions.register({
    name: 'list-postmortems',
    title: 'List postmortems for an entity',
    description:
      'Lists postmortems, newest incident first, optionally for one catalog entity (directly or through its dependencies) and stage.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .optional()
            .describe(
              'Catalog entity ref, e.g. component:default/checkout-service',
            ),
          includeDependencies: z
            .boolean()
            .optional()
            .describe('Also match incidents of the entity dependencies'),
          stage: z.enum(POSTMORTEM_STAGES).optional(),
          limit: z.number().int().min(1).max(100).optional(),
        }),
      output: z =>
        z.object({
          totalCount: z.number(),
          items: z.array(z.record(z.string(), z.any())),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await service.listPostmortems(
        {
          entityRef: input.entityRef,
          includeDependencies: input.includeDependencies,
          stage: input.stage ? [input.stage] : undefined,
          limit: input.limit ?? 20,
        },
        { credentials },
      );
      return {
        output: { totalCount: page.totalCount, items: page.items.map(summary) },
      };
    },
  });

  actions.register({
    name: 'list-open-remediation-items',
    title: 'List open remediation items for an entity',
    description:
      'Lists remediation items that are not done yet, highest priority first, from the postmortems touching a catalog entity.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Catalog entity ref'),
          includeDependencies: z.boolean().optional(),
        }),
      output: z => z.object({ items: z.array(z.record(z.string(), z.any())) }),
    },
    action: async ({ input, credentials }) => {
      const page = await service.listPostmortems(
        {
          entityRef: input.entityRef,
          includeDependencies: input.includeDependencies,
          limit: 200,
        },
        { credentials },
      );
      const items = [];
      for (const p of page.items) {
        for (const item of await service.listSubRecords('remediation', p.id, {
          credentials,
        })) {
          if (item.status === 'open' || item.status === 'in_progress') {
            items.push({ ...item, postmortem: p.humanId });
          }
        }
      }
      items.sort((a, b) => b.priority - a.priority);
      return { output: { items: items as any[] } };
    },
  });

  actions.register({
    name: 'find-similar-incidents',
    title: 'Find similar past incidents',
    description:
      'Finds past postmortems similar to a description: incidents on the same entities or their dependencies, ranked by shared entities and shared words in the title and summary.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          description: z
            .string()
            .min(3)
            .describe('What is happening, e.g. the alert summary'),
          entityRefs: z
            .array(z.string())
            .optional()
            .describe('Affected catalog entities'),
          limit: z.number().int().min(1).max(20).optional(),
        }),
      output: z => z.object({ items: z.array(z.record(z.string(), z.any())) }),
    },
    action: async ({ input, credentials }) => {
      const candidates = new Map<string, any>();
      for (const entityRef of input.entityRefs ?? []) {
        const page = await service.listPostmortems(
          { entityRef, includeDependencies: true, limit: 100 },
          { credentials },
        );
        page.items.forEach(p => candidates.set(p.id, p));
      }
      if (!candidates.size) {
        const page = await service.listPostmortems(
          { limit: 200 },
          { credentials },
        );
        page.items.forEach(p => candidates.set(p.id, p));
      }
      const wanted = words(input.description);
      const affected = new Set(
        (input.entityRefs ?? []).map(r => r.toLocaleLowerCase('en-US')),
      );
      const scored = [...candidates.values()]
        .map(p => {
          const text = words(`${p.title} ${p.narrative.summary ?? ''}`);
          const shared = [...wanted].filter(w => text.has(w)).length;
          const sharedEntities = p.entityRefs.filter((r: string) =>
            affected.has(r),
          ).length;
          return {
            ...summary(p),
            score: sharedEntities * 2 + shared / Math.max(1, wanted.size),
          };
        })
        .filter(p => p.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, input.limit ?? 5);
      return { output: { items: scored } };
    },
  });

  actions.register({
    name: 'create-draft-postmortem',
    title: 'Create a draft postmortem for an incident',
    description:
      'Declares an incident (title, severity, type, affected catalog entities, times) and opens its postmortem in the draft stage. Returns the incident id to use with the other actions.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          title: z.string().min(3).max(200),
          severity: z.enum(SEVERITIES),
          type: z
            .string()
            .regex(INCIDENT_TYPE_PATTERN)
            .optional()
            .describe(
              'Kind of incident as a lowercase slug (security, availability, data-loss…); picks the template with the severity',
            ),
          entityRefs: z
            .array(z.string())
            .min(1)
            .describe('Affected catalog entity refs'),
          impactStartedAt: z.string().datetime().optional(),
          detectedAt: z.string().datetime().optional(),
          resolvedAt: z.string().datetime().optional(),
        }),
      output: z =>
        z.object({
          humanId: z.string(),
          postmortemId: z.string(),
          stage: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { postmortem } = await service.declareIncident(
        { ...input, status: input.resolvedAt ? 'resolved' : 'declared' },
        { credentials },
      );
      return {
        output: {
          humanId: postmortem.humanId,
          postmortemId: postmortem.id,
          stage: postmortem.stage,
        },
      };
    },
  });

  actions.register({
    name: 'add-timeline-event',
    title: 'Add a timeline event to a postmortem',
    description:
      'Adds an event (an observation, action, decision, communication…) to the timeline of a postmortem.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          postmortemId: z
            .string()
            .describe('Postmortem uuid or incident human id'),
          occurredAt: z.string().datetime(),
          kind: z.enum(TIMELINE_EVENT_KINDS),
          text: z.string().min(1).max(10000),
          keyDecision: z.boolean().optional(),
        }),
      output: z => z.object({ id: z.string() }),
    },
    action: async ({ input, credentials }) => {
      const { postmortemId, ...event } = input;
      const record = await service.addSubRecord(
        'timeline',
        postmortemId,
        event,
        { credentials },
      );
      return { output: { id: record.id } };
    },
  });
}
