"""The `ltkg` command: build and validate the graph, query it, serve it."""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from graph.settings import settings as load_settings

app = typer.Typer(
    name="ltkg",
    help="Knowledge graph of Dutch elderly-care policy (Langer Thuis and successors), every fact cited to a source line.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(log_path=False)
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


# -- build and validate ------------------------------------------------------------------------------
TRACEBACK = typer.Option(False, "--traceback", help="show the Python traceback of an unexpected error")


@contextmanager
def _stage(what: str, traceback: bool, after_failure: str) -> Iterator[Callable[[str], None]]:
    """A spinner over one stage of work, logging the progress messages it is given; a build's problems are
    printed one a line, any other failure as one error line (its traceback with --traceback)."""
    from graph.kg import BuildError

    with console.status(f"{what}…") as status:
        def progress(message: str) -> None:
            console.log(message, highlight=False)
            status.update(message)

        try:
            yield progress
        except BuildError as error:
            for problem in error.problems:
                errors.print(f"  {problem}", highlight=False, markup=False)
            raise fail(f"the build found {len(error.problems)} problem(s); {after_failure}")
        except typer.Exit:
            raise
        except Exception as error:  # noqa: BLE001 - any other failure is reported, not dumped
            if traceback:
                raise
            raise fail(f"{what} failed ({type(error).__name__}): {error}; {after_failure}")


@app.command()
def build(traceback: bool = TRACEBACK) -> None:
    """Build the graph from the sources and curated data into build/current (ltkg.nq and a store).

    The previous build stays in place unless the new one passes every check.
    """
    from graph import build as graph_build

    started = time.monotonic()
    with _stage("building", traceback, "build/current is unchanged") as progress:
        report = graph_build.build(progress=progress)
    console.print(f"[green]built[/] {report.triples} triples in {report.quads} quads → {report.path} "
                  f"({time.monotonic() - started:.1f} s)", highlight=False)
    console.print(f"version {report.version.version} (N-Quads SHA-256 {report.version.sha256})", highlight=False)
    for doc, parts in report.accounting.items():  # graph/accounting.py: nothing unexplained, or no build
        figures, names = parts["figures"], parts["names"]
        console.print(f"  {doc}: figures {figures['typed']} typed + {figures['omitted']} left out of "
                      f"{figures['stated']}; names {names['cited']} cited + {names['omitted']} not read of "
                      f"{names['found']}", highlight=False)


@app.command()
def validate(traceback: bool = TRACEBACK) -> None:
    """Check the graph the sources make against the ontology's shapes (SHACL); exit 1 if it does not conform."""
    from graph import build as graph_build

    with _stage("validating", traceback, "nothing was validated") as progress:
        ok, report = graph_build.validate(progress=progress)
    console.print(report, highlight=False, markup=False)
    if not ok:
        raise fail("the graph does not conform")
    console.print("[green]the graph conforms[/]")


# -- query ------------------------------------------------------------------------------------------
def _short(term, prefixes: dict[str, str]) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        matches = [(len(ns), prefix, ns) for prefix, ns in prefixes.items() if term.value.startswith(ns)]
        if matches:
            _, prefix, namespace = max(matches)
            return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="the SPARQL query; '-' reads it from standard input"),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="read the query from this file (e.g. a .rq file)",
                                        exists=True, dir_okay=False, readable=True),
    named: Optional[str] = typer.Option(None, "--named", "-n",
                                        help="run a named query of api/queries (e.g. actions) instead"),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named query's parameter; repeatable"),
    format: str = typer.Option("table", "--format", help="table, json or csv (CONSTRUCT/DESCRIBE: Turtle)"),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="show at most this many rows"),
) -> None:
    """Run a read-only SPARQL query against the current build (or LTKG_SPARQL_ENDPOINT) and print the answer.

    The default graph is the union of all graphs. Examples:

      ltkg query 'PREFIX ltkg: <https://ltkg.example.org/def/> SELECT ?a WHERE { ?a a ltkg:Action }'

      ltkg query --named actions -p lead=vws --format csv
    """
    from api import queries
    from api.sparql import results
    from api.store import query_text
    from api.store import open_store
    from api.store.contract import Boolean, StoreError, Triples
    from graph.ns import ID, PREFIXES

    if format not in ("table", "json", "csv"):
        raise fail(f"--format must be table, json or csv, not {format!r}")
    sources = [x for x in (sparql, file, named) if x is not None]
    if len(sources) != 1:
        raise fail("give exactly one of: a query, --file or --named")
    bindings = {}
    if named:
        try:
            named_query = queries.load(named)
        except FileNotFoundError:
            known = ", ".join(q.name for q in queries.all_queries())
            raise fail(f"no named query {named!r} (known: {known})")
        pairs = {}
        for item in param:
            name, sep, value = item.partition("=")
            if not sep:
                raise fail(f"--param takes NAME=VALUE, not {item!r}")
            pairs[name] = value
        try:
            bindings = named_query.bind(pairs)
        except queries.ParamError as error:
            raise fail(str(error))
        text = named_query.render(bindings)  # its `#+ when` filters for the given parameters; no paging
    elif param:
        raise fail("--param is for --named queries")
    elif file is not None:
        text = file.read_text(encoding="utf-8")
    else:
        text = sys.stdin.read() if sparql == "-" else sparql
    if not text.strip():
        raise fail("the query is empty")
    if query_text.is_update(text):
        raise fail("this command is read-only: SPARQL Update is not accepted")

    config = load_settings()
    store = open_store(config)
    with console.status(f"querying {store.describe()}…"):
        try:
            result = store.query(text, bindings, max_rows=limit or config.max_rows, timeout=config.query_timeout)
        except StoreError as error:
            raise fail(str(error))
    if isinstance(result, Triples):
        sys.stdout.write(results.serialize(result, results.TURTLE).decode())
        return
    if isinstance(result, Boolean):
        console.print(json.dumps({"boolean": result.value}) if format == "json" else str(result.value).lower())
        return
    if format == "json":
        sys.stdout.write(results.serialize(result, results.SPARQL_JSON).decode() + "\n")
    elif format == "csv":
        sys.stdout.write(results.serialize(result, results.CSV).decode())
    else:
        prefixes = {**PREFIXES, "id": ID}
        table = Table(*result.variables, show_lines=False)
        for row in result.rows:
            table.add_row(*(_short(row.get(v), prefixes) for v in result.variables))
        console.print(table)
        more = " (more not shown)" if result.truncated else ""
        errors.print(f"{len(result.rows)} row(s){more}", highlight=False)


