// The operator's command for lost devices, after support has checked the person's identity:
//   npm run admin -- requests          lists the recovery requests not yet handled
//   npm run admin -- unlock EMAIL      clears the lock after too many failed attempts
//   npm run admin -- disable EMAIL     turns 2FA off and ends the account's sessions; the user logs
//                                      in with the password and enrols the new device
import { disable, unlock } from 'otpkit/flow';
import { loadConfig } from './config.js';
import { openStorage } from './storage/index.js';
import { runTwoFactor } from './two-factor.js';

const USAGE = 'usage: npm run admin -- requests | unlock EMAIL | disable EMAIL';
const [action, email] = process.argv.slice(2);
if (!(action === 'requests' || (['unlock', 'disable'].includes(action) && email))) {
  console.error(USAGE);
  process.exit(1);
}
const config = loadConfig();
const storage = await openStorage(config);
try {
  if (action === 'requests') {
    const requests = await storage.recoveryRequests();
    for (const r of requests) console.log(`${new Date(r.at).toISOString()}  ${r.email}  ${JSON.stringify(r.message)}`);
    console.log(`${requests.length} pending recovery request${requests.length === 1 ? '' : 's'}`);
  } else {
    const user = await storage.userByEmail(email.toLowerCase());
    if (!user) throw new Error(`no account with the e-mail address ${email}`);
    const result = await runTwoFactor(storage, user.id, (state) =>
      action === 'unlock' ? unlock(state, { policy: config.policy }) : disable(state, { proof: { trusted: 'admin' }, keys: config.keys, policy: config.policy }),
    );
    if (result.ok && action === 'disable') await storage.deleteUserSessions(user.id);
    if (result.ok) await storage.handleRecoveryRequests(user.email, Date.now());
    console.log(`${action} ${email}: ${result.outcome}`);
    process.exitCode = result.ok ? 0 : 2;
  }
} catch (error) {
  console.error(`admin: ${error.message}`);
  process.exitCode = 1;
} finally {
  await storage.close();
}
