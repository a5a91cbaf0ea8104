// Beyond one server: two app processes on one PostgreSQL database. The compare-and-swap on the
// 2FA state's version holds across them: one code logs in once, and every failure a caller was
// told of is counted, whichever process took it. .ci/run starts PostgreSQL and sets TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { enrolledAccount, httpClient, PASSWORD, startServer, testEnv } from './helpers.js';

const url = process.env.TEST_DATABASE_URL;
if (process.env.CI && !url) throw new Error('TEST_DATABASE_URL is not set: .ci/run starts PostgreSQL for this test');
let servers = [];

before(async () => {
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS activity, api_tokens, sessions, address_hits, recovery_requests, users CASCADE');
  await client.end();
  const env = testEnv({ DATABASE_URL: url });
  servers = await Promise.all([startServer(env), startServer(env)]);
});
after(async () => Promise.all(servers.map((s) => s.stop())));

/** Sessions that have passed the password, alternately on each process. */
async function passwordSessions(email, count) {
  const clients = Array.from({ length: count }, (_, i) => httpClient(servers[i % 2].url));
  for (const c of clients) assert.equal((await c.post('/login', { email, password: PASSWORD })).location, '/login/code');
  return clients;
}

const storedThrottle = async (email) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT two_factor FROM users WHERE email = $1', [email]);
  await client.end();
  return JSON.parse(rows[0].two_factor).throttle;
};

test('20 concurrent log-ins with one code, split across two processes, give exactly one success', { skip: !url }, async () => {
  const email = `pg-once-${Date.now()}@example.com`;
  const { codes } = await enrolledAccount(servers[0].url, email, PASSWORD);
  const clients = await passwordSessions(email, 20);
  const code = codes.next();
  const answers = await Promise.all(clients.map((c) => c.post('/login/code', { code })));
  const succeeded = answers.filter((r) => r.status === 303 && r.location === '/profile');
  assert.equal(succeeded.length, 1);
  // Each refused caller is sent back to the code page, which says why.
  const results = await Promise.all(answers.filter((x) => x !== succeeded[0]).map((r, i) => clients[answers.indexOf(r)].follow(r)));
  assert.equal(results.length, 19);
  for (const r of results) {
    assert.match(r.text, /That code was already used\. Wait for the next one\.|Too many attempts\. Try again in \d+ seconds?\./);
  }
  const replays = results.filter((r) => r.text.includes('already used')).length;
  assert.equal((await storedThrottle(email)).failures, replays); // every replay counted once, on either process
});

test('every wrong code a caller was told of is counted, whichever process took it', { skip: !url }, async () => {
  const email = `pg-count-${Date.now()}@example.com`;
  await enrolledAccount(servers[1].url, email, PASSWORD);
  const clients = await passwordSessions(email, 20);
  const answers = await Promise.all(clients.map((c, i) => c.post('/login/code', { code: String(100000 + i) })));
  const results = await Promise.all(answers.map((r, i) => clients[i].follow(r)));
  const told = results.filter((r) => r.text.includes('That code is not valid')).length;
  const throttled = results.filter((r) => /Too many attempts\. Try again in/.test(r.text)).length;
  assert.equal(told + throttled, 20);
  const throttle = await storedThrottle(email);
  assert.equal(throttle.failures, told);
  assert.equal(told, 6); // 5 free failures, then the 6th starts the wait: no lost update, no extra count
});

test('one address has one budget across both processes (RATE_LIMIT_MAX counted in the database)', { skip: !url }, async () => {
  const env = testEnv({ DATABASE_URL: url, RATE_LIMIT_MAX: '10' });
  const limited = await Promise.all([startServer(env), startServer(env)]);
  try {
    const statuses = [];
    for (let i = 0; i < 14; i++) statuses.push((await httpClient(limited[i % 2].url, { from: '127.0.0.77' }).post('/login', { email: 'nobody@example.com', password: 'wrong password' })).status);
    assert.deepEqual(statuses, [...Array(10).fill(303), 429, 429, 429, 429]);
  } finally {
    await Promise.all(limited.map((s) => s.stop()));
  }
});
