import { expect, Page, test } from '@playwright/test';
import {
  BACKSTAGE_KNOWN_ISSUES,
  expectAccessible,
  KnownIssue,
  signIn,
} from './helpers';

/**
 * Every page of the suite at 1400 px, as a new user sees it: a full-page
 * screenshot in e2e-test-report/1400/ and an axe check of each.
 */
const WIDTH = 1400;
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: `e2e-test-report/${WIDTH}/${name}.png`,
    fullPage: true,
  });

async function check(page: Page, name: string, known: KnownIssue[] = []) {
  await expectAccessible(page, known);
  await shot(page, name);
}

const incidentLinks = (page: Page) =>
  page.getByRole('link', { name: /^INC-\d{4}-\d{4}$/ });

async function waitForIncidents(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(incidentLinks(page).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 900 });
});

test('list, workspace tabs and scorecards at 1400 px', async ({ page }) => {
  await signIn(page, '/postmortems');
  await waitForIncidents(page);
  await check(page, 'postmortems-list');

  await page
    .getByRole('link', { name: /^INC-\d{4}-\d{4}$/ })
    .first()
    .click();
  await expect(page.getByRole('tablist')).toBeVisible();
  const tabs = [
    ['Overview', 'workspace-overview'],
    ['Timeline', 'workspace-timeline'],
    ['Evidence', 'workspace-evidence'],
    ['Causes', 'workspace-causes'],
    ['Remediation', 'workspace-remediation'],
    ['Dependency map', 'workspace-dependency-map'],
    ['Contributions', 'workspace-contributions'],
    ['Similar incidents', 'workspace-similar'],
    ['Gates', 'workspace-gates'],
    ['History', 'workspace-history'],
  ] as const;
  for (const [tab, name] of tabs) {
    await page.getByRole('tab', { name: tab }).click();
    const panel = page.getByRole('tabpanel', { name: tab });
    await expect(panel).toBeVisible();
    // Loaded: no progress bar left in the panel.
    await expect(panel.getByRole('progressbar')).toHaveCount(0, {
      timeout: 30_000,
    });
    await check(page, name);
  }

  await page.goto('/postmortems/scorecards?groupBy=severity&interval=month');
  await expect(
    page.getByRole('table', { name: /Scorecard per group/ }),
  ).toBeVisible({ timeout: 60_000 });
  await check(page, 'scorecards');
});

test('entity overview, entity tab and search at 1400 px', async ({ page }) => {
  await signIn(page, '/catalog/default/component/checkout-service');
  await expect(
    page.getByRole('heading', { name: 'checkout-service' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Incident scorecard').first()).toBeVisible({
    timeout: 60_000,
  });
  await check(page, 'entity-overview');

  await page.goto('/catalog/default/component/checkout-service/postmortems');
  await waitForIncidents(page);
  await check(page, 'entity-postmortems-tab');

  await page.goto('/search?query=checkout');
  await expect(
    page.getByRole('link', { name: /Checkout requests time out/ }).first(),
  ).toBeVisible({ timeout: 120_000 });
  await check(page, 'search', [
    BACKSTAGE_KNOWN_ISSUES.searchResultListItems,
    BACKSTAGE_KNOWN_ISSUES.catalogSearchResultText,
  ]);
});
