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

import os
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


class Store(Protocol):
    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Result: ...

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


def _materialise(result, max_rows: int | None, deadline: _Deadline) -> Result:
    """Plain Python structures from a pyoxigraph result."""
    if isinstance(result, ox.QueryBoolean):
        return Boolean(bool(result))
    if isinstance(result, ox.QueryTriples):
        triples, truncated = _collect(result, max_rows, deadline)
        return Triples(triples, truncated)
    variables = [v.value for v in result.variables]
    rows, truncated = _collect(result, max_rows, deadline, lambda solution: _row(variables, solution))
    return Solutions(variables, rows, truncated)


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


def open_read_only(path: Path, in_memory_quads: int) -> ox.Store:
    """The build's store, read-only; copied into memory when it holds at most in_memory_quads quads."""
    try:
        on_disk = ox.Store.read_only(str(path))
        if len(on_disk) > in_memory_quads:
            return on_disk
        in_memory = ox.Store()
        in_memory.bulk_extend(on_disk)
        return in_memory
    except OSError as error:
        raise StoreUnavailable(f"cannot open the store at {path}: {error}") from None


class EmbeddedStore:
    """The on-disk pyoxigraph store of build/current, opened read-only and reopened after a new build.

    A store of at most `in_memory_quads` quads is copied into memory once opened: pyoxigraph answers
    queries several times faster from memory than from its on-disk (RocksDB) store. Copying costs
    about 4 s per 100,000 quads, so larger stores are queried on disk. The on-disk store is never
    written to.
    """

    def __init__(self, path: Path, in_memory_quads: int = 100_000):
        self.path = Path(path)
        self.in_memory_quads = in_memory_quads
        self._lock = threading.Lock()
        self._store: ox.Store | None = None
        self._stamp: tuple[int, int] | None = None

    def describe(self) -> str:
        return f"embedded pyoxigraph store at {self.path}"

    def version(self) -> tuple[int, int]:
        """Changes when a new build replaces the store."""
        try:
            stat = os.stat(self.path)
        except OSError:
            raise StoreUnavailable(f"no build found at {self.path}: run `ltkg build` first") from None
        return stat.st_ino, stat.st_mtime_ns

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
                self._store, self._stamp = open_read_only(self.path, self.in_memory_quads), stamp
            return self._store

    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None) -> Result:
        store = self.open()
        deadline = _Deadline(timeout)
        try:
            text = sparql_text.substitute(text, bindings or {})
        except sparql_text.SparqlTextError as error:
            raise QuerySyntaxError(str(error)) from None
        return _guarded(lambda: _materialise(store.query(text, use_default_graph_as_union=True), max_rows, deadline),
                        QuerySyntaxError)


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
              max_rows: int | None = None, timeout: float | None = None) -> Result:
        if not sparql_text.form(text) in sparql_text.QUERY_FORMS:
            raise QuerySyntaxError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        try:
            text = sparql_text.substitute(text, bindings or {})
        except sparql_text.SparqlTextError as error:
            raise QuerySyntaxError(str(error)) from None
        deadline = _Deadline(timeout)
        graph_query = sparql_text.form(text) in ("CONSTRUCT", "DESCRIBE")
        try:
            response = self.client.post(
                self.endpoint, data={"query": text},
                headers={"Accept": self.accept_graph if graph_query else self.accept_solutions},
                timeout=timeout or self.timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout or self.timeout} s") from None
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"the SPARQL endpoint is unreachable: {error}") from None
        if response.status_code == 400:
            raise QuerySyntaxError(response.text.strip()[:2000] or "the endpoint refused the query")
        if response.status_code >= 300:
            raise StoreUnavailable(f"the SPARQL endpoint answered HTTP {response.status_code}")
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in _RESULT_TYPES and not graph_query:
            return _guarded(lambda: _materialise(
                ox.parse_query_results(response.content, format=_RESULT_TYPES[media]), max_rows, deadline),
                StoreUnavailable)
        if media in _RDF_TYPES and graph_query:
            return _guarded(lambda: Triples(*_collect(
                ox.parse(response.content, format=_RDF_TYPES[media]), max_rows, deadline, lambda quad: quad.triple)),
                StoreUnavailable)
        raise StoreUnavailable(f"the SPARQL endpoint answered with an unexpected type {media!r}")


def open_store(settings: Settings) -> Store:
    if settings.sparql_endpoint:
        return RemoteStore(settings.sparql_endpoint, timeout=settings.query_timeout)
    return EmbeddedStore(settings.store_path)
