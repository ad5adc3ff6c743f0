"""Named SPARQL queries in api/queries/*.rq, grlc-style: each file declares its parameters in its header.

Header lines start with `#+`:

    #+ summary: one line on what the query answers
    #+ description: more on its rows (optional)
    #+ param: NAME  TYPE  required|optional  "what it means"      (one line per parameter)

TYPE is `string`, `integer`, `iri`, or `id:KIND` (an entity's slug, bound as the IRI
https://ltkg.example.org/id/KIND/SLUG). Every parameter is a variable of the same name in the query;
a given value replaces that variable by its RDF term (api.store.answers binds, never pastes strings), and a
parameter not given stays an unbound variable. Two directives in the query body, both comments to
any other SPARQL client, so that a file runs as it stands (no filters, no paging):

    #+ when NAME: <SPARQL>    the SPARQL on this line counts only when parameter NAME is given
                              (a filter that costs nothing when it is not asked for)
    #+ page                   becomes `LIMIT n OFFSET m` for a route that pages in SPARQL

A parameter given several values (a list) matches any of them: its `when` lines are switched on behind
`VALUES ?NAME { ... }` and the variable stays unbound elsewhere, which a parameter used only on its own `when`
lines allows (QueryFile.repeatable).

Checked when a file is loaded: it is a SELECT query; every `when` names a parameter; no BOUND(?NAME)
of a parameter (a bound parameter is a term, and BOUND(<term>) is not SPARQL); no parameter in the
SELECT clause of a sub-query.
"""
from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool

from api.store import query_text
from api.store.contract import Result, Solutions, Store, StoreUnavailable, Term
from graph.ns import ID, iri, rebase
from graph.settings import QUERIES_DIR

XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_STRING = 200
_TYPES = re.compile(r"^(string|integer|iri|id:[a-z][a-z0-9-]*)$")
_WHEN = re.compile(r"^(?P<indent>\s*)#\+\s*when\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:(?P<sparql>.*)$")
_PAGE = re.compile(r"^(?P<indent>\s*)#\+\s*page\s*$")


class QueryFileError(Exception):
    """A .rq file whose header or text breaks the rules above."""


class ParamError(ValueError):
    """A bad request parameter: its name, the message, and the valid choices where they are few enough
    to list (an unknown id of a filter, an unknown kind)."""

    def __init__(self, name: str, message: str, choices: list[str] | None = None):
        self.name = name
        self.choices = choices
        super().__init__(message)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str

    @property
    def kind(self) -> str | None:
        """For id:KIND parameters, the KIND of entity."""
        return self.type[3:] if self.type.startswith("id:") else None

    def coerce(self, raw: str) -> Term:
        """The RDF term for a request value; ParamError if the value does not fit the type."""
        value = raw.strip()
        if self.type == "string":
            if len(value) > MAX_STRING:
                raise ParamError(self.name, f"{self.name} is longer than {MAX_STRING} characters")
            return ox.Literal(value)
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", value):
                raise ParamError(self.name, f"{self.name} must be an integer, not {raw!r}")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "iri":
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise ParamError(self.name, f"{self.name} must be an absolute IRI, not {raw!r}") from None
        try:
            return ox.NamedNode(str(iri(self.kind, value)))
        except ValueError:
            raise ParamError(self.name, f"{self.name} must be the id of a {self.kind} "
                                        f"(lower-case letters, digits, '-' and '.'), not {raw!r}") from None

    def openapi(self) -> dict:
        schema = {"type": "integer"} if self.type == "integer" else {"type": "string"}
        if self.kind:
            schema["pattern"] = r"^[a-z0-9][a-z0-9.\-]*$"
        elif self.type == "string":
            schema["maxLength"] = MAX_STRING
        return {"name": self.name, "in": "query", "required": self.required,
                "description": self.description, "schema": schema}


class Multi(tuple):
    """Several terms given for one parameter: a solution may match any of them. Its `when` lines are switched
    on behind a VALUES block of the terms, and the variable is left unbound elsewhere."""


