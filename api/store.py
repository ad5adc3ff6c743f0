"""Where queries run: the embedded pyoxigraph store of the last good build, or a remote SPARQL endpoint.

Both answer `query(text, bindings)` with the same structures: `Solutions` (SELECT), `Boolean` (ASK)
or `Triples` (CONSTRUCT, DESCRIBE), holding pyoxigraph terms. Bindings map variable names to RDF
terms, never raw strings, and both stores bind them the same way: each bound variable is replaced,
in the query text, by its term written in N-Triples syntax (api.sparql_text.substitute). (pyoxigraph's
own `substitutions=` would do for the embedded store, but it does not reach into sub-queries, and
BOUND() of a substituted variable is false there: one mechanism for both stores keeps their answers
alike.) The default graph is the union of all graphs.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx
import pyoxigraph as ox

from api import sparql_text
from ltkg.settings import Settings

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
log = logging.getLogger("ltkg.store")
IN_MEMORY_QUADS = 3_000_000  # the largest store EmbeddedStore copies into memory (about 0.7 GB a million)


@dataclass
class Solutions:
    variables: list[str]
    rows: list[dict[str, Term]]
    truncated: bool = False


@dataclass
class Boolean:
    value: bool


@dataclass
class Triples:
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


Result = Solutions | Boolean | Triples


class StoreError(Exception):
    """Base of the errors a store raises; the message is meant for the client."""


class QuerySyntaxError(StoreError):
    pass


class QueryTimeout(StoreError):
    pass


class StoreUnavailable(StoreError):
    pass


@dataclass
class Fetched:
    """An answer as a store got it (`size` bytes of it), before `reader` makes Python of it."""
    size: int
    reader: Callable[[], Result]

    def read(self) -> Result:
        return self.reader()


class Store(Protocol):
    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Result:
        """The answer, read: fetch(...).read()."""

    def fetch(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Fetched:
        """The store's own work for a query: evaluating it and writing the answer out (in pyoxigraph,
        with the GIL released), or asking the endpoint. A caller on an event loop runs this in a
        worker thread and Fetched.read() (Python) on the loop, where it does not contend for the GIL."""

    def describe(self) -> str: ...

    def version(self) -> object | None:
        """A value that changes when the data changes; None if unknown."""


class _Deadline:
    def __init__(self, seconds: float | None):
        self.end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise QueryTimeout("the query took too long; narrow it down or add a LIMIT")


def _collect(items: Iterable, max_rows: int | None, deadline: _Deadline,
             convert: Callable = lambda item: item) -> tuple[list, bool]:
    """The items, converted, up to max_rows; and whether there were more. Checks the deadline as it goes."""
    out: list = []
    for count, item in enumerate(items):
        if max_rows is not None and count >= max_rows:
            return out, True
        if count % 256 == 0:
            deadline.check()
        out.append(convert(item))
    return out, False


def materialise(result, max_rows: int | None = None, deadline: _Deadline | None = None) -> Result:
    """Plain Python structures from a pyoxigraph result: read(written(...)) without a row cap, else
    solutions taken row by row up to max_rows."""
    deadline = deadline or _Deadline(None)
    if max_rows is None or not isinstance(result, ox.QuerySolutions):
        return read(written(result, deadline, max_rows), deadline)
    variables = [v.value for v in result.variables]
    rows, truncated = _collect(result, max_rows, deadline, lambda solution: _row(variables, solution))
    return Solutions(variables, rows, truncated)


def written(result, deadline: _Deadline, max_rows: int | None = None) -> bytes | Boolean | Triples:
    """The pyoxigraph side of materialise: solutions written out as SPARQL TSV in one call (bytes, for
    read()); a boolean or triples as they are.

    Iterating solutions instead releases and retakes the GIL at every row, and while other requests'
    threads want it that costs more than the query itself did (measured: a third of the CPU time of
    a lookup route under concurrent load). TSV rather than JSON: it is written faster, and its cells
    are whole terms that can be looked up once read (reading a lookup's rows took a third of the time
    JSON did).
    """
    if isinstance(result, ox.QueryBoolean):
        return Boolean(bool(result))
    if isinstance(result, ox.QueryTriples):
        return Triples(*_collect(result, max_rows, deadline))
    out = _DeadlineWriter(deadline)
    result.serialize(out, format=ox.QueryResultsFormat.TSV)
    return b"".join(out.chunks)


def read(answer: bytes | Result, deadline: _Deadline) -> Result:
    """Solutions from what written() gave, or its boolean or triples."""
    return _results_from_tsv(answer, deadline) if isinstance(answer, bytes) else answer


class _DeadlineWriter:
    """A file for pyoxigraph to write results to (in chunks of about 8 KiB) that stops it past the deadline."""

    def __init__(self, deadline: _Deadline):
        self.deadline = deadline
        self.chunks: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        self.deadline.check()
        self.chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass


_TSV_TERMS: dict[str, Term] = {}  # cells already read, for all results (terms are immutable)
_TSV_TERMS_MAX = 65_536  # emptied when full
_TSV_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_TSV_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_TSV_INTEGER = re.compile(r"[+-]?\d+")
_TSV_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TSV_BARE = {_TSV_INTEGER: ox.NamedNode(_XSD + "integer"), _TSV_DECIMAL: ox.NamedNode(_XSD + "decimal")}
_XSD_BOOLEAN = ox.NamedNode(_XSD + "boolean")


class _NotPlainTsv(ValueError):
    """A cell _tsv_term does not read (an RDF-star triple, an unusual number): the slow path reads it."""


def _results_from_tsv(data: bytes, deadline: _Deadline) -> Solutions:
    """Solutions from pyoxigraph's SPARQL 1.1 TSV: a line of ?variables, then a line per row, a cell
    per variable (empty if unbound), each cell a term in Turtle syntax. Cells are read once and
    remembered; a result with a cell this reader does not know is read by pyoxigraph's parser."""
    text = data.decode()
    lines = text.split("\n")
    variables = [name[1:] for name in lines[0].split("\t")] if lines[0] else []
    memo = _TSV_TERMS
    rows = []
    try:
        for count, line in enumerate(lines[1:-1]):
            if count % 4096 == 4095:
                deadline.check()
            row = {}
            for name, cell in zip(variables, line.split("\t")):
                if cell:
                    term = memo.get(cell)
                    if term is None:
                        if len(memo) >= _TSV_TERMS_MAX:
                            memo.clear()
                        term = memo[cell] = _tsv_term(cell)
                    row[name] = term
            rows.append(row)
    except _NotPlainTsv:
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
        rows = _collect(parsed, None, deadline, lambda solution: _row(variables, solution))[0]
    return Solutions(variables, rows)


