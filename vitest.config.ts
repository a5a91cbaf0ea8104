import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const webBackend = fileURLToPath(new URL('./src/crypto/web.ts', import.meta.url));

/**
 * The unit tests run twice from source: once over the node:crypto backend and once over the
 * WebCrypto backend, which the `web` project swaps in exactly as the web build does. Tests of
 * the built package (by name, in ESM and CommonJS, in every runtime) run once.
 */
export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The command line runs as users run it, in subprocesses of the built package (test/package/cli*.test.ts).
      exclude: ['src/cli/**'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
    projects: [
      { define: { OTPKIT_WEB_BUILD: 'false' }, test: { name: 'node', include: ['test/*.test.ts'] } },
      {
        // As in tsup.config.ts: the web build's constant, so each project tests its build's code.
        define: { OTPKIT_WEB_BUILD: 'true' },
        resolve: { alias: [{ find: /^(\.\.?\/)+(src\/)?crypto\/backend\.js$/, replacement: webBackend }] },
        // QR encoding has no cryptography: it runs once, in the node project.
        test: { name: 'web', include: ['test/*.test.ts'], exclude: ['test/qr.test.ts'] },
      },
      {
        test: { name: 'package', include: ['test/package/*.test.ts'], globalSetup: ['test/package/global-setup.ts'], testTimeout: 120_000 },
      },
    ],
  },
});