@dataclass(frozen=True)
class QueryFile:
    name: str
    text: str
    summary: str
    params: tuple[Param, ...]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def paged(self) -> bool:
        return any(_PAGE.match(line) for line in self.text.splitlines())

    def render(self, given: Iterable[str] | Mapping[str, object], page: tuple[int, int] | None = None) -> str:
        """The text with the `when` lines of the given parameters switched on (behind a VALUES block for a
        parameter bound to several terms, a Multi), and the page if any."""
        multi = frozenset((name, " ".join(map(str, terms))) for name, terms in given.items()
                          if isinstance(terms, Multi)) if isinstance(given, Mapping) else frozenset()
        return _rendered(self, frozenset(given), None if page is None else (int(page[0]), int(page[1])), multi)

    def repeatable(self, name: str) -> bool:
        """Whether the parameter may take several values: its variable is used on its own `when` lines only."""
        pattern = re.compile(rf"[?$]{re.escape(name)}\b")
        for line in self.text.splitlines():
            when = _WHEN.match(line)
            if when is not None and when["name"] == name:
                continue
            text = when["sparql"] if when is not None else line.split("#", 1)[0]  # what follows '#' is a comment, or the
            # end of an IRI (which holds no variable)
            if pattern.search(text):
                return False
        return True

    def _render(self, given: frozenset[str], page: tuple[int, int] | None, multi: frozenset = frozenset()) -> str:
        values = dict(multi)
        lines = []
        for line in self.text.splitlines():
            when, paging = _WHEN.match(line), _PAGE.match(line)
            if when and when["name"] in given:
                inline = f"VALUES ?{when['name']} {{ {values[when['name']]} }} " if when["name"] in values else ""
                line = when["indent"] + inline + when["sparql"].strip()
            elif paging and page is not None:
                limit, offset = page
                if limit < 0 or offset < 0:
                    raise ValueError("limit and offset cannot be negative")
                line = f"{paging['indent']}LIMIT {limit} OFFSET {offset}"
            lines.append(line)
        return "\n".join(lines) + "\n"

    def bind(self, values: Mapping[str, str | list[str] | None]) -> dict[str, Term | Multi]:
        """RDF terms for the request values (a list: any of them, see Multi); ParamError for an unknown,
        missing or ill-typed value, or several values for a parameter that takes one."""
        for name in values:
            if self.param(name) is None:
                known = ", ".join(p.name for p in self.params) or "none"
                raise ParamError(name, f"unknown parameter {name!r} (known: {known})")
        bindings: dict[str, Term] = {}
        for param in self.params:
            raw = values.get(param.name)
            if not isinstance(raw, str) and raw is not None:
                raw = [one for one in raw if one.strip()] or None
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                if param.required:
                    raise ParamError(param.name, f"{param.name} is required")
                continue
            if isinstance(raw, str):
                bindings[param.name] = param.coerce(raw)
                continue
            terms = Multi(dict.fromkeys(param.coerce(one) for one in raw))  # distinct, in the order given
            if len(terms) > 1 and not self.repeatable(param.name):
                raise ParamError(param.name, f"give {param.name} once")
            bindings[param.name] = terms if len(terms) > 1 else terms[0]
        return bindings


def parse(name: str, text: str) -> QueryFile:
    summary, params = "", []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#+") or _WHEN.match(line) or _PAGE.match(line):
            continue
        key, _, rest = line[2:].strip().partition(":")
        key, rest = key.strip(), rest.strip()
        where = f"{name}.rq:{number}"
        if key == "summary":
            summary = rest
        elif key == "param":
            try:
                fields = shlex.split(rest)
            except ValueError as error:
                raise QueryFileError(f"{where}: {error}") from None
            if len(fields) != 4 or fields[2] not in ("required", "optional") or not _TYPES.match(fields[1]):
                raise QueryFileError(f'{where}: write `#+ param: NAME TYPE required|optional "description"` '
                                     f"with TYPE string, integer, iri or id:KIND")
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", fields[0]):
                raise QueryFileError(f"{where}: {fields[0]!r} is not a SPARQL variable name")
            params.append(Param(fields[0], fields[1], fields[2] == "required", fields[3]))
        elif key not in ("description", "method", "tags"):
            raise QueryFileError(f"{where}: unknown header key {key!r}")
    query = QueryFile(name, text, summary, tuple(params))
    _check(query)
    return query