def _tsv_term(cell: str) -> Term:
    """The term a TSV cell writes: <IRI>, _:blank, "literal" with @language or ^^<datatype>, or a
    bare integer, decimal or boolean."""
    first = cell[0]
    if first == "<" and not cell.startswith("<<"):
        return ox.NamedNode(cell[1:-1])
    if first == '"':
        end = cell.rindex('"')
        lexical, suffix = cell[1:end], cell[end + 1:]
        if "\\" in lexical:
            lexical = _TSV_ESCAPE.sub(_unescape, lexical)
        if not suffix:
            return ox.Literal(lexical)
        if suffix[0] == "@":
            return ox.Literal(lexical, language=suffix[1:])
        if suffix.startswith("^^<") and suffix.endswith(">"):
            return ox.Literal(lexical, datatype=ox.NamedNode(suffix[3:-1]))
    elif first == "_" and cell.startswith("_:"):
        return ox.BlankNode(cell[2:])
    elif cell in ("true", "false"):
        return ox.Literal(cell, datatype=_XSD_BOOLEAN)
    else:
        for pattern, datatype in _TSV_BARE.items():
            if pattern.fullmatch(cell):
                return ox.Literal(cell, datatype=datatype)
    raise _NotPlainTsv(cell)


def _unescape(escape: re.Match) -> str:
    code = escape[1] or escape[2]
    if code:
        return chr(int(code, 16))
    if escape[3] in _TSV_ESCAPES:
        return _TSV_ESCAPES[escape[3]]
    raise _NotPlainTsv(escape[0])