# -- serve ------------------------------------------------------------------------------------------
@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, min=1, max=65535, help="port to listen on"),
    access_log: bool = typer.Option(True, help="log every request (one line each) to the terminal"),
) -> None:
    """Serve the REST API (/api), the SPARQL endpoint (/sparql) and the network page (/viz/who-owns-what)."""
    import uvicorn

    from api.app import create_app
    from api.http.serving import server_options

    config = load_settings()
    if not config.sparql_endpoint and not config.store_path.exists():
        errors.print(f"[yellow]warning:[/] no build at {config.store_path}; run `ltkg build` first "
                     "(the service answers 503 until then)", highlight=False)
    console.print(f"serving on http://{host}:{port}/ (API at /api, SPARQL at /sparql, docs at /docs)", highlight=False)
    try:
        uvicorn.run(create_app(config), host=host, port=port, log_level="info", access_log=access_log,
                    **server_options(config))
    except OSError as error:
        raise fail(f"cannot listen on {host}:{port}: {error}")


@app.command()
def viz(
    view: str = typer.Argument(..., help="who-owns-what, lineage, party (with its id) or coverage"),
    ident: Optional[str] = typer.Argument(None, metavar="[ID]", help="the party's id, for `party` (e.g. vws)"),
    output: Path = typer.Option(..., "--output", "-o", help="the HTML file to write", dir_okay=False),
    programme: Optional[str] = typer.Option(None, "--programme", help="only this programme (its id, e.g. wozo)"),
    theme: Optional[str] = typer.Option(None, "--theme", help="only this theme (its id), for who-owns-what"),
    depth: Optional[int] = typer.Option(None, "--depth", min=1, max=3, help="steps out from the party, for `party`"),
) -> None:
    """Write a view as one standalone HTML file that opens from disk with no server and no network.

    Examples: `ltkg viz who-owns-what --programme wozo -o wozo.html`, `ltkg viz party vws -o vws.html`,
    `ltkg viz lineage -o lineage.html`. The view is made from the last build, as `ltkg serve` shows it."""
    from ltkg.export import ExportError, standalone, view_url

    config = load_settings()
    if not config.sparql_endpoint and not config.store_path.exists():
        raise fail(f"no build at {config.store_path}; run `ltkg build` first")
    try:
        html = standalone(config, view_url(view, ident, {"programme": programme, "theme": theme, "depth": depth}))
    except ExportError as error:
        raise fail(str(error))
    output.write_text(html, encoding="utf-8")
    console.print(f"wrote {output} ({len(html.encode()) // 1024} KiB)", highlight=False)


