// The console's data, written once for both engines over a small adapter: `run` (→ { changes }),
// `get` (→ one row or null) and `all`. Every write that must not race is one statement: a
// compare-and-swap on a version, a DELETE whose row count says who won, or a counting upsert.
const USER = 'id, email, password_hash AS "passwordHash"';
const SESSION = 'id_hash AS "idHash", user_id AS "userId", stage, created_at AS "createdAt", seen_at AS "seenAt", proof_at AS "proofAt"';
const TOKEN = 'id, user_id AS "userId", prefix, with_two_factor AS "withTwoFactor", created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"';

export function storageOver(kind, db) {
  const changed = async (sql, params) => (await db.run(sql, params)).changes === 1;
  return {
    kind,
    close: db.close,

    // Accounts and their 2FA state (one JSON column and its version: otpkit/flow's store).
    async createUser({ email, passwordHash, twoFactor }) {
      const row = await db.get('INSERT INTO users (email, password_hash, two_factor, two_factor_version, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING id', [email, passwordHash, JSON.stringify(twoFactor), twoFactor.version, Date.now()]);
      return row?.id ?? null;
    },
    userByEmail: (email) => db.get(`SELECT ${USER} FROM users WHERE email = ?`, [email]),
    userById: (id) => db.get(`SELECT ${USER} FROM users WHERE id = ?`, [id]),
    loadTwoFactor: async (userId) => JSON.parse((await db.get('SELECT two_factor FROM users WHERE id = ?', [userId])).two_factor),
    swapTwoFactor: (userId, expected, next) => changed('UPDATE users SET two_factor = ?, two_factor_version = ? WHERE id = ? AND two_factor_version = ?', [JSON.stringify(next), next.version, userId, expected]),

    // The password throttle: its own count and version, so it never races with the 2FA state.
    passwordThrottle: (userId) => db.get('SELECT password_failures AS failures, password_failed_at AS "failedAt", password_version AS version FROM users WHERE id = ?', [userId]),
    swapPasswordThrottle: (userId, version, failures, failedAt) => changed('UPDATE users SET password_failures = ?, password_failed_at = ?, password_version = password_version + 1 WHERE id = ? AND password_version = ?', [failures, failedAt, userId, version]),
    clearPasswordFailures: (userId) => db.run('UPDATE users SET password_failures = 0, password_failed_at = NULL, password_version = password_version + 1 WHERE id = ? AND password_failures > 0', [userId]),

    // Sessions, by the SHA-256 of their id.
    createSession: ({ idHash, userId, stage, createdAt, now, proofAt = null }) => db.run('INSERT INTO sessions (id_hash, user_id, stage, created_at, seen_at, proof_at) VALUES (?, ?, ?, ?, ?, ?)', [idHash, userId, stage, createdAt, now, proofAt]),
    sessionByHash: (idHash) => db.get(`SELECT ${SESSION} FROM sessions WHERE id_hash = ?`, [idHash]),
    touchSession: (idHash, now) => db.run('UPDATE sessions SET seen_at = ? WHERE id_hash = ?', [now, idHash]),
    /** Deletes the session; true for the one caller that did (two requests cannot both move it on). */
    takeSession: (idHash) => changed('DELETE FROM sessions WHERE id_hash = ?', [idHash]),
    deleteUserSessions: (userId) => db.run('DELETE FROM sessions WHERE user_id = ?', [userId]),
    deleteStaleSessions: (seenBefore, createdBefore) => db.run('DELETE FROM sessions WHERE seen_at < ? OR created_at < ?', [seenBefore, createdBefore]),
    setProofAt: (idHash, now) => db.run('UPDATE sessions SET proof_at = ? WHERE id_hash = ?', [now, idHash]),
    setOnce: (idHash, value) => db.run('UPDATE sessions SET once = ? WHERE id_hash = ?', [JSON.stringify(value), idHash]),
    /** What the session was to show once, for the one request that clears it. */
    async takeOnce(idHash) {
      const row = await db.get('SELECT once FROM sessions WHERE id_hash = ?', [idHash]);
      if (!row?.once) return null;
      return (await changed('UPDATE sessions SET once = NULL WHERE id_hash = ? AND once = ?', [idHash, row.once])) ? JSON.parse(row.once) : null;
    },

    // API tokens, by the SHA-256 of the token.
    addApiToken: (t) => db.run('INSERT INTO api_tokens (id, hash, user_id, prefix, with_two_factor, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [t.id, t.hash, t.userId, t.prefix, t.withTwoFactor ? 1 : 0, t.createdAt, t.expiresAt]),
    apiTokenByHash: (hash) => db.get(`SELECT ${TOKEN} FROM api_tokens WHERE hash = ?`, [hash]),
    touchApiToken: (id, now) => db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, id]),
    apiTokens: (userId) => db.all(`SELECT ${TOKEN} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id`, [userId]),
    revokeApiToken: (userId, id, now) => changed('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', [now, id, userId]),
    revokeTokensMadeWithoutTwoFactor: (userId, now) => db.run('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND with_two_factor = 0 AND revoked_at IS NULL', [now, userId]),

    // Activity lines, from the flow's events and the console's own.
    async addActivity(userId, entries) {
      for (const e of entries) await db.run('INSERT INTO activity (user_id, type, at, detail) VALUES (?, ?, ?, ?)', [userId, e.type, e.at, JSON.stringify(e.detail ?? {})]);
    },
    activity: async (userId, limit = 20) => (await db.all('SELECT type, at, detail FROM activity WHERE user_id = ? ORDER BY id DESC LIMIT ?', [userId, limit])).map((r) => ({ ...r, detail: JSON.parse(r.detail) })),

    /** One more hit in a fixed window: the count so far and when the window ends, for every process alike. */
    countHit: (bucket, now, windowMs) =>
      db.get(
        `INSERT INTO address_hits (bucket, count, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (bucket) DO UPDATE SET
           count = CASE WHEN address_hits.reset_at <= ? THEN 1 ELSE address_hits.count + 1 END,
           reset_at = CASE WHEN address_hits.reset_at <= ? THEN ? ELSE address_hits.reset_at END
         RETURNING count, reset_at AS "resetAt"`,
        [bucket, now + windowMs, now, now, now + windowMs],
      ),
    deleteOldHits: (now) => db.run('DELETE FROM address_hits WHERE reset_at <= ?', [now]),

    // Recovery requests from /recovery, for support (npm run admin -- requests).
    addRecoveryRequest: (email, message, now) => db.run('INSERT INTO recovery_requests (email, message, at) VALUES (?, ?, ?)', [email, message, now]),
    recoveryRequests: () => db.all('SELECT id, email, message, at FROM recovery_requests WHERE handled_at IS NULL ORDER BY id', []),
    handleRecoveryRequests: (email, now) => db.run('UPDATE recovery_requests SET handled_at = ? WHERE email = ? AND handled_at IS NULL', [now, email]),
  };
}
