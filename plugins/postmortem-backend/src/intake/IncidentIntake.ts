import { LoggerService } from '@backstage/backend-plugin-api';
import { IncidentSignal } from '@postmortems/plugin-postmortem-node';
import { Responder } from '@postmortems/plugin-postmortem-common';
import { PostmortemStore, SignalInput } from '../database/PostmortemStore';
import { checkSignal } from './checkSignal';
import { EntityResolver } from '../catalog/EntityResolver';
import { TemplateRegistry } from '../templates/TemplateRegistry';
import { Redactor } from '../redaction/Redactor';
import { DraftQueue } from './DraftQueue';
import { buildNewIncident } from './newIncident';

/** What a webhook delivery did; the webhook answers it to the sender. */
export interface IntakeResult {
  accepted: number;
  duplicates: number;
  incidents: Array<{ humanId: string; outcome: 'created' | 'updated' }>;
}

/** `user:default/ada.okafor` from `Ada Okafor` or `ada.okafor@x.example`. */
function userRefFromName(name: string): string | undefined {
  const base = name.includes('@')
    ? name.split('@')[0].replace(/\+.*$/, '')
    : name;
  const slug = base
    .toLocaleLowerCase('en-US')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '.')
    .replace(/[^a-z0-9._-]+/g, '')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63);
  return slug ? `user:default/${slug}` : undefined;
}

export interface IntakeOptions {
  /**
   * An entity hint no annotation matches names the entity of that name
   * (`postmortem.intake.entityNameFallback`, on by default).
   */
  entityNameFallback: boolean;
}

