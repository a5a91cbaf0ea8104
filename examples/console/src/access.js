// Who may reach what (console.md, Security 1 and 2). Every route declares `config.access`:
//   public    anyone (sign-up, log-in, recovery, log-out, the static files)
//   password  a session that has passed the password and not yet the second factor
//   full      a session past both factors (or past the password when 2FA is off)
//   token     the API: the route authenticates its X-Auth-Token itself; no cookie counts
// One hook checks the matched route's declaration, never the URL text: the router has already
// decoded the path, so /%70rofile and a full-URL request line reach the same declaration as
// /profile. A route that declares nothing, or anything else, is refused.
import { errorPage } from './pages/auth.js';

export const ACCESS = Object.freeze(['public', 'password', 'full', 'token']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a session at `stage` belongs instead. */
const home = (stage) => (stage === 'full' ? '/profile' : stage === 'password' ? '/login/code' : '/login');

export const httpError = (statusCode, message) => Object.assign(new Error(message), { statusCode });

export function guardRoutes(app) {
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    // Read when asked: a plugin's own onRoute hook (the static files) may declare it after this one ran.
    for (const method of [route.method].flat()) app.routeTable.push({ method, url: route.url, get access() { return route.config?.access; } });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return; // no route matched: the not-found page, with nothing behind it
    const access = request.routeOptions.config?.access;
    if (!ACCESS.includes(access)) {
      request.log.error({ url: request.routeOptions.url }, 'route declares no access: refused');
      return reply.code(403).type('text/html; charset=utf-8').send(errorPage(403));
    }
    if (access === 'public' || access === 'token') return;
    const stage = request.session?.stage ?? null;
    if (stage !== access) return reply.redirect(home(stage), 303);
  });
}

/**
 * Forged requests: a state-changing request that a browser says came from another site, or from
 * another origin of this site (another port, a sibling subdomain), is refused; so is one without
 * the CSRF token of this session's pages (@fastify/csrf-protection, checked once the body is
 * parsed). Origin alone decides nothing: same-origin posts under Referrer-Policy: no-referrer
 * carry `Origin: null`.
 */
export function refuseForgeries(app) {
  app.addHook('preValidation', (request, reply, done) => {
    if (SAFE.has(request.method) || request.is404) return done();
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return done(httpError(403, 'cross-origin request refused'));
    if (request.routeOptions.config?.access === 'token') return done(); // no cookie authenticates it
    app.csrfProtection(request, reply, done);
  });
}
