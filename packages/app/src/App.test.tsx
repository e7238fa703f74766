import { fireEvent, render, screen } from '@testing-library/react';
import App from './App';

// The whole app boots in jsdom: slow on a shared machine.
jest.setTimeout(60_000);

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json' },
  });

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default', uid: 'c-1' },
  // Owned by the guest, so "Owned" (the catalog's default filter once the
  // identity is known) and "All" both list it.
  spec: { type: 'service', lifecycle: 'production', owner: 'user:guest' },
  relations: [{ type: 'ownedBy', targetRef: 'user:default/guest' }],
};

/** The backend as the app calls it: guest sign-in and the catalog's API. */
async function backend(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String((input as Request).url ?? input));
  if (url.pathname === '/api/auth/guest/refresh') {
    return json({
      profile: { displayName: 'Guest' },
      backstageIdentity: {
        // Header and payload { sub: user:default/guest, exp: 9999999999 }.
        token:
          'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvZ3Vlc3QiLCJleHAiOjk5OTk5OTk5OTl9.',
        identity: {
          type: 'user',
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: ['user:default/guest'],
        },
      },
    });
  }
  if (url.pathname === '/api/catalog/entity-facets') {
    return json({
      facets: Object.fromEntries(
        url.searchParams
          .getAll('facet')
          .map(facet => [
            facet,
            facet === 'kind' ? [{ value: 'Component', count: 1 }] : [],
          ]),
      ),
    });
  }
  if (url.pathname === '/api/catalog/entities/by-query') {
    return json({ items: [checkout], totalItems: 1, pageInfo: {} });
  }
  return new Response('Not found', { status: 404 });
}

describe('App', () => {
  const env = process.env;
  const realFetch = global.fetch;
  afterEach(() => {
    process.env = env;
    global.fetch = realFetch;
  });

  it('signs in as guest and lists the catalog at /catalog', async () => {
    process.env = {
      ...env,
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    global.fetch = jest.fn(backend) as typeof fetch;
    window.history.pushState({}, '', '/catalog');

    render(App.createRoot());
    fireEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 30_000 }),
    );

    expect(
      await screen.findByRole(
        'link',
        { name: 'checkout-service' },
        { timeout: 30_000 },
      ),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-service');
  });
});
