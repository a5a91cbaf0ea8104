import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the packed package in headless Chromium (Debian's, via playwright-core). */
export default defineConfig({
  // The tests' own imports of src/ run in Node, as the node build (see tsup.config.ts).
  define: { OTPKIT_WEB_BUILD: 'false' },
  test: {
    name: 'browser',
    include: ['test/browser/*.test.ts'],
    globalSetup: ['test/package/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
