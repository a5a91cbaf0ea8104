// Settings from the environment, documented in the example's README. The sealing key comes from
// CONSOLE_SECRET_KEY, or is generated once into a file beside the database and reused.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 32 bytes as 64 hex characters or 44 base64 characters. */
function decodeKey(text, where) {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length !== 32) throw new Error(`${where}: expected 32 bytes as hex or base64`);
  return new Uint8Array(bytes);
}

/** otpkit/flow's keys: { current, keys }. */
export function loadKeys(env, databaseFile) {
  if (env.CONSOLE_SECRET_KEY) return { current: 'env', keys: { env: decodeKey(env.CONSOLE_SECRET_KEY, 'CONSOLE_SECRET_KEY') } };
  const file = join(dirname(databaseFile), 'console.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    console.warn(`CONSOLE_SECRET_KEY is not set: generated a sealing key in ${file}. Keep it with the database (and out of backups of it).`);
  }
  return { current: 'file', keys: { file: decodeKey(readFileSync(file, 'utf8'), file) } };
}

const number = (env, name, fallback) => (env[name] === undefined ? fallback : Number(env[name]));

/** Everything the app reads from the environment. */
export function loadConfig(env = process.env) {
  const database = env.DATABASE ?? 'data/console.db';
  return {
    port: number(env, 'PORT', 3000),
    database,
    databaseUrl: env.DATABASE_URL,
    keys: loadKeys(env, database),
    issuer: env.CONSOLE_ISSUER ?? 'otpkit Console',
    // Sign-in and code attempts from one address, across accounts: what otpkit/flow cannot see.
    rateLimit: { max: number(env, 'RATE_LIMIT_MAX', 60), timeWindow: number(env, 'RATE_LIMIT_WINDOW_MS', 60_000) },
    // otpkit/flow's policy; lowered in tests so that the lock can be reached in seconds.
    policy: Object.fromEntries(
      [['freeFailures', 'FLOW_FREE_FAILURES'], ['baseDelay', 'FLOW_BASE_DELAY_MS'], ['maxDelay', 'FLOW_MAX_DELAY_MS'], ['lockAfter', 'FLOW_LOCK_AFTER']]
        .filter(([, name]) => env[name] !== undefined)
        .map(([rule, name]) => [rule, Number(env[name])]),
    ),
  };
}
