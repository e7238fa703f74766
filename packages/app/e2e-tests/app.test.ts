import { expect, test } from '@playwright/test';

test('a demo service shows its Postmortems tab', async ({ page }) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  // The catalog is the landing page and lists the demo company's services.
  await expect(
    page.getByRole('link', { name: 'checkout-service', exact: true }),
  ).toBeVisible();
  await page
    .getByRole('link', { name: 'checkout-service', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'checkout-service' }).first(),
  ).toBeVisible();

  // Entity tabs are links to sub-routes of the entity page.
  await page
    .locator('a[href$="/component/checkout-service/postmortems"]')
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service\/postmortems/,
  );
  await expect(
    page.getByRole('checkbox', { name: 'Include incidents of dependencies' }),
  ).toBeVisible();
  await expect(page.getByText('No postmortems match.')).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/entity-postmortems-tab.png',
    fullPage: true,
  });
});
