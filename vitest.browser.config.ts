import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the packed package in headless Chromium (Debian's, via playwright-core). */
export default defineConfig({
  test: {
    name: 'browser',
    include: ['test/browser/*.test.ts'],
    globalSetup: ['test/package/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
