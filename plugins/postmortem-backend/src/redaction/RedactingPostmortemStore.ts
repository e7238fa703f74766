import { createHash } from 'node:crypto';
import type {
  PostmortemStore,
  SignalInput,
  SubRecordKind,
} from '../database/PostmortemStore';
import { Redactor } from './Redactor';

/**
 * The store methods that only read. Every other method, including any added
 * later, has its arguments redacted: the boundary fails closed.
 */
const READ_METHODS = new Set<string>([
  'getIncident',
  'listIncidents',
  'getDependencySnapshot',
  'listDraftsDue',
  'listComments',
  'listApprovals',
  'listWaivers',
  'listReminders',
  'listFullyVerified',
  'listOpenRemediationItems',
  'listChanges',
  'getPostmortem',
  'getPostmortems',
  'listPostmortems',
  'listSubRecords',
  'listRevisions',
  'getSnapshot',
  'listHistory',
  // Takes no free text: an incident id and a time.
  'markDraftGenerated',
  'listRemindersDue',
  // Take no free text: postmortem ids, revisions and times; a hash.
  'setRemindersDue',
  'adoptReminderRules',
]);

/**
 * Keys whose values identify something (deduplication, idempotency). When
 * redaction would change one, it is replaced by a hash of the raw value, so
 * that the same input still finds the same record without storing it.
 */
const IDENTIFIER_KEYS = new Set([
  'dedupKey',
  'eventId',
  'originKey',
  'evidenceOriginKeys',
  'key',
  'findingKey',
]);

/**
 * An identifier as stored: itself when redaction leaves it alone, else a
 * stable hash of it (the same raw value always gives the same hash).
 */
export function hashIdentifier(redactor: Redactor, value: string): string {
  return redactor.redact(value).text === value
    ? value
    : `redacted-${createHash('sha256')
        .update(value)
        .digest('hex')
        .slice(0, 32)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A signal of an incident source (applySignal, applyDelivery). */
function isSignal(value: unknown): value is SignalInput {
  return (
    isPlainObject(value) && typeof (value as any).newIncident === 'function'
  );
}

/**
 * Wraps a store so that everything it writes has been through the
 * redactor (its own detectors and secretlint's recommended rules): every
 * webhook source, `/webhooks/changes`, every API field, drafts, trackers,
 * agent and scaffolder actions reach the database only through a store.
 * Revisions, exports, search documents, notifications and responses are
 * built from what is stored, so they carry only redacted values.
 */
export class RedactingPostmortemStore {
  static wrap(store: PostmortemStore, redactor: Redactor): PostmortemStore {
    const boundary = new RedactingPostmortemStore(redactor);
    return new Proxy(store, {
      get(target, property, receiver) {
        const original = Reflect.get(target, property, receiver);
        if (
          typeof original !== 'function' ||
          typeof property !== 'string' ||
          READ_METHODS.has(property)
        ) {
          return typeof original === 'function'
            ? original.bind(target)
            : original;
        }
        return async (...args: unknown[]) =>
          original.apply(target, await boundary.redactArgs(property, args));
      },
    });
  }

  private constructor(private readonly redactor: Redactor) {}

  /** Redacts the arguments of a write method. */
  async redactArgs(method: string, args: unknown[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const arg of args) {
      if (isSignal(arg)) {
        out.push(await this.redactSignal(arg));
        continue;
      }
      if (Array.isArray(arg) && arg.some(isSignal)) {
        const signals: unknown[] = [];
        for (const item of arg) {
          signals.push(isSignal(item) ? await this.redactSignal(item) : item);
        }
        out.push(signals);
        continue;
      }
      const { value, counts } = await this.redactor.redactValueAsync(
        this.hashIdentifiers(arg),
      );
      if (
        (method === 'addSubRecord' || method === 'updateSubRecord') &&
        (args[0] as SubRecordKind) === 'evidence' &&
        isPlainObject(value) &&
        typeof value.content === 'string'
      ) {
        // Evidence keeps how many values of each kind were masked.
        const redactions = { ...(value.redactions as object) } as Record<
          string,
          number
        >;
        for (const [kind, count] of Object.entries(counts)) {
          redactions[kind] = (redactions[kind] ?? 0) + count;
        }
        value.redactions = redactions;
      }
      out.push(value);
    }
    return out;
  }

  /**
   * A signal carries a builder of the incident it may create; its result is
   * built here (it is pure) so that it can be redacted too.
   */
  private async redactSignal(input: SignalInput): Promise<SignalInput> {
    const { newIncident, ...rest } = input;
    const { value } = await this.redactor.redactValueAsync(
      this.hashIdentifiers({ ...rest, incident: newIncident() }),
    );
    const { incident, ...redacted } = value;
    return { ...redacted, newIncident: () => incident } as SignalInput;
  }

  private hashIdentifiers<T>(value: T, key?: string): T {
    if (typeof value === 'string') {
      if (key === undefined || !IDENTIFIER_KEYS.has(key)) return value;
      return hashIdentifier(this.redactor, value) as T;
    }
    if (Array.isArray(value)) {
      return value.map(item => this.hashIdentifiers(item, key)) as T;
    }
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, this.hashIdentifiers(v, k)]),
      ) as T;
    }
    return value;
  }
}
