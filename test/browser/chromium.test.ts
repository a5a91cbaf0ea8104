import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');
const root = fileURLToPath(new URL('../../', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: Server;
let browser: Browser;
let origin: string;
let bundledInputs: string[];

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is missing at ${executablePath}: install Debian's with 'apt-get install chromium' (or set CHROMIUM_PATH). No browser is downloaded.`);
  }
  copyFileSync(join(root, 'test/browser/page-entry.mjs'), join(dir, 'test/page-entry.mjs'));
  const result = await build({
    absWorkingDir: dir,
    entryPoints: ['test/page-entry.mjs'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  bundledInputs = Object.keys(result.metafile.inputs);
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>otpkit</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', result.outputFiles[0]!.text],
  };
  server = createServer((request, response) => {
    const path = normalize(request.url ?? '/');
    const vector = /^\/vectors\/[\w.-]+\.json$/.test(path) ? join(dir, path) : undefined;
    if (files[path]) response.writeHead(200, { 'content-type': files[path][0] }).end(files[path][1]);
    else if (vector && existsSync(vector)) response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(vector));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('otpkit in headless Chromium', () => {
  it('is bundled from the web build by the browser condition, never the node build', () => {
    expect(bundledInputs).toContain('node_modules/otpkit/dist/web/index.js');
    expect(bundledInputs.some((input) => input.includes('dist/node'))).toBe(false);
  });

  it('passes the shared conformance suite in the page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(origin);
    await page.waitForFunction(() => typeof (window as unknown as { runConformance?: unknown }).runConformance === 'function');
    const result = await page.evaluate(() => (window as unknown as { runConformance: () => Promise<{ passed: number; failed: number; failures: string[] }> }).runConformance());
    expect(errors).toEqual([]);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBeGreaterThan(200);
    await page.close();
  });

  it('renders qrSVG as a valid SVG document that Chromium draws and zbarimg reads back exactly', async () => {
    const { buildOTPAuthURI } = await import('../../src/index.js');
    const { qrSVG } = await import('../../src/qr/index.js');
    const uri = buildOTPAuthURI({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'ACME Co', account: 'jane.doe@example.com' });
    const svg = qrSVG(uri, { dark: '#1e3a8a', light: '#ffffff' });
    const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
    // Parsed as XML: any well-formedness error yields a <parsererror> document.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length, paths: doc.getElementsByTagName('path').length };
    }, svg);
    expect(parsed).toEqual({ root: 'svg', errors: 0, paths: 1 });
    await page.setContent(`<body style="margin:0;background:#fff">${svg.replace('<svg ', '<svg width="400" height="400" ')}</body>`);
    const work = mkdtempSync(join(tmpdir(), 'otpkit-svg-'));
    try {
      const png = join(work, 'qr.png');
      writeFileSync(png, await page.screenshot());
      const decoded = execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', png], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
      expect(decoded).toBe(uri);
    } finally {
      rmSync(work, { recursive: true, force: true });
      await page.close();
    }
  });

  it('runs the README’s enrolment-page example as printed: QR code, grouped key and link', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = [...readme.matchAll(/```ts\n(import [\s\S]*?)```/g)].map((m) => m[1]!).find((e) => e.includes("document.querySelector('#qr')"))!;
    writeFileSync(join(dir, 'readme-page.ts'), example); // TypeScript, as printed: esbuild strips the types
    const result = await build({ absWorkingDir: dir, entryPoints: ['readme-page.ts'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' });
    const page = await browser.newPage();
    await page.setContent('<div id="qr"></div><code id="key"></code><a id="link">set up on this device</a>');
    await page.addScriptTag({ type: 'module', content: result.outputFiles[0]!.text });
    await page.waitForFunction(() => document.querySelector('#qr')?.innerHTML !== '');
    const shown = await page.evaluate(() => ({
      svg: document.querySelector('#qr svg path') !== null,
      key: document.querySelector('#key')!.textContent,
      link: document.querySelector('#link')!.getAttribute('href'),
    }));
    expect(shown.svg).toBe(true);
    expect(shown.key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(shown.link).toMatch(/^otpauth:\/\/totp\/ACME%20Co:jane%40example\.com\?secret=[A-Z2-7]{32}&issuer=ACME%20Co$/);
    expect(shown.link).toContain(`secret=${shown.key!.replaceAll(' ', '')}`);
    await page.close();
  });

  it('runs the browser benchmark’s correctness pass: every library accepts the valid tokens and rejects the rest', () => {
    const out = execFileSync(process.execPath, ['bench/browser.mjs', '--check'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });
});
