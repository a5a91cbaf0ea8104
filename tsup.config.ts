import { readFileSync, rmSync } from 'node:fs';
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
 * `otpkit/flow` uses the core through the main entry, not a copy of it: its imports of
 * `src/index.ts` and of `src/errors.ts` (which the main entry re-exports) become imports of the
 * sibling `index.js` (or `index.cjs`), so an application that uses both loads the core once and
 * every OTPError comes from one class. Only the flow's own build uses this plugin.
 */
const flowUsesMainEntry = {
  name: 'otpkit-flow-main-entry',
  setup(build: { initialOptions: { outExtension?: Record<string, string> }; onResolve: (o: { filter: RegExp }, f: () => { path: string; external: boolean }) => void }) {
    // tsup builds CommonJS through esbuild's ESM output; the extension tells the two apart.
    const main = build.initialOptions.outExtension?.['.js'] === '.cjs' ? './index.cjs' : './index.js';
    build.onResolve({ filter: /^\.\.\/(index|errors)\.js$/ }, () => ({ path: main, external: true }));
  },
};

const shared: Options = {
  entry: { index: 'src/index.ts', qr: 'src/qr/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  treeshake: true,
  splitting: false,
  // Keep 'node:crypto' as written: Deno resolves built-ins only with the node: prefix.
  removeNodeProtocol: false,
};

const flow: Options = { ...shared, entry: { flow: 'src/flow/index.ts' }, esbuildPlugins: [flowUsesMainEntry] };

/** Which build a module is in, for the few differences that are not the backend (see base32-codec.ts). */
const nodeBuild = { OTPKIT_WEB_BUILD: 'false' };
const webBuild = { OTPKIT_WEB_BUILD: 'true' };

// The builds below run in parallel into two folders; they start from an empty dist/.
rmSync('dist', { recursive: true, force: true });

/** The command line: the node build only, one ES module with a shebang, the package's version built in. */
const cli: Options = {
  entry: { cli: 'src/cli/index.ts' },
  format: ['esm'],
  outDir: 'dist/node',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  removeNodeProtocol: false,
  banner: { js: '#!/usr/bin/env node' },
  define: { ...nodeBuild, OTPKIT_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node', target: 'node20', define: nodeBuild },
  { ...shared, outDir: 'dist/web', platform: 'browser', target: 'es2022', define: webBuild, esbuildPlugins: [useWebBackend] },
  { ...flow, outDir: 'dist/node', platform: 'node', target: 'node20', define: nodeBuild },
  { ...flow, outDir: 'dist/web', platform: 'browser', target: 'es2022', define: webBuild, esbuildPlugins: [useWebBackend, flowUsesMainEntry] },
  cli,
]);
