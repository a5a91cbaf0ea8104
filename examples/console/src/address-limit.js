// The per-address limit (console.md, Security 6): @fastify/rate-limit, with its counts in the
// console's database instead of the process, so every process behind one database gives an
// address one budget. The address is Fastify's request.ip: the socket's, or with TRUST_PROXY the
// client named in X-Forwarded-For by that proxy.
import { httpError } from './access.js';

/** A store class for @fastify/rate-limit: a fixed window per key, counted by one upsert. */
export function databaseStore(storage) {
  return class DatabaseStore {
    incr(key, callback, timeWindow) {
      const now = Date.now();
      storage.countHit(key, now, timeWindow).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, resetAt - now) }),
        (error) => callback(error),
      );
      if (Math.random() < 0.01) storage.deleteOldHits(now).catch(() => {});
    }

    child() {
      return new DatabaseStore();
    }
  };
}

export const seconds = (ms) => {
  const n = Math.max(1, Math.ceil(ms / 1000));
  return `${n} second${n === 1 ? '' : 's'}`;
};

/** The plugin's options: the error is a 429 that the error handler renders as a page (or JSON for the API). */
export const addressLimitOptions = (storage) => ({
  global: false,
  store: databaseStore(storage),
  keyGenerator: (request) => `sign-in:${request.ip}`,
  errorResponseBuilder: (_request, context) => httpError(429, `Too many attempts from your address. Try again in ${seconds(context.ttl)}.`),
});
