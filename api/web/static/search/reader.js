// The source reader: a cited line's gutter button lists the facts resting on that line below it, fetched from
// /sources/{doc}.json?line=N (the same list the page shows under the marked lines).
(function () {
  "use strict";
  var table = document.querySelector("table.lines[data-document]");
  if (!table) return;
  var doc = table.dataset.document;

  function link(term) {
    var node;
    if (term.page) {
      node = document.createElement("a");
      node.href = term.page;
    } else {
      node = document.createElement("q");
    }
    node.textContent = term.label;
    return node;
  }
  function render(data, row) {
    var cell = row.querySelector("section");
    data.citations.forEach(function (c) {
      var box = document.createElement("div");
      box.className = "citation";
      var head = document.createElement("p");
      var a = document.createElement("a");
      a.href = c.page;
      a.textContent = "Citation of " + (c.firstLine === c.lastLine ? "line " + c.firstLine
                                                                       : "lines " + c.firstLine + "–" + c.lastLine);
      head.appendChild(a);
      head.appendChild(document.createTextNode(" · " + c.facts + (c.facts === 1 ? " fact" : " facts")));
      box.appendChild(head);
      var list = document.createElement("ul");
      c.statements.forEach(function (s) {
        var li = document.createElement("li");
        li.appendChild(link(s.subject));
        var p = document.createElement("span");
        p.className = "p";
        p.textContent = " " + s.property.label + " ";
        li.appendChild(p);
        li.appendChild(link(s.value));
        list.appendChild(li);
      });
      box.appendChild(list);
      cell.appendChild(box);
    });
  }
  table.addEventListener("click", function (event) {
    var button = event.target.closest("button.cites");
    if (!button) return;
    var line = button.dataset.line;
    var open = document.getElementById("facts-of-" + line);
    if (open) {
      open.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    var row = document.createElement("tr");
    row.className = "facts-row";
    row.id = "facts-of-" + line;
    row.innerHTML = "<td></td><td></td><td><section class='facts' aria-live='polite'></section></td>";
    var section = row.querySelector("section");
    section.setAttribute("aria-label", "Facts resting on line " + line);
    button.closest("tr").after(row);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", row.id);
    fetch("/sources/" + encodeURIComponent(doc) + ".json?line=" + line, {headers: {Accept: "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) { render(data, row); });
  });
})();