const STATUS_TEXT: Record<NonNullable<IncidentSignal['status']>, string> = {
  declared: 'Incident declared',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/**
 * Turns signals from incident sources into incidents and postmortem
 * workspaces. All signals of a delivery are applied in one transaction
 * together with the records of their event ids, so a redelivery changes
 * nothing and a failure or crash never leaves a half-applied delivery.
 */
export class IncidentIntake {
  constructor(
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly templates: TemplateRegistry,
    private readonly logger: LoggerService,
    /** Drafts fall due at declaration and resolution; worked off at once. */
    private readonly drafts: DraftQueue,
    private readonly redactor?: Redactor,
    private readonly options: IntakeOptions = { entityNameFallback: true },
  ) {}

  /**
   * Responders as catalog users: a source that knows only a person's
   * e-mail address or name (a PagerDuty responder without API access)
   * hands that, and it is matched against the catalog's users; a person
   * the catalog does not know gets the user ref their name would have.
   */
  private async resolveResponders(
    responders: IncidentSignal['responders'],
  ): Promise<IncidentSignal['responders']> {
    if (!responders) return undefined;
    const resolved: Responder[] = [];
    for (const responder of responders) {
      const given = responder.userRef?.trim() ?? '';
      if (/^[a-z]+:[^/\s]+\/\S+$/i.test(given)) {
        resolved.push({
          ...responder,
          userRef: given.toLocaleLowerCase('en-US'),
        });
        continue;
      }
      const userRef =
        (given && (await this.entities.userRefOf(given))) ||
        userRefFromName(given);
      if (userRef) resolved.push({ ...responder, userRef });
    }
    return resolved;
  }

  private async resolveEntities(signal: IncidentSignal): Promise<string[]> {
    const refs = new Set<string>();
    for (const ref of signal.entityRefs ?? []) {
      try {
        for (const r of await this.entities.requireExisting('entityRefs', [
          ref,
        ])) {
          refs.add(r);
        }
      } catch {
        this.logger.warn(
          `Incident signal names unknown entity ${ref}; ignored`,
        );
      }
    }
    for (const hint of signal.entityHints ?? []) {
      for (const ref of await this.entities.findByHint(
        hint.annotation,
        hint.value,
        this.options.entityNameFallback,
      )) {
        refs.add(ref);
      }
    }
    return [...refs].sort();
  }

  /**
   * Applies the signals of one delivery: entities, owners and templates are
   * looked up first (catalog calls, no transaction open), then every signal
   * is applied in one transaction, so a delivery answered with an error
   * applied nothing and its retry converges.
   */
  async ingest(
    source: string,
    signals: IncidentSignal[],
  ): Promise<IntakeResult> {
    const inputs: SignalInput[] = [];
    for (const raw of signals) {
      checkSignal(raw);
      // Alert texts carry whatever the rule author put in them.
      const redact = (text: string) =>
        this.redactor ? this.redactor.redact(text).text : text;
      const signal: IncidentSignal = {
        ...raw,
        title: raw.title && redact(raw.title),
        text: raw.text && redact(raw.text),
        note: raw.note && redact(raw.note),
        labels:
          raw.labels &&
          Object.fromEntries(
            Object.entries(raw.labels).map(([k, v]) => [k, redact(v)]),
          ),
        responders: await this.resolveResponders(raw.responders),
      };
      const entityRefs = await this.resolveEntities(signal);
      const ownerRefs = await this.entities.ownersOf(entityRefs);
      inputs.push(this.inputOf(source, signal, entityRefs, ownerRefs));
    }
    const outcomes = await this.store.applyDelivery(inputs);

    const result: IntakeResult = { accepted: 0, duplicates: 0, incidents: [] };
    const seen = new Set<string>();
    let draftDue = false;
    outcomes.forEach((outcome, i) => {
      if (outcome.outcome === 'duplicate') {
        result.duplicates++;
        return;
      }
      result.accepted++;
      if (!seen.has(outcome.humanId!)) {
        seen.add(outcome.humanId!);
        result.incidents.push({
          humanId: outcome.humanId!,
          outcome: outcome.outcome,
        });
      }
      if (
        outcome.outcome === 'created' ||
        inputs[i].signal.status === 'resolved'
      ) {
        draftDue = true;
      }
    });
    // The store recorded the requests with the delivery; this only says
    // there is work now.
    if (draftDue) this.drafts.runSoon();
    return result;
  }

  private inputOf(
    source: string,
    signal: IncidentSignal,
    entityRefs: string[],
    ownerRefs: string[],
  ): SignalInput {
    const severity = signal.severity ?? 'SEV3';
    const placeholderTitle = `Incident from ${source}`;
    return {
      source,
      signal,
      entityRefs,
      placeholderTitle,
      timelineKind: signal.actor ? 'action' : 'alert',
      timelineText:
        signal.text ??
        `${signal.status ? STATUS_TEXT[signal.status] : 'Update'}: ${
          signal.title ?? placeholderTitle
        }`,
      // A person acting on the incident is a decision point of the response.
      keyDecision: Boolean(signal.actor),
      actor: signal.actor,
      newIncident: () =>
        buildNewIncident(
          {
            title: signal.title ?? placeholderTitle,
            severity,
            type: signal.type,
            status: signal.status ?? 'declared',
            impactStartedAt: signal.impactStartedAt,
            detectedAt: signal.detectedAt ?? signal.impactStartedAt,
            acknowledgedAt: signal.acknowledgedAt,
            mitigatedAt: signal.mitigatedAt,
            resolvedAt:
              signal.status === 'resolved'
                ? signal.resolvedAt ?? signal.occurredAt
                : undefined,
            entityRefs,
            responders: signal.responders ?? [],
            links: signal.links ?? [],
            source,
            // A grouped incident is one episode of its group.
            dedupKey: signal.groupKey
              ? `${signal.groupKey}@${
                  signal.impactStartedAt ?? signal.occurredAt
                }`
              : signal.dedupKey,
            groupKey: signal.groupKey,
            externalIds: signal.externalIds ?? {},
            labels: signal.labels ?? {},
            ownerRefs,
            author: source,
          },
          { templates: this.templates, redactor: this.redactor },
        ),
    };
  }
}
