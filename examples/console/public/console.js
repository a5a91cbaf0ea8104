// The console's one script (the CSP allows no inline script). Every step works without it:
// it only turns the dialogs into modal ones and adds the copy buttons.
'use strict';

// A dialog the server rendered open (after a failed step, or ?dialog=) becomes modal: the page
// behind is inert, Escape and Cancel close it, focus goes to its first field (or the one in error).
for (const dialog of document.querySelectorAll('dialog[data-open]')) {
  dialog.close();
  dialog.showModal();
  const focus = dialog.querySelector('[autofocus]') ?? dialog.querySelector('input:not([type=hidden]):not([readonly])');
  focus?.focus();
}

// A button that would load ?dialog=NAME opens that dialog in place instead.
for (const form of document.querySelectorAll('form[data-opens]')) {
  const dialog = document.getElementById(form.dataset.opens);
  if (!dialog) continue;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.showModal();
    dialog.querySelector('input:not([type=hidden]):not([readonly])')?.focus();
  });
}

for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.copy);
    const text = source.value ?? source.textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      if (source.select) source.select();
      button.textContent = 'Press Ctrl+C';
    }
  });
}
