// The same storage interface on PostgreSQL (pg), for more than one app process on one database:
// the compare-and-swap UPDATE … WHERE two_factor_version = $4 holds across processes.
import pg from 'pg';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  two_factor JSONB NOT NULL,
  two_factor_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), stage TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens (hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS activity (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), type TEXT NOT NULL, at BIGINT NOT NULL, detail JSONB NOT NULL);
`;

export async function openPostgres(url) {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // Two processes may start at once: one creates the tables, the other waits for the lock.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4226)');
    await client.query(SCHEMA);
    await client.query('SELECT pg_advisory_unlock(4226)');
  } finally {
    client.release();
  }
  const one = async (sql, params) => (await pool.query(sql, params)).rows[0] ?? null;
  return {
    kind: 'postgres',
    async createUser({ email, passwordHash, twoFactor }) {
      const row = await one(
        'INSERT INTO users (email, password_hash, two_factor, two_factor_version, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id',
        [email, passwordHash, JSON.stringify(twoFactor), twoFactor.version, Date.now()],
      );
      return row?.id ?? null;
    },
    userByEmail: (email) => one('SELECT id, email, password_hash AS "passwordHash" FROM users WHERE email = $1', [email]),
    userById: (id) => one('SELECT id, email FROM users WHERE id = $1', [id]),
    async loadTwoFactor(userId) {
      return (await one('SELECT two_factor FROM users WHERE id = $1', [userId])).two_factor;
    },
    async swapTwoFactor(userId, expected, next) {
      const result = await pool.query('UPDATE users SET two_factor = $1, two_factor_version = $2 WHERE id = $3 AND two_factor_version = $4', [
        JSON.stringify(next),
        next.version,
        userId,
        expected,
      ]);
      return result.rowCount === 1;
    },
    async createSession(id, userId, stage) {
      await pool.query('INSERT INTO sessions (id, user_id, stage, created_at) VALUES ($1, $2, $3, $4)', [id, userId, stage, Date.now()]);
    },
    session: (id) => one('SELECT id, user_id AS "userId", stage FROM sessions WHERE id = $1', [id]),
    async setSessionStage(id, stage) {
      await pool.query('UPDATE sessions SET stage = $1 WHERE id = $2', [stage, id]);
    },
    async deleteSession(id) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    async addApiToken(hash, userId) {
      await pool.query('INSERT INTO api_tokens (hash, user_id, created_at) VALUES ($1, $2, $3)', [hash, userId, Date.now()]);
    },
    async userByApiToken(hash) {
      return (await one('SELECT user_id AS "userId" FROM api_tokens WHERE hash = $1', [hash]))?.userId ?? null;
    },
    async addActivity(userId, entries) {
      for (const e of entries) await pool.query('INSERT INTO activity (user_id, type, at, detail) VALUES ($1, $2, $3, $4)', [userId, e.type, e.at, JSON.stringify(e.detail ?? {})]);
    },
    async activity(userId, limit = 20) {
      return (await pool.query('SELECT type, at, detail FROM activity WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit])).rows.map((r) => ({ ...r, at: Number(r.at) }));
    },
    close: () => pool.end(),
  };
}
