// Passwords are throttled per account, in the database, so every process shares the count
// (console.md, Security 5; NIST SP 800-63B §5.2.2): the flow's curve, 5 free failures, then a
// wait doubling from 1 s to 15 minutes, counted from the last failure. Never a permanent lock.
// An attempt is counted before the password is checked, and a success clears the count: 150
// guesses sent at once cannot all be checked while the count is still low.
import { DEFAULT_POLICY } from 'otpkit/flow';

export function passwordThrottle(storage, policy = {}) {
  const { freeFailures, baseDelay, maxDelay } = { ...DEFAULT_POLICY, ...policy };
  const waitAfter = (failures) => (failures <= freeFailures ? 0 : Math.min(baseDelay * 2 ** Math.min(failures - freeFailures - 1, 40), maxDelay));

  return {
    /** Reserves one password check: { ok: true }, or { ok: false, retryAfter } (ms) during a wait. */
    async claim(userId, now = Date.now()) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const { failures, failedAt, version } = await storage.passwordThrottle(userId);
        const wait = waitAfter(failures);
        // Bounded by the wait itself: a clock stepped back never lengthens it.
        const retryAfter = failedAt === null ? 0 : Math.min(failedAt + wait - now, wait);
        if (retryAfter > 0) return { ok: false, retryAfter };
        if (await storage.swapPasswordThrottle(userId, version, failures + 1, now)) return { ok: true };
      }
      return { ok: false, retryAfter: 1_000 }; // lost the race five times: fail closed, briefly
    },
    succeeded: (userId) => storage.clearPasswordFailures(userId),
  };
}
