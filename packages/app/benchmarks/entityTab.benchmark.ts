import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const RUNS = 5;
const TARGET_MS = 1_500;
const TAB = 'a[href$="/component/checkout-service/postmortems"]';
const OVERVIEW = 'a[href$="/component/checkout-service"]';

/**
 * The entity tab of checkout-service with 500 postmortems (seeded by the
 * script): from a click on the tab until its table shows postmortems with
 * their remediation progress and the dependencies switch answers, five
 * times after a warm-up, each from the entity's overview; judged on the
 * median (the machine is shared). Also how many API requests the tab made
 * (the progress comes with the list: no request per row).
 */
test('the entity tab with 500 postmortems is interactive in time', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // Signed in as the guest; retried while the backend (re)starts.
  await expect(async () => {
    await page.goto('/');
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 60_000 });
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .waitFor({ state: 'attached', timeout: 20_000 });
  }).toPass({ timeout: 300_000 });
  // In-app navigation only (the router follows history): a reload would
  // ask the guest to sign in again.
  await page.evaluate(overview => {
    window.history.pushState({}, '', overview);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, '/catalog/default/component/checkout-service');
  const interactive: number[] = [];
  const apiRequests: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    if (run > 0) await page.locator(OVERVIEW).first().click();
    await page.locator(TAB).waitFor({ state: 'visible', timeout: 120_000 });
    let requests = 0;
    const onRequest = (request: { url(): string }) => {
      if (/\/api\/postmortem\//.test(request.url())) requests++;
    };
    page.on('request', onRequest);
    const started = performance.now();
    await page.locator(TAB).click();
    await expect(
      page.getByRole('link', { name: /^INC-\d{4}-\d+$/ }).first(),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByRole('progressbar', { name: /^Remediation of INC-/ }).first(),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByRole('checkbox', { name: 'Include incidents of dependencies' }),
    ).toBeEnabled();
    const shown = performance.now() - started;
    // Settled: the requests a load makes, counted once nothing more comes.
    await page.waitForTimeout(500);
    page.off('request', onRequest);
    // The first run warms the bundle's lazy chunks and the server's caches.
    if (run === 0) continue;
    interactive.push(shown);
    apiRequests.push(requests);
  }
  const sorted = [...interactive].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const result = {
    engine: 'sqlite',
    name: 'entity tab in Chromium, 500 postmortems (portal on the embedded database)',
    value: median,
    unit: 'ms (median of 5)',
    details: {
      slowest: sorted[sorted.length - 1],
      'API requests per load, most': Math.max(...apiRequests),
    },
    target: '< 1.5 s',
    pass: median < TARGET_MS,
  };
  const dir = path.resolve(__dirname, '../../../benchmark-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'entity-tab.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  // eslint-disable-next-line no-console
  console.log(JSON.stringify(result));
});
