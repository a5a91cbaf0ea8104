// API tokens: created from the profile page (shown once, stored as their SHA-256, with an
// expiry), listed, revoked. While 2FA is on, a new token needs a recent second factor: a token
// can turn 2FA off, so making one is as sensitive as turning it off.
import { randomBytes } from 'node:crypto';
import { status, useBackupCode, verifyLogin } from 'otpkit/flow';
import { sha256 } from '../sessions.js';
import { proofFrom, stepUpNeeded } from '../step-up.js';
import { outcomeMessage, runTwoFactor } from '../two-factor.js';
import { code, form } from './forms.js';

export default async function tokenRoutes(app, { storage, config, sessions, signInLimit }) {
  const { keys, policy } = config;
  const full = { config: { access: 'full' } };
  const back = (reply, dialog, message, kind = 'error') => {
    sessions.flash(reply, { dialog, message, kind });
    return reply.redirect(dialog ? `/profile?dialog=${dialog}` : '/profile', 303);
  };

  app.post('/api-tokens', { ...full, onRequest: signInLimit, schema: { body: form({}, { code }) } }, async (request, reply) => {
    const { userId, idHash } = request.session;
    const { enabled } = status(await storage.loadTwoFactor(userId), { policy });
    if (stepUpNeeded(request.session, enabled, config.stepUp)) {
      const typed = request.body?.code;
      if (!typed) return back(reply, 'token', 'Enter a code from your authenticator app to confirm it is you.');
      const proof = proofFrom(typed);
      const check = (state) => ('token' in proof ? verifyLogin(state, { token: proof.token, keys, policy }) : useBackupCode(state, { code: proof.backupCode, policy }));
      const result = await runTwoFactor(storage, userId, check, { context: 'step-up' });
      if (!result.ok) return back(reply, 'token', outcomeMessage(result, { backup: 'backupCode' in proof }));
      await storage.setProofAt(idHash, Date.now());
    }
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const record = { id: randomBytes(8).toString('hex'), hash: sha256(token), userId, prefix: token.slice(0, 8), withTwoFactor: enabled, createdAt: now, expiresAt: now + config.tokenTtl };
    await storage.addApiToken(record);
    await storage.addActivity(userId, [{ type: 'api_token_created', at: now, detail: { prefix: record.prefix } }]);
    await storage.setOnce(idHash, { token });
    return reply.redirect('/profile', 303);
  });

  app.post('/api-tokens/:id/revoke', { ...full, schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } } }, body: form({}) } }, async (request, reply) => {
    const { userId } = request.session;
    const token = (await storage.apiTokens(userId)).find((t) => t.id === request.params.id);
    if (!token || !(await storage.revokeApiToken(userId, token.id, Date.now()))) return back(reply, null, 'That token does not exist or was already revoked.');
    await storage.addActivity(userId, [{ type: 'api_token_revoked', at: Date.now(), detail: { prefix: token.prefix } }]);
    return back(reply, null, `Token ${token.prefix}… revoked: it no longer works.`, 'ok');
  });
}
