// The profile page: the account, the API (tokens, the curl line), the activity list, and the
// Two-Factor Authentication section last (the guide: "scroll down to the bottom"), with its
// dialogs: setup, backup codes (once), regenerate, disable, and the step-up for a new token.
import { activityLine } from './activity.js';
import { cancelButton, dialog, escape, field, layout, notice, opener, postForm } from './layout.js';

const time = (ms) => (ms ? `<time datetime="${new Date(ms).toISOString()}">${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC</time>` : 'never');
const codeHint = 'The six-digit code your authenticator app shows now, or one of your backup codes.';

/** The "Authentication code" field of a step-up dialog, or nothing when the session's proof is recent. */
const stepUpField = (id, needed, error) =>
  needed || error ? `<p>Enter a code from your authenticator app to confirm it is you.</p>${field({ id, label: 'Authentication code', name: 'code', error, hint: codeHint, attributes: 'autocomplete="one-time-code" maxlength="64" required' })}` : '';

function setupDialog({ csrf, setup, open, error }) {
  const body = `<p>Scan the QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).</p>
<img class="qr" alt="QR code" width="200" height="200" src="data:image/svg+xml;base64,${Buffer.from(setup.svg).toString('base64')}">
<div class="field"><label for="setup-key">Setup key</label><p class="hint" id="setup-key-hint">No camera? Type this key into the app instead (time-based).</p>
<input id="setup-key" class="mono" readonly value="${escape(setup.key)}" aria-describedby="setup-key-hint"></div>
${postForm(csrf, '/two-factor/confirm', `${field({ id: 'validation-code', label: 'Validation code', name: 'code', error, hint: 'The six-digit code the app shows for this account.', attributes: 'inputmode="numeric" autocomplete="one-time-code" maxlength="64" required' })}<div class="actions"><button type="submit">Submit</button>${cancelButton}</div>`)}`;
  return dialog({ id: 'setup-dialog', title: 'Set up your authenticator app', open, body });
}

function backupCodesDialog({ title, codes }) {
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join('\n')}\n`)}`;
  const body = `<p>Save these backup codes somewhere safe. If you lose your device, each one logs you in once. They are not shown again.</p>
<ul class="codes" aria-label="Backup codes">${codes.map((c) => `<li class="code">${escape(c)}</li>`).join('')}</ul>
<div class="actions"><a class="button" href="${file}" download="backup-codes.txt">Download backup codes</a><a class="button secondary" href="/profile">Continue</a></div>`;
  return dialog({ id: 'codes-dialog', title, open: true, body });
}

function twoFactorSection({ csrf, status, setup, once, flash, stepUpNeeded, open }) {
  const error = (name) => (flash?.dialog === name ? flash.message : '');
  const dialogs = [];
  let body;
  if (status.enabled) {
    body = `<p><span class="badge on">On</span> You are asked for a code from your authenticator app at every log-in.</p>
<p>Backup codes left: ${status.backupCodesRemaining}.</p>
<div class="actions">${opener({ name: 'regenerate', label: 'Regenerate backup codes', className: 'secondary' })}${opener({ name: 'disable', label: 'Disable 2FA', className: 'danger' })}</div>`;
    dialogs.push(
      dialog({
        id: 'regenerate-dialog',
        title: 'Regenerate backup codes',
        open: open === 'regenerate',
        body: postForm(csrf, '/two-factor/regenerate', `<p>Your current backup codes stop working and you get ten new ones.</p>${stepUpField('regenerate-code', true, error('regenerate'))}<div class="actions"><button type="submit">Regenerate backup codes</button>${cancelButton}</div>`),
      }),
      dialog({
        id: 'disable-dialog',
        title: 'Disable two-factor authentication',
        open: open === 'disable',
        body: postForm(
          csrf,
          '/two-factor/disable',
          `<p>Your account will be protected by your password alone, and your backup codes stop working.</p>
${field({ id: 'disable-confirm', label: 'Type Disable to confirm', name: 'confirm', error: flash?.dialog === 'disable' && flash.field === 'confirm' ? flash.message : '', attributes: 'autocomplete="off" maxlength="64" required' })}
${stepUpField('disable-code', stepUpNeeded, flash?.dialog === 'disable' && flash.field !== 'confirm' ? flash.message : '')}<div class="actions"><button type="submit" class="danger">Disable</button>${cancelButton}</div>`,
        ),
      }),
    );
  } else if (setup) {
    body = `<p><span class="badge off">Off</span> A setup is waiting for the first code from your app.</p><div class="actions">${opener({ name: 'setup', label: 'Enable 2FA' })}</div>`;
    dialogs.push(setupDialog({ csrf, setup, open: open === 'setup', error: error('setup') }));
  } else {
    body = `<p><span class="badge off">Off</span> Protect your account with a code from an authenticator app on your phone, on top of your password.</p>
<div class="actions">${postForm(csrf, '/two-factor/enable', '<button type="submit">Enable 2FA</button>')}</div>`;
  }
  if (once?.backupCodes) dialogs.push(backupCodesDialog({ title: once.title, codes: once.backupCodes }));
  return `<section class="card" aria-labelledby="tfa"><h2 id="tfa">Two-Factor Authentication</h2>${body}${dialogs.join('')}</section>`;
}

