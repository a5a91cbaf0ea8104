// Security 3 and 4: sessions (a new id at each stage and each 2FA change, stored hashed, idle and
// absolute timeouts, other sessions ended) and step-up (disable, new token and new backup codes
// need a recent second factor or a fresh code; tokens from before 2FA stop working).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { status } from 'otpkit/flow';
import { useConsole } from './console.js';
import { enrolledAccount, PASSWORD } from './helpers.js';
import { httpClient } from './http.js';

const main = useConsole({ CONSOLE_STEP_UP_SECONDS: '2' });
const timeouts = useConsole({ CONSOLE_SESSION_IDLE_SECONDS: '1', CONSOLE_SESSION_MAX_SECONDS: '3' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const email = (what) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const signedIn = async (client, base = main) => (await client.get('/profile')).status === 200;
const stored = (name) => new Database(`${main.dir}/console.db`, { readonly: true }).prepare(`SELECT * FROM ${name}`).all();

async function fullSession(base, address, codes) {
  const client = httpClient(base.url);
  assert.equal((await client.post('/login', { email: address, password: PASSWORD })).location, '/login/code');
  assert.equal((await client.post('/login/code', { code: codes.next() })).location, '/profile');
  return client;
}

test('the session id changes at the code step; the id from the password step is dead', async () => {
  const address = email('rotate');
  const { codes } = await enrolledAccount(main.url, address, PASSWORD);
  const client = httpClient(main.url);
  await client.post('/login', { email: address, password: PASSWORD });
  const planted = client.cookie('sid');
  assert.equal((await client.post('/login/code', { code: codes.next() })).location, '/profile');
  assert.notEqual(client.cookie('sid'), planted);
  assert.equal(await signedIn(client), true);
  const old = httpClient(main.url);
  old.setCookie('sid', planted);
  assert.equal((await old.get('/profile')).location, '/login');
  assert.equal((await old.get('/login/code')).location, '/login');
});

test('session ids are stored as SHA-256 hashes, never as the cookie', async () => {
  const client = httpClient(main.url);
  await client.post('/signup', { email: email('hashed'), password: PASSWORD });
  const sid = client.cookie('sid');
  const rows = stored('sessions');
  const values = rows.flatMap((row) => Object.values(row).map(String));
  assert.ok(!values.some((v) => v.includes(sid)), 'the raw id is not in the table');
  assert.ok(values.includes(sha256(sid)), 'its SHA-256 is');
});

test('turning 2FA on gives this session a new id and ends the account\'s other sessions', async () => {
  const address = email('on');
  const other = httpClient(main.url);
  await other.post('/signup', { email: address, password: PASSWORD });
  const client = httpClient(main.url);
  await client.post('/login', { email: address, password: PASSWORD });
  const before = client.cookie('sid');
  await client.post('/two-factor/enable');
  const page = await client.get('/profile');
  const secret = /id="setup-key"[^>]* value="([A-Z2-7 ]+)"/.exec(page.text)[1].replaceAll(' ', '');
  const { codeSource } = await import('./helpers.js');
  const codes = codeSource(secret);
  await client.post('/two-factor/confirm', { code: codes.next() });
  assert.notEqual(client.cookie('sid'), before);
  assert.equal(await signedIn(client), true);
  assert.equal(await signedIn(other), false);
  const old = httpClient(main.url);
  old.setCookie('sid', before);
  assert.equal(await signedIn(old), false);
});

test('turning 2FA off gives this session a new id and ends the account\'s other sessions', async () => {
  const address = email('off');
  const { codes } = await enrolledAccount(main.url, address, PASSWORD);
  const [a, b] = [await fullSession(main, address, codes), await fullSession(main, address, codes)];
  const before = a.cookie('sid');
  assert.equal((await a.post('/two-factor/disable', { confirm: 'Disable' })).location, '/profile');
  assert.notEqual(a.cookie('sid'), before);
  assert.equal(await signedIn(a), true);
  assert.equal(await signedIn(b), false);
});

test('an idle session ends after CONSOLE_SESSION_IDLE_SECONDS', async () => {
  const client = httpClient(timeouts.url);
  await client.post('/signup', { email: email('idle'), password: PASSWORD });
  assert.equal(await signedIn(client), true);
  await sleep(1_500);
  assert.equal((await client.get('/profile')).location, '/login');
});

test('a busy session still ends after CONSOLE_SESSION_MAX_SECONDS', async () => {
  const client = httpClient(timeouts.url);
  await client.post('/signup', { email: email('max'), password: PASSWORD });
  for (let i = 0; i < 4; i++) {
    await sleep(600);
    assert.equal(await signedIn(client), true, `request ${i} at ${(i + 1) * 0.6} s`);
  }
  await sleep(1_000); // 3.4 s after the log-in, never idle for more than 1 s
  assert.equal((await client.get('/profile')).location, '/login');
});

test('after the step-up window, disabling needs a fresh code, checked and counted by the flow', async () => {
  const address = email('stepup');
  const { codes } = await enrolledAccount(main.url, address, PASSWORD);
  const user = await main.storage.userByEmail(address);
  const client = await fullSession(main, address, codes);
  await sleep(2_200);
  const page = await client.follow(await client.post('/two-factor/disable', { confirm: 'Disable' }));
  assert.match(page.text, /Enter a code from your authenticator app/);
  assert.match(page.text, /<label for="disable-code">Authentication code<\/label>/);
  assert.equal(status(await main.storage.loadTwoFactor(user.id)).enabled, true);
  await client.post('/two-factor/disable', { confirm: 'Disable', code: '000000' });
  const state = await main.storage.loadTwoFactor(user.id);
  assert.equal(status(state).enabled, true);
  assert.equal(state.throttle.failures, 1); // the flow counted the wrong code
  assert.equal((await client.post('/two-factor/disable', { confirm: 'Disable', code: codes.next() })).location, '/profile');
  assert.equal(status(await main.storage.loadTwoFactor(user.id)).enabled, false);
});

test('a token needs a recent second factor while 2FA is on; a backup code serves as the fresh proof', async () => {
  const address = email('token');
  const { codes, backupCodes } = await enrolledAccount(main.url, address, PASSWORD);
  const user = await main.storage.userByEmail(address);
  const client = await fullSession(main, address, codes);
  await client.post('/api-tokens');
  assert.equal((await main.storage.apiTokens(user.id)).length, 1); // within the window: no code asked
  await sleep(2_200);
  await client.post('/api-tokens');
  assert.equal((await main.storage.apiTokens(user.id)).length, 1);
  await client.post('/api-tokens', { code: backupCodes[0] });
  assert.equal((await main.storage.apiTokens(user.id)).length, 2);
});

test('regenerating backup codes always asks for a code', async () => {
  const address = email('regen');
  const { codes } = await enrolledAccount(main.url, address, PASSWORD);
  const user = await main.storage.userByEmail(address);
  const client = await fullSession(main, address, codes);
  const before = (await main.storage.loadTwoFactor(user.id)).backupCodes;
  const refused = await client.post('/two-factor/regenerate', {});
  assert.ok(refused.status === 400 || refused.status === 303);
  assert.deepEqual((await main.storage.loadTwoFactor(user.id)).backupCodes, before);
  await client.post('/two-factor/regenerate', { code: codes.next() });
  assert.notDeepEqual((await main.storage.loadTwoFactor(user.id)).backupCodes.hashes, before.hashes);
});

const tokenOf = (page) => /id="api-token"[^>]* value="([^"]+)"/.exec(page.text)?.[1];
const callApi = (base, token) => fetch(`${base.url}/api/v1/account/two-factor`, { method: 'DELETE', headers: token ? { 'X-Auth-Token': token } : {} });

