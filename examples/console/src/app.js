// The Fastify application: plugins, sessions, routes. main.js starts it; the tests start it too.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { notFoundPage } from './pages.js';
import apiRoutes from './routes/api.js';
import authRoutes from './routes/auth.js';
import twoFactorRoutes from './routes/two-factor.js';

export async function buildApp({ storage, keys, policy, issuer, rateLimit: limit, logger = false, secureCookies = false }) {
  // Bodies must match their schema exactly: an unknown field is refused, not silently dropped
  // (Fastify's default), and nothing is coerced.
  const app = Fastify({ logger, trustProxy: false, ajv: { customOptions: { removeAdditional: false, coerceTypes: false } } });
  app.decorate('secureCookies', secureCookies);
  await app.register(formbody);
  await app.register(cookie);
  // Per address, across accounts: what otpkit/flow's per-account counter cannot see.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, error: 'too_many_requests', message: `Too many attempts from your address. Try again in ${context.after}.` }),
  });
  // One limiter, one counter per address, shared by every sign-in and code route that uses it.
  const signInLimit = app.rateLimit({ max: limit.max, timeWindow: limit.timeWindow });

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const id = request.cookies.sid;
    request.session = id ? await storage.session(id) : null;
  });

  const options = { storage, keys, policy, issuer, signInLimit };
  await app.register(authRoutes, options);
  await app.register(twoFactorRoutes, options);
  await app.register(apiRoutes, options);
  app.get('/', (request, reply) => reply.redirect(request.session?.stage === 'full' ? '/profile' : '/login', 303));
  app.setNotFoundHandler((request, reply) => reply.code(404).type('text/html; charset=utf-8').send(notFoundPage()));
  return app;
}