def _results_from_json(data: bytes, max_rows: int | None = None) -> Solutions | Boolean:
    """Solutions or a boolean from SPARQL 1.1 Query Results JSON (rows beyond max_rows dropped, and so marked)."""
    try:
        document = json.loads(data)
        if "boolean" in document:
            return Boolean(bool(document["boolean"]))
        bindings = document["results"]["bindings"]
        truncated = max_rows is not None and len(bindings) > max_rows
        if truncated:
            bindings = bindings[:max_rows]
        terms: dict[tuple, Term] = {}  # a term recurs in many rows (the subject in all): made once

        def term(value: dict) -> Term:
            if value["type"] == "triple":
                return json_term(value)
            key = (value["value"], value["type"], value.get("xml:lang"), value.get("datatype"))
            found = terms.get(key)
            if found is None:
                found = terms[key] = json_term(value)
            return found

        rows = [{name: term(value) for name, value in binding.items()} for binding in bindings]
        return Solutions(list(document["head"].get("vars", [])), rows, truncated)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not SPARQL JSON results ({type(error).__name__}: {error})") from None


def json_term(value: dict) -> Term:
    """The RDF term of a SPARQL JSON results binding ("typed-literal" is SPARQL 1.0's, still sent by Virtuoso)."""
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind == "triple":
        parts = value["value"]
        return ox.Triple(json_term(parts["subject"]), json_term(parts["predicate"]), json_term(parts["object"]))
    raise ValueError(f"a SPARQL JSON result has a term of unknown type {kind!r}")


def _guarded(run: Callable[[], Result], bad_input: type[StoreError]) -> Result:
    """run(), with pyoxigraph's errors turned into store errors.

    pyoxigraph's result iterators must be dropped on the thread that made them; an exception that
    carried them (in its traceback's frames) to another thread would crash the process there. So
    the original exception is let go here, in this thread, and only a fresh one is raised.
    """
    failure: StoreError | None = None
    try:
        return run()
    except StoreError as error:
        failure = type(error)(str(error))
    except OSError as error:  # reading the store failed
        failure = StoreUnavailable(f"the store could not be read: {error}")
    except (SyntaxError, ValueError, RuntimeError) as error:  # a malformed query (or results), an evaluation error
        failure = bad_input(str(error))
    raise failure


def open_read_only(path: Path) -> ox.Store:
    """The build's on-disk store, read-only."""
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreUnavailable(f"cannot open the store at {path}: {error}") from None


def copy_into_memory(on_disk: ox.Store, dump: Path) -> ox.Store:
    """An in-memory copy of the build's store: loaded from the build's N-Quads dump beside it (about
    three times faster than copying quad by quad), or copied from the store if there is no dump."""
    in_memory = ox.Store()
    if dump.is_file():
        in_memory.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    else:
        in_memory.bulk_extend(on_disk)
    return in_memory


