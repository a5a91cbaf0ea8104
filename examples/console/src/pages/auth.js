// The pages before a full session: sign-up, log-in, the second step (an authenticator code or a
// backup code), the recovery procedure, and the error pages. Labels and button texts are the
// accessible names the guide and the tests use.
import { escape, field, layout, notice, postForm } from './layout.js';

const card = (title, inner) => `<section class="card narrow" aria-labelledby="page-title"><h1 id="page-title">${escape(title)}</h1>${inner}</section>`;
const lost = '<p class="aside"><a href="/recovery">Lost your device?</a></p>';

export function signupPage({ csrf, message = '', email = '' }) {
  const form = postForm(
    csrf,
    '/signup',
    `${field({ id: 'email', label: 'Email', name: 'email', type: 'email', value: email, attributes: 'autocomplete="username" required maxlength="254"' })}
${field({ id: 'password', label: 'Password', name: 'password', type: 'password', hint: 'At least 8 characters.', attributes: 'autocomplete="new-password" minlength="8" maxlength="200" required' })}
<button type="submit">Sign up</button>`,
  );
  return layout({ title: 'Sign up', body: card('Sign up', `${notice(message)}${form}<p class="aside">Have an account? <a href="/login">Log in</a></p>`) });
}

export function loginPage({ csrf, message = '', email = '' }) {
  const form = postForm(
    csrf,
    '/login',
    `${field({ id: 'email', label: 'Email', name: 'email', type: 'email', value: email, attributes: 'autocomplete="username" required maxlength="254"' })}
${field({ id: 'password', label: 'Password', name: 'password', type: 'password', attributes: 'autocomplete="current-password" maxlength="200" required' })}
<button type="submit">Log in</button>`,
  );
  return layout({ title: 'Log in', body: card('Log in', `${notice(message)}${form}<p class="aside">No account yet? <a href="/signup">Sign up</a></p>${lost}`) });
}

/** The second step of a log-in: a code from the app, or a backup code. */
export function codePage({ csrf, backup = false, message = '' }) {
  const input = backup
    ? field({ id: 'code', label: 'Backup code', name: 'code', error: message, hint: 'One of the codes you saved when you turned on two-factor authentication, like 7G2K-XM4P-QH9T-3VBN.', attributes: 'autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" required' })
    : field({ id: 'code', label: 'Authentication code', name: 'code', error: message, hint: 'The six-digit code your authenticator app shows now.', attributes: 'inputmode="numeric" autocomplete="one-time-code" maxlength="64" required' });
  const other = backup ? '<a href="/login/code">Use your authenticator app instead</a>' : '<a href="/login/backup">Use a backup code</a>';
  const form = postForm(csrf, backup ? '/login/backup' : '/login/code', `${input}<button type="submit">Verify</button>`);
  return layout({ title: 'Two-factor authentication', body: card('Two-factor authentication', `${form}<p class="aside">${other}</p>${lost}`) });
}

/** Lost device: what to do, and a request that support sees in `npm run admin -- requests`. */
export function recoveryPage({ csrf, message = '', sent = false }) {
  const form = sent
    ? '<p class="notice ok" role="status">Your request was recorded. Support will contact you at that address to check that it is you before turning off two-factor authentication.</p>'
    : postForm(
        csrf,
        '/recovery',
        `${field({ id: 'email', label: 'Email', name: 'email', type: 'email', attributes: 'autocomplete="username" required maxlength="254"' })}
${field({ id: 'message', label: 'What happened', name: 'message', hint: 'For example: my phone was stolen and I cannot find my backup codes.', attributes: 'maxlength="500" required' })}
<button type="submit">Request recovery</button>`,
      );
  return layout({
    title: 'Lost your device?',
    body: card(
      'Lost your device?',
      `${notice(message)}<p>If you still have your backup codes, <a href="/login">log in</a> and choose <strong>Use a backup code</strong>. Each code works once.</p>
<p>If you have neither your device nor your backup codes, ask for recovery below. Support checks that the request is yours before turning two-factor authentication off; you then log in with your password and turn it on again with your new device.</p>${form}`,
    ),
  });
}

const ERRORS = {
  400: ['Something in that request was not right', 'Go back, check the form and try again.'],
  403: ['That request was refused', 'It did not come from one of this site’s own pages, or the page was open too long. Go back, reload the page and try again.'],
  404: ['Page not found', 'There is nothing at this address.'],
  413: ['That request was too large', 'Go back and try again with less.'],
  415: ['That request was not understood', 'Send the form from this site’s own page.'],
  429: ['Too many attempts', ''],
  500: ['Something went wrong on our side', 'Nothing was changed. Try again in a moment.'],
};

/** An error page: never a stack, never raw JSON. */
export function errorPage(status, message = '') {
  const [title, text] = ERRORS[status] ?? ERRORS[status >= 500 ? 500 : 400];
  return layout({ title, body: card(title, `<p>${escape(message || text)}</p><p><a href="/">Go to the start page</a></p>`) });
}
