// Step-up (console.md, Security 4): disabling 2FA, creating an API token and regenerating backup
// codes need a second-factor proof in this session within CONSOLE_STEP_UP_SECONDS, or a fresh
// code in the same dialog. One field takes either a current code or a backup code.

/** True when 2FA is on and this session's last second-factor proof is older than the window. */
export const stepUpNeeded = (session, enabled, window, now = Date.now()) => enabled && (session.proofAt === null || now - session.proofAt > window);

/** otpkit/flow's proof for what the user typed: six to ten digits are a TOTP code, anything else a backup code. */
export function proofFrom(code) {
  const digits = code.replace(/\s+/g, '');
  return /^\d{6,10}$/.test(digits) ? { token: digits } : { backupCode: code };
}