test('a token made while 2FA was off stops working when 2FA is turned on', async () => {
  const address = email('before');
  const client = httpClient(main.url);
  await client.post('/signup', { email: address, password: PASSWORD });
  const token = tokenOf(await client.follow(await client.post('/api-tokens')));
  assert.ok(token);
  await client.post('/two-factor/enable');
  const secret = /id="setup-key"[^>]* value="([A-Z2-7 ]+)"/.exec((await client.get('/profile')).text)[1].replaceAll(' ', '');
  const { codeSource } = await import('./helpers.js');
  await client.post('/two-factor/confirm', { code: codeSource(secret).next() });
  const response = await callApi(main, token);
  assert.equal(response.status, 401);
  const user = await main.storage.userByEmail(address);
  assert.equal(status(await main.storage.loadTwoFactor(user.id)).enabled, true);
});

test('a revoked token gets 401; a live one 204', async () => {
  const address = email('revoke');
  const { codes } = await enrolledAccount(main.url, address, PASSWORD);
  const client = await fullSession(main, address, codes);
  const first = tokenOf(await client.follow(await client.post('/api-tokens')));
  const second = tokenOf(await client.follow(await client.post('/api-tokens')));
  const user = await main.storage.userByEmail(address);
  const listed = await main.storage.apiTokens(user.id);
  const id = listed.find((t) => first.startsWith(t.prefix)).id;
  assert.equal((await client.post(`/api-tokens/${id}/revoke`)).location, '/profile');
  assert.equal((await callApi(main, first)).status, 401);
  assert.equal((await callApi(main, second)).status, 204);
});
