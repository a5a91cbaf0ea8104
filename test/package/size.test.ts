import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');

/** Bundles `source` for the browser from the installed package, minified; returns the code and its gzip size. */
async function bundle(name: string, source: string) {
  const entry = join(dir, `size-${name}.mjs`);
  writeFileSync(entry, source);
  const result = await build({ absWorkingDir: dir, entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'error' });
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
});
