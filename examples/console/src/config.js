// Settings from the environment, documented in the example's README. The sealing key comes from
// CONSOLE_SECRET_KEY, or is generated once into a 0600 file beside the database and reused; a
// key file that others can read is refused, since it opens every 2FA secret in the database.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 32 bytes as 64 hex characters or 44 base64 characters. */
function decodeKey(text, where) {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length !== 32) throw new Error(`${where}: expected 32 bytes as hex or base64`);
  return new Uint8Array(bytes);
}

/** Writes a new file that only this user can read (O_EXCL: never over an existing one). */
export function createPrivateFile(file, content = '') {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'wx', 0o600);
  try {
    if (content) writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** otpkit/flow's keys: { current, keys }. */
export function loadKeys(env, databaseFile) {
  if (env.CONSOLE_SECRET_KEY) return { current: 'env', keys: { env: decodeKey(env.CONSOLE_SECRET_KEY, 'CONSOLE_SECRET_KEY') } };
  const file = join(dirname(databaseFile), 'console.key');
  if (!existsSync(file)) {
    createPrivateFile(file, `${randomBytes(32).toString('hex')}\n`);
    console.warn(`CONSOLE_SECRET_KEY is not set: generated a sealing key in ${file}. Keep it with the database (and out of backups of it).`);
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) throw new Error(`${file} can be read by others (mode ${mode.toString(8)}): it opens every 2FA secret. Run: chmod 600 ${file}`);
  return { current: 'file', keys: { file: decodeKey(readFileSync(file, 'utf8'), file) } };
}

/** A whole number from the environment, or the fallback; anything else stops the start. */
function number(env, name, fallback) {
  if (env[name] === undefined || env[name] === '') return fallback;
  const value = Number(env[name]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name}: expected a whole number, got ${JSON.stringify(env[name])}`);
  return value;
}

const POLICY = [['freeFailures', 'FLOW_FREE_FAILURES'], ['baseDelay', 'FLOW_BASE_DELAY_MS'], ['maxDelay', 'FLOW_MAX_DELAY_MS'], ['lockAfter', 'FLOW_LOCK_AFTER']];

/** Everything the app reads from the environment. */
export function loadConfig(env = process.env) {
  const database = env.DATABASE || 'data/console.db';
  return {
    port: number(env, 'PORT', 3000),
    database,
    databaseUrl: env.DATABASE_URL || undefined,
    keys: loadKeys(env, database),
    issuer: env.CONSOLE_ISSUER || 'otpkit Console',
    // Sign-in and code attempts from one address, across accounts: what otpkit/flow cannot see.
    rateLimit: { max: number(env, 'RATE_LIMIT_MAX', 60), timeWindow: number(env, 'RATE_LIMIT_WINDOW_MS', 60_000) },
    // Fastify's trustProxy: the proxy (address, CIDR, or a comma-separated list) whose X-Forwarded-For is believed.
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY.split(',').map((s) => s.trim()) : false,
    secureCookies: env.COOKIE_SECURE === '1',
    sessions: { idle: number(env, 'CONSOLE_SESSION_IDLE_SECONDS', 1_800) * 1_000, max: number(env, 'CONSOLE_SESSION_MAX_SECONDS', 43_200) * 1_000 },
    stepUp: number(env, 'CONSOLE_STEP_UP_SECONDS', 600) * 1_000,
    tokenTtl: number(env, 'CONSOLE_API_TOKEN_TTL_SECONDS', 90 * 86_400) * 1_000,
    // otpkit/flow's policy, which the password throttle follows too; lowered in tests.
    policy: Object.fromEntries(POLICY.filter(([, name]) => env[name] !== undefined && env[name] !== '').map(([rule, name]) => [rule, number(env, name, 0)])),
  };
}
