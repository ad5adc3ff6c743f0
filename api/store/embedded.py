"""The embedded store: the pyoxigraph store of the last good build, read-only, copied into memory when small."""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from api.store.answers import Deadline, guarded, materialise, read, substituted, written
from api.store.contract import Fetched, QuerySyntaxError, Result, StoreUnavailable, Term

log = logging.getLogger("ltkg.store")
IN_MEMORY_QUADS = 3_000_000  # the largest store EmbeddedStore copies into memory (about 0.7 GB a million)


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
        deadline = Deadline(timeout)
        text = substituted(text, bindings)

        def evaluate() -> bytes | Result:
            result = store.query(text, use_default_graph_as_union=True)
            return written(result, deadline) if max_rows is None else materialise(result, max_rows, deadline)

        answer = guarded(evaluate, QuerySyntaxError)
        size = len(answer) if isinstance(answer, bytes) else 0
        return Fetched(size, lambda: guarded(lambda: read(answer, deadline), QuerySyntaxError))


