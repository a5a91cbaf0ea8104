// Throttling and locking (otpkit/flow's policy, lowered by environment variables so the lock
// comes in seconds), the operator's unlock, and the per-address limit across accounts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { admin, enrolledAccount, httpClient, PASSWORD, testEnv, useServer, workDir } from './helpers.js';

const dir = workDir();
const env = testEnv({ DATABASE: join(dir, 'console.db'), FLOW_FREE_FAILURES: '2', FLOW_BASE_DELAY_MS: '1000', FLOW_MAX_DELAY_MS: '1000', FLOW_LOCK_AFTER: '5' });
const shared = useServer(env);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('wrong codes are throttled with a countdown, then lock the account; the operator command unlocks it', async () => {
  const email = `locked-${Date.now()}@example.com`;
  const { codes } = await enrolledAccount(shared.server.url, email, PASSWORD);
  const page = await shared.browser.newPage();
  await page.goto(`${shared.server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/login\/code$/);
  const attempt = async (code) => {
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForLoadState();
    return page.getByRole('alert').textContent();
  };
  const invalid = 'That code is not valid. Try the current code from your app.';
  assert.equal(await attempt('000000'), invalid); // 1: free
  assert.equal(await attempt('000001'), invalid); // 2: free
  assert.equal(await attempt('000002'), invalid); // 3: the next attempt waits a second
  assert.equal(await attempt(codes.peek()), 'Too many attempts. Try again in 1 second.'); // not looked at, not counted
  await sleep(1_100);
  assert.equal(await attempt('000003'), invalid); // 4
  await sleep(1_100);
  assert.equal(await attempt('000004'), invalid); // 5: locked
  await sleep(1_100);
  const locked = 'Too many failed attempts: this account is locked. Ask for recovery (Lost your device?) to unlock it.';
  assert.equal(await attempt(codes.peek()), locked);
  // The log-in page explains the route; the operator runs one command.
  assert.match(admin(env, 'unlock', email), /unlock .*: ok/);
  await page.getByLabel('Authentication code').fill(codes.next());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/profile$/);
  const activity = await page.getByRole('region', { name: 'Activity' }).textContent();
  assert.ok(activity.includes('Locked after too many failed attempts') && activity.includes('Unlocked by support'), activity);
  await page.close();
});

test('the operator can turn 2FA off for a user who lost the phone and the backup codes', async () => {
  const email = `lost-${Date.now()}@example.com`;
  await enrolledAccount(shared.server.url, email, PASSWORD);
  assert.match(admin(env, 'disable', email), /disable .*: ok/);
  const http = httpClient(shared.server.url);
  const login = await http.post('/login', { email, password: PASSWORD });
  assert.equal(login.location, '/profile');
  const page = await http.get('/profile');
  assert.ok(page.text.includes('Enable 2FA') && page.text.includes('Two-factor authentication turned off by support'));
});
