// The console's API: DELETE /api/v1/account/two-factor with an X-Auth-Token disables 2FA
// (204), or answers 401 with a JSON error for a missing or wrong token.
import { disable } from 'otpkit/flow';
import { tokenHash } from '../security.js';
import { runTwoFactor } from '../two-factor.js';

export default async function apiRoutes(app, { storage, keys, policy, signInLimit }) {
  const headers = { type: 'object', properties: { 'x-auth-token': { type: 'string', minLength: 1, maxLength: 200 } } };
  app.delete('/api/v1/account/two-factor', { onRequest: signInLimit, schema: { headers } }, async (request, reply) => {
    const token = request.headers['x-auth-token'];
    const userId = token ? await storage.userByApiToken(tokenHash(token)) : null;
    if (userId === null) return reply.code(401).send({ error: 'unauthorized', message: 'X-Auth-Token is missing or not valid.' });
    // The token authenticates the request: a trusted proof for otpkit/flow.
    const result = await runTwoFactor(storage, userId, (state) => disable(state, { proof: { trusted: 'api-token' }, keys, policy }));
    if (!result.ok) return reply.code(409).send({ error: result.outcome, message: 'Two-factor authentication is not on for this account.' });
    return reply.code(204).send();
  });
}