function apiSection({ csrf, tokens, once, stepUpNeeded, flash, open, baseUrl }) {
  let shown = '';
  if (once?.token) {
    const curl = `curl -H "X-Auth-Token: ${once.token}" -X DELETE ${baseUrl}/api/v1/account/two-factor`;
    shown = `<div class="new-token" role="status"><div class="field"><label for="api-token">API token</label><p class="hint" id="api-token-hint">Copy it now: it is not shown again.</p>
<div class="copy"><input id="api-token" class="mono" readonly value="${escape(once.token)}" aria-describedby="api-token-hint"><button type="button" class="secondary" data-copy="api-token">Copy</button></div></div>
<p>To turn two-factor authentication off from a script:</p><div class="copy"><pre class="mono" id="api-curl">${escape(curl)}</pre><button type="button" class="secondary" data-copy="api-curl" aria-label="Copy the command">Copy</button></div></div>`;
  }
  const rows = tokens.map((t) => {
    const state = t.revokedAt ? 'Revoked' : t.expiresAt <= Date.now() ? 'Expired' : 'Active';
    const revoke = state === 'Active' ? postForm(csrf, `/api-tokens/${t.id}/revoke`, `<button type="submit" class="secondary small" aria-label="Revoke ${escape(t.prefix)}…">Revoke</button>`) : '';
    return `<tr><td class="mono" data-label="Token">${escape(t.prefix)}…</td><td data-label="Created">${time(t.createdAt)}</td><td data-label="Last used">${time(t.lastUsedAt)}</td><td data-label="Expires">${time(t.expiresAt)}</td><td data-label="Status">${state}</td><td>${revoke}</td></tr>`;
  });
  const list = rows.length
    ? `<div class="tokens"><table><caption>Your API tokens</caption><thead><tr><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="sr">Actions</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : '<p>No API tokens yet.</p>';
  const create = stepUpNeeded
    ? `${opener({ name: 'token', label: 'Create API token' })}${dialog({
        id: 'token-dialog',
        title: 'Create an API token',
        open: open === 'token',
        body: postForm(csrf, '/api-tokens', `${stepUpField('token-code', true, flash?.dialog === 'token' ? flash.message : '')}<div class="actions"><button type="submit">Create API token</button>${cancelButton}</div>`),
      })}`
    : postForm(csrf, '/api-tokens', '<button type="submit">Create API token</button>');
  return `<section class="card" aria-labelledby="api"><h2 id="api">API</h2>
<p>A token lets a script call <code>DELETE ${escape(baseUrl)}/api/v1/account/two-factor</code> with the header <code>X-Auth-Token</code>, to turn two-factor authentication off.</p>
${shown}${list}<div class="actions">${create}</div></section>`;
}

/** The whole page; `open` names the dialog to show open (from ?dialog= or a failed step). */
export function profilePage({ csrf, email, status, setup, once, tokens, activity, flash, stepUpNeeded, open, baseUrl }) {
  const pageMessage = flash && !flash.dialog ? notice(flash.message, flash.kind ?? 'error') : '';
  const items = activity.map((a) => `<li>${escape(activityLine(a))} ${time(a.at)}</li>`);
  const body = `<h1>Profile</h1>${pageMessage}
<section class="card" aria-labelledby="account"><h2 id="account">Account</h2><p>Signed in as <strong>${escape(email)}</strong>.</p></section>
${apiSection({ csrf, tokens, once, stepUpNeeded, flash, open, baseUrl })}
<section class="card" aria-labelledby="activity"><h2 id="activity">Activity</h2><ul class="activity">${items.join('') || '<li>Nothing yet.</li>'}</ul></section>
${twoFactorSection({ csrf, status, setup, once, flash, stepUpNeeded, open })}`;
  return layout({ title: 'Profile', body, account: email, csrf });
}
