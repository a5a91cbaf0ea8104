import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * Two builds of one codebase (style.md: the runtime split is chosen at build time):
 * dist/node uses src/crypto/node.ts (node:crypto), dist/web uses src/crypto/web.ts (WebCrypto).
 * package.json's export conditions send each runtime to one of them.
 */
const useWebBackend = {
  name: 'otpkit-web-backend',
  setup(build: { onResolve: (o: { filter: RegExp }, f: (a: { path: string; resolveDir: string }) => { path: string }) => void }) {
    build.onResolve({ filter: /(^|\/)crypto\/backend\.js$/ }, (args) => ({
      path: join(dirname(join(args.resolveDir, args.path)), 'web.ts'),
    }));
  },
};

/**
 * `otpkit/flow` uses the core through the main entry, not a copy of it: its `../index.js`
 * imports stay imports of the sibling `index.js` (or `index.cjs`), so an application that uses
 * both loads the core once and both share one OTPError class.
 */
const flowUsesMainEntry = {
  name: 'otpkit-flow-main-entry',
  setup(build: { initialOptions: { outExtension?: Record<string, string> }; onResolve: (o: { filter: RegExp }, f: (a: { path: string; importer: string }) => { path: string; external: boolean } | undefined) => void }) {
    // tsup builds CommonJS through esbuild's ESM output; the extension tells the two apart.
    const main = build.initialOptions.outExtension?.['.js'] === '.cjs' ? './index.cjs' : './index.js';
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (/[/\\]src[/\\]flow[/\\]/.test(args.importer) ? { path: main, external: true } : undefined));
  },
};

const shared: Options = {
  entry: { index: 'src/index.ts', qr: 'src/qr/index.ts', flow: 'src/flow/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  treeshake: true,
  splitting: false,
  // Keep 'node:crypto' as written: Deno resolves built-ins only with the node: prefix.
  removeNodeProtocol: false,
};

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node', target: 'node20', clean: true, esbuildPlugins: [flowUsesMainEntry] },
  { ...shared, outDir: 'dist/web', platform: 'browser', target: 'es2022', esbuildPlugins: [useWebBackend, flowUsesMainEntry] },
]);