class EmbeddedStore:
    """The pyoxigraph store of build/current, opened read-only and reopened after a new build.

    pyoxigraph answers several times faster from memory than from its on-disk (RocksDB) store, so a
    store of at most `in_memory_quads` quads is copied into memory (from the dump beside it,
    build/current/ltkg.nq; about 7 s per million quads, 0.7 GB). Up to `wait_for_copy_quads` the copy
    is made before the first answer; a larger store answers from disk until its copy is ready, made
    in a background thread, so start-up stays fast. The on-disk store is never written to. With
    `merge_default_graph` (the /sparql workers), the in-memory copy's default graph also gets the
    merge of all its graphs: every triple once, however many sources state it.

    A new build is noticed by the identity of the store's directory, looked at (os.stat) at most
    once per `recheck` seconds: a stat per request would cost more than the lookups it guards.
    """

    def __init__(self, path: Path, in_memory_quads: int = IN_MEMORY_QUADS, wait_for_copy_quads: int = 100_000,
                 recheck: float = 1.0, merge_default_graph: bool = False):
        self.path = Path(path)
        self.merge_default_graph = merge_default_graph
        self._merged: ox.Store | None = None
        self.in_memory_quads = in_memory_quads
        self.wait_for_copy_quads = wait_for_copy_quads
        self.recheck = recheck
        self._lock = threading.RLock()  # held while opening, and by _copy within it
        self._store: ox.Store | None = None
        self._stamp: tuple[int, int] | None = None
        self._seen: tuple[float, tuple[int, int]] | None = None  # (when, stamp) of the last stat
        self.in_memory = threading.Event()  # set once the current build is answered from memory

    def describe(self) -> str:
        where = "" if self._store is None else ", in memory" if self.in_memory.is_set() else ", on disk"
        return f"embedded pyoxigraph store at {self.path}{where}"

    def version(self) -> tuple[int, int]:
        """Changes when a new build replaces the store (within `recheck` seconds)."""
        now = time.monotonic()
        seen = self._seen
        if seen is not None and now - seen[0] < self.recheck:
            return seen[1]
        try:
            stat = os.stat(self.path)
        except OSError:
            self._seen = None
            raise StoreUnavailable(f"no build found at {self.path}: run `ltkg build` first") from None
        stamp = (stat.st_ino, stat.st_mtime_ns)
        self._seen = (now, stamp)
        return stamp

    def warm(self) -> None:
        """Open (and copy into memory) now rather than at the first query; quiet if there is no build."""
        try:
            self.open()
        except StoreUnavailable:
            pass

    def open(self) -> ox.Store:
        """The store, opened read-only; reopened when a build replaces it."""
        stamp = self.version()
        store = self._store
        if store is not None and stamp == self._stamp:
            return store
        with self._lock:
            if self._store is None or stamp != self._stamp:
                self.in_memory.clear()
                on_disk = open_read_only(self.path)
                self._store, self._stamp = on_disk, stamp
                size = len(on_disk)
                if size <= min(self.in_memory_quads, self.wait_for_copy_quads):
                    self._copy(on_disk, stamp)
                elif size <= self.in_memory_quads:
                    threading.Thread(target=self._copy, args=(on_disk, stamp),
                                     name="ltkg-store-copy", daemon=True).start()
            return self._store

    def _copy(self, on_disk: ox.Store, stamp: tuple[int, int]) -> None:
        """Answer from an in-memory copy of on_disk, unless a newer build replaced it meanwhile."""
        try:
            in_memory = copy_into_memory(on_disk, self.path.parent / "ltkg.nq")
            if self.merge_default_graph:
                in_memory.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        except (OSError, ValueError, SyntaxError) as error:
            log.warning("answering from disk: the store at %s could not be copied into memory: %s", self.path, error)
            return
        with self._lock:
            if self._stamp == stamp:
                self._store = in_memory
                self._merged = in_memory if self.merge_default_graph else None
                self.in_memory.set()

    def merged(self, store: ox.Store) -> bool:
        """Whether the default graph of `store` (as open() gave it) holds the merge of all graphs, each
        triple once (with merge_default_graph, an in-memory copy; the build's store has none)."""
        return store is self._merged

    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Result:
        return self.fetch(text, bindings, max_rows=max_rows, timeout=timeout).read()

    def fetch(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Fetched:
        """As Store.fetch: the answer written out by pyoxigraph (or, with a row cap, already read: rows
        are then taken one by one, on the thread that made the result, as pyoxigraph requires)."""
        store = self.open()
        deadline = _Deadline(timeout)
        text = _substituted(text, bindings)

        def evaluate() -> bytes | Result:
            result = store.query(text, use_default_graph_as_union=True)
            return written(result, deadline) if max_rows is None else materialise(result, max_rows, deadline)

        answer = _guarded(evaluate, QuerySyntaxError)
        size = len(answer) if isinstance(answer, bytes) else 0
        return Fetched(size, lambda: _guarded(lambda: read(answer, deadline), QuerySyntaxError))


def _substituted(text: str, bindings: Mapping[str, Term] | None) -> str:
    try:
        return sparql_text.substitute(text, bindings or {})
    except sparql_text.SparqlTextError as error:
        raise QuerySyntaxError(str(error)) from None


def _row(variables: list[str], solution: ox.QuerySolution) -> dict[str, Term]:
    row = {}
    for index, name in enumerate(variables):
        term = solution[index]
        if term is not None:
            row[name] = term
    return row


_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # older servers' N-Triples
    "text/ntriples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


class RemoteStore:
    """A SPARQL 1.1 query endpoint (e.g. Virtuoso), queried over HTTP with httpx."""

    accept_solutions = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
    accept_graph = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"

    def __init__(self, endpoint: str, timeout: float = 10.0, client: httpx.Client | None = None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.client = client or httpx.Client(timeout=timeout, follow_redirects=True)

    def describe(self) -> str:
        return f"SPARQL endpoint {self.endpoint}"

    def version(self) -> None:
        return None

    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None,
              default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> Result:
        """As Store.query; default_graphs and named_graphs are passed on as the protocol's
        default-graph-uri and named-graph-uri."""
        return self.fetch(text, bindings, max_rows=max_rows, timeout=timeout, default_graphs=default_graphs,
                          named_graphs=named_graphs).read()

    def fetch(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None,
              default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> Fetched:
        """As Store.fetch: the endpoint's HTTP answer, read by Fetched.read()."""
        if not sparql_text.form(text) in sparql_text.QUERY_FORMS:
            raise QuerySyntaxError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        text = _substituted(text, bindings)
        deadline = _Deadline(timeout)
        graph_query = sparql_text.form(text) in ("CONSTRUCT", "DESCRIBE")
        try:
            data: dict[str, str | list[str]] = {"query": text}
            if default_graphs:
                data["default-graph-uri"] = list(default_graphs)
            if named_graphs:
                data["named-graph-uri"] = list(named_graphs)
            response = self.client.post(
                self.endpoint, data=data,
                headers={"Accept": self.accept_graph if graph_query else self.accept_solutions},
                timeout=timeout or self.timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout or self.timeout} s") from None
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"the SPARQL endpoint is unreachable: {error}") from None
        if response.status_code >= 300:
            raise _refusal(response)
        if response.headers.get("x-sql-state", "").startswith("S1T"):
            # Virtuoso's "anytime" answer: what it found before its time limit, not the whole answer
            raise QueryTimeout("the SPARQL endpoint stopped the query at its time limit (a partial answer)")

        def read() -> Result:
            result = self._result(response, graph_query, max_rows, deadline)
            if "x-sparql-maxrows" in response.headers and not isinstance(result, Boolean):
                result.truncated = True  # Virtuoso cut the answer at its ResultSetMaxRows
            return result
        return Fetched(len(response.content), read)

    @staticmethod
    def _result(response: httpx.Response, graph_query: bool, max_rows: int | None, deadline: _Deadline) -> Result:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in ("application/sparql-results+json", "application/json") and not graph_query:
            return _guarded(lambda: _results_from_json(response.content, max_rows), StoreUnavailable)
        if media in _RESULT_TYPES and not graph_query:
            return _guarded(lambda: materialise(
                ox.parse_query_results(response.content, format=_RESULT_TYPES[media]), max_rows, deadline),
                StoreUnavailable)
        if media in _RDF_TYPES and graph_query:
            return _guarded(lambda: Triples(*_collect(
                ox.parse(response.content, format=_RDF_TYPES[media]), max_rows, deadline, lambda quad: quad.triple)),
                StoreUnavailable)
        raise StoreUnavailable(f"the SPARQL endpoint answered with an unexpected type {media!r}")


# Virtuoso's errors read "Virtuoso <SQLSTATE> Error <code>: <message>", mostly with HTTP 500.
_VIRTUOSO_ERROR = re.compile(r"Virtuoso (\w{5}) Error (\w+):")


def _refusal(response: httpx.Response) -> StoreError:
    """The error of an endpoint's refusal: the client's query (400, or Virtuoso's compiler and argument
    errors), a time limit (Virtuoso's S1T00), or else the endpoint's failure."""
    text = response.text.strip()[:2000]
    if response.status_code == 400:
        return QuerySyntaxError(text or "the endpoint refused the query")
    found = _VIRTUOSO_ERROR.search(text)
    if found:
        state = found[1]
        if state.startswith("S1T"):
            return QueryTimeout(f"the SPARQL endpoint stopped the query at its time limit: {text}")
        if state in ("37000", "22023") or state.startswith("42"):
            return QuerySyntaxError(text)
    return StoreUnavailable(f"the SPARQL endpoint answered HTTP {response.status_code}")


def open_store(settings: Settings) -> Store:
    if settings.sparql_endpoint:
        return RemoteStore(settings.sparql_endpoint, timeout=settings.query_timeout)
    return EmbeddedStore(settings.store_path)
