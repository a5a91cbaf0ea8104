// The guide as a user sees it, at 1280×800 and at 390×844: modal dialogs (focus, Escape,
// Cancel, the same key when reopened), errors inside the dialog, a reload after every POST that
// neither errs nor repeats, no sideways scroll, axe-core on every page, the token's curl line run
// as printed. Screenshots of every screen go to SCREENSHOTS (default: a temporary folder).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { admin, codeSource, PASSWORD, readQR, testEnv, useServer, workDir } from './helpers.js';

const dir = workDir();
const env = testEnv({ DATABASE: join(dir, 'console.db') });
const shared = useServer(env);
const shots = process.env.SCREENSHOTS ?? join(dir, 'screens');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Checks the page as it is now: axe-core finds nothing, nothing scrolls sideways; then a screenshot. */
async function look(page, name, width) {
  await page.waitForLoadState();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${name} at ${width} px`);
  const [scroll, inner, wide] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
    [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName + (e.id ? `#${e.id}` : '') + (e.className ? `.${e.className}` : '')).slice(0, 5),
  ]);
  assert.ok(scroll <= inner, `${name} at ${width} px scrolls sideways: ${scroll} > ${inner} (${wide.join(', ')})`);
  await page.screenshot({ path: join(shots, `${width}-${name}.png`), fullPage: true });
}

/** Reloads a page reached by a redirect after a POST: it must load as a GET and show no error. */
async function reloadIsHarmless(page) {
  const before = page.url();
  const response = await page.reload();
  assert.equal(response.request().method(), 'GET');
  assert.equal(response.status(), 200, before);
  assert.equal(page.url(), before);
  assert.equal(await page.getByText('is not on for this account').count(), 0);
}

