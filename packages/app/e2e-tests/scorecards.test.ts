import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('the leadership scorecard shows the demo incidents', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page, '/postmortems/scorecards?groupBy=severity&interval=month');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('table').first()).toBeVisible({
      timeout: 5_000,
    });
    await expect(
      page
        .getByRole('rowheader', {
          name: /^Postmortems of SEV[1-5] in \d{4}-\d{2}$/,
        })
        .first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByRole('button', { name: /Export CSV/ })).toBeVisible();
  await expect(page.getByText('Recurrence rate')).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: /^Recurrence/ }),
  ).toBeVisible();

  // Trend lines are straight segments between the periods' points: no
  // curve commands (C, Q, S) that would invent values between periods.
  const curves = page.locator('path.recharts-line-curve');
  await expect(curves.first()).toBeAttached();
  for (const d of await curves.evaluateAll(paths =>
    paths.map(p => p.getAttribute('d') ?? ''),
  )) {
    expect(d).toMatch(/^M[\d.,\s-]+(L[\d.,\s-]+)*$/);
  }
  await expect(
    page.locator('.recharts-line-dots circle').first(),
  ).toBeAttached();

  // The distribution of single incidents of one group, not of medians,
  // with its median and 90th percentile marked.
  const summary = page.getByText(
    /^\d+ incidents? of SEV[1-5]: median .+, 90th percentile .+\.$/,
  );
  await expect(summary).toBeVisible();
  await expect(page.locator('.recharts-reference-line')).toHaveCount(2);
  const group = page.getByLabel('Group shown');
  const options = await group.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  await group.selectOption({ label: options[1] });
  await expect(summary).toContainText(`of ${options[1]}:`);

  // The per-group table fits 1400 px: no sideways scroll.
  const overflow = await page
    .getByRole('table', { name: /Scorecard per group/ })
    .evaluate(table => {
      const box = table.parentElement!;
      return box.scrollWidth - box.clientWidth;
    });
  expect(overflow).toBeLessThanOrEqual(0);

  await expectAccessible(page);
  await screenshot(page, 'scorecards');
});

test('scorecard filters pick owner, system and entity from the catalog, by keyboard', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page, '/postmortems/scorecards?interval=month');
  const owner = page.getByRole('combobox', { name: 'Owner' });
  await owner.focus();
  await page.keyboard.type('Checkout');
  await expect(
    page.getByRole('option', { name: /Checkout Team/ }),
  ).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/ownerRef=group%3Adefault%2Fcheckout-team/);

  const entity = page.getByRole('combobox', { name: 'Entity' });
  await entity.focus();
  await page.keyboard.type('checkout-ser');
  await expect(
    page.getByRole('option', { name: /checkout-service/ }),
  ).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    /entityRef=component%3Adefault%2Fcheckout-service/,
  );
  await expect(page.getByRole('combobox', { name: 'System' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'scorecards-filtered');
});
