"""The search index of the build being served: build/current/search.sqlite (graph/search_index.py), opened
read-only, one connection per thread, and opened anew when a build replaces it.

A search holds no lock and no shared state but the names list (for close spellings), so no query holds up
another; a query that reads too long (MAX_SECONDS) is interrupted by SQLite and answered 503.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from fastapi import Request

from api.http.problems import Problem
from api.search.engine import Searcher
from graph.search_index import FILE_NAME

MAX_SECONDS = 2.0
_local = threading.local()
_names: dict[tuple, list] = {}  # index file identity -> its (rowid, folded name) list, shared by threads
_lock = threading.Lock()


def path_of(request: Request) -> Path:
    return request.app.state.settings.current / FILE_NAME


def searcher(request: Request) -> Searcher:
    """This thread's Searcher over the current build's index; 503 when the build has none."""
    path = path_of(request)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise Problem(503, "this build has no search index: run `ltkg build`", "no-search-index") from None
    key = (str(path), stat.st_ino, stat.st_mtime_ns)
    open_ = getattr(_local, "open", None)
    if open_ is None or open_[0] != key:
        if open_ is not None:
            open_[1].db.close()
        with _lock:
            names = _names.get(key)
            engine = Searcher(str(path), names)
            if names is None:
                for old in [k for k in _names if k[0] == key[0]]:
                    del _names[old]
                _names[key] = engine.names
        _local.open = open_ = (key, engine)
    engine = open_[1]
    deadline = time.monotonic() + MAX_SECONDS
    engine.db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    return engine