const openDialog = (page) => page.locator('dialog:modal');

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`the guide at ${width}×${height}: every screen works, reloads safely, and passes axe-core`, async () => {
    const context = await shared.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const email = `product-${width}-${Date.now()}@example.com`;
    await page.goto(`${shared.server.url}/signup`);
    await look(page, 'signup', width);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/profile$/);
    await reloadIsHarmless(page);
    await look(page, 'profile-off', width);

    // Enable 2FA: a modal dialog; focus inside; Escape and Cancel close it; reopening shows the same key.
    await page.getByRole('button', { name: 'Enable 2FA' }).click();
    const setup = page.getByRole('dialog', { name: 'Set up your authenticator app' });
    await setup.waitFor();
    // The README's picture: the profile page with its setup dialog open, as the user sees it.
    if (width === 1280 && process.env.README_SCREENSHOT) await page.screenshot({ path: process.env.README_SCREENSHOT });
    assert.equal(await openDialog(page).count(), 1);
    assert.ok(await setup.evaluate((d) => d.contains(document.activeElement)), 'focus is inside the dialog');
    const key = await setup.getByLabel('Setup key').inputValue();
    await reloadIsHarmless(page);
    assert.equal(await page.getByRole('dialog').getByLabel('Setup key').inputValue(), key);
    await page.keyboard.press('Escape');
    assert.equal(await openDialog(page).count(), 0);
    await page.getByRole('button', { name: 'Enable 2FA' }).click();
    assert.equal(await openDialog(page).count(), 1);
    assert.equal(await setup.getByLabel('Setup key').inputValue(), key);
    await setup.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await openDialog(page).count(), 0);
    await page.getByRole('button', { name: 'Enable 2FA' }).click();
    // A wrong code is said inside the dialog, next to the field, which has focus.
    await setup.getByLabel('Validation code').fill('000000');
    await setup.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\?dialog=setup$/);
    const again = page.getByRole('dialog', { name: 'Set up your authenticator app' });
    assert.equal(await again.getByRole('alert').textContent(), 'That code is not valid. Try the current code from your app.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'validation-code');
    await look(page, 'setup-dialog', width);
    await reloadIsHarmless(page);
    const secret = /[?&]secret=([A-Z2-7]+)/.exec(readQR(await page.getByRole('img', { name: 'QR code' }).screenshot(), dir))[1];
    assert.equal(secret, key.replaceAll(' ', ''));
    const codes = codeSource(secret);
    await page.getByLabel('Validation code').fill(codes.next());
    await page.getByRole('button', { name: 'Submit' }).click();
    const shown = page.getByRole('dialog', { name: 'Two-factor authentication is now enabled' });
    await shown.waitFor();
    const backupCodes = await shown.getByRole('list', { name: 'Backup codes' }).getByRole('listitem').allTextContents();
    await look(page, 'backup-codes', width);
    await reloadIsHarmless(page); // the codes are not shown again
    assert.equal(await page.getByRole('list', { name: 'Backup codes' }).count(), 0);
    assert.match(await page.getByRole('region', { name: 'Two-Factor Authentication' }).textContent(), /Backup codes left: 10\./);

    // Log in again: a wrong code, then a backup code page whose words speak of backup codes.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await look(page, 'login', width);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'Wrong e-mail address or password.');
    await reloadIsHarmless(page);
    assert.equal(await page.getByRole('alert').count(), 0); // said once, not again
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\/code$/);
    await look(page, 'code', width);
    await page.getByRole('link', { name: 'Use a backup code' }).click();
    await page.getByLabel('Backup code').fill('AAAA-AAAA-AAAA-AAAA');
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match(await page.getByRole('alert').textContent(), /backup code is not valid/);
    await look(page, 'backup-code', width);
    await reloadIsHarmless(page);
    await page.getByLabel('Backup code').fill(backupCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/profile$/);

    // The API: a token once, in a monospace field, with its curl line; reload makes no second one.
    await page.getByRole('button', { name: 'Create API token' }).click();
    const tokenField = page.getByLabel('API token');
    const token = await tokenField.inputValue();
    assert.match(await tokenField.evaluate((e) => getComputedStyle(e).fontFamily), /mono/i);
    await look(page, 'token', width);
    await reloadIsHarmless(page);
    assert.equal(await page.getByLabel('API token').count(), 0);
    assert.equal(await page.getByRole('table', { name: 'Your API tokens' }).getByRole('button', { name: /^Revoke/ }).count(), 1);
    // A second token, revoked: 401.
    await page.getByRole('button', { name: 'Create API token' }).click();
    const second = await page.getByLabel('API token').inputValue();
    await page.getByRole('button', { name: `Revoke ${second.slice(0, 8)}…` }).click();
    await page.getByText('revoked: it no longer works').waitFor();
    await reloadIsHarmless(page);
    const revoked = await fetch(`${shared.server.url}/api/v1/account/two-factor`, { method: 'DELETE', headers: { 'X-Auth-Token': second } });
    assert.equal(revoked.status, 401);

    // Disable 2FA opens its dialog (Cancel leaves 2FA on); the curl line, run as printed, turns it off.
    await page.getByRole('button', { name: 'Disable 2FA' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable two-factor authentication' });
    assert.equal(await openDialog(page).count(), 1);
    await look(page, 'disable-dialog', width);
    await disable.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${shared.server.url}/recovery`);
    await look(page, 'recovery', width);
    await page.goto(`${shared.server.url}/profile`);
    await page.getByRole('button', { name: 'Create API token' }).click();
    const curl = await page.locator('#api-curl').textContent();
    assert.equal(curl, `curl -H "X-Auth-Token: ${await page.getByLabel('API token').inputValue()}" -X DELETE ${shared.server.url}/api/v1/account/two-factor`);
    assert.ok(token.length === 43);
    const status = execFileSync('sh', ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`], { encoding: 'utf8' });
    assert.equal(status, '204');
    await context.close();
  });
}

test('a recovery request is recorded and listed by the operator command', async () => {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${shared.server.url}/login`);
  await page.getByRole('link', { name: 'Lost your device?' }).click();
  await page.getByLabel('Email').fill('lost@example.com');
  await page.getByLabel('What happened').fill('Phone stolen, codes were on it');
  await page.getByRole('button', { name: 'Request recovery' }).click();
  await page.getByText('Your request was recorded').waitFor();
  await reloadIsHarmless(page);
  assert.match(admin(env, 'requests', ''), /lost@example\.com {2}"Phone stolen, codes were on it"\n1 pending recovery request/);
  await context.close();
});
