/* /docs and /redoc draw their pages from the OpenAPI document; this names what they leave unnamed and lets the
   keyboard scroll their code blocks (WCAG 4.1.2, 2.1.1), on every change of what they show. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui") || document.getElementById("redoc");
  function label(select) {  // the text next to it ("Content type", "Media type"), else what it chooses
    var near = select.closest("div, h5, label");
    var words = near && near.parentNode ? near.parentNode.textContent.replace(select.textContent, "").trim() : "";
    return /content type|media type|schema/i.test(words) ? words.split(":")[0].trim().slice(0, 60) : "Media type";
  }
  function fix() {
    root.querySelectorAll("select:not([aria-label]):not([aria-labelledby])").forEach(function (select) {
      if (!select.labels || !select.labels.length) select.setAttribute("aria-label", label(select));
    });
    root.querySelectorAll("pre:not([tabindex])").forEach(function (pre) { pre.setAttribute("tabindex", "0"); });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fix(); });
  }).observe(root, {childList: true, subtree: true});
  fix();
})();
