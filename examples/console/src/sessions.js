// Sessions (console.md, Security 3): a random id in an HttpOnly cookie, stored only as its
// SHA-256; a new id at each change of stage and at each 2FA change (the old id is dead at once);
// idle and absolute timeouts; the account's other sessions ended when 2FA is turned on or off.
// Also the flash: a short message for the page after a redirect, in a signed cookie.
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const SID = 'sid';
const FLASH = 'flash';

export function sessionManager(storage, { sessions: { idle, max }, secureCookies }) {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies };

  /** A new session for the user; `createdAt` carries the absolute timeout across a change of id. */
  async function start(reply, userId, stage, { createdAt = Date.now(), proofAt = null } = {}) {
    const id = randomBytes(32).toString('base64url');
    const now = Date.now();
    await storage.createSession({ idHash: sha256(id), userId, stage, createdAt, now, proofAt });
    reply.setCookie(SID, id, cookie);
    if (Math.random() < 0.05) await storage.deleteStaleSessions(now - idle, now - max);
    return sha256(id);
  }

  return {
    /** The request's live session, or null (unknown, idle too long, or past its absolute limit). */
    async load(request) {
      const id = request.cookies[SID];
      if (typeof id !== 'string' || id.length !== 43) return null;
      const session = await storage.sessionByHash(sha256(id));
      if (!session) return null;
      const now = Date.now();
      if (now - session.seenAt > idle || now - session.createdAt > max) {
        await storage.takeSession(session.idHash);
        return null;
      }
      await storage.touchSession(session.idHash, now);
      return session;
    },

    start,

    /**
     * Moves the session to `stage` under a new id. Only one request can: the old row is deleted
     * first, and a second request with the same old id finds nothing to move on.
     */
    async advance(request, reply, stage, { proofAt = request.session.proofAt } = {}) {
      const { idHash, userId, createdAt } = request.session;
      if (!(await storage.takeSession(idHash))) return false;
      await start(reply, userId, stage, { createdAt, proofAt });
      return true;
    },

    /** After 2FA was turned on or off: every session of the account ends; this one goes on under a new id. */
    async restartAll(request, reply, { proofAt }) {
      const { userId, createdAt } = request.session;
      await storage.deleteUserSessions(userId);
      return start(reply, userId, 'full', { createdAt, proofAt });
    },

    async end(request, reply) {
      if (request.session) await storage.takeSession(request.session.idHash);
      reply.clearCookie(SID, cookie);
    },

    /** Something to say on the next page (and which dialog to open for it). */
    flash(reply, value) {
      reply.setCookie(FLASH, JSON.stringify(value), { ...cookie, signed: true, maxAge: 60 });
    },
    readFlash(request, reply) {
      const raw = request.cookies[FLASH];
      if (!raw) return null;
      reply.clearCookie(FLASH, cookie);
      const { valid, value } = request.unsignCookie(raw);
      if (!valid) return null;
      try {
        const flash = JSON.parse(value);
        return flash && typeof flash.message === 'string' ? flash : null;
      } catch {
        return null;
      }
    },
  };
}
