// The storage interface on SQLite (better-sqlite3), the embedded default. The 2FA state is one
// JSON column with a version column: the compare-and-swap is an UPDATE … WHERE version = ?
// that must change exactly one row.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  two_factor TEXT NOT NULL,
  two_factor_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), stage TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens (hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS activity (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL REFERENCES users(id), type TEXT NOT NULL, at INTEGER NOT NULL, detail TEXT NOT NULL);
`;

export function openSqlite(file) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const q = (sql) => db.prepare(sql);
  const statements = {
    insertUser: q('INSERT INTO users (email, password_hash, two_factor, two_factor_version, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(email) DO NOTHING'),
    userByEmail: q('SELECT id, email, password_hash AS passwordHash FROM users WHERE email = ?'),
    userById: q('SELECT id, email FROM users WHERE id = ?'),
    twoFactor: q('SELECT two_factor FROM users WHERE id = ?'),
    swap: q('UPDATE users SET two_factor = ?, two_factor_version = ? WHERE id = ? AND two_factor_version = ?'),
    insertSession: q('INSERT INTO sessions (id, user_id, stage, created_at) VALUES (?, ?, ?, ?)'),
    session: q('SELECT id, user_id AS userId, stage FROM sessions WHERE id = ?'),
    setStage: q('UPDATE sessions SET stage = ? WHERE id = ?'),
    deleteSession: q('DELETE FROM sessions WHERE id = ?'),
    insertToken: q('INSERT INTO api_tokens (hash, user_id, created_at) VALUES (?, ?, ?)'),
    userByToken: q('SELECT user_id AS userId FROM api_tokens WHERE hash = ?'),
    insertActivity: q('INSERT INTO activity (user_id, type, at, detail) VALUES (?, ?, ?, ?)'),
    activity: q('SELECT type, at, detail FROM activity WHERE user_id = ? ORDER BY id DESC LIMIT ?'),
  };
  const addActivity = db.transaction((userId, entries) => {
    for (const e of entries) statements.insertActivity.run(userId, e.type, e.at, JSON.stringify(e.detail ?? {}));
  });
  return {
    kind: 'sqlite',
    async createUser({ email, passwordHash, twoFactor }) {
      const result = statements.insertUser.run(email, passwordHash, JSON.stringify(twoFactor), twoFactor.version, Date.now());
      return result.changes === 1 ? Number(result.lastInsertRowid) : null;
    },
    async userByEmail(email) {
      return statements.userByEmail.get(email) ?? null;
    },
    async userById(id) {
      return statements.userById.get(id) ?? null;
    },
    async loadTwoFactor(userId) {
      return JSON.parse(statements.twoFactor.get(userId).two_factor);
    },
    async swapTwoFactor(userId, expected, next) {
      return statements.swap.run(JSON.stringify(next), next.version, userId, expected).changes === 1;
    },
    async createSession(id, userId, stage) {
      statements.insertSession.run(id, userId, stage, Date.now());
    },
    async session(id) {
      return statements.session.get(id) ?? null;
    },
    async setSessionStage(id, stage) {
      statements.setStage.run(stage, id);
    },
    async deleteSession(id) {
      statements.deleteSession.run(id);
    },
    async addApiToken(hash, userId) {
      statements.insertToken.run(hash, userId, Date.now());
    },
    async userByApiToken(hash) {
      return statements.userByToken.get(hash)?.userId ?? null;
    },
    async addActivity(userId, entries) {
      addActivity(userId, entries);
    },
    async activity(userId, limit = 20) {
      return statements.activity.all(userId, limit).map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
    },
    async close() {
      db.close();
    },
  };
}
