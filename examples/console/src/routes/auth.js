// Sign-up, log-in (password, then the second factor), log-out. A session that has passed the
// password but not the second factor reaches only the code pages.
import { createState, status, useBackupCode, verifyLogin } from 'otpkit/flow';
import { codePage, loginPage, signupPage } from '../pages.js';
import { checkPassword, hashPassword, randomToken } from '../security.js';
import { outcomeMessage, runTwoFactor } from '../two-factor.js';

const credentials = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', format: 'email', maxLength: 254 }, password: { type: 'string', minLength: 8, maxLength: 200 } },
};
const codeBody = { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', minLength: 1, maxLength: 64 } } };

/** A password hash for unknown e-mails, so that a wrong e-mail costs as long as a wrong password. */
const dummyHash = await hashPassword('not the password of anyone');

export default async function authRoutes(app, { storage, keys, policy, signInLimit }) {
  const html = (reply, page, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(page);
  const startSession = async (reply, userId, stage) => {
    const id = randomToken();
    await storage.createSession(id, userId, stage);
    reply.setCookie('sid', id, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.secureCookies });
  };
  const limited = { onRequest: signInLimit, attachValidation: true };

  app.get('/signup', (request, reply) => html(reply, signupPage()));
  app.post('/signup', { ...limited, schema: { body: credentials } }, async (request, reply) => {
    const email = String(request.body?.email ?? '').slice(0, 254);
    if (request.validationError) return html(reply, signupPage({ message: 'Enter an e-mail address and a password of at least 8 characters.', email }), 400);
    const userId = await storage.createUser({ email: email.toLowerCase(), passwordHash: await hashPassword(request.body.password), twoFactor: createState() });
    if (userId === null) return html(reply, signupPage({ message: 'An account with that e-mail address exists. Log in instead.', email }), 409);
    await startSession(reply, userId, 'full');
    return reply.redirect('/profile', 303);
  });

  app.get('/login', (request, reply) => html(reply, loginPage()));
  app.post('/login', { ...limited, schema: { body: credentials } }, async (request, reply) => {
    const email = String(request.body?.email ?? '').slice(0, 254);
    if (request.validationError) return html(reply, loginPage({ message: 'Enter your e-mail address and password.', email }), 400);
    const user = await storage.userByEmail(email.toLowerCase());
    const passwordOk = await checkPassword(request.body.password, user?.passwordHash ?? dummyHash);
    if (!user || !passwordOk) return html(reply, loginPage({ message: 'Wrong e-mail address or password.', email }), 401);
    const { enabled } = status(await storage.loadTwoFactor(user.id));
    await startSession(reply, user.id, enabled ? 'password' : 'full');
    return reply.redirect(enabled ? '/login/code' : '/profile', 303);
  });

  // The second step: only for a session that has passed the password.
  const secondStep = async (request, reply) => {
    if (request.session?.stage !== 'password') return reply.redirect(request.session ? '/profile' : '/login', 303);
  };
  for (const backup of [false, true]) {
    const path = backup ? '/login/backup' : '/login/code';
    app.get(path, { preHandler: secondStep }, (request, reply) => html(reply, codePage({ backup })));
    app.post(path, { ...limited, preHandler: secondStep, schema: { body: codeBody } }, async (request, reply) => {
      if (request.validationError) return html(reply, codePage({ backup, message: 'Enter the code.' }), 400);
      const { code } = request.body;
      const result = await runTwoFactor(storage, request.session.userId, (state) =>
        backup ? useBackupCode(state, { code, policy }) : verifyLogin(state, { token: code, keys, policy }),
      );
      if (!result.ok) return html(reply, codePage({ backup, message: outcomeMessage(result) }), result.outcome === 'throttled' ? 429 : 401);
      await storage.setSessionStage(request.session.id, 'full');
      return reply.redirect('/profile', 303);
    });
  }

  app.post('/logout', async (request, reply) => {
    if (request.session) await storage.deleteSession(request.session.id);
    reply.clearCookie('sid', { path: '/' });
    return reply.redirect('/login', 303);
  });
}
