// Security 5 to 8: passwords throttled per account, the per-address limit and TRUST_PROXY,
// the headers of every kind of page, files at rest, token expiry.
import assert from 'node:assert/strict';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useConsole } from './console.js';
import { enrolledAccount, PASSWORD, startServer, testEnv, workDir } from './helpers.js';
import { httpClient } from './http.js';

const main = useConsole({ FLOW_MAX_DELAY_MS: '3000', CONSOLE_API_TOKEN_TTL_SECONDS: '2' });
const limited = useConsole({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' });
const proxied = useConsole({ RATE_LIMIT_MAX: '3', TRUST_PROXY: '127.0.0.1' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const email = (what) => `${what}-${Date.now()}@example.com`;

test('150 wrong passwords from 10 addresses: few are checked, and the right one waits too', async () => {
  const address = email('guessed');
  await httpClient(main.url).post('/signup', { email: address, password: PASSWORD });
  const user = await main.storage.userByEmail(address);
  const attempts = Array.from({ length: 150 }, (_, i) => httpClient(main.url, { from: `127.0.0.${2 + (i % 10)}` }));
  const answers = await Promise.all(attempts.map((c, i) => c.post('/login', { email: address, password: `wrong password ${i}` })));
  const waits = answers.filter((a) => a.status === 429);
  assert.ok(waits.length >= 50, `refused during a wait: ${waits.length}`);
  for (const a of waits) assert.match(a.text, /Too many attempts\. Try again in \d+ seconds?\./);
  const checked = (await main.storage.passwordThrottle(user.id)).failures;
  assert.ok(checked <= 100 && checked >= 6, `checked ${checked}`);
  const right = await httpClient(main.url).post('/login', { email: address, password: PASSWORD });
  assert.equal(right.status, 429); // during the wait even the right password is refused
  assert.match(right.text, /Try again in/);
  await sleep(3_100); // FLOW_MAX_DELAY_MS: never a permanent lock
  const later = await httpClient(main.url).post('/login', { email: address, password: PASSWORD });
  assert.equal(later.location, '/profile');
  assert.equal((await main.storage.passwordThrottle(user.id)).failures, 0);
});

test('the per-address limit counts sign-in attempts across accounts, and answers a page', async () => {
  const statuses = [];
  let last;
  for (let i = 0; i < 7; i++) {
    last = await httpClient(limited.url).post('/login', { email: `nobody${i}@example.com`, password: 'wrong password' });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429, 429]);
  assert.match(last.headers['content-type'], /^text\/html/);
  assert.match(last.text, /Too many attempts from your address\. Try again in \d+ seconds?\./);
});

test('X-Forwarded-For is believed only from TRUST_PROXY', async () => {
  // From the trusted proxy: one budget per forwarded address.
  for (const forwarded of ['203.0.113.1', '203.0.113.2']) {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await httpClient(proxied.url, { headers: { 'x-forwarded-for': forwarded } }).post('/login', { email: 'x@example.com', password: 'wrong password' })).status);
    assert.deepEqual(statuses, [303, 303, 303, 429], forwarded);
  }
  // From elsewhere, a forged header changes nothing: 127.0.0.9 has its own budget, whatever it claims.
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await httpClient(proxied.url, { from: '127.0.0.9', headers: { 'x-forwarded-for': `198.51.100.${i}` } }).post('/login', { email: 'x@example.com', password: 'wrong password' })).status);
  assert.deepEqual(statuses, [303, 303, 303, 429]);
});

const header = (r, name) => r.headers[name] ?? '';
function assertPageHeaders(response, where, { signedIn }) {
  const csp = header(response, 'content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/, `${where}: ${csp}`);
  assert.match(csp, /script-src 'self'(;|$)/, `${where}: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline/, where);
  assert.equal(header(response, 'x-frame-options'), 'DENY', where);
  assert.equal(header(response, 'referrer-policy'), 'no-referrer', where);
  if (signedIn) assert.match(header(response, 'cache-control'), /no-store/, where);
  assert.doesNotMatch(response.text, /<script(?![^>]*\ssrc=)[^>]*>/, `${where}: no inline script`);
  assert.doesNotMatch(response.text, /\sstyle=|<style/, `${where}: no inline style`);
}

test('every page, error pages included, has the CSP, frame and referrer headers; signed-in pages are not stored', async () => {
  const address = email('headers');
  const { http } = await enrolledAccount(main.url, address, PASSWORD);
  const anonymous = httpClient(main.url);
  for (const path of ['/login', '/signup', '/nowhere']) assertPageHeaders(await anonymous.get(path), path, { signedIn: false });
  assertPageHeaders(await http.get('/profile'), '/profile', { signedIn: true });
  const forged = await anonymous.post('/login', { email: address, password: PASSWORD }, { csrf: false });
  assert.equal(forged.status, 403);
  assert.match(forged.headers['content-type'], /^text\/html/);
  assert.match(forged.text, /That request was refused/);
  assertPageHeaders(forged, '403', { signedIn: false });
  const half = httpClient(main.url);
  await half.post('/login', { email: address, password: PASSWORD });
  assertPageHeaders(await half.get('/login/code'), '/login/code', { signedIn: true });
  let tooMany;
  for (let i = 0; i < 7 && tooMany?.status !== 429; i++) tooMany = await httpClient(limited.url).post('/login', { email: 'z@example.com', password: 'wrong password' });
  assert.equal(tooMany.status, 429);
  assertPageHeaders(tooMany, '429', { signedIn: false });
});

test('the database and the generated key file are created 0600; a key file others can read is refused', async () => {
  const dir = workDir();
  const env = { ...testEnv({ DATABASE: join(dir, 'console.db') }), CONSOLE_SECRET_KEY: '' };
  const server = await startServer(env);
  await httpClient(server.url).post('/signup', { email: email('files'), password: PASSWORD });
  await server.stop();
  for (const file of ['console.db', 'console.key']) assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600, file);
  chmodSync(join(dir, 'console.key'), 0o644);
  await assert.rejects(startServer(env), /console\.key can be read by others \(mode 644\)/);
  writeFileSync(join(dir, 'console.key'), 'not a key\n', { mode: 0o600 });
  chmodSync(join(dir, 'console.key'), 0o600);
  await assert.rejects(startServer(env), /expected 32 bytes/);
});

test('an API token expires after CONSOLE_API_TOKEN_TTL_SECONDS', async () => {
  const client = httpClient(main.url);
  await client.post('/signup', { email: email('expiry'), password: PASSWORD });
  const page = await client.follow(await client.post('/api-tokens'));
  const token = /id="api-token"[^>]* value="([^"]+)"/.exec(page.text)[1];
  await sleep(2_200);
  const response = await fetch(`${main.url}/api/v1/account/two-factor`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
  assert.equal(response.status, 401);
});
