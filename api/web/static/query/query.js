// The query page (/sparql in a browser): CodeMirror editor with prefix completion, the cookbook, the results
// as a table (IRIs of this graph link to their pages here), CONSTRUCT/DESCRIBE as Turtle, a download per
// format, errors with the parser's position, and the query kept in the address (#query=… or #example=…).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("query-data").textContent);
  const examples = new Map(data.examples.map((e) => [e.slug, e]));
  const $ = (id) => document.getElementById(id);
  const SELECT_ACCEPT = "application/sparql-results+json";
  const RUN_ACCEPT = SELECT_ACCEPT + ", text/turtle;q=0.9";

  // -- the editor -------------------------------------------------------------------------------------
  const editor = CodeMirror.fromTextArea($("query"), {
    screenReaderLabel: "SPARQL query",
    mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2,
    viewportMargin: Infinity,
    // Tab and Shift+Tab leave the editor as they leave any field (no keyboard trap, WCAG 2.1.2)
    extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run(), "Ctrl-Space": "autocomplete",
                 Tab: false, "Shift-Tab": false },
    hintOptions: { hint: complete, completeSingle: false },
  });
  let errorMark = null;
  editor.on("change", clearErrorMark);
  editor.on("inputRead", (cm, change) => {
    const typed = change.text.join("");
    if (/^[\w:-]$/.test(typed)) cm.showHint({ completeSingle: false });
  });

  function declared(query) {
    const names = new Set();
    for (const m of query.matchAll(/PREFIX\s+([\w-]*):/gi)) names.add(m[1]);
    return names;
  }

  function addPrefix(prefix) {
    if (!(prefix in data.prefixes) || declared(editor.getValue()).has(prefix)) return;
    let line = 0;  // after the last PREFIX line at the top
    while (line < editor.lineCount() && /^\s*(PREFIX|BASE|#)/i.test(editor.getLine(line))) line++;
    editor.replaceRange(`PREFIX ${prefix}: <${data.prefixes[prefix]}>\n`, { line, ch: 0 });
  }

  // Completion: "PREFIX sk" -> the whole declaration; "skos:pref" -> the terms of that vocabulary that the
  // ontology uses (a used prefix is declared at the top if it is not yet).
  function complete(cm) {
    const cursor = cm.getCursor();
    const before = cm.getLine(cursor.line).slice(0, cursor.ch);
    let m = before.match(/PREFIX\s+([\w-]*)$/i);
    if (m) {
      const list = Object.entries(data.prefixes).filter(([p]) => p.startsWith(m[1]))
        .map(([p, iri]) => ({ text: `${p}: <${iri}>`, displayText: `${p}: <${iri}>` }));
      return list.length ? { list, from: CodeMirror.Pos(cursor.line, cursor.ch - m[1].length), to: cursor } : null;
    }
    m = before.match(/(^|[^\w<"'])([A-Za-z][\w-]*):([\w.-]*)$/);
    if (m && data.terms[m[2]]) {
      const [prefix, local] = [m[2], m[3].toLowerCase()];
      const list = data.terms[prefix].filter((t) => t.toLowerCase().startsWith(local)).slice(0, 60)
        .map((t) => ({ text: `${prefix}:${t}`, hint: (cm2, self, item) => {
          cm2.replaceRange(item.text, self.from, self.to);
          addPrefix(prefix);
        } }));
      const from = CodeMirror.Pos(cursor.line, cursor.ch - prefix.length - 1 - m[3].length);
      return list.length ? { list, from, to: cursor } : null;
    }
    m = before.match(/(^|[^\w<"'?$:])([A-Za-z][\w-]*)$/);
    if (m) {  // a word that may become a prefixed name
      const list = Object.keys(data.prefixes).filter((p) => p.startsWith(m[2]) && p !== m[2])
        .map((p) => ({ text: p + ":", displayText: `${p}:  ${data.prefixes[p]}` }));
      return list.length ? { list, from: CodeMirror.Pos(cursor.line, cursor.ch - m[2].length), to: cursor } : null;
    }
    return null;
  }

  // -- the address holds the query --------------------------------------------------------------------
  function fromAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("example") && examples.has(params.get("example"))) {
      return { query: examples.get(params.get("example")).query, slug: params.get("example") };
    }
    if (params.has("query")) return { query: params.get("query"), slug: null };
    const search = new URLSearchParams(location.search);  // /sparql?query=… where a server shows this page for it
    if (search.has("query")) return { query: search.get("query"), slug: null };
    return null;
  }

  function addressFor(query) {
    const slug = [...examples.values()].find((e) => e.query === query)?.slug;
    return "#" + (slug ? new URLSearchParams({ example: slug }) : new URLSearchParams({ query })).toString();
  }

  function remember(query) {
    const hash = addressFor(query);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    $("share").href = hash;
    document.querySelectorAll("[data-example]").forEach((a) => {
      a.toggleAttribute("aria-current", hash === "#example=" + a.dataset.example);
    });
  }

  // -- running a query ---------------------------------------------------------------------------------
  function post(query, accept) {
    return fetch("/sparql", {
      method: "POST", body: new URLSearchParams({ query }),
      headers: { Accept: accept, "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  async function run() {
    const query = editor.getValue();
    remember(query);
    clearErrorMark();
    $("problem").hidden = true;
    $("downloads").hidden = true;
    $("results").replaceChildren();
    $("status").textContent = "Running…";
    $("run").disabled = true;
    const started = performance.now();
    try {
      const response = await post(query, RUN_ACCEPT);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = (response.headers.get("content-type") || "").split(";")[0].trim();
      if (!response.ok) {
        $("status").textContent = "";
        showProblem(response.status, type === "application/problem+json" ? await response.json() : { detail: await response.text() });
        return;
      }
      const truncated = response.headers.get("x-ltkg-truncated");
      if (type === SELECT_ACCEPT) {
        const json = await response.json();
        if ("boolean" in json) {
          $("status").textContent = `ASK: ${json.boolean} · ${seconds} s`;
          $("results").append(element("p", { className: "boolean" }, String(json.boolean)));
        } else {
          const rows = json.results.bindings;
          $("status").textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} · ${seconds} s` + (truncated ? ` · ${truncated}` : "");
          $("results").append(table(json.head.vars, rows));
        }
        offerDownloads(query, data.formats.select);
      } else {
        const text = await response.text();
        $("status").textContent = `Turtle · ${seconds} s` + (truncated ? ` · ${truncated}` : "");
        $("results").append(element("pre", { className: "turtle" }, text || "# (no triples)"));
        offerDownloads(query, data.formats.graph);
      }
    } catch (error) {
      $("status").textContent = "";
      showProblem(0, { title: "The server could not be reached", detail: String(error) });
    } finally {
      $("run").disabled = false;
    }
  }

  // -- errors, with the parser's position -------------------------------------------------------------
  // The position as a field of the problem (line/column, or position: {line, column}), or as the parser
  // writes it in the detail: "error at 3:16" (Oxigraph), "line 3" (Virtuoso).
  function position(problem) {
    const at = problem.position && Number.isInteger(problem.position.line) ? problem.position : problem;
    if (Number.isInteger(at.line)) return { line: at.line, column: at.column || 1 };
    const detail = String(problem.detail || "");
    let m = detail.match(/(?:at|line)\s+(\d+):(\d+)/);
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
    m = detail.match(/\bline\s+(\d+)\b/i);
    return m ? { line: Number(m[1]), column: 1 } : null;
  }

  function showProblem(status, problem) {
    const box = $("problem");
    const where = position(problem);
    box.replaceChildren(
      element("strong", {}, `${status ? status + " " : ""}${problem.title || "Error"}`),
      where ? element("span", { className: "where" }, ` at line ${where.line}, column ${where.column}`) : "",
      element("pre", {}, problem.detail || ""),
    );
    const known = (problem.undeclaredPrefixes || []).filter((prefix) => prefix in data.prefixes);
    if (known.length) {  // one click declares every known prefix the query uses, and runs it again
      const fix = element("button", { type: "button", className: "fix" },
        `Add ${known.map((prefix) => `PREFIX ${prefix}:`).join(", ")} and run`);
      fix.addEventListener("click", () => { known.forEach(addPrefix); run(); });
      box.append(fix);
    }
    box.hidden = false;
    if (where && where.line <= editor.lineCount()) {
      const line = where.line - 1;
      const ch = Math.max(0, Math.min(where.column - 1, editor.getLine(line).length));
      editor.addLineClass(line, "background", "cm-error-line");
      const end = Math.min(ch + 1, editor.getLine(line).length);
      errorMark = { line, text: end > ch ? editor.markText({ line, ch }, { line, ch: end }, { className: "cm-error-at" }) : null };
      editor.setCursor({ line, ch });
      editor.focus();
    }
  }

  function clearErrorMark() {
    if (!errorMark) return;
    editor.removeLineClass(errorMark.line, "background", "cm-error-line");
    if (errorMark.text) errorMark.text.clear();
    errorMark = null;
  }

  // -- the result table ---------------------------------------------------------------------------------
  function element(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children.filter((c) => c !== "" && c != null));
    return node;
  }

  function compact(iri) {
    if (iri.startsWith(data.prefixes.id)) return iri.slice(data.prefixes.id.length);
    for (const [prefix, namespace] of Object.entries(data.prefixes)) {
      if (iri.startsWith(namespace) && !iri.slice(namespace.length).includes("/")) return prefix + ":" + iri.slice(namespace.length);
    }
    return iri;
  }

  function localPath(iri) {
    return iri.startsWith(data.base) ? "/" + iri.slice(data.base.length) : null;
  }

  // An IRI may wrap after each "/", "#" or ":" (and a hyphen), so a long one never pushes the columns out of view.
  function breakable(text) {
    return text.split(/(?<=[/#:])/).flatMap((part, i) => (i ? [document.createElement("wbr"), part] : [part]));
  }

  function term(value) {
    if (value.type === "uri") {
      const path = localPath(value.value);
      return path ? element("a", { href: path, title: value.value, className: "term" }, ...breakable(compact(value.value)))
        : element("span", { title: value.value, className: "term" }, ...breakable(compact(value.value)));
    }
    if (value.type === "bnode") return element("span", { className: "bnode" }, "_:" + value.value);
    const literal = element("span", { className: "literal" }, value.value);
    if (value["xml:lang"]) {
      literal.lang = value["xml:lang"];
      return element("span", {}, literal, element("span", { className: "tag" }, " @" + value["xml:lang"]));
    }
    return literal;
  }

  // A line number next to its document (?document/?line, ?document1/?line1, ?document/?firstLine…) links to
  // that line of the source text.
  function sourceLink(name, row) {
    const m = name.match(/^(.*?)(?:first|last)?line(\d*)$/i);
    if (!m || !row[name] || !/^\d+$/.test(row[name].value)) return null;
    const document = Object.entries(row).find(([other, v]) => v.type === "uri" && v.value.startsWith(data.prefixes.id + "document/")
      && other.replace(/\D+/g, "") === m[2]);
    if (!document) return null;
    const slug = document[1].value.slice((data.prefixes.id + "document/").length);
    const line = row[name].value;
    return element("a", { href: `/sources/${slug}.html?lines=${line}#L${line}`, title: `line ${line} of ${slug}` }, line);
  }

  function table(vars, rows) {
    const head = element("tr", {}, element("th", { className: "n" }, "#"), ...vars.map((v) => element("th", {}, "?" + v)));
    const body = rows.map((row, i) => element("tr", {}, element("td", { className: "n" }, String(i + 1)),
      ...vars.map((v) => element("td", {}, row[v] ? (sourceLink(v, row) || term(row[v])) : ""))));
    return element("div", { className: "table-scroll" },
      element("table", { className: "result" }, element("thead", {}, head), element("tbody", {}, ...body)));
  }

  // -- downloads: the same query again, asked for another format --------------------------------------------
  // A download is named after what it holds: the cookbook example it is (or "query-" and a hash of the text),
  // and the build's version when the server names it; beside each, a link that gives the same file again.
  function downloadName(query) {
    const example = data.examples.find((e) => e.query === query);
    if (example) return example.slug;
    let hash = 0;
    for (const c of query) hash = (Math.imul(hash, 31) + c.codePointAt(0)) | 0;
    return "query-" + (hash >>> 0).toString(16).padStart(8, "0");
  }

  function offerDownloads(query, formats) {
    const box = $("downloads");
    box.replaceChildren(element("span", { className: "muted" }, "Download: "));
    formats.forEach(([label, media, ext], i) => {
      const button = element("button", { type: "button", className: "link" }, label);
      button.title = media;
      const again = element("a", { href: "/sparql?" + new URLSearchParams({ query, format: media }), className: "again",
        title: `a link that gives this ${label} file again` }, "link");
      button.addEventListener("click", async () => {
        const response = await post(query, media);
        if (!response.ok) { showProblem(response.status, await response.json()); return; }
        const version = response.headers.get("x-ltkg-version");
        const url = URL.createObjectURL(await response.blob());
        const a = element("a", { href: url, download: `${downloadName(query)}${version ? "-" + version : ""}.${ext}` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      });
      box.append(i ? " · " : "", button, " (", again, ")");
    });
    box.hidden = false;
  }

  // -- wiring ------------------------------------------------------------------------------------------
  $("query-form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.querySelectorAll("[data-example]").forEach((a) => a.addEventListener("click", (event) => {
    event.preventDefault();
    editor.setValue(examples.get(a.dataset.example).query);
    run();
  }));
  window.addEventListener("hashchange", () => {
    const asked = fromAddress();
    if (asked && asked.query !== editor.getValue()) { editor.setValue(asked.query); run(); }
  });
  const asked = fromAddress();
  if (asked) { editor.setValue(asked.query); run(); } else { remember(editor.getValue()); }
})();
