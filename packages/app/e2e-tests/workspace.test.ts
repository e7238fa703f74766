import { expect, Page, test } from '@playwright/test';
import {
  BACKSTAGE_KNOWN_ISSUES,
  expectAccessible,
  screenshot,
  signIn,
} from './helpers';

/** Opens the first demo postmortem from the portal-wide list. */
async function openDemoPostmortem(page: Page): Promise<string> {
  await signIn(page, '/postmortems');
  const first = page.getByRole('link', { name: /^INC-\d{4}-\d{4}$/ }).first();
  await expect(async () => {
    await page.reload();
    await expect(first).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const humanId = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/postmortems/${humanId}$`));
  await expect(page.getByText(humanId).first()).toBeVisible();
  return humanId;
}

async function editSummary(page: Page, text: string) {
  await page.getByRole('button', { name: 'Edit Summary' }).click();
  const field = page.getByRole('textbox', { name: 'Summary (Markdown)' });
  await field.fill(text);
  await page.getByRole('button', { name: 'Save Summary' }).click();
}

test('a postmortem opens, is edited, conflicts are explained and revisions compared', async ({
  page,
  browser,
}) => {
  const humanId = await openDemoPostmortem(page);
  await expectAccessible(page);
  await screenshot(page, 'postmortem-workspace');

  await editSummary(page, 'Edited from the browser test.');
  await expect(page.getByText('Edited from the browser test.')).toBeVisible();

  // A second editor starts from the same revision, then the first one saves.
  const other = await browser.newPage();
  await signIn(other, `/postmortems/${humanId}`);
  await other.getByRole('button', { name: 'Edit Summary' }).click();
  await editSummary(page, 'The first editor saved again.');
  await expect(page.getByText('The first editor saved again.')).toBeVisible();
  await other
    .getByRole('textbox', { name: 'Summary (Markdown)' })
    .fill('The second editor is late.');
  await other.getByRole('button', { name: 'Save Summary' }).click();
  await expect(other.getByText('Revision conflict')).toBeVisible();
  await expect(
    other.getByText(/Someone else saved revision \d+ while you were editing/),
  ).toBeVisible();
  await other.close();

  // Compare two revisions side by side.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText('Compare revisions')).toBeVisible();
  await expect(
    page.getByText(/^After \(revision \d+\)$/).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Edited from the browser test.').first(),
  ).toBeVisible();
  await expectAccessible(page);

  // Export Markdown from the page.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const download = page.waitForEvent('download');
  const exportMenu = page.getByRole('button', { name: 'Export' });
  if (await exportMenu.isVisible()) await exportMenu.click();
  await page
    .getByRole('menuitem', { name: 'Export Markdown' })
    .or(page.getByRole('button', { name: 'Export Markdown' }))
    .first()
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${humanId}.md`);

  // The dependency map of the incident.
  await page.getByRole('tab', { name: 'Dependency map' }).click();
  await expect(
    page
      .getByRole('link', {
        name: /checkout-service|orders-db|label-service|session-cache|fraud-service/,
      })
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'dependency-map');
});

test('the postmortem is found through the portal search', async ({ page }) => {
  await signIn(page, '/search?query=Checkout%20requests%20time%20out');
  await expect(async () => {
    await page.reload();
    await expect(
      page
        .getByRole('link', {
          name: /Checkout requests time out during payment/,
        })
        .first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expectAccessible(page, [
    BACKSTAGE_KNOWN_ISSUES.searchResultListItems,
    BACKSTAGE_KNOWN_ISSUES.catalogSearchResultText,
  ]);
  await screenshot(page, 'search-results');
});

test('the portal switches to German', async ({ page }) => {
  await signIn(page, '/settings');
  const language = page.getByRole('button', { name: /English/ }).first();
  await expect(language).toBeVisible();
  await expectAccessible(page, [BACKSTAGE_KNOWN_ISSUES.uiTabsAriaControls]);
  await screenshot(page, 'settings');
  await language.click();
  await page.getByRole('option', { name: /Deutsch|German/ }).click();
  await page.goto('/postmortems');
  await expect(page.getByText('Postmortems').first()).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: /Schweregrad/ }).first(),
  ).toBeVisible();
});
