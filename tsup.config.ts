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

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node', target: 'node20', clean: true },
  { ...shared, outDir: 'dist/web', platform: 'browser', target: 'es2022', esbuildPlugins: [useWebBackend] },
]);