# -- readme -----------------------------------------------------------------------------------------
@app.command()
def readme(
    check: bool = typer.Option(False, "--check", help="only say whether README.md is up to date (exit 1 if not)"),
    path: Path = typer.Option(Path("README.md"), help="the README to rewrite"),
) -> None:
    """Rewrite README.md's generated blocks: what the last good build holds (entities per kind, citations per
    document) and the cookbook's questions (examples/*.rq)."""
    import pyoxigraph as ox

    from ltkg.readme import update

    config = load_settings()
    if not config.store_path.exists():
        raise fail(f"no build at {config.store_path}; run `ltkg build` first")
    if not path.is_file():
        raise fail(f"no README at {path}")
    text = path.read_text(encoding="utf-8")
    try:
        new = update(text, ox.Store.read_only(str(config.store_path)))
    except ValueError as error:
        raise fail(str(error))
    if new == text:
        console.print(f"{path} is up to date", highlight=False)
    elif check:
        raise fail(f"{path} is stale: run `ltkg readme`")
    else:
        path.write_text(new, encoding="utf-8")
        console.print(f"{path} rewritten", highlight=False)


@app.command()
def examples(
    check: bool = typer.Option(False, "--check", help="only say which examples are stale (exit 1 if any)"),
) -> None:
    """Rewrite the OpenAPI examples (api/rest/openapi_examples/*.json) from the last good build: each route is
    asked again with its example's parameters, and its answer shortened as the file's rules say."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.rest.examples import EXAMPLES_DIR, rewrite

    config = load_settings()
    if not config.store_path.exists():
        raise fail(f"no build at {config.store_path}; run `ltkg build` first")
    with TestClient(create_app(config)) as client:
        try:
            changed = rewrite(client, check=check)
        except ValueError as error:
            raise fail(str(error))
    if not changed:
        console.print(f"the examples in {EXAMPLES_DIR.name}/ are up to date", highlight=False)
    elif check:
        raise fail(f"stale examples ({', '.join(changed)}): run `ltkg examples`")
    else:
        console.print(f"rewrote {len(changed)} example(s): {', '.join(changed)}", highlight=False)


@app.command()
def links(
    reference: Path = typer.Option(None, "--reference", help="the register snapshot's folder (default graph/reference; "
                                   "e.g. ../shared/reference for a new snapshot before it is copied in)",
                                   file_okay=False, exists=True),
) -> None:
    """Review the links to outside registers (graph/data/register-links.yaml) against a snapshot: the links it
    changes or drops, the rows it ended, identifiers it adds, and candidate links for parties and laws without one.
    Candidates are proposals: a link exists only once an editor writes it into the curated file. Exit 1 when a
    link changed or disappeared."""
    from graph import registers
    from graph.settings import DATA_DIR, REFERENCE_DIR

    folder = reference or REFERENCE_DIR
    snapshot = registers.Snapshot.read(folder)
    curated_links = registers.Links(DATA_DIR / "register-links.yaml")
    changes = registers.review(snapshot, curated_links)
    console.print(f"[bold]{len(curated_links.links)} curated links[/] checked against {folder}", highlight=False)
    for change in changes:
        console.print(f"  {change.what:8} {change.where}  {change.text}", highlight=False, markup=False)
    candidates = registers.propose(snapshot, curated_links, registers.entities(DATA_DIR))
    console.print(f"[bold]{len(candidates)} candidate links[/] (unlinked, not rejected; review each by hand)",
                  highlight=False)
    for c in candidates:
        console.print(f"  {c.kind} {c.slug}: {c.row} ({c.note}); its {c.name!r} = the register's {c.matched!r}",
                      highlight=False, markup=False)
    broken = [change for change in changes if change.what in ("gone", "changed")]
    if broken:
        raise fail(f"{len(broken)} link(s) changed or disappeared in this snapshot: review register-links.yaml")


# -- releases and what changed -------------------------------------------------------------------------
@app.command()
def release(
    output: Path = typer.Option(Path("dist"), "--output", "-o", help="the folder to write ltkg-<version>.zip into"),
) -> None:
    """Write the last good build as one versioned, self-describing archive (dumps, description, CITATION.cff,
    licence, SHA256SUMS), ready to deposit in a research data repository."""
    from ltkg.release import ReleaseError, release as make_release

    try:
        made = make_release(load_settings(), output)
    except ReleaseError as error:
        raise fail(str(error))
    console.print(f"wrote {made.path} (version {made.version.version}, {len(made.files)} files and SHA256SUMS)",
                  highlight=False)


@app.command()
def diff(
    old: Path = typer.Argument(..., help="the older build: a build folder (build/current), its parent, or a .nq file"),
    new: Path = typer.Argument(..., help="the newer build, likewise"),
    output_format: str = typer.Option("text", "--format", help="text or json"),
    limit: int = typer.Option(50, help="entities and statements listed per kind in text (all in json)"),
) -> None:
    """What changed between two builds: entities and statements added, removed or changed (a statement whose
    sources changed). Entity IRIs are stable, so entities are compared by IRI."""
    from graph.diff import diff as compare

    if output_format not in ("text", "json"):
        raise fail(f"--format must be text or json, not {output_format!r}")
    try:
        found = compare(old, new)
    except FileNotFoundError as error:
        raise fail(str(error))
    if output_format == "json":
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
        return
    console.print(f"{found.old} → {found.new}", highlight=False)
    for what, count in found.summary().items():
        console.print(f"  {what}: {count}", highlight=False, markup=False)
    for title, items in (("entities added", found.entities_added), ("entities removed", found.entities_removed),
                         ("entities changed", found.entities_changed)):
        for iri in items[:limit]:
            console.print(f"{title[9:]:>8} entity {iri}", highlight=False, markup=False)
    for title, statements in (("added", found.statements_added), ("removed", found.statements_removed)):
        for statement in statements[:limit]:
            console.print(f"{title:>8} " + " ".join(str(term) for term in statement), highlight=False, markup=False)
    for statement, before, after in found.statements_changed[:limit]:
        console.print(f" changed {' '.join(str(term) for term in statement)}: sources {before} → {after}",
                      highlight=False, markup=False)
    if not found.empty and output_format == "text":
        console.print(f"(at most {limit} of each listed; --format json lists all)", highlight=False)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