def _check(query: QueryFile) -> None:
    if query_text.form(query.text) != "SELECT":
        raise QueryFileError(f"{query.name}.rq: a named query must be a SELECT query")
    for number, line in enumerate(query.text.splitlines(), 1):
        when = _WHEN.match(line)
        if when and query.param(when["name"]) is None:
            raise QueryFileError(f"{query.name}.rq:{number}: `when {when['name']}` names no declared parameter")
    for param in query.params:
        if re.search(rf"BOUND\s*\(\s*[?$]{param.name}\s*\)", query.text, re.IGNORECASE):
            raise QueryFileError(f"{query.name}.rq: BOUND(?{param.name}) of a parameter: use `#+ when {param.name}:` "
                                 "lines for what depends on it being given")
    dummies = {p.name: ox.NamedNode("urn:x-ltkg:check") for p in query.params}
    try:
        query_text.substitute(query.render(dummies, (1, 0)), dummies)
    except query_text.SparqlTextError as error:
        raise QueryFileError(f"{query.name}.rq: {error}") from None


@functools.lru_cache(maxsize=1024)
def _rendered(query: QueryFile, given: frozenset[str], page: tuple[int, int] | None, multi: frozenset) -> str:
    """QueryFile.render, once per query, parameters given and page: the routes render the same few often."""
    return query._render(given, page, multi)


def single(bindings: Mapping[str, Term | Multi]) -> dict[str, Term]:
    """The bindings the store substitutes: those of one term (a Multi is in the rendered text already)."""
    return {name: term for name, term in bindings.items() if not isinstance(term, Multi)}


@functools.cache
def load(name: str, directory: Path = QUERIES_DIR) -> QueryFile:
    path = directory / f"{name}.rq"
    return parse(name, rebase(path.read_text(encoding="utf-8")))


def all_queries(directory: Path = QUERIES_DIR) -> list[QueryFile]:
    return [load(path.stem, directory) for path in sorted(directory.glob("*.rq"))]


def run(store: Store, query: QueryFile, values: Mapping[str, str | list[str] | None], *,
        page: tuple[int, int] | None = None, timeout: float | None = None) -> Solutions:
    """The query's solutions for the request values (validated and bound as RDF terms)."""
    bindings = query.bind(values)
    return _solutions(query, store.query(query.render(bindings, page), single(bindings), timeout=timeout))


READ_ON_LOOP_BYTES = 256 * 1024


async def answer(store: Store, query: QueryFile, values: Mapping[str, str | None], *,
                 timeout: float | None = None) -> Solutions:
    """run(), for a route on the event loop: the store's work (Store.fetch) in a worker thread, and the
    reading of a small answer on the loop itself. Reading is Python: in a worker thread it would
    contend with the loop for the GIL, which cost a lookup route under load a fifth of its CPU time
    (measured); a large answer is still read in a worker, so as not to hold the loop up."""
    bindings = query.bind(values)
    fetched = await run_in_threadpool(store.fetch, query.render(bindings), single(bindings), timeout=timeout)
    result = fetched.read() if fetched.size <= READ_ON_LOOP_BYTES else await run_in_threadpool(fetched.read)
    return _solutions(query, result)


def _solutions(query: QueryFile, result: Result) -> Solutions:
    if not isinstance(result, Solutions):
        raise QueryFileError(f"{query.name}.rq did not answer solutions")
    if result.truncated:  # a remote endpoint's own row limit: a partial answer would be a wrong one
        raise StoreUnavailable(f"the SPARQL endpoint cut the answer of {query.name}.rq short at its row limit "
                               "(for Virtuoso: raise ResultSetMaxRows in virtuoso.ini)")
    return result


def slug(term: Term | None) -> str | None:
    """The id (slug) of an entity IRI of this graph, else the IRI itself."""
    if term is None:
        return None
    value = term.value
    if isinstance(term, ox.NamedNode) and value.startswith(ID):
        return value.rpartition("/")[2]
    return value
