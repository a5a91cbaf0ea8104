// Server-rendered pages. Their labels, headings and button texts are the accessible names the
// 2FA guide uses (and the tests drive the page by): change them together.
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title, body, { signedIn = false } = {}) {
  const logout = signedIn ? '<form method="post" action="/logout"><button type="submit">Log out</button></form>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · otpkit Console</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}
input{font:inherit;padding:.3rem}.message{padding:.5rem;border:1px solid #c60;background:#fff4e5}.codes{font:1.1rem monospace}
dialog{border:1px solid #888;border-radius:8px;padding:1.5rem}dialog img{display:block;margin:1rem auto}</style>
</head><body><header>${logout}</header><main>${body}</main></body></html>`;
}

const message = (text) => (text ? `<p class="message" role="alert">${escape(text)}</p>` : '');

export function signupPage({ message: text = '', email = '' } = {}) {
  return layout('Sign up', `<h1>Sign up</h1>${message(text)}
<form method="post" action="/signup">
<label>Email <input name="email" type="email" autocomplete="username" required value="${escape(email)}"></label>
<label>Password <input name="password" type="password" autocomplete="new-password" minlength="8" required></label>
<button type="submit">Sign up</button></form>
<p>Have an account? <a href="/login">Log in</a></p>`);
}

export function loginPage({ message: text = '', email = '' } = {}) {
  return layout('Log in', `<h1>Log in</h1>${message(text)}
<form method="post" action="/login">
<label>Email <input name="email" type="email" autocomplete="username" required value="${escape(email)}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button></form>
<p>No account yet? <a href="/signup">Sign up</a></p>
<h2>Lost your phone and your backup codes?</h2>
<p>Contact support. After checking who you are, an operator can turn two-factor authentication
off for your account, or unlock it after too many failed attempts (<code>npm run admin -- disable EMAIL</code>).</p>`);
}

/** The second step of a log-in: a code from the app, or a backup code. */
export function codePage({ backup = false, message: text = '' } = {}) {
  const field = backup
    ? '<label>Backup code <input name="code" autocomplete="off" required></label>'
    : '<label>Authentication code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>';
  const other = backup ? '<a href="/login/code">Use your authenticator app</a>' : '<a href="/login/backup">Use a backup code</a>';
  return layout('Two-factor authentication', `<h1>Two-factor authentication</h1>${message(text)}
<form method="post" action="${backup ? '/login/backup' : '/login/code'}">${field}<button type="submit">Verify</button></form>
<p>${other}</p>`);
}

const ACTIVITY = {
  enabled: () => '2FA enabled',
  disabled: (d) => `2FA disabled (${d.by === 'api-token' ? 'API token' : d.by === 'admin' ? 'by an operator' : d.by})`,
  login_succeeded: () => 'Signed in with an authentication code',
  backup_code_used: (d) => `Backup code used (${d.remaining} left)`,
  backup_codes_regenerated: () => 'Backup codes regenerated',
  replay_refused: () => 'A code that was already used was refused',
  locked: () => 'Locked after too many failed attempts',
  unlocked: () => 'Unlocked by an operator',
};
export const shownActivity = (type) => type in ACTIVITY;

/** The profile page: the 2FA section (with the setup dialog while enrolling), API tokens, activity. */
export function profilePage({ email, status, setup, token, activity, message: text = '' }) {
  const twoFactor = status.enabled
    ? `<p>Two-factor authentication is on. Backup codes left: ${status.backupCodesRemaining}.</p>
<form method="post" action="/two-factor/regenerate"><label>Current code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
<button type="submit">Regenerate backup codes</button></form>
<form method="post" action="/two-factor/disable"><label>Type Disable to confirm <input name="confirm" required></label>
<button type="submit">Disable</button></form>`
    : `<p>Two-factor authentication is off.</p><form method="post" action="/two-factor/enable"><button type="submit">Enable 2FA</button></form>`;
  const dialog = setup
    ? `<dialog open aria-labelledby="setup-title"><h2 id="setup-title">Set up your authenticator app</h2>
<p>Scan the QR code with your authenticator app, or type the setup key.</p>
<img alt="QR code" width="220" height="220" src="data:image/svg+xml;base64,${Buffer.from(setup.svg).toString('base64')}">
<label>Setup key <input readonly value="${escape(setup.key)}" size="44" style="font-family:monospace"></label>
<form method="post" action="/two-factor/confirm"><label>Validation code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
<button type="submit">Submit</button></form></dialog>`
    : '';
  const apiToken = token
    ? `<label>API token <input readonly value="${escape(token)}" size="50"></label><p>Copy it now: it is not shown again.</p>`
    : '';
  const items = activity.map((a) => `<li>${escape(ACTIVITY[a.type](a.detail))} <time datetime="${new Date(a.at).toISOString()}">${new Date(a.at).toISOString().replace('T', ' ').slice(0, 19)} UTC</time></li>`);
  return layout(
    'Profile',
    `<h1>Profile</h1>${message(text)}<p>Signed in as ${escape(email)}</p>
<section aria-labelledby="tfa"><h2 id="tfa">Two-Factor Authentication</h2>${twoFactor}${dialog}</section>
<section aria-labelledby="api"><h2 id="api">API</h2>${apiToken}
<form method="post" action="/api-tokens"><button type="submit">Create API token</button></form>
<p>Disable 2FA from a script: <code>DELETE /api/v1/account/two-factor</code> with the header <code>X-Auth-Token</code>.</p></section>
<section aria-labelledby="activity"><h2 id="activity">Activity</h2><ul>${items.join('') || '<li>Nothing yet.</li>'}</ul></section>`,
    { signedIn: true },
  );
}

/** Shown once, after the first code: the backup codes, with a download. */
export function backupCodesPage({ title, codes }) {
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join('\n')}\n`)}`;
  return layout(
    title,
    `<h1>${escape(title)}</h1>
<p>Save these backup codes somewhere safe. Each works once, if you lose your phone. They are not shown again.</p>
<ul class="codes" aria-label="Backup codes">${codes.map((c) => `<li>${escape(c)}</li>`).join('')}</ul>
<p><a href="${file}" download="backup-codes.txt">Download backup codes</a></p><p><a href="/profile">Continue</a></p>`,
    { signedIn: true },
  );
}

export const notFoundPage = () => layout('Not found', '<h1>Not found</h1><p><a href="/profile">Go to your profile</a></p>');
