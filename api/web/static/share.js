/* Sharing a view: window.ltkgCopy(text, button, done) copies text and says so on the button (the clipboard API
   where the page may use it, else a selected text area); a button[data-copy-link] copies the page's address,
   which holds the whole state of the view. */
(function () {
  "use strict";
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  function say(button, text) {
    if (!button) return;
    var before = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", before);
    button.textContent = text;
    button.setAttribute("data-copied", text);
    setTimeout(function () { button.textContent = before; }, 2000);
  }
  window.ltkgCopy = function (text, button, done) {
    window.ltkgCopied = text;  // what was copied last (for the browser tests, which have no clipboard to read)
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(button, done); },
        function () { say(button, fallback(text) ? done : "Copy failed: select the address bar"); });
    } else {
      say(button, fallback(text) ? done : "Copy failed: select the address bar");
    }
  };
  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("button[data-copy-link]");
    if (b) window.ltkgCopy(location.href, b, "Link copied");
  });
})();
