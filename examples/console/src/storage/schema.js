// The console's tables, for SQLite and PostgreSQL alike: times are milliseconds (BIGINT), JSON is
// TEXT, flags are 0/1. Only the key of an auto-numbered id differs between the two engines.
export function schema(autoId) {
  return `
CREATE TABLE IF NOT EXISTS users (
  id ${autoId},
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  password_failures INTEGER NOT NULL DEFAULT 0,
  password_failed_at BIGINT,
  password_version INTEGER NOT NULL DEFAULT 0,
  two_factor TEXT NOT NULL,
  two_factor_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  stage TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL,
  proof_at BIGINT,
  once TEXT
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  prefix TEXT NOT NULL,
  with_two_factor INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE TABLE IF NOT EXISTS activity (id ${autoId}, user_id INTEGER NOT NULL REFERENCES users(id), type TEXT NOT NULL, at BIGINT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS address_hits (bucket TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS recovery_requests (id ${autoId}, email TEXT NOT NULL, message TEXT NOT NULL, at BIGINT NOT NULL, handled_at BIGINT);
`;
}

/** A database made by the first console has none of the columns above: say so instead of failing later. */
export const CHECK = 'SELECT password_version FROM users WHERE 1 = 0';
export const OLD_SCHEMA = 'this database was made by an older version of the console example; start with a new one (delete it, or set DATABASE or DATABASE_URL elsewhere)';
