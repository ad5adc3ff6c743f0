"""Answers read within a deadline: pyoxigraph's results turned into the contract's plain structures.

The embedded store writes a SELECT's solutions as TSV in native code and reads them back here
(faster than walking the solutions in Python); a remote store's answers are read with the same
deadline, row cap and error mapping (`guarded`). Bindings are substituted into the query text
the same way for both stores (`substituted`).
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping

import pyoxigraph as ox

from api.store import query_text
from api.store.contract import (Boolean, QuerySyntaxError, QueryTimeout, Result, Solutions, StoreError,
                                StoreUnavailable, Term, Triples)

class Deadline:
    def __init__(self, seconds: float | None):
        self.end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise QueryTimeout("the query took too long; narrow it down or add a LIMIT")


def collect(items: Iterable, max_rows: int | None, deadline: Deadline,
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


def materialise(result, max_rows: int | None = None, deadline: Deadline | None = None) -> Result:
    """Plain Python structures from a pyoxigraph result: read(written(...)) without a row cap, else
    solutions taken row by row up to max_rows."""
    deadline = deadline or Deadline(None)
    if max_rows is None or not isinstance(result, ox.QuerySolutions):
        return read(written(result, deadline, max_rows), deadline)
    variables = [v.value for v in result.variables]
    rows, truncated = collect(result, max_rows, deadline, lambda solution: solution_row(variables, solution))
    return Solutions(variables, rows, truncated)


def written(result, deadline: Deadline, max_rows: int | None = None) -> bytes | Boolean | Triples:
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
        return Triples(*collect(result, max_rows, deadline))
    out = DeadlineWriter(deadline)
    result.serialize(out, format=ox.QueryResultsFormat.TSV)
    return b"".join(out.chunks)


def read(answer: bytes | Result, deadline: Deadline) -> Result:
    """Solutions from what written() gave, or its boolean or triples."""
    return _results_from_tsv(answer, deadline) if isinstance(answer, bytes) else answer


class DeadlineWriter:
    """A file for pyoxigraph to write results to (in chunks of about 8 KiB) that stops it past the deadline."""

    def __init__(self, deadline: Deadline):
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


def _results_from_tsv(data: bytes, deadline: Deadline) -> Solutions:
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
        rows = collect(parsed, None, deadline, lambda solution: solution_row(variables, solution))[0]
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


def guarded(run: Callable[[], Result], bad_input: type[StoreError]) -> Result:
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


def substituted(text: str, bindings: Mapping[str, Term] | None) -> str:
    try:
        return query_text.substitute(text, bindings or {})
    except query_text.SparqlTextError as error:
        raise QuerySyntaxError(str(error)) from None


def solution_row(variables: list[str], solution: ox.QuerySolution) -> dict[str, Term]:
    row = {}
    for index, name in enumerate(variables):
        term = solution[index]
        if term is not None:
            row[name] = term
    return row


