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
  var allSelects = Array.prototype.slice.call(document.querySelectorAll("#view-controls select[data-facet]"));
  // a select marked data-reload names what the server narrowed the network by: changing it loads the view anew
  var selects = allSelects.filter(function (s) { return !s.hasAttribute("data-reload"); });
  var state = {};

  // A tooltip in the page's language; what it quotes from the documents (“…”) is marked as a Dutch quote. Built
  // as text, never parsed as HTML.
  function tooltip(text) {
    var element = document.createElement("div");
    element.className = "view-tooltip";
    String(text).split("\n").forEach(function (line, i) {
      var row = document.createElement("div");
      if (i === 0) row.className = "view-tooltip-title";
      line.split(/(“[^”]*”)/).forEach(function (part) {
        if (!part) return;
        if (part.charAt(0) === "“") {
          var q = document.createElement("q");
          q.lang = "nl";
          q.textContent = part.slice(1, -1);
          row.appendChild(q);
        } else row.appendChild(document.createTextNode(part));
      });
      element.appendChild(row);
    });
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

  // -- the view's state in its address: every filter, the Find text; other parameters (depth) are kept ---
  function address(changes) {
    var params = new URLSearchParams(location.search);
    allSelects.forEach(function (select) { params.delete(select.dataset.facet); if (select.value) params.set(select.dataset.facet, select.value); });
    params.delete("find");
    if (search.value.trim()) params.set("find", search.value.trim());
    Object.keys(changes || {}).forEach(function (k) { if (changes[k]) params.set(k, changes[k]); else params.delete(k); });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }
  function writeAddress() {
    if (container.dataset.standalone) return;  // a saved file keeps its name
    try { history.replaceState(null, "", address()); } catch (e) { /* a page opened from disk may refuse */ }
  }

  // -- filters ----------------------------------------------------------------------------------------
  selects.forEach(function (select) {
    state[select.dataset.facet] = select.value;
    select.addEventListener("change", function () {
      state[select.dataset.facet] = select.value;
      update();
      writeAddress();
      network.fit({ animation: false });
    });
  });
  allSelects.filter(function (s) { return s.hasAttribute("data-reload"); }).forEach(function (select) {
    select.addEventListener("change", function () {
      if (container.dataset.standalone) return;
      window.location.assign(address());
    });
  });
  document.getElementById("view-reset").addEventListener("click", function () {
    if (allSelects.some(function (s) { return s.hasAttribute("data-reload") && s.value; }) && !container.dataset.standalone) {
      allSelects.forEach(function (s) { s.value = ""; });
      window.location.assign(address());
      return;
    }
    selects.forEach(function (select) { select.value = ""; state[select.dataset.facet] = ""; });
    update();
    writeAddress();
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
    // the node and its neighbours selected (their links drawn bold), the node centred
    var around = network.getConnectedNodes(found.id).filter(function (id) { return shownNodes.has(id); });
    network.selectNodes([found.id].concat(around), true);
    network.focus(found.id, { scale: Math.max(1.2, network.getScale()), animation: false });
    container.setAttribute("data-focused", found.id);
    container.setAttribute("data-neighbours", around.length);
    status.textContent = "Found: " + (found.search || found.label) + ", with its " + around.length + " neighbours highlighted";
    writeAddress();
  }
  search.addEventListener("change", focus);
  search.addEventListener("search", function () { if (!search.value) { network.unselectAll(); writeAddress(); } });
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
  // The saved picture says what it is: the view's title above it; below, the legend (with its counts), the
  // date and the view's address.
  function picture() {
    var canvas = container.querySelector("canvas");
    var ratio = canvas.width / container.clientWidth || 1;
    var font = function (px, bold) { return (bold ? "bold " : "") + Math.round(px * ratio) + "px system-ui, sans-serif"; };
    var entries = legendItems.filter(function (l) { return !l.item.classList.contains("empty"); });
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = font(13);
    var pad = 12 * ratio, rowH = 20 * ratio, width = canvas.width, x = pad, rows = 1;
    entries.forEach(function (l) {
      var w = 30 * ratio + measure.measureText(l.entry.label + " " + l.count.textContent).width + pad;
      if (x + w > width - pad) { rows += 1; x = pad; }
      x += w;
    });
    var top = 44 * ratio, bottom = rows * rowH + 44 * ratio;
    var copy = document.createElement("canvas");
    copy.width = width;
    copy.height = canvas.height + top + bottom;
    var c = copy.getContext("2d");
    c.fillStyle = "#ffffff"; c.fillRect(0, 0, copy.width, copy.height);
    c.fillStyle = "#111111"; c.font = font(20, true); c.textBaseline = "middle";
    c.fillText(data.title || document.title, pad, top / 2);
    c.drawImage(canvas, 0, top);
    var y = top + canvas.height + rowH / 2 + 6 * ratio;
    x = pad;
    c.font = font(13);
    entries.forEach(function (l) {
      var e = l.entry, label = e.label + " " + l.count.textContent;
      var w = 30 * ratio + c.measureText(label).width + pad;
      if (x + w > width - pad) { y += rowH; x = pad; }
      c.strokeStyle = e.color || "#999"; c.fillStyle = e.color || "#dddddd"; c.lineWidth = Math.max(1, (e.width || 2)) * ratio;
      if (e.role || e.edgeFlag) {
        c.setLineDash(e.dashes ? e.dashes.map(function (d) { return d * ratio; }) : []);
        c.beginPath(); c.moveTo(x, y); c.lineTo(x + 22 * ratio, y); c.stroke(); c.setLineDash([]);
      } else if (e.shape === "ring") {
        c.strokeStyle = "#b00020"; c.lineWidth = 3 * ratio; c.beginPath(); c.arc(x + 8 * ratio, y, 6 * ratio, 0, 2 * Math.PI); c.stroke();
      } else {
        c.fillRect(x, y - 6 * ratio, 22 * ratio, 12 * ratio);
      }
      c.fillStyle = "#111111";
      c.fillText(label, x + 28 * ratio, y);
      x += w;
    });
    c.fillStyle = "#444444"; c.font = font(12);
    c.fillText("Langer Thuis knowledge graph · " + new Date().toISOString().slice(0, 10) + " · " + location.href, pad, copy.height - 16 * ratio);
    return copy;
  }
  document.getElementById("view-png").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = picture().toDataURL("image/png");
    link.download = (container.dataset.name || "network") + "_" + new Date().toISOString().slice(0, 10) + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  window.ltkgPicture = picture;  // for the browser tests

  // The lineage opens at a zoom where its smallest label is as large as the page's text (its layout is made for
  // that scale, so no label grows into another); Fit shows the whole picture, pan or zoom to move around.
  if (data.name === "lineage") {
    network.once("afterDrawing", function () {
      var body = parseFloat(getComputedStyle(document.body).fontSize) || 16;
      var smallest = Math.min.apply(null, nodes.map(function (n) { return (n.font && n.font.size) || 14; }));
      if (smallest * network.getScale() < body) {
        network.moveTo({ scale: body / smallest, animation: false });
      }
      container.setAttribute("data-label-px", (smallest * network.getScale()).toFixed(1));
    });
  }
  update();
  if (Object.keys(state).some(function (k) { return state[k]; })) network.fit({ animation: false });
  if (search.value.trim()) network.once("afterDrawing", focus);  // an address with find= selects and centres its node
})();
