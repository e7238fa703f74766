import { InputError } from '@backstage/errors';
import {
  IncidentLink,
  IncidentStatus,
  PostmortemRoles,
  Responder,
  Severity,
  toIncidentType,
  Visibility,
} from '@postmortems/plugin-postmortem-common';
import { NewIncident } from '../database/PostmortemStore';
import { Redactor } from '../redaction/Redactor';
import { TemplateRegistry } from '../templates/TemplateRegistry';

/**
 * A new incident as its declarer states it, whoever that is: a person
 * through `POST /incidents` (or an agent or scaffolder action), or an
 * incident source through a webhook. Entities, responders and owners are
 * already resolved against the catalog; the declaration path decides how
 * strictly (a person naming an unknown entity gets a 400, an alert naming
 * one is still taken).
 */
export interface IncidentDeclaration {
  title: string;
  severity: Severity;
  /** Kind of incident (security, data-loss, …); normalised to a slug. */
  type?: string;
  status: IncidentStatus;
  impactStartedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  entityRefs: string[];
  responders: Responder[];
  links: IncidentLink[];
  /** `manual`, or the incident source's id. */
  source: string;
  dedupKey?: string;
  groupKey?: string;
  externalIds: Record<string, string>;
  labels: Record<string, string>;
  /** A template chosen by the declarer; otherwise by severity and type. */
  templateId?: string;
  roles?: Partial<PostmortemRoles>;
  visibility?: Visibility;
  ownerRefs: string[];
  author: string;
}

function refuseNul(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new InputError(`${path} must not contain NUL characters`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseNul(v, `${path}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      refuseNul(k, `${path} key`);
      refuseNul(v, `${path}.${k}`);
    }
  }
}

/**
 * The one place a new incident and its postmortem workspace are built,
 * for declarations by hand and by webhooks alike, with the same cleaning:
 * NUL characters refused naming the field, title and label values
 * redacted (they carry whatever an alert rule or a person put in them),
 * the type normalised, the template picked, and the incident commander
 * taken from the roles or else from a responder in that role.
 */
export function buildNewIncident(
  declaration: IncidentDeclaration,
  context: { templates: TemplateRegistry; redactor?: Redactor },
): NewIncident {
  for (const [field, value] of Object.entries(declaration)) {
    refuseNul(value, field);
  }
  const redact = (text: string) =>
    context.redactor ? context.redactor.redact(text).text : text;
  const type = toIncidentType(declaration.type);
  const template = context.templates.select(
    declaration.severity,
    type,
    declaration.templateId,
  );
  const roles = declaration.roles ?? {};
  return {
    title: redact(declaration.title),
    severity: declaration.severity,
    type,
    status: declaration.status,
    impactStartedAt: declaration.impactStartedAt,
    detectedAt: declaration.detectedAt,
    acknowledgedAt: declaration.acknowledgedAt,
    mitigatedAt: declaration.mitigatedAt,
    resolvedAt: declaration.resolvedAt,
    entityRefs: declaration.entityRefs,
    responders: declaration.responders,
    links: declaration.links,
    source: declaration.source,
    dedupKey: declaration.dedupKey,
    groupKey: declaration.groupKey,
    externalIds: declaration.externalIds,
    labels: Object.fromEntries(
      Object.entries(declaration.labels).map(([k, v]) => [k, redact(v)]),
    ),
    postmortem: {
      templateId: template.id,
      templateVersion: template.version,
      roles: {
        incidentCommander:
          roles.incidentCommander ??
          declaration.responders.find(r => r.role === 'incident_commander')
            ?.userRef,
        technicalOwners: roles.technicalOwners ?? [],
        reviewers: roles.reviewers ?? [],
        contributors: roles.contributors ?? [],
      },
      narrative: {},
      visibility: declaration.visibility ?? 'normal',
      deadlines: {},
      ownerRefs: declaration.ownerRefs,
    },
    author: declaration.author,
  };
}
