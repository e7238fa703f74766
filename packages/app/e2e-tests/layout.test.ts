import { expect, Page, test } from '@playwright/test';
import { expectReadableColumn, signIn, WIDTHS } from './helpers';

const incidentLinks = (page: Page) =>
  page.getByRole('link', { name: /^INC-\d{4}-\d{4}$/ });

/** Title cells: the second cell of each row that links a postmortem. */
const TITLE_CELLS =
  'tbody tr:has(a[href*="/postmortems/INC-"]) td:nth-child(2)';

async function waitForRows(page: Page) {
  // Demo data arrives once the catalog knows its entities; a busy dev
  // server can take a while to render the entity page.
  await expect(async () => {
    if (!(await incidentLinks(page).first().isVisible())) await page.reload();
    await expect(incidentLinks(page).first()).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 150_000 });
}

test.setTimeout(300_000);

for (const width of WIDTHS) {
  test(`titles stay readable at ${width} px: entity tab and list`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(
      page,
      '/catalog/default/component/checkout-service/postmortems',
    );
    await waitForRows(page);
    // The remediation column is filled in after the rows; it must not
    // squeeze the titles once it is there.
    await expect(
      page.getByText(/\d+ open · \d+ overdue|^No items$/).first(),
    ).toBeVisible();
    const entityTab = await expectReadableColumn(page, TITLE_CELLS);

    await page.goto('/postmortems');
    await waitForRows(page);
    const list = await expectReadableColumn(page, TITLE_CELLS);
    test.info().annotations.push({
      type: 'narrowest title',
      description: `entity tab ${entityTab.toFixed(1)} ch, list ${list.toFixed(
        1,
      )} ch`,
    });
  });
}
