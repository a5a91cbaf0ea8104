// Sign-up, log-in (the password, then the second factor), log-out, and the recovery request. A
// session that has passed only the password reaches only the code pages; each step gives the
// session a new id. Every failure redirects to its page with a message (post/redirect/get).
import { createState, status, useBackupCode, verifyLogin } from 'otpkit/flow';
import { seconds } from '../address-limit.js';
import { codePage, loginPage, recoveryPage, signupPage } from '../pages/auth.js';
import { checkPassword, hashPassword } from '../security.js';
import { outcomeMessage, runTwoFactor } from '../two-factor.js';
import { code, credentials, form } from './forms.js';

/** A password hash for unknown e-mails, so that a wrong e-mail costs as long as a wrong password. */
const dummyHash = await hashPassword('not the password of anyone');
const emailOf = (request) => String(request.body?.email ?? '').slice(0, 254);

export default async function authRoutes(app, { storage, config, sessions, throttle, signInLimit, csrfToken, html }) {
  const { keys, policy } = config;
  const publicRoute = { config: { access: 'public' } };
  const limited = { config: { access: 'public' }, onRequest: signInLimit, attachValidation: true };
  const page = (request, reply, render, extra = {}) => html(reply, render({ csrf: csrfToken(request, reply), ...(sessions.readFlash(request, reply) ?? {}), ...extra }));

  app.get('/signup', publicRoute, (request, reply) => page(request, reply, signupPage));
  app.post('/signup', { ...limited, schema: { body: credentials } }, async (request, reply) => {
    if (request.validationError) return html(reply, signupPage({ csrf: csrfToken(request, reply), message: 'Enter an e-mail address and a password of at least 8 characters.', email: emailOf(request) }), 400);
    const email = emailOf(request).toLowerCase();
    const userId = await storage.createUser({ email, passwordHash: await hashPassword(request.body.password), twoFactor: createState() });
    if (userId === null) {
      sessions.flash(reply, { message: 'An account with that e-mail address exists. Log in instead.', email });
      return reply.redirect('/signup', 303);
    }
    await sessions.end(request, reply);
    await sessions.start(reply, userId, 'full');
    return reply.redirect('/profile', 303);
  });

  app.get('/login', publicRoute, (request, reply) => page(request, reply, loginPage));
  app.post('/login', { ...limited, schema: { body: credentials } }, async (request, reply) => {
    const email = emailOf(request).toLowerCase();
    if (request.validationError) return html(reply, loginPage({ csrf: csrfToken(request, reply), message: 'Enter your e-mail address and password.', email }), 400);
    const user = await storage.userByEmail(email);
    if (user) {
      const claim = await throttle.claim(user.id);
      if (!claim.ok) return html(reply, loginPage({ csrf: csrfToken(request, reply), message: `Too many attempts. Try again in ${seconds(claim.retryAfter)}.`, email }), 429);
    }
    const passwordOk = await checkPassword(request.body.password, user?.passwordHash ?? dummyHash);
    if (!user || !passwordOk) {
      sessions.flash(reply, { message: 'Wrong e-mail address or password.', email });
      return reply.redirect('/login', 303);
    }
    await throttle.succeeded(user.id);
    const { enabled } = status(await storage.loadTwoFactor(user.id), { policy });
    await sessions.end(request, reply);
    await sessions.start(reply, user.id, enabled ? 'password' : 'full');
    return reply.redirect(enabled ? '/login/code' : '/profile', 303);
  });

  // The second step: a code from the app, or a backup code; success gives a full session under a new id.
  for (const backup of [false, true]) {
    const path = backup ? '/login/backup' : '/login/code';
    const step = { config: { access: 'password' } };
    app.get(path, step, (request, reply) => page(request, reply, codePage, { backup }));
    app.post(path, { ...step, onRequest: signInLimit, attachValidation: true, schema: { body: form({ code }) } }, async (request, reply) => {
      if (request.validationError) return html(reply, codePage({ csrf: csrfToken(request, reply), backup, message: backup ? 'Enter one of your backup codes.' : 'Enter the code from your app.' }), 400);
      const token = request.body.code;
      const result = await runTwoFactor(storage, request.session.userId, (state) => (backup ? useBackupCode(state, { code: token, policy }) : verifyLogin(state, { token, keys, policy })));
      if (!result.ok) {
        sessions.flash(reply, { message: outcomeMessage(result, { backup }) });
        return reply.redirect(path, 303);
      }
      // Two requests with the same password-stage id: only the first moves it on.
      if (!(await sessions.advance(request, reply, 'full', { proofAt: Date.now() }))) return reply.redirect('/login', 303);
      return reply.redirect('/profile', 303);
    });
  }

  app.post('/logout', { ...publicRoute, schema: { body: form({}) } }, async (request, reply) => {
    await sessions.end(request, reply);
    return reply.redirect('/login', 303);
  });

  app.get('/recovery', publicRoute, (request, reply) => page(request, reply, recoveryPage));
  app.post('/recovery', { ...limited, schema: { body: form({ email: { type: 'string', format: 'email', maxLength: 254 }, message: { type: 'string', minLength: 1, maxLength: 500 } }) } }, async (request, reply) => {
    if (request.validationError) return html(reply, recoveryPage({ csrf: csrfToken(request, reply), message: 'Enter your e-mail address and what happened.' }), 400);
    // Recorded whether or not the account exists: the page says the same either way.
    await storage.addRecoveryRequest(emailOf(request).toLowerCase(), request.body.message, Date.now());
    sessions.flash(reply, { message: '', sent: true });
    return reply.redirect('/recovery', 303);
  });
}
