import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');

/** Leaves otpkit/flow's imports of the main entry (`./index.js` beside it) out of the bundle. */
const mainEntryExternal = {
  name: 'main-entry-external',
  setup(b: { onResolve: (o: { filter: RegExp }, f: (a: { importer: string }) => { path: string; external: true } | undefined) => void }) {
    b.onResolve({ filter: /^\.\/index\.js$/ }, (args) => (args.importer.endsWith('flow.js') ? { path: 'otpkit', external: true } : undefined));
  },
};

/** Bundles `source` for the browser from the installed package, minified; returns the code and its gzip size. */
async function bundle(name: string, source: string, withoutMainEntry = false) {
  const entry = join(dir, `size-${name}.mjs`);
  writeFileSync(entry, source);
  const plugins = withoutMainEntry ? [mainEntryExternal] : [];
  const result = await build({ absWorkingDir: dir, entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'error', plugins });
  const code = result.outputFiles[0]!.text;
  const inputs = Object.keys(result.metafile.inputs);
  return { code, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

describe('bundle size (esbuild --minify --platform=browser, gzip -9)', () => {
  it('keeps generateTOTP + verifyTOTP within 2.5 kB gzip, from the web build', async () => {
    const { gzip, inputs } = await bundle('totp', "export { generateTOTP, verifyTOTP } from 'otpkit';");
    console.log(`generateTOTP + verifyTOTP: ${gzip} bytes gzip`);
    expect(inputs).toContain('node_modules/otpkit/dist/web/index.js');
    expect(gzip).toBeLessThanOrEqual(2500);
  });

  it('keeps encodeBase32 alone free of any HMAC, PBKDF2 or random-number code', async () => {
    const { code, gzip } = await bundle('base32', "export { encodeBase32 } from 'otpkit';");
    console.log(`encodeBase32: ${gzip} bytes gzip`);
    for (const marker of ['subtle', 'HMAC', 'importKey', 'PBKDF2', 'getRandomValues', 'SHA-1']) expect(code).not.toContain(marker);
    expect(gzip).toBeLessThanOrEqual(1000);
  });

  // 6.5 kB since Core v2 (was 6 kB): resyncHOTP and the hostile-input guards added about 250 B.
  it('keeps the whole main entry within 6.5 kB gzip, with no QR code in it', async () => {
    const { code, gzip } = await bundle('all', "export * from 'otpkit';");
    console.log(`whole main entry: ${gzip} bytes gzip`);
    expect(gzip).toBeLessThanOrEqual(6500);
    for (const marker of ['ERR_QR_TOO_LONG', 'crispEdges', '0x11d', '285']) expect(code).not.toContain(marker);
  });

  it('reports the otpkit/qr entry on its own (budget 6 kB gzip)', async () => {
    const { gzip, inputs } = await bundle('qr', "export * from 'otpkit/qr';");
    console.log(`otpkit/qr: ${gzip} bytes gzip`);
    expect(inputs).toContain('node_modules/otpkit/dist/web/qr.js');
    expect(gzip).toBeLessThanOrEqual(6000);
  });

  it('keeps otpkit/flow within 5 kB gzip on top of the main entry it imports', async () => {
    const { code, gzip, inputs } = await bundle('flow', "export * from 'otpkit/flow';", true);
    console.log(`otpkit/flow on its own: ${gzip} bytes gzip`);
    expect(inputs).toContain('node_modules/otpkit/dist/web/flow.js');
    expect(inputs).not.toContain('node_modules/otpkit/dist/web/index.js');
    expect(code).toContain('AES-GCM');
    expect(gzip).toBeLessThanOrEqual(5000);
    const all = await bundle('flow-all', "export * from 'otpkit/flow';");
    console.log(`otpkit/flow with the parts of the main entry it uses: ${all.gzip} bytes gzip`);
  });
});
