"""The Store contract: what every store answers, whichever runs the query.

`query(text, bindings)` answers `Solutions` (SELECT), `Boolean` (ASK) or `Triples` (CONSTRUCT, DESCRIBE),
holding pyoxigraph terms; `fetch` the same in two steps (see `Store`). Errors are StoreError's kinds.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

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


