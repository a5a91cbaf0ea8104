// The console's API: DELETE /api/v1/account/two-factor with an X-Auth-Token disables 2FA (204),
// or answers 401 with a JSON error for a missing, wrong, revoked or expired token. The token is
// the whole authentication (no cookie counts), so the route declares `token` access.
import { disable } from 'otpkit/flow';
import { sha256 } from '../sessions.js';
import { runTwoFactor } from '../two-factor.js';

const UNAUTHORIZED = { error: 'unauthorized', message: 'X-Auth-Token is missing, not valid, revoked or expired.' };

export default async function apiRoutes(app, { storage, config, signInLimit }) {
  const headers = { type: 'object', properties: { 'x-auth-token': { type: 'string', minLength: 1, maxLength: 200 } } };
  app.delete('/api/v1/account/two-factor', { config: { access: 'token' }, onRequest: signInLimit, schema: { headers } }, async (request, reply) => {
    const token = request.headers['x-auth-token'];
    const record = token ? await storage.apiTokenByHash(sha256(token)) : null;
    const now = Date.now();
    if (!record || record.revokedAt !== null || record.expiresAt <= now) return reply.code(401).send(UNAUTHORIZED);
    await storage.touchApiToken(record.id, now);
    const result = await runTwoFactor(storage, record.userId, (state) => disable(state, { proof: { trusted: 'api-token' }, keys: config.keys, policy: config.policy }));
    if (!result.ok) return reply.code(409).send({ error: result.outcome, message: 'Two-factor authentication is not on for this account.' });
    await storage.deleteUserSessions(record.userId); // 2FA off: every session of the account ends
    return reply.code(204).send();
  });
}
