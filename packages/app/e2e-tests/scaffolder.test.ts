import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('the Create page runs the postmortem template and lands on the new postmortem', async ({
  page,
}) => {
  // Started from an entity page: the affected entity is prefilled.
  const formData = encodeURIComponent(
    JSON.stringify({ entityRef: 'component:default/checkout-service' }),
  );
  await signIn(
    page,
    `/create/templates/default/create-postmortem?formData=${formData}`,
  );
  const title = `Browser-made incident ${Date.now()}`;
  await page.getByRole('textbox', { name: /^Title/ }).fill(title);
  // Incident, roles and the optional follow-up, then the review page.
  for (let step = 0; step < 3; step++) {
    await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
  }
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', { name: 'Open the postmortem' });
  await expect(open).toBeVisible({ timeout: 90_000 });
  const href = (await open.getAttribute('href'))!;
  expect(href).toMatch(/\/postmortems\/INC-\d{4}-\d{4}$/);
  await page.goto(href);
  await expect(page.getByText(title).first()).toBeVisible();
});
