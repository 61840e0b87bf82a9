// The copy buttons beside a feed's addresses on its page. Without this script the buttons stay hidden and each address
// stays in a read-only field to select by hand; with it, a click in a field selects the whole address and its button
// copies it. The page gives the words to show (data-done, data-failed), so this file is the same for every language
// and is allowed by the pages' Content-Security-Policy as a script of the site's own.
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (field === null) {
    continue;
  }
  const label = button.textContent;
  let restore = 0;
  field.addEventListener("focus", () => field.select());
  field.addEventListener("click", () => field.select());
  button.addEventListener("click", async () => {
    let copied = false;
    // the Clipboard API exists only on https and localhost; elsewhere the older command still copies a selection
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      } catch (refused) {
        copied = false;
      }
    }
    if (!copied) {
      field.focus();
      field.select();
      try {
        copied = document.execCommand("copy");
      } catch (unsupported) {
        copied = false;
      }
    }
    // when nothing could copy, the address is left selected for the reader's own copy command
    button.textContent = copied ? button.dataset.done : button.dataset.failed;
    clearTimeout(restore);
    restore = setTimeout(() => { button.textContent = label; }, 3000);
  });
  button.hidden = false;
}
