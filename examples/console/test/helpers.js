// What the end-to-end tests share: a console server on a temporary database and port, Debian's
// Chromium through playwright-core, and the independent tools: oathtool computes the codes,
// zbarimg reads the QR code from a screenshot.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A fresh folder for a database, screenshots and downloads. */
export const workDir = () => mkdtempSync(join(tmpdir(), 'otpkit-console-'));

/** Environment for a test server: a fixed sealing key, and limits high enough for a test run. */
export function testEnv(extra = {}) {
  return { CONSOLE_SECRET_KEY: '11'.repeat(32), RATE_LIMIT_MAX: '10000', ...extra };
}

/** Starts `node src/main.js` on a free port; resolves when it listens. */
export async function startServer(env) {
  const child = spawn(process.execPath, ['src/main.js'], { cwd: root, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

/** Runs the operator command, as the README says: npm run admin -- ACTION EMAIL. */
export function admin(env, action, email) {
  return execFileSync('npm', ['run', '--silent', 'admin', '--', action, email], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** Registers a server (and a browser) for a test file: started before its tests, stopped after. */
export function useServer(env, { withBrowser = true } = {}) {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await startServer(env);
    if (withBrowser) shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The current TOTP step, and the code of a step by oathtool (base32 key). */
export const currentStep = () => Math.floor(Date.now() / 30_000);
export const oathtoolCode = (secret, step) => execFileSync('oathtool', ['--totp', '-b', '-N', `@${step * 30}`, secret], { encoding: 'utf8' }).trim();

/**
 * Codes for one account, each at a later step than the last one used: the flow accepts a step up
 * to one ahead of now, plus the drift it learns, so a test can log in a few times a minute.
 */
export function codeSource(secret) {
  let last = -1;
  return {
    next() {
      const step = Math.max(currentStep(), last + 1);
      last = step;
      return oathtoolCode(secret, step);
    },
    /** The code next() would give, without spending it: for attempts that are never looked at. */
    peek: () => oathtoolCode(secret, Math.max(currentStep(), last + 1)),
    /** The code of the step used last (a replay). */
    last: () => oathtoolCode(secret, last),
  };
}

/** Reads a QR code from a PNG with zbarimg. */
export function readQR(png, dir) {
  const file = join(dir, `qr-${Date.now()}.png`);
  writeFileSync(file, png);
  return execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).trim();
}

export { httpClient } from './http.js';
import { httpClient } from './http.js';

export const PASSWORD = 'correct horse battery';

/** Signs up over HTTP and turns 2FA on; returns a code source for the account. */
export async function enrolledAccount(base, email, password) {
  const http = httpClient(base);
  await http.post('/signup', { email, password });
  await http.post('/two-factor/enable');
  const page = await http.get('/profile');
  const secret = /id="setup-key"[^>]* value="([A-Z2-7 ]+)"/.exec(page.text)[1].replaceAll(' ', '');
  const codes = codeSource(secret);
  const confirmed = await http.follow(await http.post('/two-factor/confirm', { code: codes.next() }));
  if (!confirmed.text.includes('Two-factor authentication is now enabled')) throw new Error('enrolment failed');
  const backupCodes = [...confirmed.text.matchAll(/<li class="code">([0-9A-Z-]{19})<\/li>/g)].map((m) => m[1]);
  return { codes, secret, http, backupCodes };
}
