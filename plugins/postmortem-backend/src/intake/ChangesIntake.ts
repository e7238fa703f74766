import { InputError } from '@backstage/errors';
import { PostmortemStore } from '../database/PostmortemStore';
import { EntityResolver } from '../catalog/EntityResolver';

const CHANGE_KINDS = ['deployment', 'config', 'flag', 'migration'] as const;

/** What a change delivery did; the webhook answers it to the sender. */
export interface ChangesResult {
  accepted: number;
  duplicates: number;
  entityRefs: string[];
}

/**
 * The changes intake: deployments, config changes, feature flags and
 * migrations posted by CI/CD to `/webhooks/changes`, checked field by
 * field (a wrong type or a NUL byte is a 400 naming the field, never
 * coerced), mapped to catalog entities and stored once per event id.
 * The drafts read them as candidate causes.
 */
export class ChangesIntake {
  constructor(
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    /** Map a service to the entity of that name when no annotation matches. */
    private readonly entityNameFallback: boolean,
  ) {}

  /** Records one change delivery (its parsed JSON body). */
  async record(payload: unknown): Promise<ChangesResult> {
    const body = payload as Record<string, unknown>;
    // An id becomes part of the stored event key (512 characters at most).
    const text = (field: string, required = false) => {
      const max = field === 'id' ? 256 : 2048;
      const value = body?.[field];
      if (value === undefined && !required) return undefined;
      if (
        typeof value !== 'string' ||
        value.length === 0 ||
        value.length > max
      ) {
        throw new InputError(
          `${field} must be a non-empty string of at most ${max} characters`,
        );
      }
      if (value.includes('\u0000')) {
        throw new InputError(`${field} must not contain NUL characters`);
      }
      return value;
    };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InputError('The change must be a JSON object');
    }
    const known = [
      'id',
      'kind',
      'entityRef',
      'service',
      'version',
      'description',
      'occurredAt',
      'author',
      'link',
      'rollbackRef',
    ];
    const unknown = Object.keys(body).filter(k => !known.includes(k));
    if (unknown.length) {
      throw new InputError(`Unknown field(s): ${unknown.join(', ')}`);
    }
    const kind = text('kind') ?? 'deployment';
    if (!CHANGE_KINDS.includes(kind as (typeof CHANGE_KINDS)[number])) {
      throw new InputError(`kind must be one of ${CHANGE_KINDS.join(', ')}`);
    }
    const occurredAt = text('occurredAt', true)!;
    if (Number.isNaN(Date.parse(occurredAt))) {
      throw new InputError('occurredAt must be an ISO 8601 time');
    }
    const service = text('service');
    const entityRef = text('entityRef');
    if (!service && !entityRef) {
      throw new InputError('entityRef or service is required');
    }
    const refs = entityRef
      ? await this.entities.requireExisting('entityRef', [entityRef])
      : await this.entities.findByHint(
          'postmortem.io/alert-service',
          service!,
          this.entityNameFallback,
        );
    if (!refs.length) {
      throw new InputError(
        `service: no catalog entity is annotated with postmortem.io/alert-service '${service}'${
          this.entityNameFallback ? ' or named so' : ''
        }`,
      );
    }
    const eventId =
      text('id') ?? `${refs[0]}:${text('version') ?? ''}:${occurredAt}`;
    let recorded = 0;
    for (const ref of refs) {
      const fresh = await this.store.recordChange({
        source: 'changes',
        eventId: refs.length > 1 ? `${eventId}:${ref}` : eventId,
        entityRef: ref,
        kind: kind as (typeof CHANGE_KINDS)[number],
        version: text('version'),
        description: text('description'),
        author: text('author'),
        link: text('link'),
        rollbackRef: text('rollbackRef'),
        occurredAt: new Date(occurredAt).toISOString(),
      });
      if (fresh) recorded++;
    }
    return {
      accepted: recorded,
      duplicates: refs.length - recorded,
      entityRefs: refs,
    };
  }
}
