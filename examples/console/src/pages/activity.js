// The activity list in plain words: otpkit/flow's events and the console's own, as the user
// would say them. Events without a line here are not shown.
const BY = { session: 'from this console', 'api-token': 'with an API token', admin: 'by support', token: 'with an authentication code', backupCode: 'with a backup code' };

const LINES = {
  enabled: () => 'Two-factor authentication turned on',
  disabled: (d) => `Two-factor authentication turned off ${BY[d.by] ?? ''}`.trim(),
  login_succeeded: (d) => (d.context === 'step-up' ? 'Confirmed it was you with an authentication code' : 'Signed in with an authentication code'),
  backup_code_used: (d) => `${d.context === 'step-up' ? 'Confirmed it was you with a backup code' : 'Signed in with a backup code'} (${d.remaining} left)`,
  backup_codes_low: (d) => `Only ${d.remaining} backup codes left: regenerate them soon`,
  backup_codes_regenerated: () => 'Backup codes regenerated',
  code_invalid: () => 'A wrong code was entered',
  replay_refused: () => 'A code that was already used was refused',
  throttled: () => 'Too many wrong codes: attempts paused for a while',
  locked: () => 'Locked after too many failed attempts',
  unlocked: () => 'Unlocked by support',
  api_token_created: (d) => `API token ${d.prefix}… created`,
  api_token_revoked: (d) => `API token ${d.prefix}… revoked`,
  api_tokens_revoked: (d) => `${d.count} API token${d.count === 1 ? '' : 's'} made while two-factor authentication was off revoked`,
  password_throttled: () => 'Too many wrong passwords: log-in paused for a while',
};

export const shownActivity = (type) => type in LINES;
export const activityLine = ({ type, detail }) => LINES[type](detail ?? {});
