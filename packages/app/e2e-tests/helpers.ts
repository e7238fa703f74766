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
 * A violation in Backstage's own components that this repository cannot fix:
 * only nodes of `rule` inside `selector` are let through, never the rule as
 * a whole. Each says why.
 */
export interface KnownIssue {
  rule: string;
  selector: string;
  why: string;
}

/**
 * Accessibility check of our own content: no WCAG 2 A or AA violation.
 * Backstage's own chrome around it is not ours to fix here; where a page
 * embeds a Backstage component with a known issue, pass it as `known`.
 */
export async function expectAccessible(page: Page, known: KnownIssue[] = []) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  // Entity pages have a main landmark; plugin pages are checked whole, less
  // the sidebar, which belongs to the app.
  if (await page.locator('main').count()) builder.include('main');
  else builder.exclude('nav[aria-label="sidebar nav"]');
  const results = await builder.analyze();
  const summary: string[] = [];
  for (const violation of results.violations) {
    const issues = known.filter(k => k.rule === violation.id);
    const nodes: string[] = [];
    for (const node of violation.nodes) {
      const target = node.target.join(' ');
      const isKnown = issues.length
        ? await page.evaluate(
            ([selector, within]) => {
              const element = document.querySelector(selector);
              return !!element && within.some(w => !!element.closest(w));
            },
            [String(node.target[0]), issues.map(k => k.selector)] as const,
          )
        : false;
      if (!isKnown) nodes.push(target);
    }
    if (nodes.length) {
      summary.push(
        `${violation.id} (${violation.impact}): ${nodes
          .slice(0, 3)
          .join(' | ')}`,
      );
    }
  }
  expect(summary).toEqual([]);
}

/**
 * Known issues of Backstage's own pages that the browser tests visit.
 * Checked against @backstage/plugin-search 1.8, @backstage/plugin-catalog
 * 2.1 and @backstage/ui 0.20 (Backstage 1.57).
 */
export const BACKSTAGE_KNOWN_ISSUES = {
  /**
   * The search page of the new frontend system renders its result items in
   * a fragment, not a list (plugin-search dist/alpha/SearchPage.esm.js),
   * while each item is a Material UI ListItem, an <li>
   * (plugin-search-react SearchResultListItemExtension). Our result item is
   * rendered inside that <li> and cannot add the list around it.
   */
  searchResultListItems: {
    rule: 'listitem',
    selector: 'li.MuiListItem-root',
    why: 'Backstage search page: result <li> items outside a list',
  },
  /**
   * The catalog's search results print their description in Material UI's
   * translucent secondary text color straight on @backstage/ui's app
   * background (#f5f5f5): 4.47:1. Our own result item uses a darker color.
   */
  catalogSearchResultText: {
    rule: 'color-contrast',
    selector: 'li:has(a[href^="/catalog/"])',
    why: 'Backstage catalog search result: secondary text on the app background',
  },
  /**
   * @backstage/ui tabs (the settings page's navigation) point aria-controls
   * at a React useId() id with colons, for a tab panel the page does not
   * render: backstage/backstage#35180.
   */
  uiTabsAriaControls: {
    rule: 'aria-valid-attr-value',
    selector: '.bui-Tab[role="tab"]',
    why: '@backstage/ui tabs: aria-controls of a tab panel that is not there (backstage/backstage#35180)',
  },
} satisfies Record<string, KnownIssue>;

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `e2e-test-report/${name}.png`, fullPage: true });

/**
 * Checks that every cell of a table column reads as text: at least `minChars`
 * characters wide (measured in the cell's own font, as CSS `ch`) and no word
 * broken across lines. Returns the narrowest cell's width in characters.
 */
export async function expectReadableColumn(
  page: Page,
  cells: string,
  minChars = 20,
): Promise<number> {
  const report = await page.locator(cells).evaluateAll(tds =>
    tds.map(td => {
      const probe = document.createElement('span');
      probe.style.cssText =
        'display:inline-block;width:1ch;position:absolute;visibility:hidden';
      td.appendChild(probe);
      const ch = probe.getBoundingClientRect().width;
      probe.remove();
      const style = getComputedStyle(td);
      const content =
        td.getBoundingClientRect().width -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight);
      // A word split over two lines has two boxes.
      const broken: string[] = [];
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            [...range.getClientRects()].map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
      return {
        text: (td.textContent ?? '').trim(),
        chars: content / ch,
        broken,
      };
    }),
  );
  expect(report.length).toBeGreaterThan(0);
  for (const cell of report) {
    expect
      .soft(cell.chars, `"${cell.text}" is ${cell.chars.toFixed(1)} ch wide`)
      .toBeGreaterThanOrEqual(minChars);
    expect.soft(cell.broken, `"${cell.text}" breaks inside words`).toEqual([]);
  }
  return Math.min(...report.map(r => r.chars));
}

/** The viewport widths the layout is checked at. */
export const WIDTHS = [1024, 1400, 1920] as const;
