import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** Signs in as the guest user of the local portal. */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ state: 'visible', timeout: 60_000 });
  await enter.click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached', timeout: 60_000 });
}

/**
 * Accessibility check of our own content: no WCAG 2 A or AA violation.
 * Backstage's own chrome around it is not ours to fix here.
 */
export async function expectAccessible(page: Page) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  // Entity pages have a main landmark; plugin pages are checked whole, less
  // the sidebar, which belongs to the app.
  if (await page.locator('main').count()) builder.include('main');
  else builder.exclude('nav[aria-label="sidebar nav"]');
  const results = await builder.analyze();
  const summary = results.violations.map(
    v =>
      `${v.id} (${v.impact}): ${v.nodes
        .map(n => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(summary).toEqual([]);
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-report/${name}.png`, fullPage: true });
