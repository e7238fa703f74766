import { defineConfig } from '@playwright/test';
// The repository's browser-test settings (Debian chromium, flags).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import base from '../../../playwright.config';

/**
 * The Chromium figure of the scale benchmark (scripts/benchmark-scale.sh),
 * kept out of the browser tests: Debian's Chromium against the portal the
 * script starts on a seeded database.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.benchmark.ts',
  reporter: [['list']],
  outputDir: '../../../e2e-test-report/benchmark-results',
});
