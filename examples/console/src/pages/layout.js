// The frame every page shares: a header with the product name and the signed-in account, the
// stylesheet and the one small script (the CSP allows no inline script or style), and helpers
// for forms (each state-changing form carries the CSRF token) and dialogs.
export const PRODUCT = 'otpkit Console';

export const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A POST form with the page's CSRF token; `attributes` go on the <form>. */
export const postForm = (csrf, action, body, attributes = '') =>
  `<form method="post" action="${escape(action)}"${attributes ? ` ${attributes}` : ''}><input type="hidden" name="_csrf" value="${escape(csrf)}">${body}</form>`;

/** A message for the whole page (an error or a confirmation), announced to screen readers. */
export const notice = (message, kind = 'error') => (message ? `<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${escape(message)}</p>` : '');

/** A labelled field; `error` is said next to it, and the field is then focused. */
export function field({ id, label, name, type = 'text', value = '', error = '', hint = '', attributes = '' }) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return `<div class="field"><label for="${id}">${escape(label)}</label>${hint ? `<p class="hint" id="${id}-hint">${escape(hint)}</p>` : ''}
<input id="${id}" name="${name}" type="${type}" value="${escape(value)}"${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true" autofocus' : ''} ${attributes}>
${error ? `<p class="field-error" id="${id}-error" role="alert">${escape(error)}</p>` : ''}</div>`;
}

/**
 * A modal dialog (console.js calls showModal(); without script, `open` shows it in the page).
 * Cancel closes it through the form's own dialog method, with or without script.
 */
export const dialog = ({ id, title, open = false, body }) =>
  `<dialog id="${id}" aria-labelledby="${id}-title"${open ? ' open data-open' : ''}><h2 id="${id}-title">${escape(title)}</h2>${body}</dialog>`;

export const cancelButton = '<button type="submit" class="secondary" formmethod="dialog" formnovalidate>Cancel</button>';

/**
 * The button that opens a dialog: with script it opens in place; without, it loads the page
 * with ?dialog=NAME, which renders that dialog open.
 */
export const opener = ({ name, label, className = '' }) =>
  `<form method="get" action="/profile" data-opens="${name}-dialog"><input type="hidden" name="dialog" value="${name}"><button type="submit"${className ? ` class="${className}"` : ''}>${escape(label)}</button></form>`;

export function layout({ title, body, account = null, csrf = '' }) {
  const user = account
    ? `<div class="account"><span class="who">${escape(account)}</span>${postForm(csrf, '/logout', '<button type="submit" class="link">Log out</button>')}</div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${PRODUCT}</title><link rel="stylesheet" href="/static/console.css"><script src="/static/console.js" defer></script>
</head><body><header class="top"><a class="brand" href="/">${PRODUCT}</a>${user}</header>
<main>${body}</main></body></html>`;
}
