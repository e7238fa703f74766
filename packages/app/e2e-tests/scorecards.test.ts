import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './helpers';

test('the leadership scorecard shows the demo incidents', async ({ page }) => {
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
  await expectAccessible(page);
  await screenshot(page, 'scorecards');
});
