// The profile page and its 2FA section: enable (QR code and setup key), confirm with the first
// code, backup codes shown once, regenerate them, disable by typing "Disable" (with a fresh code
// after the step-up window). Turning 2FA on or off ends the account's other sessions.
import { buildOTPAuthURI, formatSecretForDisplay } from 'otpkit';
import { confirmEnrollment, disable, openSecret, regenerateBackupCodes, startEnrollment, status } from 'otpkit/flow';
import { qrSVG } from 'otpkit/qr';
import { profilePage } from '../pages/profile.js';
import { proofFrom, stepUpNeeded } from '../step-up.js';
import { outcomeMessage, runTwoFactor } from '../two-factor.js';
import { code, form } from './forms.js';

const DIALOGS = new Set(['setup', 'disable', 'regenerate', 'token']);
const STEP_UP = 'Enter a code from your authenticator app to confirm it is you.';

export default async function twoFactorRoutes(app, { storage, config, sessions, signInLimit, csrfToken, html }) {
  const { keys, policy, issuer } = config;
  const full = { config: { access: 'full' } };
  const limited = { ...full, onRequest: signInLimit, attachValidation: true };

  /** The profile page as it is now; `flash` says what the last step said, and where. */
  async function renderProfile(request, reply, { flash = sessions.readFlash(request, reply), statusCode = 200 } = {}) {
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
    const asked = typeof request.query?.dialog === 'string' && DIALOGS.has(request.query.dialog) ? request.query.dialog : undefined;
    const page = profilePage({
      csrf: csrfToken(request, reply),
      email: user.email,
      status: now,
      setup,
      once: await storage.takeOnce(request.session.idHash),
      tokens: await storage.apiTokens(user.id),
      activity: await storage.activity(user.id),
      flash,
      stepUpNeeded: stepUpNeeded(request.session, now.enabled, config.stepUp),
      open: flash?.dialog ?? asked,
      baseUrl: `${request.protocol}://${request.host}`,
    });
    return html(reply, page, statusCode);
  }
  /** After a failed step: back to the page with the message in its dialog (post/redirect/get). */
  const back = (reply, dialog, message, extra = {}) => {
    sessions.flash(reply, { dialog, message, ...extra });
    return reply.redirect(dialog ? `/profile?dialog=${dialog}` : '/profile', 303);
  };
  const invalid = (request, reply, dialog, message) => renderProfile(request, reply, { flash: { dialog, message }, statusCode: 400 });

  app.get('/profile', full, (request, reply) => renderProfile(request, reply));

  // While a setup is pending, Enable 2FA reopens it: the key the user may already have scanned stays.
  app.post('/two-factor/enable', { ...full, schema: { body: form({}) } }, async (request, reply) => {
    const user = await storage.userById(request.session.userId);
    const now = status(await storage.loadTwoFactor(user.id), { policy });
    if (now.enabled) return reply.redirect('/profile', 303);
    if (!now.pending) {
      const result = await runTwoFactor(storage, user.id, (state) => startEnrollment(state, { issuer, account: user.email, keys, policy }));
      if (!result.ok) return back(reply, null, outcomeMessage(result));
    }
    return reply.redirect('/profile?dialog=setup', 303);
  });

  app.post('/two-factor/confirm', { ...limited, schema: { body: form({ code }) } }, async (request, reply) => {
    if (request.validationError) return invalid(request, reply, 'setup', 'Enter the six-digit code from your app.');
    const { userId } = request.session;
    const result = await runTwoFactor(storage, userId, (state) => confirmEnrollment(state, { token: request.body.code, keys, policy }));
    if (!result.ok) return result.outcome === 'invalid' ? back(reply, 'setup', outcomeMessage(result)) : back(reply, null, outcomeMessage(result));
    // 2FA is on: every other session ends, this one gets a new id, and tokens made without 2FA stop working.
    const idHash = await sessions.restartAll(request, reply, { proofAt: Date.now() });
    const revoked = (await storage.revokeTokensMadeWithoutTwoFactor(userId, Date.now())).changes;
    if (revoked > 0) await storage.addActivity(userId, [{ type: 'api_tokens_revoked', at: Date.now(), detail: { count: revoked } }]);
    if (result.backupCodes) await storage.setOnce(idHash, { title: 'Two-factor authentication is now enabled', backupCodes: result.backupCodes });
    else sessions.flash(reply, { message: 'Two-factor authentication is now enabled.', kind: 'ok' });
    return reply.redirect('/profile', 303);
  });

  // Always asks for a code: new backup codes replace the ones a thief might have.
  app.post('/two-factor/regenerate', { ...limited, schema: { body: form({ code }) } }, async (request, reply) => {
    if (request.validationError) return invalid(request, reply, 'regenerate', STEP_UP);
    const result = await runTwoFactor(storage, request.session.userId, (state) => regenerateBackupCodes(state, { proof: proofFrom(request.body.code), keys, policy }), { context: 'step-up' });
    if (!result.ok) return back(reply, 'regenerate', outcomeMessage(result, { backup: 'backupCode' in proofFrom(request.body.code) }));
    await storage.setProofAt(request.session.idHash, Date.now());
    await storage.setOnce(request.session.idHash, { title: 'New backup codes', backupCodes: result.codes });
    return reply.redirect('/profile', 303);
  });

  app.post('/two-factor/disable', { ...limited, schema: { body: form({ confirm: { type: 'string', maxLength: 64 } }, { code }) } }, async (request, reply) => {
    if (request.validationError) return invalid(request, reply, 'disable', 'Type Disable to confirm.');
    if (request.body.confirm.trim() !== 'Disable') return back(reply, 'disable', 'Type Disable to confirm.', { field: 'confirm' });
    const { userId } = request.session;
    const { enabled } = status(await storage.loadTwoFactor(userId), { policy });
    const typed = request.body.code;
    if (!typed && stepUpNeeded(request.session, enabled, config.stepUp)) return back(reply, 'disable', STEP_UP);
    // A fresh code is checked (and counted) by the flow; a recent one is this session's own proof.
    const proof = typed ? proofFrom(typed) : { trusted: 'session' };
    const result = await runTwoFactor(storage, userId, (state) => disable(state, { proof, keys, policy }));
    if (!result.ok) return result.outcome === 'not-enabled' ? back(reply, null, outcomeMessage(result)) : back(reply, 'disable', outcomeMessage(result, { backup: 'backupCode' in proof }));
    await sessions.restartAll(request, reply, { proofAt: typed ? Date.now() : request.session.proofAt });
    sessions.flash(reply, { message: 'Two-factor authentication is now off.', kind: 'ok' });
    return reply.redirect('/profile', 303);
  });
}
