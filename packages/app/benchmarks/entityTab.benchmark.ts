import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const RUNS = 5;
const TARGET_MS = 1_500;
const TAB = 'a[href$="/component/checkout-service/postmortems"]';
const OVERVIEW = 'a[href$="/component/checkout-service"]';

/**
 * The entity tab of checkout-service with 500 postmortems (seeded by the
 * script): from a click on the tab until its table shows postmortems and
 * the dependencies switch answers, five times after a warm-up, each from
 * the entity's overview; judged on the median (the machine is shared). Also how long until every row's remediation
 * progress has arrived (one request per row, as the tab asks).
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
  const remediation: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    if (run > 0) await page.locator(OVERVIEW).first().click();
    await page.locator(TAB).waitFor({ state: 'visible', timeout: 120_000 });
    let responses = 0;
    let lastRemediation = 0;
    const onResponse = (response: { url(): string }) => {
      if (/\/postmortems\/[^/]+\/remediation$/.test(response.url())) {
        responses++;
        lastRemediation = performance.now();
      }
    };
    page.on('response', onResponse);
    const started = performance.now();
    await page.locator(TAB).click();
    await expect(
      page.getByRole('link', { name: /^INC-\d{4}-\d+$/ }).first(),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByRole('checkbox', { name: 'Include incidents of dependencies' }),
    ).toBeEnabled();
    const shown = performance.now() - started;
    // Settled: no remediation answer for half a second.
    await expect
      .poll(() => responses > 0 && performance.now() - lastRemediation > 500, {
        timeout: 60_000,
      })
      .toBe(true);
    page.off('response', onResponse);
    // The first run warms the bundle's lazy chunks and the server's caches.
    if (run === 0) continue;
    interactive.push(shown);
    remediation.push(Math.max(shown, lastRemediation - started));
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
      'every remediation progress loaded, slowest ms': Math.max(...remediation),
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
