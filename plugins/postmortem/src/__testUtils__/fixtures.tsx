import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import userEvent from '@testing-library/user-event';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type {
  Incident,
  Postmortem,
} from '@postmortems/plugin-postmortem-common';
import { rootRouteRef } from '../routes';
import { FakePostmortemApi } from './FakePostmortemApi';

export const HOUR = 3600 * 1000;

/** The groups of the fake catalog, for the owner-group picker. */
export const CATALOG_GROUPS = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', profile: { displayName: 'Checkout team' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sre', namespace: 'default', title: 'Site reliability' },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team' },
  },
];

/** A catalog API pair that knows CATALOG_GROUPS. */
export function catalogWithGroups() {
  return [catalogApiRef, catalogApiMock({ entities: CATALOG_GROUPS })] as const;
}

export function makePostmortem(
  overrides: Partial<Postmortem> = {},
): Postmortem {
  return {
    id: 'pm-1',
    incidentId: 'inc-1',
    humanId: 'INC-2026-0001',
    title: 'Checkout latency',
    severity: 'SEV2',
    templateId: 'default',
    templateVersion: 1,
    stage: 'cause_analysis',
    roles: {
      incidentCommander: 'user:default/jane.doe',
      technicalOwners: ['user:default/sam'],
      reviewers: [],
      contributors: [],
    },
    narrative: { summary: 'Checkout was **slow** for 40 minutes.' },
    attachments: [],
    deadlines: {},
    visibility: 'normal',
    revision: 3,
    entityRefs: ['component:default/checkout-service'],
    ownerRefs: ['group:default/checkout-team'],
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    humanId: 'INC-2026-0001',
    title: 'Checkout latency',
    severity: 'SEV2',
    status: 'resolved',
    impactStartedAt: '2026-11-01T09:00:00Z',
    detectedAt: '2026-11-01T09:10:00Z',
    acknowledgedAt: '2026-11-01T09:15:00Z',
    mitigatedAt: '2026-11-01T09:40:00Z',
    resolvedAt: '2026-11-01T11:00:00Z',
    entityRefs: ['component:default/checkout-service'],
    responders: [],
    source: 'manual',
    externalIds: {},
    links: [],
    createdAt: '2026-11-01T09:10:00Z',
    updatedAt: '2026-11-01T11:00:00Z',
    ...overrides,
  };
}

/** A fake holding one postmortem and its incident, plus whatever else. */
export function fakeWith(
  seed: ConstructorParameters<typeof FakePostmortemApi>[0] = {},
) {
  return new FakePostmortemApi({
    postmortems: [makePostmortem()],
    incidents: [makeIncident()],
    ...seed,
  });
}

/** Renders a piece of the workspace in a test app backed by `api`. */
export function renderWithApi(
  element: JSX.Element,
  api: FakePostmortemApi,
  options: { viewer?: string; viewerGroups?: string[] } = {},
) {
  return renderInTestApp(element, {
    apis: [
      api.pair(),
      mockApis.identity({
        userEntityRef: options.viewer ?? 'user:default/guest',
        ownershipEntityRefs: [
          options.viewer ?? 'user:default/guest',
          ...(options.viewerGroups ?? []),
        ],
      }),
    ],
    mountedRoutes: {
      '/postmortems': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

/** Puts text into a field as one paste; typing long text is slow in jsdom. */
export async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

/** What the backend answers when the caller lacks the role: a 403. */
export function forbidden(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message },
        request: { method: 'POST', url: '/api/postmortem' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}
