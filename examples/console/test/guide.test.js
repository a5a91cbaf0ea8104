// The console's 2FA guide, step by step, in Chromium against a real server and database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeSource, PASSWORD, readQR, startServer, testEnv, useServer, workDir } from './helpers.js';

const dir = workDir();
const env = testEnv({ DATABASE: join(dir, 'console.db') });
const shared = useServer(env);

let accounts = 0;
const newEmail = () => `user${++accounts}-${Date.now()}@example.com`;

async function signUp(page, email) {
  await page.goto(`${shared.server.url}/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(/\/profile$/);
}

/** Enable 2FA as a user does: the QR code read from a screenshot, the first code typed. Returns the secret, codes and backup codes. */
async function enable(page, { screenshot } = {}) {
  await page.getByRole('button', { name: 'Enable 2FA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set up your authenticator app' });
  assert.equal(await page.locator('dialog:modal').count(), 1);
  const qr = dialog.getByRole('img', { name: 'QR code' });
  await qr.waitFor();
  if (screenshot) await dialog.screenshot({ path: screenshot });
  const uri = readQR(await qr.screenshot(), dir);
  const secret = /[?&]secret=([A-Z2-7]+)/.exec(uri)[1];
  assert.match(uri, /^otpauth:\/\/totp\/otpkit%20Console:user\d+-\d+%40example\.com\?secret=[A-Z2-7]{32}&issuer=otpkit%20Console$/);
  // The setup key, grouped in fours, is the same secret, for phones without a camera.
  const key = await dialog.getByLabel('Setup key').inputValue();
  assert.equal(key.replaceAll(' ', ''), secret);
  assert.match(key, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  assert.equal(await dialog.getByLabel('Setup key').getAttribute('readonly'), '');
  const codes = codeSource(secret);
  await dialog.getByLabel('Validation code').fill(codes.next());
  await dialog.getByRole('button', { name: 'Submit' }).click();
  const shown = page.getByRole('dialog', { name: 'Two-factor authentication is now enabled' });
  await shown.waitFor();
  const backupCodes = await shown.getByRole('list', { name: 'Backup codes' }).getByRole('listitem').allTextContents();
  assert.equal(backupCodes.length, 10);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download backup codes' }).click()]);
  assert.equal(download.suggestedFilename(), 'backup-codes.txt');
  const file = join(dir, `codes-${Date.now()}.txt`);
  await download.saveAs(file);
  assert.equal(readFileSync(file, 'utf8'), `${backupCodes.join('\n')}\n`);
  await page.getByRole('link', { name: 'Continue' }).click();
  return { secret, codes, backupCodes };
}

async function logOut(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login$/);
}

/** Email and password: lands on the code page when 2FA is on. */
async function passwordStep(page, email) {
  await page.goto(`${shared.server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function submitCode(page, code, { backup = false } = {}) {
  await page.getByLabel(backup ? 'Backup code' : 'Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForLoadState();
}

const alert = (page) => page.getByRole('alert').textContent();

test('walks the guide: sign up, enable with the QR code, confirm, backup codes, log in with a code, disable', async () => {
  const page = await shared.browser.newPage();
  const email = newEmail();
  await signUp(page, email);
  assert.equal(await page.getByRole('heading', { name: 'Two-Factor Authentication' }).count(), 1);
  const screenshot = process.env.SCREENSHOT;
  const { codes, backupCodes } = await enable(page, { screenshot });
  assert.equal(await page.getByRole('button', { name: 'Enable 2FA' }).count(), 0); // only while 2FA is off
  await logOut(page);

  // Next log-in: the password alone reaches only the code page.
  await passwordStep(page, email);
  await page.waitForURL(/\/login\/code$/);
  await page.goto(`${shared.server.url}/profile`);
  await page.waitForURL(/\/login\/code$/);
  // The confirming code cannot log in again.
  await submitCode(page, codes.last());
  assert.equal(await alert(page), 'That code was already used. Wait for the next one.');
  await submitCode(page, codes.next());
  await page.waitForURL(/\/profile$/);

  // A backup code, once.
  await logOut(page);
  await passwordStep(page, email);
  await page.getByRole('link', { name: 'Use a backup code' }).click();
  await submitCode(page, backupCodes[0].toLowerCase(), { backup: true });
  await page.waitForURL(/\/profile$/);
  assert.match(await page.getByText('Backup codes left').textContent(), /Backup codes left: 9\./);
  await logOut(page);
  await passwordStep(page, email);
  await page.getByRole('link', { name: 'Use a backup code' }).click();
  await submitCode(page, backupCodes[0], { backup: true });
  assert.equal(await alert(page), 'That backup code is not valid, or it was already used. Check it and try again.');
  await submitCode(page, backupCodes[1], { backup: true });
  await page.waitForURL(/\/profile$/);

  // Regenerate backup codes with a current code: the old ones stop working.
  await page.getByRole('button', { name: 'Regenerate backup codes' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Regenerate backup codes' });
  await regenerate.getByLabel('Authentication code').fill(codes.next());
  await regenerate.getByRole('button', { name: 'Regenerate backup codes' }).click();
  const fresh = page.getByRole('dialog', { name: 'New backup codes' });
  await fresh.waitFor();
  assert.equal(await fresh.getByRole('list', { name: 'Backup codes' }).getByRole('listitem').count(), 10);
  await page.getByRole('link', { name: 'Continue' }).click();

  // Activity, from the flow's events.
  const activity = await page.getByRole('region', { name: 'Activity' }).getByRole('listitem').allTextContents();
  for (const line of ['Two-factor authentication turned on', 'Signed in with an authentication code', 'Signed in with a backup code (9 left)', 'Backup codes regenerated', 'A code that was already used was refused', 'A wrong code was entered']) {
    assert.ok(activity.some((a) => a.startsWith(line)), `activity has "${line}": ${activity.join(' | ')}`);
  }

  // Disable 2FA: a dialog; type "Disable".
  await page.getByRole('button', { name: 'Disable 2FA' }).click();
  let confirm = page.getByRole('dialog', { name: 'Disable two-factor authentication' });
  await confirm.getByLabel('Type Disable to confirm').fill('disable');
  await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
  confirm = page.getByRole('dialog', { name: 'Disable two-factor authentication' });
  assert.equal(await confirm.getByRole('alert').textContent(), 'Type Disable to confirm.');
  await confirm.getByLabel('Type Disable to confirm').fill('Disable');
  await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
  await page.getByRole('button', { name: 'Enable 2FA' }).waitFor();
  await logOut(page);
  await passwordStep(page, email);
  await page.waitForURL(/\/profile$/); // no second step any more
  await page.close();
});

test('the API: a token shown once disables 2FA with DELETE; a missing or wrong token gets 401 JSON', async () => {
  const page = await shared.browser.newPage();
  const email = newEmail();
  await signUp(page, email);
  await enable(page);
  await page.getByRole('button', { name: 'Create API token' }).click();
  const token = await page.getByLabel('API token').inputValue();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  const call = (headers) => fetch(`${shared.server.url}/api/v1/account/two-factor`, { method: 'DELETE', headers });
  for (const headers of [{}, { 'X-Auth-Token': 'not-a-token' }]) {
    const refused = await call(headers);
    assert.equal(refused.status, 401);
    assert.deepEqual(await refused.json(), { error: 'unauthorized', message: 'X-Auth-Token is missing, not valid, revoked or expired.' });
  }
  assert.equal((await call({ 'X-Auth-Token': token })).status, 204);
  assert.equal((await call({ 'X-Auth-Token': token })).status, 409); // already off
  // Turning 2FA off ended the account's sessions: the password alone now signs in.
  await page.reload();
  assert.equal(new URL(page.url()).pathname, '/login');
  await passwordStep(page, email);
  await page.getByRole('button', { name: 'Enable 2FA' }).waitFor();
  assert.ok((await page.getByRole('region', { name: 'Activity' }).textContent()).includes('Two-factor authentication turned off with an API token'));
  await page.close();
});

test('a code replayed in a second browser context is refused, and two concurrent log-ins with one code give one success', async () => {
  const setup = await shared.browser.newPage();
  const email = newEmail();
  await signUp(setup, email);
  const { codes } = await enable(setup);
  await setup.close();
  const contexts = await Promise.all([shared.browser.newContext(), shared.browser.newContext()]);
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of pages) await passwordStep(page, email);
  await Promise.all(pages.map((page) => page.waitForURL(/\/login\/code$/)));
  const code = codes.next();
  await Promise.all(pages.map((page) => page.getByLabel('Authentication code').fill(code)));
  await Promise.all(pages.map((page) => page.getByRole('button', { name: 'Verify' }).click()));
  await Promise.all(pages.map((page) => page.waitForLoadState()));
  const landed = pages.map((page) => new URL(page.url()).pathname);
  assert.deepEqual(landed.sort(), ['/login/code', '/profile']);
  const refused = pages.find((page) => page.url().endsWith('/login/code'));
  assert.equal(await alert(refused), 'That code was already used. Wait for the next one.');
  // A third context, later, with the same code: refused too.
  const third = await shared.browser.newContext();
  const page = await third.newPage();
  await passwordStep(page, email);
  await submitCode(page, code);
  assert.equal(await alert(page), 'That code was already used. Wait for the next one.');
  for (const c of [...contexts, third]) await c.close();
});

test('bad input gets a clear message and leaves the account as it was', async () => {
  const page = await shared.browser.newPage();
  await page.goto(`${shared.server.url}/signup`);
  await page.getByLabel('Email').fill('someone@example.com');
  await page.getByLabel('Password').fill('short');
  // The browser's own check would stop a short password; send what a script could.
  const _csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const response = await page.request.post(`${shared.server.url}/signup`, { form: { email: 'someone@example.com', password: 'short', _csrf } });
  assert.equal(response.status(), 400);
  assert.match(await response.text(), /Enter an e-mail address and a password of at least 8 characters\./);
  const login = await page.request.post(`${shared.server.url}/login`, { form: { email: 'someone@example.com', password: 'long enough password', _csrf }, maxRedirects: 0 });
  assert.equal(login.headers().location, '/login'); // no account was created: a wrong password
  const extra = await page.request.post(`${shared.server.url}/signup`, { form: { email: 'x@example.com', password: 'long enough password', admin: 'true', _csrf } });
  assert.equal(extra.status(), 400);

  const email = newEmail();
  await signUp(page, email);
  await page.getByRole('button', { name: 'Enable 2FA' }).click();
  const dialog = page.getByRole('dialog');
  const key = await dialog.getByLabel('Setup key').inputValue();
  const token = await dialog.locator('input[name=_csrf]').inputValue();
  const empty = await page.request.post(`${shared.server.url}/two-factor/confirm`, { form: { code: '', _csrf: token } });
  assert.equal(empty.status(), 400);
  assert.match(await empty.text(), /Enter the six-digit code from your app\./);
  // The pending enrolment is untouched: the same key is still shown, and 2FA is still off;
  // Enable 2FA reopens the same setup instead of making a second one.
  await page.reload();
  assert.equal(await page.getByRole('dialog').getByLabel('Setup key').inputValue(), key);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Enable 2FA' }).click();
  assert.equal(await page.getByRole('dialog').getByLabel('Setup key').inputValue(), key);
  await page.close();
});

test('a restart of the server keeps accounts, 2FA, used codes and activity', async () => {
  const page = await shared.browser.newPage();
  const email = newEmail();
  await signUp(page, email);
  const { codes } = await enable(page);
  await logOut(page);
  await shared.server.stop();
  shared.server = await startServer(env);
  await passwordStep(page, email);
  await page.waitForURL(/\/login\/code$/);
  await submitCode(page, codes.last()); // still spent after the restart
  assert.equal(await alert(page), 'That code was already used. Wait for the next one.');
  await submitCode(page, codes.next());
  await page.waitForURL(/\/profile$/);
  assert.ok((await page.getByRole('region', { name: 'Activity' }).textContent()).includes('Two-factor authentication turned on'));
  await page.close();
});
