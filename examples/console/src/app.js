// The Fastify application: plugins, sessions, the access guard, routes, error pages. server.js
// opens the storage and builds it; main.js listens; the tests build it in their own process too.
import { hkdfSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { guardRoutes, refuseForgeries } from './access.js';
import { addressLimitOptions } from './address-limit.js';
import { errorPage } from './pages/auth.js';
import { passwordThrottle } from './password-throttle.js';
import apiRoutes from './routes/api.js';
import authRoutes from './routes/auth.js';
import tokenRoutes from './routes/tokens.js';
import twoFactorRoutes from './routes/two-factor.js';
import { sessionManager } from './sessions.js';

/** A key for one purpose, from the sealing key (HKDF, RFC 5869): cookie signing, CSRF tokens. */
const subkey = (keys, purpose) => Buffer.from(hkdfSync('sha256', keys.keys[keys.current], '', `otpkit console ${purpose}`, 32));

const HTML = 'text/html; charset=utf-8';

export async function buildApp(config, storage, { logger = false } = {}) {
  // Bodies must match their schema exactly: an unknown field is refused, not silently dropped
  // (Fastify's default), and nothing is coerced. A form is small: 16 KiB is plenty.
  const app = Fastify({ logger, trustProxy: config.trustProxy, bodyLimit: 16_384, ajv: { customOptions: { removeAdditional: false, coerceTypes: false } } });
  const sessions = sessionManager(storage, config);
  const userInfo = (request) => request.session?.idHash ?? 'no session';

  await app.register(cookie, { secret: subkey(config.keys, 'cookie signing') });
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.secureCookies,
  });
  // The CSRF secret lives in its own cookie (a pre-session cookie before log-in); each token is
  // also bound to the session id, so a cookie planted from a sibling subdomain gives no valid token.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.secureCookies },
    getUserInfo: userInfo,
    csrfOpts: { hmacKey: subkey(config.keys, 'csrf tokens') },
  });
  await app.register(rateLimit, addressLimitOptions(storage));

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    request.session = await sessions.load(request);
  });
  guardRoutes(app);
  refuseForgeries(app);
  // Nothing a signed-in page shows may stay in a cache; the static files may.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/css') && !String(reply.getHeader('content-type') ?? '').includes('javascript')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const context = {
    config,
    storage,
    sessions,
    throttle: passwordThrottle(storage, config.policy),
    signInLimit: app.rateLimit({ max: config.rateLimit.max, timeWindow: config.rateLimit.timeWindow }),
    csrfToken: (request, reply) => reply.generateCsrf({ userInfo: userInfo(request) }),
    html: (reply, page, statusCode = 200) => reply.code(statusCode).type(HTML).send(page),
  };
  // Set before the routes' plugins are registered: each plugin context keeps the handlers it was given.
  app.setNotFoundHandler((request, reply) => context.html(reply, errorPage(404), 404));
  // Every refusal is a page (JSON for the API), never a stack trace or a secret.
  app.setErrorHandler((error, request, reply) => {
    const statusCode = error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const message = statusCode === 429 ? error.message : '';
    if (request.routeOptions.config?.access === 'token') return reply.code(statusCode).send({ error: statusCode === 429 ? 'too_many_requests' : 'refused', message: message || 'The request was refused.' });
    return context.html(reply, errorPage(statusCode, message), statusCode);
  });
  await app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await files.register(fastifyStatic, { root: fileURLToPath(new URL('../public', import.meta.url)), prefix: '/static/', index: false, list: false });
  });
  await app.register(authRoutes, context);
  await app.register(twoFactorRoutes, context);
  await app.register(tokenRoutes, context);
  await app.register(apiRoutes, context);
  app.get('/', { config: { access: 'public' } }, (request, reply) => reply.redirect(request.session?.stage === 'full' ? '/profile' : request.session ? '/login/code' : '/login', 303));

  return app;
}
