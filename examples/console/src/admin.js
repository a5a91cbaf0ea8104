// The operator's command for lost devices, after support has checked the user's identity:
//   npm run admin -- unlock EMAIL    clears the lock after too many failed attempts
//   npm run admin -- disable EMAIL   turns 2FA off, so the user can log in with the password and enrol again
import { disable, unlock } from 'otpkit/flow';
import { loadConfig } from './config.js';
import { openStorage } from './storage/index.js';
import { runTwoFactor } from './two-factor.js';

const [action, email] = process.argv.slice(2);
if (!['unlock', 'disable'].includes(action) || !email) {
  console.error('usage: npm run admin -- unlock|disable EMAIL');
  process.exit(1);
}
const config = loadConfig();
const storage = await openStorage(config);
try {
  const user = await storage.userByEmail(email.toLowerCase());
  if (!user) throw new Error(`no account with the e-mail address ${email}`);
  const result = await runTwoFactor(storage, user.id, (state) =>
    action === 'unlock' ? unlock(state, { policy: config.policy }) : disable(state, { proof: { trusted: 'admin' }, keys: config.keys, policy: config.policy }),
  );
  console.log(`${action} ${email}: ${result.outcome}`);
  process.exitCode = result.ok ? 0 : 2;
} catch (error) {
  console.error(`admin: ${error.message}`);
  process.exitCode = 1;
} finally {
  await storage.close();
}
