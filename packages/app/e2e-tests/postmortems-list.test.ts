import { expect, Page, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

const incidentLinks = (page: Page) =>
  page.getByRole('link', { name: /^INC-\d{4}-\d{4}$/ });

/** The titles in the list's Title column, top to bottom. */
async function titles(page: Page): Promise<string[]> {
  const rows = page.locator('tbody tr').filter({ has: incidentLinks(page) });
  return rows.evaluateAll(trs =>
    trs.map(tr => (tr.querySelectorAll('td')[1]?.textContent ?? '').trim()),
  );
}

test('the postmortem list filters by catalog group and sorts on the server, by keyboard', async ({
  page,
}) => {
  await signIn(page, '/postmortems');
  await expect(async () => {
    await page.reload();
    await expect(incidentLinks(page).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expectAccessible(page);
  await screenshot(page, 'postmortems-list');

  // Sort by title, Z to A, with the keyboard only.
  const sortBy = page.getByLabel('Sort by');
  await sortBy.focus();
  await sortBy.selectOption('title');
  await expect(page).toHaveURL(/orderBy=title&order=asc/);
  const order = page.getByLabel('Order', { exact: true });
  await order.focus();
  await order.selectOption('desc');
  await expect(page).toHaveURL(/orderBy=title&order=desc/);
  await expect(async () => {
    const shown = await titles(page);
    expect(shown.length).toBeGreaterThan(1);
    const lower = shown.map(t => t.toLocaleLowerCase('en-US'));
    // The portal runs on SQLite, which compares lower-cased titles bytewise.
    expect(lower).toEqual([...lower].sort().reverse());
  }).toPass({ timeout: 15_000 });

  // The owner group comes from the catalog: type, arrow down, Enter.
  const owner = page.getByRole('combobox', { name: 'Owner group' });
  await owner.focus();
  await page.keyboard.type('Checkout');
  const option = page.getByRole('option', { name: /Checkout Team/ });
  await expect(option).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/ownerRef=group%3Adefault%2Fcheckout-team/);
  await expect(owner).toHaveValue('Checkout Team');
  await expect(incidentLinks(page).first()).toBeVisible();
  // The order stays with the filter.
  await expect(page).toHaveURL(/orderBy=title&order=desc/);
  await expectAccessible(page);
  await screenshot(page, 'postmortems-list-filtered');
});
