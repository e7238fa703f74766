import { APIRequestContext, expect } from '@playwright/test';

const BACKEND = 'http://localhost:7007';

/** A token of the portal's guest user, as the app gets it when signing in. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

/** Declares an incident through the API as the guest, its commander. */
export async function declareIncident(
  request: APIRequestContext,
  body: Record<string, unknown>,
): Promise<{ humanId: string; id: string }> {
  const token = await guestToken(request);
  const res = await request.post(`${BACKEND}/api/postmortem/incidents`, {
    headers: { authorization: `Bearer ${token}` },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(201);
  const { postmortem } = await res.json();
  return { humanId: postmortem.humanId, id: postmortem.id };
}
