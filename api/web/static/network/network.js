/* A network view (api/web/network_page.py): the server gives nodes with positions, edges, filters and the
   legend in #view-data; this draws them with vis-network, physics off, and adds the filters (a DataView each
   for nodes and edges), the search, the legend counts, click-through, the physics toggle and the PNG.

   Filtering: a filter key (programme, role, ...) applies to the nodes and edges that carry it in `facets`.
   An edge is shown when it and both its ends pass; a node that lacks a facet of an active filter, or that is
   marked needsEdge (a party), is shown only while one of its edges is. Nodes marked `annotation` (headings)
   pass on their own facets alone. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var container = document.getElementById("network");
  var status = document.getElementById("view-status");
  var selects = Array.prototype.slice.call(document.querySelectorAll("#view-controls select[data-facet]"));
  var state = {};

  function tooltip(text) {  // the tooltips quote the documents: Dutch, as text (never parsed as HTML)
    var element = document.createElement("div");
    element.lang = "nl";
    element.textContent = text;
    return element;
  }
  data.nodes.forEach(function (n) { if (typeof n.title === "string") n.title = tooltip(n.title); });
  data.edges.forEach(function (e) { if (typeof e.title === "string") e.title = tooltip(e.title); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var shownNodes = new Set(), shownEdges = new Set();

  function passes(item, active) {
    for (var i = 0; i < active.length; i++) {
      var values = item.facets && item.facets[active[i][0]];
      if (values === undefined) continue;
      if (values.indexOf(active[i][1]) < 0) return false;
    }
    return true;
  }
  function lacksAny(item, active) {
    for (var i = 0; i < active.length; i++) {
      if (!item.facets || item.facets[active[i][0]] === undefined) return true;
    }
    return false;
  }
  function recompute() {
    var active = Object.keys(state).filter(function (k) { return state[k]; }).map(function (k) { return [k, state[k]]; });
    var own = new Set();
    nodes.forEach(function (n) { if (passes(n, active)) own.add(n.id); });
    var touched = new Set();
    shownEdges = new Set();
    edges.forEach(function (e) {
      if (own.has(e.from) && own.has(e.to) && passes(e, active)) {
        shownEdges.add(e.id); touched.add(e.from); touched.add(e.to);
      }
    });
    shownNodes = new Set();
    own.forEach(function (id) {
      var n = nodes.get(id);
      if (n.annotation || touched.has(id) || (!n.needsEdge && !lacksAny(n, active))) shownNodes.add(id);
    });
  }

  recompute();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.ltkgNetwork = network;  // for the browser tests and the console
  network.once("afterDrawing", function () {  // marks for the tests and bench/views_network.py
    container.setAttribute("data-drawn-ms", Math.round(performance.now()));
    container.setAttribute("data-drawn", "true");
  });

  // -- legend with counts ------------------------------------------------------------------------------
  var legend = document.getElementById("view-legend");
  function legendItem(entry) {
    var item = document.createElement("span");
    item.className = "item";
    var mark = document.createElement("span");
    if (entry.role || entry.edgeFlag) {
      mark.className = "line";
      mark.style.borderTopColor = entry.color;
      mark.style.borderTopWidth = Math.max(1, Math.round(entry.width || 2)) + "px";
      mark.style.borderTopStyle = entry.dashes ? (entry.dashes[0] <= 3 ? "dotted" : "dashed") : "solid";
    } else {
      mark.className = "swatch " + (entry.shape || "");
      if (entry.color) mark.style.background = entry.color;
    }
    item.appendChild(mark);
    var text = document.createElement("span");
    text.textContent = entry.label;
    if (entry.lang) text.lang = entry.lang;
    item.appendChild(text);
    var count = document.createElement("span");
    count.className = "count";
    item.appendChild(count);
    legend.appendChild(item);
    return { entry: entry, item: item, count: count };
  }
  var legendItems = data.legend.map(function (entry) {
    if (entry.heading) {
      var h = document.createElement("span");
      h.className = "heading";
      h.textContent = entry.heading;
      legend.appendChild(h);
      return null;
    }
    return legendItem(entry);
  }).filter(Boolean);

  function update() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    var kinds = {}, roles = {}, flags = {}, edgeFlags = {};
    shownNodes.forEach(function (id) {
      var n = nodes.get(id);
      if (n.kind) kinds[n.kind] = (kinds[n.kind] || 0) + 1;
      (n.flags || []).forEach(function (f) { flags[f] = (flags[f] || 0) + 1; });
    });
    shownEdges.forEach(function (id) {
      var e = edges.get(id);
      if (e.role) roles[e.role] = (roles[e.role] || 0) + 1;
      (e.flags || []).forEach(function (f) { edgeFlags[f] = (edgeFlags[f] || 0) + 1; });
    });
    legendItems.forEach(function (l) {
      var e = l.entry;
      var n = e.role ? roles[e.role] : e.edgeFlag ? edgeFlags[e.edgeFlag] : e.flag ? flags[e.flag] : kinds[e.kind];
      l.count.textContent = "(" + (n || 0) + ")";
      l.item.classList.toggle("empty", !n);
    });
    status.textContent = shownNodes.size + " of " + nodes.length + " nodes, " + shownEdges.size + " of " +
      edges.length + " links shown" + (edges.length && !shownEdges.size ? ": no link matches these filters" : "");
    container.setAttribute("data-shown-nodes", shownNodes.size);
    fillNames();
    fillTable();
  }

  // -- the same as a table: rows and links shown by the filters, sortable by column --------------------
  var tableBody = document.querySelector("#network-table tbody");
  var rows = Array.prototype.slice.call(tableBody.rows);
  function fillTable() {
    rows.forEach(function (row) {
      row.hidden = !shownNodes.has(row.dataset.node);
      var links = row.querySelectorAll("li[data-edge]"), shownLinks = 0;
      for (var i = 0; i < links.length; i++) {
        links[i].hidden = !shownEdges.has(links[i].dataset.edge);
        if (!links[i].hidden) shownLinks++;
      }
      var count = row.querySelector(".link-count");
      if (count) count.textContent = shownLinks;
    });
  }
  function sortValue(row, key) {
    if (key === "links") return +row.querySelector(".link-count").textContent;
    var cell = row.cells[{name: 0, kind: 1, programme: 2}[key]];
    return cell.textContent.trim().toLowerCase();
  }
  document.querySelectorAll("#network-table thead button[data-sort]").forEach(function (button) {
    button.addEventListener("click", function () {
      var header = button.parentNode;
      var order = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      document.querySelectorAll("#network-table thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", order);
      var key = button.dataset.sort, sign = order === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {  // numbers in names as numbers (LT 1.9 before LT 1.10); ties by name
        var x = sortValue(a, key), y = sortValue(b, key);
        var order = typeof x === "number" ? x - y : x.localeCompare(y, "nl", {numeric: true});
        return order * sign || sortValue(a, "name").localeCompare(sortValue(b, "name"), "nl", {numeric: true});
      });
      rows.forEach(function (row) { tableBody.appendChild(row); });
    });
  });

  // -- filters ----------------------------------------------------------------------------------------
  selects.forEach(function (select) {
    state[select.dataset.facet] = select.value;
    select.addEventListener("change", function () {
      state[select.dataset.facet] = select.value;
      update();
      network.fit({ animation: false });
    });
  });
  document.getElementById("view-reset").addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; state[select.dataset.facet] = ""; });
    update();
    network.fit({ animation: false });
  });
  document.getElementById("view-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  // -- search -----------------------------------------------------------------------------------------
  var names = document.getElementById("view-names");
  var search = document.getElementById("view-search");
  function fillNames() {
    names.textContent = "";
    var seen = {};
    shownNodes.forEach(function (id) {
      var n = nodes.get(id);
      if (n.annotation || !n.search || seen[n.search]) return;
      seen[n.search] = true;
      var option = document.createElement("option");
      option.value = n.search;
      names.appendChild(option);
    });
  }
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    var exact = null, partial = null;
    nodes.forEach(function (n) {
      if (n.annotation || !shownNodes.has(n.id)) return;
      // what a node is found by: its name, its label and (an action) the initiatives it names or rests on
      var hay = ((n.search || "") + " " + (typeof n.label === "string" ? n.label : "") + " " + (n.keywords || "")).toLowerCase();
      if ((n.search || "").toLowerCase() === wanted || String(n.label).toLowerCase() === wanted) exact = exact || n;
      else if (hay.indexOf(wanted) >= 0) partial = partial || n;
    });
    return exact || partial;
  }
  function focus() {
    var found = find(search.value);
    if (!found) {
      status.textContent = "Nothing shown matches “" + search.value + "”" +
        (Object.keys(state).some(function (k) { return state[k]; }) ? " (clear the filters to search everything)" : "");
      return;
    }
    network.selectNodes([found.id]);
    network.focus(found.id, { scale: 1.6, animation: false });
    container.setAttribute("data-focused", found.id);
    status.textContent = "Found: " + (found.search || found.label);
  }
  search.addEventListener("change", focus);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); focus(); } });

  // -- click-through, physics, PNG --------------------------------------------------------------------
  network.on("click", function (params) {
    if (params.nodes.length !== 1) return;
    var n = nodes.get(params.nodes[0]);
    if (n && n.url && !container.dataset.standalone) window.location.href = n.url;  // an exported file has no pages
  });
  network.on("hoverNode", function (params) {
    var n = nodes.get(params.node);
    container.style.cursor = n && n.url ? "pointer" : "default";
  });
  network.on("blurNode", function () { container.style.cursor = "default"; });
  document.getElementById("view-physics").addEventListener("change", function (event) {
    network.setOptions({ physics: { enabled: event.target.checked } });
  });
  document.getElementById("view-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.href = copy.toDataURL("image/png");
    link.download = (container.dataset.name || "network") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  update();
  if (Object.keys(state).some(function (k) { return state[k]; })) network.fit({ animation: false });
})();
