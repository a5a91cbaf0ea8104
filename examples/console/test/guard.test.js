// Security 1, deny by default: every route the app registers (collected by Fastify's onRoute),
// with no session and with a session that has passed only the password, asked plainly,
// percent-encoded, upper-cased, with a trailing slash and as a full-URL request line on a raw
// socket. Nothing gets past the guard, nothing answers 500, and 2FA is still on afterwards.
import assert from 'node:assert/strict';
import { status } from 'otpkit/flow';
import { test } from 'node:test';
import { useConsole } from './console.js';
import { enrolledAccount, PASSWORD } from './helpers.js';
import { httpClient, rawRequest } from './http.js';

const shared = useConsole({}, {
  beforeListen(app) {
    // Two routes a careless change could add: one with no declaration, one with a misspelt one.
    app.get('/__test/undeclared', async () => 'handler ran');
    app.get('/__test/unknown', { config: { access: 'everyone' } }, async () => 'handler ran');
  },
});

/** The path variants an attacker tries for one route path. */
function variants(path, port) {
  const encoded = path.replace(/^\/(.)/, (_, c) => `/%${c.charCodeAt(0).toString(16)}`);
  return {
    plain: path,
    encoded,
    encodedEverywhere: path.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
    upper: path.toUpperCase(),
    trailingSlash: `${path}/`,
    fullUrl: `http://127.0.0.1:${port}${path}`,
    fullUrlEncoded: `http://127.0.0.1:${port}${encoded}`,
  };
}

test('no route is reached past what the session may reach, by any spelling of its path', async () => {
  const email = `guard-${Date.now()}@example.com`;
  await enrolledAccount(shared.url, email, PASSWORD);
  const user = await shared.storage.userByEmail(email);
  const routes = shared.app.routeTable.filter((r) => !r.url.startsWith('/__test/'));
  assert.ok(routes.length >= 15, `routes collected: ${routes.length}`);
  for (const r of routes) assert.ok(['public', 'password', 'full', 'token'].includes(r.access), `${r.method} ${r.url} declares its access`);

  // A password-only session, as an attacker who has the password holds it; its CSRF token too.
  const half = httpClient(shared.url);
  assert.equal((await half.post('/login', { email, password: PASSWORD })).location, '/login/code');
  await half.get('/login/code');
  const sessions = { none: null, password: half };
  const body = new URLSearchParams({ confirm: 'Disable', code: '123456', _csrf: half.token ?? '' }).toString();

  const seen = [];
  for (const { method, url, access } of routes) {
    const path = url.replace(/:(\w+)/g, '1');
    for (const [kind, client] of Object.entries(sessions)) {
      for (const [spelling, target] of Object.entries(variants(path, shared.port))) {
        const headers = { ...(client ? { Cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}) };
        if (method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded';
        const response = await rawRequest(shared.port, `${method} ${target} HTTP/1.1`, headers, method === 'POST' ? body : '');
        const where = `${method} ${target} (${kind}, ${spelling})`;
        seen.push(where);
        assert.ok(response.status > 0 && response.status < 500, `${where}: ${response.status}`);
        const allowed = access === 'public' || access === 'token' || (access === 'password' && kind === 'password');
        if (!allowed) {
          // Past the guard would be a 2xx, or a redirect anywhere but the step the session is at.
          const step = kind === 'password' ? '/login/code' : '/login';
          const refused = response.status === 404 || (response.status === 303 && response.location === step) || response.status === 403;
          assert.ok(refused, `${where}: ${response.status} ${response.location ?? ''}`);
        }
      }
    }
  }
  assert.ok(seen.length >= routes.length * 2 * 7);
  // Still on, with no token made and no session past the password.
  assert.equal(status(await shared.storage.loadTwoFactor(user.id)).enabled, true);
  assert.equal((await shared.storage.apiTokens(user.id)).length, 0);
  assert.equal((await half.get('/profile')).location, '/login/code');
});

test('a route that declares no access is refused, and so is one that declares something unknown', async () => {
  // The app's own check, seen from outside: the guard refuses both with 403 and the handler never runs.
  for (const path of ['/__test/undeclared', '/__test/unknown']) {
    const response = await httpClient(shared.url).get(path);
    assert.equal(response.status, 403, path);
    assert.doesNotMatch(response.text, /handler ran/);
  }
});
