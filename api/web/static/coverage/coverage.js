/* The coverage workbench (/viz/coverage): draws the matrix embedded in #cv-data (the computation of
   /api/coverage, api/rest/matrix.py), filters it as /api/coverage's document and partyType parameters do,
   keeps the view's state in the URL, opens the evidence behind a cell, exports the shown matrix as CSV.
   Fetches nothing. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("cv-data").textContent);
  var EVIDENCE = {};   // the classified items by id
  DATA.evidence.forEach(function (e) { EVIDENCE[e.id] = e; });
  var form = document.getElementById("cv-controls");
  var table = document.getElementById("cv-matrix");
  var drawer = document.getElementById("cv-drawer");
  var drawerBody = document.getElementById("cv-drawer-body");
  var AXES = ["theme-programme", "theme-plan", "category-plan"];
  var LEVELS = ["item", "action", "action-line"];
  var SORTS = ["disagreement", "report", "least", "name"];
  var SHOWS = ["", "gaps", "flagged", "spots"];  // the summary chips: every row, gaps, disagreements, the report's white spots
  var ORIGIN_RANK = {"indicator-category": 0, "interview-theme": 1, "conclusion-theme": 2};
  var DISAGREE_RANK = {"report-covered-computed-gap": 0, "computed-gap-not-in-report": 1,
                       "report-candidate-computed-covered": 2};
  var PLAN_SYMBOL = {"all": "✓", "some": "◐", "none": "✗", "no-reading": "–"};
  var PLAN_TEXT = {"all": "all plans", "some": "some plans, not named", "none": "no plan",
                   "no-reading": "the report says nothing"};
  var STATE_SYMBOL = {"none": "○", "thin": "◔", "covered": "●", "not-applicable": ""};
  var state = {};
  var shown = {rows: [], columns: []};   // what is drawn, for the CSV and the drawer
  var focus = {r: 0, c: 0};

  // -- small helpers ------------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function nl(text) { return el("span", {lang: "nl", text: text || ""}); }
  function lineHref(s) {
    return "/sources/" + s.document + ".html?lines=" + s.lines[0] + "-" + s.lines[1] + "#L" + s.lines[0];
  }
  function entityHref(kind, id) { return "/id/" + kind + "/" + id; }
  function itemKind(type) { return type === "action" ? "action" : "actionline"; }
  function source(s) {
    if (s.kind === "citation") {
      return el("li", {className: "cv-src documentary"}, [
        el("span", {className: "cv-badge doc", text: "documentary"}), " ",
        el("q", {lang: "nl", text: stripMarkdown(s.quote)}), " ",
        el("a", {href: lineHref(s), text: s.document + " l. " + s.lines[0] + (s.lines[1] !== s.lines[0] ? "–" + s.lines[1] : "")})
      ]);
    }
    return el("li", {className: "cv-src editorial"}, [
      el("span", {className: "cv-badge ed", text: "editorial"}), " ", s.rationale, " ",
      el("a", {href: entityHref("editorial", s.id), text: s.id})
    ]);
  }
  function sourceList(list) { return el("ul", {className: "cv-sources"}, (list || []).map(source)); }
  function themeName(t) { return t.name || t.id; }
  // A column's short name: the abbreviation the name gives in brackets (WOZO), a short id (IZA), else the
  // name without "Programma".
  function shortName(ref) {
    var name = ref.name || ref.id, bracket = /\(([^)]{2,8})\)\s*$/.exec(name);
    if (bracket) return bracket[1];
    if (ref.id.length <= 4) return ref.id.toUpperCase();
    return name.replace(/^Programma\s+/i, "");
  }
  var FLAG_SHORT = {"report-covered-computed-gap": "Report: covered · graph: no item",
                    "computed-gap-not-in-report": "No item covers it · report silent",
                    "report-candidate-computed-covered": "Report: possible white spot · graph: covered"};
  var PLAN_FLAG_SHORT = {"report-covered-computed-gap": "Verdict: covered · plans: none",
                         "computed-gap-not-in-report": "In no plan · no white spot named"};
  // Markdown emphasis and links that a quote may carry from a source, as plain text
  function stripMarkdown(text) {
    return String(text || "").replace(/\*\*([^*]+)\*\*/g, "$1").replace(/__([^_]+)__/g, "$1")
      .replace(/(^|\s)[*_]([^*_\s][^*_]*)[*_](?=\s|$|[.,;:])/g, "$1$2").replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/^#+\s*/gm, "");
  }
  function matches(text, q) { return (text || "").toLowerCase().indexOf(q) >= 0; }

  // -- state in the URL ---------------------------------------------------------------------------------
  function readState() {
    var p = new URLSearchParams(location.search);
    var pick = function (v, allowed, dflt) { return allowed.indexOf(v) >= 0 ? v : dflt; };
    var docs = DATA.options.documents.map(function (d) { return d.id; });
    var types = DATA.options.partyTypes.map(function (d) { return d.id; });
    var progs = p.getAll("programme").filter(function (x) { return DATA.programmes.indexOf(x) >= 0; });
    state = {
      axis: pick(p.get("axis"), AXES, "theme-programme"),
      level: pick(p.get("level"), LEVELS, "item"),
      programmes: progs.length ? DATA.programmes.filter(function (x) { return progs.indexOf(x) >= 0; }) : DATA.programmes.slice(),
      document: pick(p.get("document"), docs, ""),
      partyType: pick(p.get("partyType"), types, ""),
      q: (p.get("q") || "").slice(0, 100),
      sort: pick(p.get("sort"), SORTS, "disagreement"),
      show: pick(p.get("show") || "", SHOWS, ""),
      cell: p.get("cell") || ""
    };
  }
  function writeState() {
    var p = new URLSearchParams();
    if (state.axis !== "theme-programme") p.set("axis", state.axis);
    if (state.axis === "theme-programme") {
      if (state.level !== "item") p.set("level", state.level);
      if (state.programmes.length !== DATA.programmes.length) state.programmes.forEach(function (x) { p.append("programme", x); });
      if (state.document) p.set("document", state.document);
      if (state.partyType) p.set("partyType", state.partyType);
    }
    if (state.q) p.set("q", state.q);
    if (state.sort !== "disagreement") p.set("sort", state.sort);
    if (state.show) p.set("show", state.show);
    if (state.cell) p.set("cell", state.cell);
    var query = p.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    } catch (e) { /* a saved copy opened from disk may refuse; the view still works */ }
    var api = new URLSearchParams();
    if (state.axis !== "theme-programme") api.set("axis", state.axis);
    else {
      if (state.level !== "item") api.set("level", state.level);
      state.programmes.forEach(function (x) { api.append("programme", x); });
      if (state.document) api.set("document", state.document);
      if (state.partyType) api.set("partyType", state.partyType);
    }
    api.set("limit", "1000");
    document.getElementById("cv-json").setAttribute("href", "/api/coverage?" + api.toString());
  }

  // -- controls -------------------------------------------------------------------------------------------
  function fillControls() {
    var docSelect = form.elements.document, typeSelect = form.elements.partyType;
    DATA.options.documents.forEach(function (d) {
      docSelect.appendChild(el("option", {value: d.id, text: d.nameEn || d.name}));
    });
    DATA.options.partyTypes.forEach(function (d) {
      typeSelect.appendChild(el("option", {value: d.id, text: d.nameEn || d.name}));
    });
    var box = document.getElementById("cv-programmes");
    box.appendChild(el("span", {className: "cv-label", text: "Programmes"}));
    DATA.programmes.forEach(function (id) {
      var ref = DATA.options.programmes.filter(function (x) { return x.id === id; })[0] || {id: id};
      box.appendChild(el("label", {title: ref.name}, [el("input", {type: "checkbox", name: "programme", value: id}), " " + shortName(ref)]));
    });
  }
  function showControls() {
    Array.prototype.forEach.call(form.elements.axis, function (r) { r.checked = r.value === state.axis; });
    form.elements.level.value = state.level;
    form.elements.document.value = state.document;
    form.elements.partyType.value = state.partyType;
    form.elements.sort.value = state.sort;
    form.elements.q.value = state.q;
    Array.prototype.forEach.call(form.querySelectorAll("input[name=programme]"), function (c) {
      c.checked = state.programmes.indexOf(c.value) >= 0;
    });
    var programmeAxis = state.axis === "theme-programme";
    ["level", "document", "partyType"].forEach(function (name) {
      form.elements[name].disabled = !programmeAxis;
      form.elements[name].title = programmeAxis ? "" : "The report reads the regional plans together, in one document, naming no parties";
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=programme]"), function (c) { c.disabled = !programmeAxis; });
  }
  form.addEventListener("change", function (event) {
    var t = event.target;
    if (t.name === "axis") { state.axis = t.value; state.cell = ""; }
    else if (t.name === "programme") {
      state.programmes = Array.prototype.filter.call(form.querySelectorAll("input[name=programme]"), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
    } else if (t.name in state) state[t.name] = t.value;
    update();
  });
  form.elements.q.addEventListener("input", function () { state.q = form.elements.q.value.slice(0, 100); update(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // -- the matrix of the state -------------------------------------------------------------------------
  function passes(id) {
    var ev = EVIDENCE[id];
    if (!ev) return false;
    if (state.document && ev.documents.indexOf(state.document) < 0) return false;
    return !state.partyType || ev.partyTypes.indexOf(state.partyType) >= 0;
  }
  function disagreement(reading, covered, count, where) {   // as api/rest/matrix.py disagreement()
    if (reading === "covered" && !covered)
      return {kind: "report-covered-computed-gap", text: "The werkorganisatie judges this theme covered (‘belegd’), but " + where + " covers it."};
    if (reading === null && !covered)
      return {kind: "computed-gap-not-in-report", text: where.charAt(0).toUpperCase() + where.slice(1) + " covers this theme, and the report names no white spot here."};
    if ((reading === "candidate" || reading === "open-question") && covered)
      return {kind: "report-candidate-computed-covered", text: "The report names a possible white spot without a verdict; " + count + " covering item(s) here."};
    return null;
  }
  function programmeMatrix() {
    var view = DATA.views["theme-programme/" + state.level];
    var filtering = state.document || state.partyType;
    var columns = view.columns.filter(function (c) { return state.programmes.indexOf(c.id) >= 0; }).map(function (c) {
      var reason = c.notApplicable;
      if (!reason && filtering && !c.classified.some(passes)) reason = "no classified item of this programme meets the filters";
      return {id: c.id, name: c.name, nameEn: c.nameEn, unit: c.unit, notApplicable: reason};
    });
    var rows = view.items.map(function (item) {
      var cells = columns.map(function (col) {
        var cell = item.cells.filter(function (c) { return c.programme === col.id; })[0];
        var actions = cell.actions.filter(function (a) { return a.through.some(passes); });
        var st = col.notApplicable ? "not-applicable" : actions.length === 0 ? "none" : actions.length === 1 ? "thin" : "covered";
        return {column: col, count: col.notApplicable ? null : actions.length, state: st, actions: actions, report: cell.report,
                reportMentions: cell.reportMentions};
      });
      var applicable = cells.filter(function (c) { return c.state !== "not-applicable"; });
      var count = applicable.reduce(function (n, c) { return n + c.count; }, 0);
      var covered = count > 0;
      // The flag is judged on the whole matrix (every programme, no filter: the report spoke of the whole field);
      // what the filtered cells would say is only a note, marked as relative to the filter.
      var filtered = applicable.length && !item.coveredOutside ?
        disagreement(item.report.reading, covered, count, "no item shown with these filters") : null;
      var narrowed = filtering || state.programmes.length !== DATA.programmes.length;
      return {item: item, id: item.theme.id, theme: item.theme, cells: cells, count: count, covered: covered,
              report: item.report, disagreement: item.disagreement, coveredOutside: item.coveredOutside || null,
              filterNote: narrowed && filtered && (!item.disagreement || filtered.kind !== item.disagreement.kind) ?
                {kind: filtered.kind, text: "Relative to the filter, not the report's claim: " + filtered.text} : null};
    });
    return {columns: columns, rows: rows};
  }
  function planMatrix() {
    var view = DATA.views[state.axis];
    var rows = view.items.map(function (item) {
      return {item: item, id: item.row.id, theme: item.theme, kind: item.row.kind, parent: item.row.category || null,
              state: item.state, shares: item.shares, readings: item.readings, report: item.report || null,
              disagreement: item.disagreement || null, indicatorStates: item.indicatorStates || null,
              count: item.shares.length ? view.shares.indexOf(item.shares[item.shares.length - 1]) : -1};
    });
    return {columns: view.columns, rows: rows, shares: view.shares};
  }
  function rowText(row) {
    var t = row.theme, parts = [t.name, t.nameEn, t.id];
    (row.cells || []).forEach(function (c) {
      c.actions.forEach(function (a) {
        parts.push(a.notation, a.name, a.id);
        var ev = EVIDENCE[a.id];
        (ev ? ev.parties : []).forEach(function (p) { parts.push(p.name, p.id); });
        (ev ? ev.initiatives : []).forEach(function (i) { parts.push(i.name, i.nameEn); });
        a.through.forEach(function (x) { var e = EVIDENCE[x]; if (e) parts.push(e.name, e.notation); });
      });
    });
    (row.readings || []).forEach(function (r) { parts.push(r.text); });
    return parts.join(" \n ").toLowerCase();
  }
  function reportRank(row) {
    var origins = row.theme.origins || [];
    var rank = origins.length ? Math.min.apply(null, origins.map(function (o) { return ORIGIN_RANK[o] === undefined ? 3 : ORIGIN_RANK[o]; })) : 3;
    return [rank, themeName(row.theme).toLowerCase()];
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
    return 0;
  }
  function sortRows(rows) {
    var key = function (row) {
      var base = reportRank(row);
      if (state.sort === "name") return [base[1]];
      if (state.sort === "least") return [row.count].concat(base);
      if (state.sort === "disagreement") {
        var d = row.disagreement ? DISAGREE_RANK[row.disagreement.kind] : 9;
        return [d].concat(base);
      }
      return base;
    };
    var top = rows.filter(function (r) { return !r.parent; });
    top.sort(function (a, b) { return compare(key(a), key(b)); });
    var out = [];
    top.forEach(function (r) {
      out.push(r);
      rows.forEach(function (c) { if (c.parent === r.id) out.push(c); });
    });
    return out;
  }
  function currentMatrix() {
    var m = state.axis === "theme-programme" ? programmeMatrix() : planMatrix();
    var q = state.q.trim().toLowerCase();
    var rows = m.rows;
    if (q) {
      var self = {}, hit = {};
      rows.forEach(function (r) { if (rowText(r).indexOf(q) >= 0) { self[r.id] = hit[r.id] = true; if (r.parent) hit[r.parent] = true; } });
      rows = rows.filter(function (r) { return hit[r.id] || (r.parent && self[r.parent]); });
    }
    m.before = rows;  // what the chips count
    if (state.show) {
      var keep = {};
      rows.forEach(function (r) { if (!r.parent && chipHolds(state.show, r)) keep[r.id] = true; });
      rows = rows.filter(function (r) { return keep[r.id] || (r.parent && keep[r.parent]); });
    }
    m.rows = sortRows(rows);
    return m;
  }

  function isGap(r) {
    return state.axis === "theme-programme" ? !r.covered && r.cells.some(function (c) { return c.state !== "not-applicable"; }) : r.state === "none";
  }
  function chipHolds(show, r) {
    if (show === "gaps") return isGap(r);
    if (show === "flagged") return !!r.disagreement;
    if (show === "spots") return !!(r.report && r.report.whiteSpots.length);
    return true;
  }

  // -- drawing ------------------------------------------------------------------------------------------
  function bin(count) { return count === 0 ? 0 : count === 1 ? 1 : count <= 3 ? 2 : count <= 7 ? 3 : 4; }
  function readingCell(row) {
    var td = el("td", {className: "cv-report"});
    var report = row.report;
    if (row.disagreement) {
      var short = state.axis === "theme-programme" ? FLAG_SHORT[row.disagreement.kind] : PLAN_FLAG_SHORT[row.disagreement.kind];
      td.appendChild(el("p", {className: "cv-flag", title: row.disagreement.text}, [el("span", {"aria-hidden": "true", text: "⚠ "}),
        short || row.disagreement.text]));
    }
    if (row.coveredOutside) td.appendChild(el("p", {className: "cv-outside", title: row.coveredOutside.text,
      text: "covered outside the programmes in this graph: " +
        row.coveredOutside.initiatives.map(function (i) { return i.name || i.id; }).join(", ")}));
    if (row.filterNote) td.appendChild(el("p", {className: "cv-filter-note", title: row.filterNote.text, text: "with these filters: " +
      (FLAG_SHORT[row.filterNote.kind] || row.filterNote.text)}));
    if (!report || !report.whiteSpots.length) {
      if (!row.disagreement && !row.coveredOutside) td.appendChild(el("span", {className: "muted", text: report ? "no white spot named" : ""}));
      return td;
    }
    report.whiteSpots.forEach(function (spot) {
      var label = spot.verdict ? (report.reading === "covered" ? "verdict: covered" : "verdict") :
                  spot.openQuestion ? "open question" : "possible white spot, no verdict";
      var said = spot.verdict || spot.openQuestion || spot.statements[0];
      var src = said && said.sources.filter(function (s) { return s.kind === "citation"; })[0];
      // the quote itself opens the source reader at its lines, where it is read in full and in context
      var quote = said ? el("q", {lang: "nl", text: stripMarkdown(said.text)}) : null;
      td.appendChild(el("p", {className: "cv-reading"}, [
        el("span", {className: "cv-tag r-" + (spot.verdict ? "verdict" : spot.openQuestion ? "question" : "candidate"), text: label}), " ",
        src ? el("a", {href: lineHref(src), className: "cv-quote", title: "Open the quote in the source reader (" + src.document + ", line " + src.lines[0] + ")"},
                 ["l. " + src.lines[0] + " ", quote]) : quote
      ]));
    });
    return td;
  }
  function rowHeader(row) {
    var t = row.theme;
    var kind = row.kind === "indicator" ? "indicator" : "theme";
    var th = el("th", {scope: "row", className: "cv-rowhead" + (row.kind === "indicator" ? " cv-indent" : "")}, [
      row.disagreement ? el("span", {className: "cv-warn", title: row.disagreement.text, "aria-label": "disagreement: ", text: "⚠"}) : null,
      el("a", {href: entityHref(kind, row.id), lang: "nl", text: themeName(t)}),
      t.nameEn && t.nameEn !== t.name ? el("span", {className: "cv-en", text: t.nameEn}) : null
    ]);
    return th;
  }
  function drawProgrammes(m) {
    var head = el("tr", {}, [el("th", {scope: "col", className: "cv-corner", text: "Theme"})]);
    m.columns.forEach(function (c) {
      head.appendChild(el("th", {scope: "col", className: "cv-colhead"}, [
        el("a", {href: entityHref("programme", c.id), title: c.name, text: shortName(c)}),
        el("span", {className: "cv-unit", text: c.notApplicable ? "n/a" : c.unit})]));
    });
    head.appendChild(el("th", {scope: "col", className: "cv-reporthead", text: "The 2024 report's reading"}));
    var body = el("tbody");
    m.rows.forEach(function (row, r) {
      var tr = el("tr", {className: row.disagreement ? "cv-disagree" : ""}, [rowHeader(row)]);
      row.cells.forEach(function (cell, c) {
        var label = cell.state === "not-applicable" ? "not applicable: " + cell.column.notApplicable :
          cell.count + " " + (cell.count === 1 ? cell.column.unit.replace(/s$/, "") : cell.column.unit) + " of " + shortName(cell.column) + " cover " + themeName(row.theme);
        var content = cell.state === "not-applicable" ? [el("span", {className: "cv-na", text: "n/a"})] :
          [el("span", {className: "cv-sym", "aria-hidden": "true", text: STATE_SYMBOL[cell.state]}), el("span", {className: "cv-num", text: String(cell.count)})];
        if (cell.report && cell.report.length) content.push(el("span", {className: "cv-doc", title: "the report's side-by-side reading", text: "¶"}));
        var td = el("td", {className: "cv-cell s-" + cell.state + (cell.state === "not-applicable" ? "" : " b-" + bin(cell.count))}, [
          el("button", {type: "button", "data-r": r, "data-c": c, tabindex: "-1", "aria-label": label, title: label}, content)]);
        tr.appendChild(td);
      });
      tr.appendChild(readingCell(row));
      body.appendChild(tr);
    });
    return [el("thead", {}, [head]), body];
  }
  function drawPlans(m) {
    var head = el("tr", {}, [el("th", {scope: "col", className: "cv-corner", text: state.axis === "category-plan" ? "Indicator category / indicator" : "Theme"})]);
    m.columns.forEach(function (c) {
      head.appendChild(el("th", {scope: "col", className: "cv-colhead cv-plan"}, [
        el("a", {href: entityHref("regional-plan", c.id), lang: "nl", text: c.name}),
        el("span", {className: "cv-unit", text: "plan " + c.number})]));
    });
    head.appendChild(el("th", {scope: "col", className: "cv-reporthead", text: "The 2024 report's reading"}));
    var body = el("tbody");
    m.rows.forEach(function (row, r) {
      var tr = el("tr", {className: (row.disagreement ? "cv-disagree " : "") + "k-" + row.kind}, [rowHeader(row)]);
      var top = row.shares.length ? row.shares[row.shares.length - 1] : "";
      var words = row.readings.map(function (x) { return x.text; });
      var text = row.state === "no-reading" && row.indicatorStates ?
        (state.axis === "theme-plan" ? "nothing on the category itself; its indicators: " : "see its indicators: ") + ["all", "some", "none", "no-reading"].filter(function (s) { return row.indicatorStates[s]; })
          .map(function (s) { return row.indicatorStates[s] + " " + PLAN_SYMBOL[s] + " " + {"all": "all", "some": "some", "none": "none", "no-reading": "silent"}[s]; }).join(" · ") :
        PLAN_TEXT[row.state] + (row.state === "some" ? " (" + row.shares.join(" – ") + ")" : "");
      var label = themeName(row.theme) + " in the ten regional plans: " + text + (words.length ? "; the report: " + words.join("; ") : "");
      var td = el("td", {colspan: String(m.columns.length), className: "cv-cell cv-span p-" + row.state + (top ? " sh-" + top.replace(" ", "-") : "")}, [
        el("button", {type: "button", "data-r": r, "data-c": 0, tabindex: "-1", "aria-label": label, title: label}, [
          el("span", {className: "cv-sym", "aria-hidden": "true", text: PLAN_SYMBOL[row.state]}), " ",
          el("span", {className: "cv-num", text: text}),
          words.length ? el("span", {className: "cv-words", lang: "nl", text: "“" + words.join("”, “") + "”"}) : null])]);
      tr.appendChild(td);
      tr.appendChild(row.kind === "indicator" ? el("td", {className: "cv-report"}) : readingCell(row));
      body.appendChild(tr);
    });
    return [el("thead", {}, [head]), body];
  }
  function legend(m) {
    var box = document.getElementById("cv-legend");
    box.textContent = "";
    var key = function (cls, sym, text) {
      return el("span", {className: "cv-key"}, [el("span", {className: "cv-swatch " + cls, text: sym}), text]);
    };
    if (state.axis === "theme-programme") {
      [key("s-none b-0", "○ 0", "no coverage"), key("s-thin b-1", "◔ 1", "thin: one item"),
       key("s-covered b-2", "● 2–3", "covered"), key("s-covered b-3", "● 4–7", ""), key("s-covered b-4", "● 8+", ""),
       key("s-not-applicable", "n/a", "not applicable (e.g. no actions at this level)"),
       key("cv-disagree-key", "⚠", "the report and the computed coverage disagree"),
       key("cv-doc-key", "¶", "the report's own side-by-side reading exists")].forEach(function (k) { box.appendChild(k); });
    } else {
      [key("p-all", "✓", "all plans"), key("p-some sh-most", "◐", "some plans (most, half, few: the report's words); which ones it does not say"),
       key("p-none", "✗", "no plan"), key("p-no-reading", "–", "the report says nothing on it"),
       key("cv-disagree-key", "⚠", "the report's verdict and its plan analysis disagree")].forEach(function (k) { box.appendChild(k); });
    }
  }
  function explain(m) {
    var text;
    if (state.axis === "theme-programme") {
      var what = {"item": "actions (Langer Thuis, WOZO) or action lines (IZA, GALA, TAZ: they have no actions)",
                  "action": "actions", "action-line": "action lines (a line counts when it, or one of its actions, is classified under the theme)"}[state.level];
      text = "A cell counts the " + what + " of a programme that the project's editors classified under the theme (editorial, one rationale each)." +
        (state.document || state.partyType ? " Filtered: only items " + (state.document ? "cited in the chosen document" : "") +
          (state.document && state.partyType ? " and " : "") + (state.partyType ? "carried by a party of the chosen type" : "") + "." : "") +
        " Click a cell for the items, their parties, the initiatives they name and the quotes.";
      var reasons = {};
      m.columns.forEach(function (c) { if (c.notApplicable) (reasons[c.notApplicable] = reasons[c.notApplicable] || []).push(shortName(c)); });
      Object.keys(reasons).forEach(function (why) { text += " Not applicable (n/a) for " + reasons[why].join(", ") + ": " + why + "."; });
    } else {
      text = "The 2024 report analysed ten regional plans together and never says which plan addresses what: each row holds for every plan alike, in the report's own words (documentary). Click a row for its quotes.";
    }
    document.getElementById("cv-explain").textContent = text;
  }
  // The summary's chips: each filters the matrix to its rows (a second click shows every row again).
  function summary(m) {
    var top = m.before.filter(function (r) { return !r.parent; });
    var count = function (show) { return top.filter(function (r) { return chipHolds(show, r); }).length; };
    var box = document.getElementById("cv-summary");
    box.textContent = "";
    var noun = state.axis === "category-plan" ? "categories" : "themes";
    var flagged = count("flagged");
    [["", String(top.length), noun + " (show all)"],
     ["gaps", String(count("gaps")), state.axis === "theme-programme" ? "covered by nothing shown" : "in no plan"],
     ["flagged", String(flagged), (flagged === 1 ? "row" : "rows") + " where the report and the graph disagree"],
     ["spots", String(count("spots")), "white spots the report names"]].forEach(function (chip) {
      var b = el("button", {type: "button", className: "cv-stat", "data-show": chip[0], "aria-pressed": String(state.show === chip[0]),
                            title: chip[0] ? "Show only these rows" : "Show every row"}, [el("b", {text: chip[1]}), " " + chip[2]]);
      box.appendChild(b);
    });
  }
  document.getElementById("cv-summary").addEventListener("click", function (event) {
    var b = event.target.closest("button[data-show]");
    if (!b) return;
    var show = b.getAttribute("data-show");
    state.show = state.show === show ? "" : show;
    update();
  });
  function draw() {
    var m = currentMatrix();
    shown = m;
    table.querySelectorAll("thead, tbody").forEach(function (n) { n.remove(); });
    table.className = "cv-matrix " + (state.axis === "theme-programme" ? "cv-by-programme" : "cv-by-plan");
    document.getElementById("cv-caption").textContent = {
      "theme-programme": "Themes (rows) against programmes (columns): classified items per cell",
      "theme-plan": "Themes (rows) against the ten regional plans (columns): the report's reading",
      "category-plan": "Indicator categories and their indicators (rows) against the ten regional plans (columns): the report's reading"}[state.axis];
    (state.axis === "theme-programme" ? drawProgrammes(m) : drawPlans(m)).forEach(function (n) { table.appendChild(n); });
    if (!m.rows.length) {
      table.appendChild(el("tbody", {}, [el("tr", {}, [el("td", {colspan: "20", className: "muted", text: "No row matches the search."})])]));
    }
    legend(m); explain(m); summary(m);
    setFocus(Math.min(focus.r, Math.max(0, m.rows.length - 1)), focus.c, false);
  }

  // -- keyboard: one tab stop in the matrix, arrows move between cells --------------------------------
  function buttonAt(r, c) { return table.querySelector('button[data-r="' + r + '"][data-c="' + c + '"]'); }
  function setFocus(r, c, move) {
    var current = table.querySelector("button[tabindex='0']");
    if (current) current.setAttribute("tabindex", "-1");
    var b = buttonAt(r, c) || buttonAt(r, 0) || buttonAt(0, 0);
    if (!b) return;
    focus = {r: +b.getAttribute("data-r"), c: +b.getAttribute("data-c")};
    b.setAttribute("tabindex", "0");
    if (move) b.focus();
  }
  table.addEventListener("keydown", function (event) {
    var b = event.target.closest("button[data-r]");
    if (!b) return;
    var r = +b.getAttribute("data-r"), c = +b.getAttribute("data-c");
    var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
    if (moves[event.key]) {
      event.preventDefault();
      var nr = r + moves[event.key][0], nc = c + moves[event.key][1];
      if (buttonAt(nr, nc) || (buttonAt(nr, 0) && moves[event.key][0])) setFocus(nr, buttonAt(nr, nc) ? nc : 0, true);
    } else if (event.key === "Home") { event.preventDefault(); setFocus(r, 0, true); }
    else if (event.key === "End") { event.preventDefault(); setFocus(r, shown.columns.length - 1, true); }
  });
  table.addEventListener("click", function (event) {
    var b = event.target.closest("button[data-r]");
    if (!b) return;
    var row = shown.rows[+b.getAttribute("data-r")];
    var c = +b.getAttribute("data-c");
    state.cell = row.id + (state.axis === "theme-programme" ? ":" + shown.columns[c].id : "");
    setFocus(+b.getAttribute("data-r"), c, false);
    writeState();
    openCell(true);
  });

  // -- the drawer: what is behind a cell ---------------------------------------------------------------
  function party(p) {
    return el("li", {}, [el("a", {href: entityHref("party", p.id), text: p.name}), " ",
      el("span", {className: "muted", text: p.roles.join(", ") + (p.type ? " · " + typeName(p.type) : "")})]);
  }
  var RELATION = {mentions: "mentions it", restsOn: "rests on it"};
  // The initiatives of several items as one list: one entry per initiative, its relations and quotes merged.
  function mergeInitiatives(lists) {
    var byId = {}, out = [];
    lists.forEach(function (list) {
      (list || []).forEach(function (i) {
        var m = byId[i.id];
        if (!m) { m = byId[i.id] = {id: i.id, name: i.name, nameEn: i.nameEn, kind: i.kind, relations: [], sources: []}; out.push(m); }
        i.relations.forEach(function (r) { if (m.relations.indexOf(r) < 0) m.relations.push(r); });
        m.sources = dedupe(m.sources.concat(i.sources));
      });
    });
    return out;
  }
  function initiative(i) {
    var kind = i.kind ? (i.kind.nameEn || i.kind.name) : "";
    var what = [kind].concat(i.relations.map(function (r) { return RELATION[r] || r; })).filter(Boolean).join(" · ");
    return el("li", {className: "cv-initiative"}, [
      el("a", {href: entityHref("initiative", i.id), lang: "nl", text: i.name}),
      i.nameEn && i.nameEn !== i.name ? el("span", {className: "muted", text: " (" + i.nameEn + ")"}) : null, " ",
      el("span", {className: "cv-kind", text: what}),
      sourceList(i.sources)]);
  }
  function initiativeList(list) { return el("ul", {className: "cv-initiatives"}, list.map(initiative)); }
  function typeName(id) {
    var t = DATA.options.partyTypes.filter(function (x) { return x.id === id; })[0];
    return t ? (t.nameEn || t.name) : id;
  }
  function itemEntry(a) {
    var ev = EVIDENCE[a.id] || {};
    var li = el("li", {className: "cv-item"}, [
      el("h3", {}, [el("a", {href: entityHref(itemKind(a.type), a.id), text: (a.type === "action" ? "Action " : "Action line ") + (a.notation || "")}), " ",
        nl(a.name)])]);
    var through = a.through.filter(function (x) { return x !== a.id; });
    if (through.length) {
      li.appendChild(el("p", {className: "cv-through"}, ["through its actions: "].concat(through.map(function (x, i) {
        var e = EVIDENCE[x] || {};
        return el("span", {}, [i ? ", " : "", el("a", {href: entityHref("action", x), text: e.notation || x}), " ", nl(e.name)]);
      }))));
    }
    li.appendChild(el("p", {className: "cv-why", text: "Why it is classified under this theme:"}));
    var why = [];
    a.through.forEach(function (x) { ((EVIDENCE[x] || {}).classification || []).forEach(function (s) { why.push(s); }); });
    li.appendChild(sourceList(dedupe(why)));
    var parties = [];
    [a.id].concat(through).forEach(function (x) { ((EVIDENCE[x] || {}).parties || []).forEach(function (p) { parties.push(p); }); });
    if (parties.length) {
      var seen = {};
      li.appendChild(el("p", {className: "cv-why", text: "Who carries it:"}));
      li.appendChild(el("ul", {className: "cv-parties"}, parties.filter(function (p) { if (seen[p.id]) return false; seen[p.id] = true; return true; }).map(party)));
      var quotes = [];
      parties.forEach(function (p) { p.sources.forEach(function (s) { quotes.push(s); }); });
      li.appendChild(el("details", {}, [el("summary", {text: "quotes naming the parties (" + dedupe(quotes).length + ")"}), sourceList(dedupe(quotes))]));
    } else {
      li.appendChild(el("p", {className: "muted", text: "No party is recorded for it."}));
    }
    var named = mergeInitiatives([a.id].concat(through).map(function (x) { return (EVIDENCE[x] || {}).initiatives; }));
    if (named.length) {
      li.appendChild(el("p", {className: "cv-why", text: "Initiatives it names or rests on (laws, schemes, programmes …):"}));
      li.appendChild(initiativeList(named));
    }
    if (ev.titleSources && ev.titleSources.length) {
      li.appendChild(el("p", {className: "cv-why", text: "Where the documents name it:"}));
      li.appendChild(sourceList(ev.titleSources));
    }
    return li;
  }
  function dedupe(list) {
    var seen = {};
    return list.filter(function (s) { var k = JSON.stringify(s); if (seen[k]) return false; seen[k] = true; return true; });
  }
  function reportBlock(row) {
    var box = el("section", {className: "cv-drawer-report"}, [el("h3", {text: "The 2024 report on this theme"})]);
    if (row.disagreement) box.appendChild(el("p", {className: "cv-flag"}, [el("span", {"aria-hidden": "true", text: "⚠ "}), row.disagreement.text +
      " (judged on the whole matrix: every programme, no filter)"]));
    if (row.filterNote) box.appendChild(el("p", {className: "cv-filter-note", text: row.filterNote.text}));
    if (!row.report || !row.report.whiteSpots.length) {
      box.appendChild(el("p", {className: "muted", text: "The report names no possible white spot on this theme."}));
      return box;
    }
    row.report.whiteSpots.forEach(function (spot) {
      box.appendChild(el("p", {}, [el("b", {lang: "nl", text: spot.name}), spot.nameEn ? " (" + spot.nameEn + ")" : ""]));
      var list = [];
      spot.statements.forEach(function (s) { list.push(el("li", {}, [el("b", {text: "possible white spot: "}), sourceList(s.sources)])); });
      if (spot.verdict) list.push(el("li", {}, [el("b", {text: "the werkorganisatie's verdict: "}), sourceList(spot.verdict.sources)]));
      if (spot.openQuestion) list.push(el("li", {}, [el("b", {text: "open question, no verdict: "}), sourceList(spot.openQuestion.sources)]));
      spot.possiblyAddressedBy.forEach(function (p) { list.push(el("li", {}, [el("b", {text: "possibly addressed by " + p.programme + ": "}), sourceList(p.sources)])); });
      box.appendChild(el("ul", {className: "cv-plain"}, list));
    });
    return box;
  }
  function copyButton(text) {
    var b = el("button", {type: "button", className: "cv-copy-citation", text: "Copy citation"});
    b.addEventListener("click", function () { window.ltkgCopy(text(), b, "Citation copied"); });
    return b;
  }
  function ownersBlock(theme, programme) {
    return window.ltkgOwners.block({el: el, sourceList: sourceList, entityHref: entityHref, itemKind: itemKind}, DATA, theme, programme);
  }
  function openCell(moveFocus) {
    if (!state.cell) { closeDrawer(false); return; }
    var parts = state.cell.split(":");
    var row = shown.rows.filter(function (r) { return r.id === parts[0]; })[0];
    if (!row) { closeDrawer(false); return; }
    drawerBody.textContent = "";
    if (state.axis === "theme-programme") {
      var cell = row.cells.filter(function (c) { return c.column.id === parts[1]; })[0];
      if (!cell) { closeDrawer(false); return; }
      var col = cell.column;
      drawerBody.appendChild(el("h2", {id: "cv-drawer-title"}, [nl(themeName(row.theme)), " × " + shortName(col)]));
      drawerBody.appendChild(el("p", {className: "cv-drawer-count"}, cell.state === "not-applicable" ?
        ["Not applicable: " + col.notApplicable + "."] :
        [el("b", {text: String(cell.count)}), " " + col.unit + " classified under this theme" + (cell.count === 0 ? ": no coverage." : cell.count === 1 ? ": thin coverage." : ".")]));
      // an empty cell opens the theme's neighbourhood (who-owns-what says so): its parties in other programmes
      // and on related themes
      drawerBody.appendChild(el("p", {className: "cv-drawer-actions"}, [
        el("a", {className: "cv-network", href: "/viz/who-owns-what?programme=" + encodeURIComponent(col.id) + "&theme=" + encodeURIComponent(row.id),
          text: cell.count ? "The same selection as a network →" : "The theme's neighbourhood as a network →"}), " ",
        copyButton(function () { return citation(row, cell); })]));
      if (cell.report && cell.report.length) {
        drawerBody.appendChild(el("h3", {text: "The report's side-by-side reading (documentary)"}));
        ((row.item && row.item.comparisonThemes) || []).forEach(function (match) {
          drawerBody.appendChild(el("p", {className: "cv-why"}, [
            document.createTextNode("From the report's comparison theme "), nl(match.name),
            document.createTextNode(", which the editors match to this theme:")]));
          drawerBody.appendChild(sourceList(match.sources));
        });
        drawerBody.appendChild(el("ul", {className: "cv-plain"}, cell.report.map(function (t) { return el("li", {}, [nl(t.text), sourceList(t.sources)]); })));
        if (cell.reportMentions && cell.reportMentions.length) {
          drawerBody.appendChild(el("p", {className: "cv-why", text: "Initiatives these statements mention:"}));
          drawerBody.appendChild(initiativeList(cell.reportMentions));
        }
      }
      drawerBody.appendChild(ownersBlock(row.id, col.id));
      drawerBody.appendChild(el("ol", {className: "cv-items"}, cell.actions.map(itemEntry)));
    } else {
      drawerBody.appendChild(el("h2", {id: "cv-drawer-title"}, [nl(themeName(row.theme)), " in the ten regional plans"]));
      drawerBody.appendChild(el("p", {className: "cv-drawer-actions"}, [copyButton(function () { return citation(row, null); })]));
      drawerBody.appendChild(el("p", {className: "cv-drawer-count"}, [el("b", {text: PLAN_SYMBOL[row.state] + " " + PLAN_TEXT[row.state]}),
        row.state === "some" ? " — the report's words: " + row.shares.join(", ") : ""]));
      if (!row.readings.length) drawerBody.appendChild(el("p", {className: "muted", text: "The report says nothing on how many plans address this."}));
      drawerBody.appendChild(el("ul", {className: "cv-plain"}, row.readings.map(function (x) {
        return el("li", {}, [el("b", {lang: "nl", text: "“" + x.text + "”"}), " → " + (x.share || "not read"), sourceList(x.sources)]);
      })));
    }
    if (state.axis !== "theme-programme") {
      var owned = ownersBlock(row.parent || row.id, null);
      if (row.parent) {
        var category = shown.rows.filter(function (r) { return r.id === row.parent; })[0];
        owned.insertBefore(el("p", {className: "muted", text: "An indicator takes the candidates of its category, " +
          (category ? themeName(category.theme) : row.parent) + "."}), owned.children[1]);
      }
      drawerBody.appendChild(owned);
    }
    if (row.kind !== "indicator") drawerBody.appendChild(reportBlock(row));
    drawer.hidden = false;
    document.body.classList.add("cv-open");  // the matrix makes room: the panel never hides the report's column
    if (moveFocus) document.getElementById("cv-close").focus();
  }
  function closeDrawer(refocus) {
    drawer.hidden = true;
    document.body.classList.remove("cv-open");
    if (state.cell) { state.cell = ""; writeState(); }
    if (refocus) setFocus(focus.r, focus.c, true);
  }
  document.getElementById("cv-close").addEventListener("click", function () { closeDrawer(true); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape" && !drawer.hidden) closeDrawer(true); });

  // -- CSV of the shown matrix --------------------------------------------------------------------------
  function csvField(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  // One line per cell (theme × programme), or per row on the plan axes, with what a memo cites: the items, the
  // report's verdict and its quote, the source's address; the filters in the first line and in the file's name.
  function filterText() {
    var parts = ["axis=" + state.axis];
    if (state.axis === "theme-programme") {
      parts.push("level=" + state.level, "programmes=" + state.programmes.join("+"));
      if (state.document) parts.push("document=" + state.document);
      if (state.partyType) parts.push("partyType=" + state.partyType);
    }
    if (state.q) parts.push("search=" + state.q);
    if (state.show) parts.push("show=" + state.show);
    return parts.join("; ");
  }
  function fileName() {
    var parts = ["coverage", state.axis];
    if (state.axis === "theme-programme") {
      if (state.level !== "item") parts.push(state.level);
      if (state.programmes.length !== DATA.programmes.length) parts.push(state.programmes.join("+"));
      if (state.document) parts.push(state.document);
      if (state.partyType) parts.push(state.partyType);
    }
    if (state.q) parts.push("q-" + state.q.replace(/[^a-z0-9]+/gi, "-").slice(0, 30));
    if (state.show) parts.push(state.show);
    parts.push(new Date().toISOString().slice(0, 10));
    return parts.join("_") + ".csv";
  }
  function sourceAddress(src) { return src ? location.origin + lineHref(src) : ""; }
  function verdictOf(row) {   // [reading, quote, source] of the report on the row
    var spots = row.report ? row.report.whiteSpots : [];
    if (!spots.length) return [row.report ? row.report.reading || "no white spot named" : "", "", null];
    var spot = spots[0], said = spot.verdict || spot.openQuestion || spot.statements[0];
    var src = said && said.sources.filter(function (x) { return x.kind === "citation"; })[0];
    var label = spot.verdict ? "verdict" : spot.openQuestion ? "open question" : "possible white spot, no verdict";
    return [label + " (" + row.report.reading + ")", said ? stripMarkdown(said.text) : "", src];
  }
  function itemText(a) { return (a.type === "action" ? "" : "line ") + (a.notation || a.id) + " " + (a.name || ""); }
  function csv() {
    var m = shown, lines = [];
    lines.push(["# Coverage workbench, Langer Thuis knowledge graph, exported " + new Date().toISOString().slice(0, 10) +
                " from " + location.href + "; filters: " + filterText()]);
    lines.push(["theme", "theme name", "theme (English)", "programme", "count", "state", "items", "report reading", "verdict quote",
                "source address", "disagreement (whole matrix)", "relative to the filter"]);
    m.rows.forEach(function (row) {
      var v = verdictOf(row);
      var tail = [v[0], v[1], sourceAddress(v[2]), row.disagreement ? row.disagreement.text : "", row.filterNote ? row.filterNote.text : ""];
      var head = [row.id, row.theme.name, row.theme.nameEn];
      if (state.axis === "theme-programme") {
        row.cells.forEach(function (c) {
          lines.push(head.concat([c.column.id, c.state === "not-applicable" ? "n/a" : c.count, c.state,
            c.actions.map(function (a) { return shortName(c.column) + " " + itemText(a); }).join("; ")]).concat(tail));
        });
      } else {
        lines.push(head.concat(["the ten regional plans", row.shares.join("/"), row.state, row.readings.map(function (x) { return x.text; }).join("; ")]).concat(tail));
      }
    });
    return lines.map(function (l) { return l.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }
  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var a = el("a", {href: url, download: name});
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  document.getElementById("cv-csv").addEventListener("click", function () { download(csv(), fileName(), "text/csv;charset=utf-8"); });
  document.getElementById("cv-copy-link").addEventListener("click", function (event) {
    window.ltkgCopy(location.href, event.currentTarget, "Link copied");
  });

  // A cell's citation for a memo: what it counts, the report's reading with its quote and line, and where it is.
  function citation(row, cell) {
    var v = verdictOf(row), src = v[2];
    var what = themeName(row.theme) + (row.theme.nameEn ? " (" + row.theme.nameEn + ")" : "");
    var text = what + (cell ? " × " + shortName(cell.column) + ": " + (cell.state === "not-applicable" ? "not applicable" :
      cell.count + " " + cell.column.unit + (cell.actions.length ? " (" + cell.actions.map(itemText).join("; ") + ")" : "")) : "") + ". ";
    if (v[1]) text += "The 2024 report, " + v[0] + ": “" + v[1] + "” (" + src.document + ", l. " + src.lines[0] + (src.lines[1] !== src.lines[0] ? "–" + src.lines[1] : "") + ", " + sourceAddress(src) + "). ";
    text += "Classification of items under themes: the project's editors (editorial). Langer Thuis knowledge graph, " +
      location.href + " (filters: " + filterText() + "), accessed " + new Date().toISOString().slice(0, 10) + ".";
    return text;
  }

  function update() { writeState(); showControls(); draw(); if (!drawer.hidden || state.cell) openCell(); }
  fillControls();
  readState();
  update();
  // ready: ms from the start of navigation until the matrix is drawn and answers input (bench/views.py)
  window.coverageWorkbench = {csv: csv, fileName: fileName, citation: citation, state: function () { return state; }, shown: function () { return shown; },
                              ready: performance.now()};
})();
