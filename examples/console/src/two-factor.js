// The bridge between the console and otpkit/flow: every 2FA decision is a flow transition, run
// through transact over the storage's compare-and-swap, and its events become activity lines.
import { transact } from 'otpkit/flow';
import { seconds } from './address-limit.js';
import { shownActivity } from './pages/activity.js';

/** The flow's store for one user: the JSON column and its version. */
const flowStore = (storage, userId) => ({
  load: () => storage.loadTwoFactor(userId),
  compareAndSwap: (expected, next) => storage.swapTwoFactor(userId, expected, next),
});

/** Runs a transition for a user, stores the result, and records what the activity list shows. */
export async function runTwoFactor(storage, userId, transition, { context } = {}) {
  const result = await transact(flowStore(storage, userId), transition);
  const shown = result.events.filter((e) => shownActivity(e.type)).map(({ type, at, ...detail }) => ({ type, at, detail: context ? { ...detail, context } : detail }));
  if (shown.length > 0) await storage.addActivity(userId, shown);
  return result;
}

/** What the page says for an outcome that is not a success; `backup` when the user typed a backup code. */
export function outcomeMessage(result, { backup = false } = {}) {
  switch (result.outcome) {
    case 'invalid':
      return backup ? 'That backup code is not valid, or it was already used. Check it and try again.' : 'That code is not valid. Try the current code from your app.';
    case 'replay':
      return 'That code was already used. Wait for the next one.';
    case 'throttled':
      return `Too many attempts. Try again in ${seconds(result.retryAfter)}.`;
    case 'locked':
      return 'Too many failed attempts: this account is locked. Ask for recovery (Lost your device?) to unlock it.';
    case 'expired':
      return 'The setup expired. Start again with Enable 2FA.';
    default:
      return 'Two-factor authentication is not on for this account.';
  }
}
