// Security 2, CSRF: pages on another port of 127.0.0.1 (same-site: the SameSite=Lax cookie is
// sent) and on 127.0.0.2 (cross-site) post to every state-changing route while the victim is
// fully signed in, with a fresh second factor. Each forged request reaches the console and is
// refused with 403; nothing changes. A forged log-in signs no one in.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { status } from 'otpkit/flow';
import { useConsole } from './console.js';
import { enrolledAccount, launchBrowser, PASSWORD } from './helpers.js';
import { httpClient } from './http.js';

const seen = [];
const shared = useConsole({}, {
  beforeListen(app) {
    app.addHook('onResponse', async (request, reply) => {
      seen.push({ method: request.method, url: request.url, status: reply.statusCode, location: reply.getHeader('location'), site: request.headers['sec-fetch-site'] });
    });
  },
});
let browser;
const attackers = [];

/** A page that submits every form it is given, each into its own frame (or the whole page for `top`). */
function attackPage(target, forms, top = false) {
  const script = `const forms = ${JSON.stringify(forms)};
forms.forEach((f, i) => {
  const form = document.createElement('form');
  form.method = 'post'; form.action = ${JSON.stringify(target)} + f.path;
  if (!${top}) { const frame = document.createElement('iframe'); frame.name = 'f' + i; document.body.append(frame); form.target = 'f' + i; }
  for (const [k, v] of Object.entries(f.fields)) { const input = document.createElement('input'); input.type = 'hidden'; input.name = k; input.value = v; form.append(input); }
  document.body.append(form); form.submit();
});`;
  return `<!doctype html><title>A harmless page</title><body><script>${script}</script>`;
}

/** The attacker's server on `host`: GET /?forms=… answers the attack page. */
function startAttacker(host) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      if (!req.url.startsWith('/?plan=')) return res.writeHead(404).end(); // the browser's /favicon.ico
      const { forms, top } = JSON.parse(decodeURIComponent(new URL(req.url, 'http://x').searchParams.get('plan')));
      res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage(shared.url, forms, top));
    });
    server.listen(0, host, () => resolve({ server, origin: `http://${host}:${server.address().port}` }));
  });
}

before(async () => {
  browser = await launchBrowser();
  attackers.push(await startAttacker('127.0.0.1'), await startAttacker('127.0.0.2'));
});
after(async () => {
  await browser?.close();
  for (const a of attackers) a.server.close();
});

const waitFor = async (check, what) => {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
};

/** What each route's own form sends (the attacker knows the forms, not the victim's CSRF token). */
function fieldsFor(url) {
  if (url === '/login' || url === '/signup') return { email: `attacker-${Date.now()}@example.com`, password: PASSWORD };
  if (url === '/two-factor/disable') return { confirm: 'Disable' };
  if (['/two-factor/confirm', '/two-factor/regenerate', '/login/code', '/login/backup'].includes(url)) return { code: '123456' };
  if (url === '/recovery') return { email: 'victim@example.com', message: 'I lost my phone' };
  return {};
}

/** Signs the browser context in through the page, both factors, so step-up is fresh. */
async function signIn(context, email, codes) {
  const page = await context.newPage();
  await page.goto(`${shared.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Authentication code').fill(codes.next());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/profile$/);
  return page;
}

for (const [which, index] of [['another port of 127.0.0.1 (same-site)', 0], ['127.0.0.2 (cross-site)', 1]]) {
  test(`forged posts from ${which} to every state-changing route are refused and change nothing`, async () => {
    const email = `victim-${index}-${Date.now()}@example.com`;
    const { codes } = await enrolledAccount(shared.url, email, PASSWORD);
    const user = await shared.storage.userByEmail(email);
    const before = await shared.storage.loadTwoFactor(user.id);
    const context = await browser.newContext();
    const page = await signIn(context, email, codes);
    const routes = shared.app.routeTable.filter((r) => !['GET', 'HEAD'].includes(r.method) && r.access !== 'token');
    assert.ok(routes.length >= 9, `state-changing routes: ${routes.length}`);
    const forms = routes.map((r) => ({ path: r.url.replace(/:(\w+)/g, '1'), fields: fieldsFor(r.url) }));
    const mark = seen.length;
    const attack = await context.newPage();
    await attack.goto(`${attackers[index].origin}/?plan=${encodeURIComponent(JSON.stringify({ forms }))}`);
    await waitFor(() => seen.slice(mark).filter((s) => s.method === 'POST').length >= forms.length, 'the forged posts');
    const forged = seen.slice(mark).filter((s) => s.method === 'POST');
    // Nothing changed: 2FA on, the same backup codes, no failure counted, no token, still signed in.
    const after = await shared.storage.loadTwoFactor(user.id);
    assert.equal(status(after).enabled, true);
    assert.equal(after.version, (await shared.storage.loadTwoFactor(user.id)).version);
    assert.deepEqual(after.backupCodes, before.backupCodes);
    assert.equal(after.throttle.failures, 0);
    assert.equal((await shared.storage.apiTokens(user.id)).length, 0);
    await page.reload();
    assert.equal(new URL(page.url()).pathname, '/profile');
    // Refused: 403; or, before that check, the guard's redirect of a route the request's session
    // may not reach (a code page for a full session; any signed-in route when the browser sent no
    // cookie, as it does cross-site under SameSite=Lax). Public routes must answer 403.
    const guarded = new Set(routes.filter((r) => r.access !== 'public').map((r) => r.url.replace(/:(\w+)/g, '1')));
    for (const s of forged) {
      const refused = s.status === 403 || (guarded.has(s.url) && s.status === 303 && ['/profile', '/login'].includes(s.location));
      assert.ok(refused, `${s.url} (Sec-Fetch-Site: ${s.site}) answered ${s.status} ${s.location ?? ''}`);
    }
    await context.close();
  });

  test(`a forged log-in from ${which} signs the victim's browser into no account`, async () => {
    const attacker = `attacker-${index}-${Date.now()}@example.com`;
    await httpClient(shared.url).post('/signup', { email: attacker, password: PASSWORD });
    const context = await browser.newContext();
    const victim = await context.newPage();
    await victim.goto(`${shared.url}/login`); // the victim has been here before: a pre-session cookie exists
    const mark = seen.length;
    const forms = [{ path: '/login', fields: { email: attacker, password: PASSWORD } }];
    await victim.goto(`${attackers[index].origin}/?plan=${encodeURIComponent(JSON.stringify({ forms, top: true }))}`);
    await waitFor(() => seen.slice(mark).some((s) => s.method === 'POST'), 'the forged log-in');
    await victim.goto(`${shared.url}/profile`);
    assert.equal(new URL(victim.url()).pathname, '/login');
    assert.equal(seen.slice(mark).find((s) => s.method === 'POST').status, 403);
    await context.close();
  });
}
