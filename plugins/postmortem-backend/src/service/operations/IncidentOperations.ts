import { InputError } from '@backstage/errors';
import {
  CallOptions,
  DeclareIncidentInput,
  ListQuery,
  revisionOf,
  UpdateIncidentInput,
} from '../PostmortemService';
import { principalRef } from '../../auth/principalRef';
import { buildNewIncident } from '../../intake/newIncident';
import { ServiceArea } from './ServiceArea';

const TIME_ORDER = [
  'impactStartedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

/** Rejects times that run backwards (e.g. resolved before impact started). */
function checkTimeOrder(
  times: Partial<Record<(typeof TIME_ORDER)[number], string>>,
) {
  const impact = times.impactStartedAt && Date.parse(times.impactStartedAt);
  for (const field of TIME_ORDER.slice(1)) {
    const value = times[field];
    if (impact && value && Date.parse(value) < impact) {
      throw new InputError(`${field} is before impactStartedAt`);
    }
  }
}

/**
 * Declaring, reading, changing and listing incidents, and the templates a
 * declared incident picks from.
 */
export class IncidentOperations extends ServiceArea {
  listTemplates() {
    return this.templates.list();
  }

  async declareIncident(input: DeclareIncidentInput, options: CallOptions) {
    checkTimeOrder(input);
    const entityRefs = await this.entities.requireExisting(
      'entityRefs',
      input.entityRefs,
    );
    const responders = await Promise.all(
      (input.responders ?? []).map(async (r, i) => ({
        ...r,
        userRef: (
          await this.entities.requireExisting(
            `responders[${i}].userRef`,
            [r.userRef],
            'user',
          )
        )[0],
      })),
    );
    // Whoever declares an incident by hand commands it unless someone is
    // named, when the catalog knows them (a guest, say, it does not).
    const declarer = options.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    let declarerRef: string | undefined;
    if (declarer.type === 'user' && declarer.userEntityRef && !input.source) {
      declarerRef = await this.entities
        .requireExisting('declarer', [declarer.userEntityRef], 'user')
        .then(([ref]) => ref)
        .catch(() => undefined);
    }
    const roles = await this.checkRoles({
      ...input.roles,
      incidentCommander:
        input.roles?.incidentCommander ??
        responders.find(r => r.role === 'incident_commander')?.userRef ??
        declarerRef,
    });
    // Built and cleaned as a webhook's incident is (intake/newIncident).
    return this.store.createIncident(
      buildNewIncident(
        {
          ...input,
          status: input.status ?? 'declared',
          entityRefs,
          responders,
          links: input.links ?? [],
          source: input.source ?? 'manual',
          externalIds: input.externalIds ?? {},
          labels: input.labels ?? {},
          roles,
          ownerRefs: await this.entities.ownersOf(entityRefs),
          author: principalRef(options.credentials),
        },
        { templates: this.templates, redactor: this.redactor },
      ),
    );
  }

  async updateIncident(
    id: string,
    rawInput: UpdateIncidentInput,
    options: CallOptions,
  ) {
    const input = this.scrub(rawInput, ['title']);
    const current = await this.getIncident(id, options);
    const basedOn = revisionOf(options, current);
    checkTimeOrder({ ...current, ...input });
    const entityRefs = input.entityRefs
      ? await this.entities.requireExisting('entityRefs', input.entityRefs)
      : undefined;
    const responders = input.responders
      ? await Promise.all(
          input.responders.map(async (r, i) => ({
            ...r,
            userRef: (
              await this.entities.requireExisting(
                `responders[${i}].userRef`,
                [r.userRef],
                'user',
              )
            )[0],
          })),
        )
      : undefined;
    const author = principalRef(options.credentials);
    const updated = await this.store.updateIncident(
      current.id,
      {
        ...input,
        entityRefs,
        responders,
        ownerRefs: entityRefs && (await this.entities.ownersOf(entityRefs)),
      },
      { author, expectedRevision: basedOn },
    );
    const postmortem = await this.store.getPostmortem(current.id);
    await this.store.addHistory(postmortem!.id, {
      actor: author,
      action: 'incident.updated',
      details: { fields: Object.keys(input) },
    });
    return updated;
  }

  async listIncidents(query: ListQuery, options: CallOptions) {
    return this.store.listIncidents({
      ...query,
      entityRefs: await this.expandEntity(query),
      permission: options.readFilter,
    });
  }
}
