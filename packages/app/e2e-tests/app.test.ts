import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('a demo service shows its postmortems and remediation status', async ({
  page,
}) => {
  await signIn(page);
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
  // Demo incidents are loaded once the catalog knows the demo entities.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: /^INC-\d{4}-\d{4}$/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('checkbox', { name: 'Include incidents of dependencies' }),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'entity-postmortems-tab');
});
