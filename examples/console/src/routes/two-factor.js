// The profile page and its 2FA section: enable (QR code and setup key), confirm with the first
// code, backup codes shown once, regenerate them, disable by typing "Disable"; API tokens.
import { buildOTPAuthURI, formatSecretForDisplay } from 'otpkit';
import { confirmEnrollment, disable, openSecret, regenerateBackupCodes, startEnrollment, status } from 'otpkit/flow';
import { qrSVG } from 'otpkit/qr';
import { backupCodesPage, profilePage } from '../pages.js';
import { randomToken, tokenHash } from '../security.js';
import { outcomeMessage, runTwoFactor } from '../two-factor.js';

const form = (properties) => ({ type: 'object', required: Object.keys(properties), additionalProperties: false, properties });
const code = { type: 'string', minLength: 1, maxLength: 64 };

export default async function twoFactorRoutes(app, { storage, keys, policy, issuer, signInLimit }) {
  const html = (reply, page, statusCode = 200) => reply.code(statusCode).type('text/html; charset=utf-8').send(page);
  const signedIn = async (request, reply) => {
    if (request.session?.stage !== 'full') return reply.redirect(request.session ? '/login/code' : '/login', 303);
  };

  /** The profile page as it is now; with the setup dialog while an enrolment is pending. */
  async function profile(request, extra = {}) {
    const user = await storage.userById(request.session.userId);
    const state = await storage.loadTwoFactor(user.id);
    const now = status(state, { policy });
    let setup;
    if (now.pending && !now.enabled) {
      const secret = await openSecret(state.pending.secret, { keys });
      const { algorithm, digits, period } = state.pending;
      const uri = buildOTPAuthURI({ secret, issuer, account: user.email, algorithm, digits, period });
      setup = { svg: qrSVG(uri, { title: 'QR code' }), key: formatSecretForDisplay(secret) };
    }
    return profilePage({ email: user.email, status: now, setup, activity: await storage.activity(user.id), ...extra });
  }

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/profile') || request.url.startsWith('/two-factor') || request.url.startsWith('/api-tokens')) return signedIn(request, reply);
  });

  app.get('/profile', async (request, reply) => html(reply, await profile(request)));

  app.post('/two-factor/enable', async (request, reply) => {
    const user = await storage.userById(request.session.userId);
    const result = await runTwoFactor(storage, user.id, (state) => startEnrollment(state, { issuer, account: user.email, keys, policy }));
    if (!result.ok) return html(reply, await profile(request, { message: outcomeMessage(result) }), 409);
    return reply.redirect('/profile', 303);
  });

  app.post('/two-factor/confirm', { onRequest: signInLimit, attachValidation: true, schema: { body: form({ code }) } }, async (request, reply) => {
    if (request.validationError) return html(reply, await profile(request, { message: 'Enter the six-digit code from your app.' }), 400);
    const result = await runTwoFactor(storage, request.session.userId, (state) => confirmEnrollment(state, { token: request.body.code, keys, policy }));
    if (!result.ok) return html(reply, await profile(request, { message: outcomeMessage(result) }), 400);
    if (!result.backupCodes) return reply.redirect('/profile', 303);
    return html(reply, backupCodesPage({ title: 'Two-factor authentication is now enabled', codes: result.backupCodes }));
  });

  app.post('/two-factor/regenerate', { onRequest: signInLimit, attachValidation: true, schema: { body: form({ code }) } }, async (request, reply) => {
    if (request.validationError) return html(reply, await profile(request, { message: 'Enter a current code from your app.' }), 400);
    const result = await runTwoFactor(storage, request.session.userId, (state) => regenerateBackupCodes(state, { proof: { token: request.body.code }, keys, policy }));
    if (!result.ok) return html(reply, await profile(request, { message: outcomeMessage(result) }), 400);
    return html(reply, backupCodesPage({ title: 'New backup codes', codes: result.codes }));
  });

  app.post('/two-factor/disable', { attachValidation: true, schema: { body: form({ confirm: { type: 'string', maxLength: 64 } }) } }, async (request, reply) => {
    // The session passed both factors; typing "Disable" is the confirmation the guide asks for.
    if (request.validationError || request.body.confirm.trim() !== 'Disable') {
      return html(reply, await profile(request, { message: 'Type Disable to confirm.' }), 400);
    }
    const result = await runTwoFactor(storage, request.session.userId, (state) => disable(state, { proof: { trusted: 'session' }, keys, policy }));
    if (!result.ok) return html(reply, await profile(request, { message: outcomeMessage(result) }), 409);
    return reply.redirect('/profile', 303);
  });

  app.post('/api-tokens', async (request, reply) => {
    const token = randomToken();
    await storage.addApiToken(tokenHash(token), request.session.userId);
    return html(reply, await profile(request, { token }));
  });
}
