// The header's search box: "/" focuses it; as one types, entities from /api/search/suggest appear in a listbox
// (ARIA combobox: arrows move, Enter opens the chosen entity, Escape closes); Enter without a choice opens
// /search?q=. Without this script the box is a plain form to /search.
(function () {
  "use strict";
  var input = document.getElementById("site-q");
  var list = document.getElementById("site-q-list");
  if (!input || !list) return;
  var options = [], active = -1, timer = null, asked = "";

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !editable(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function choose(index) {
    options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function show(items) {
    list.textContent = "";
    options = items.map(function (item, i) {
      var li = document.createElement("li");
      li.id = "site-q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.href = item.page;
      var name = document.createElement("span");
      name.className = "name";
      name.lang = "nl";
      name.textContent = item.label;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = item.group;
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { window.location.href = item.page; });
      list.appendChild(li);
      return li;
    });
    var more = document.createElement("li");
    more.id = "site-q-option-all";
    more.setAttribute("role", "option");
    more.setAttribute("aria-selected", "false");
    more.className = "all";
    more.dataset.href = "/search?q=" + encodeURIComponent(input.value.trim());
    more.textContent = "Search everything for “" + input.value.trim() + "”";
    more.addEventListener("mousedown", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () { window.location.href = more.dataset.href; });
    list.appendChild(more);
    options.push(more);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }
  function ask() {
    var q = input.value.trim();
    if (!q) { close(); return; }
    if (q === asked) return;
    asked = q;
    fetch("/api/search/suggest?limit=8&q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
      .then(function (answer) { if (input.value.trim() === q) show(answer.suggestions); })
      .catch(function () { close(); });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) { asked = ""; ask(); return; }
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active + step;  // -1: back in the box
      if (next >= options.length) next = -1;
      else if (next < -1) next = options.length - 1;
      choose(next);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.href = options[active].dataset.href;
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
