"""A query worker process (`python -m api.sparql.worker`, started by api/sparql/pool.py): it runs one
/sparql query at a time against its own read-only copy of the store and answers finished bytes.

A worker does the whole job: the SERVICE check (rdflib's parser, itself slow on big input),
parsing and evaluation, the row cap, content negotiation and serialisation. It answers finished
bytes, so nothing of pyoxigraph crosses the process boundary.

Each worker, as defence in depth:
- has no network when the kernel allows it (its own, empty network namespace), so that nothing it
  runs can make an outbound request even if a SERVICE clause got past the check;
- has an address-space limit (LTKG_SPARQL_WORKER_MEMORY_MB, default 4096; 0 for none), so that a
  query that materialises a cross product fails alone instead of taking the machine's memory;
- runs queries on a thread with a 256 MiB stack (pyoxigraph's parser and evaluator recurse; the
  endpoint refuses long chains and deep nesting before they get here, api.store.query_text.outline);
- dies with the server (PR_SET_PDEATHSIG), and when its request pipe closes.
A worker's in-memory copy of the store also holds, in its default graph, the merge of all graphs
(each triple once), which is the default graph of a query; a store too large to copy is read from
disk, where the default graph is their union as a bag (a triple once per graph that states it).


Jobs and answers are pickled over two pipes; `Job` and `Answer` are the two ends' common language.
"""
from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

log = logging.getLogger("ltkg.sandbox")
STACK_BYTES = 256 * 1024 * 1024

SERVICE_REFUSED = ("federated queries (SERVICE) are disabled: this endpoint never makes a request to another "
                   "server on a client's behalf; query that endpoint directly")

if TYPE_CHECKING:
    from api.store.embedded import EmbeddedStore



@dataclass(frozen=True)
class Job:
    """One query, as the endpoint received it (checked for updates, size and nesting already)."""
    query: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] | None = None  # the protocol's default-graph-uri, if given
    named_graphs: tuple[str, ...] | None = None  # named-graph-uri
    base_iri: str | None = None  # what relative IRIs resolve against (a BASE in the query overrides it)
    union: bool = True  # the default graph is the merge of all graphs (no FROM in the query)
    about: str | None = None  # where a cut answer points, in formats that can say so (the service description)
    client: str = ""  # who asked (the client's address), for the pool's fairness


@dataclass(frozen=True)
class Answer:
    """Finished bytes (status 200) or a problem (status >= 400, `kind` and `detail`)."""
    status: int
    media: str | None = None
    body: bytes = b""
    truncated: bool = False
    kind: str | None = None
    detail: str | None = None
    headers: tuple[tuple[str, str], ...] = ()



_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1


def _isolate() -> bool:
    """Leave the network (a new network namespace has only a loopback, and that is down)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWNET) == 0:
            return True
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0  # unprivileged: in a user namespace
    except (OSError, AttributeError):
        return False


def _die_with(parent: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the server went before the line above
        os._exit(0)


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serialised(value, accept: str | None, about: str | None = None) -> Answer:
    """The answer of a query's result in the media type the client accepts (406 if none)."""
    from api.http.accept import best_match
    from api.sparql import results
    from api.store.contract import Boolean, Triples

    offers = (results.GRAPH_TYPES if isinstance(value, Triples)
              else results.BOOLEAN_TYPES if isinstance(value, Boolean) else results.SOLUTION_TYPES)
    media = best_match(accept, offers)
    if media is None:
        return Answer(406, kind="not-acceptable", detail=f"this result can be had as {', '.join(offers)}")
    return Answer(200, media=media, body=results.serialize(value, media, about), truncated=getattr(value, "truncated", False))


def execute(opener: "EmbeddedStore", job: Job) -> Answer:
    """Run one job against the store: check, parse, evaluate, cap, negotiate, serialise."""
    import pyoxigraph as ox

    from api.http.accept import best_match
    from api.sparql import results
    from api.store import query_text
    from api.store.answers import materialise
    from api.store.contract import StoreUnavailable

    if query_text.uses_service(job.query):
        return Answer(403, kind="federation-disabled", detail=SERVICE_REFUSED)
    try:
        store = opener.open()
    except StoreUnavailable as error:
        return Answer(503, kind="store-unavailable", detail=str(error))
    options: dict = {"base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.union and not opener.merged(store):
        options["use_default_graph_as_union"] = True  # the union, as a bag: a store read from disk
    try:
        result = store.query(job.query, **options)
        if isinstance(result, ox.QuerySolutions):  # (evaluated as it is written)
            media = best_match(job.accept, results.SOLUTION_TYPES)
            if media is None:
                return Answer(406, kind="not-acceptable",
                              detail=f"this result can be had as {', '.join(results.SOLUTION_TYPES)}")
            body, truncated = results.solutions_bytes(result, media, job.max_rows, job.about)
            return Answer(200, media=media, body=body, truncated=truncated)
        value = materialise(result, job.max_rows)
    except SyntaxError as error:
        return Answer(400, kind="malformed-query", detail=str(error))
    except OSError as error:
        return Answer(503, kind="store-unavailable", detail=f"the store could not be read: {error}")
    except (ValueError, RuntimeError, TypeError) as error:  # an evaluation error
        return Answer(400, kind="query-error", detail=f"the query could not be evaluated: {error}")
    return serialised(value, job.accept, job.about)


def _serve(requests: Connection, answers: Connection, opener: "EmbeddedStore", isolated: bool) -> None:
    try:
        opener.open()  # now rather than at the first query
    except Exception:  # no build yet: each query will say so
        pass
    answers.send_bytes(pickle.dumps({"pid": os.getpid(), "isolated": isolated}))
    while True:
        try:
            job = pickle.loads(requests.recv_bytes())
        except EOFError:  # the server closed the pipe
            return
        try:
            answer = execute(opener, job)
        except MemoryError:
            answer = Answer(503, kind="query-aborted", detail="the query needed more memory than a query may use")
        except Exception as error:  # noqa: BLE001 - a bug of ours or of pyoxigraph: say so, keep serving
            log.exception("query failed")
            answer = Answer(500, kind="internal-error", detail=f"the query failed: {type(error).__name__}: {error}")
        except BaseException as error:  # pyo3's PanicException is a BaseException
            if isinstance(error, (SystemExit, KeyboardInterrupt)):
                raise
            answer = Answer(500, kind="internal-error", detail=f"the query engine failed: {error}")
        answers.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def main(argv: list[str]) -> None:
    requests_fd, answers_fd, parent, store_path, in_memory_quads, memory_mb = argv
    isolated = _isolate()  # first, while this process has one thread
    _die_with(int(parent))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's; it stops us
    _limit_memory(int(memory_mb))
    requests = Connection(int(requests_fd), writable=False)
    answers = Connection(int(answers_fd), readable=False)
    from api.store.embedded import EmbeddedStore

    opener = EmbeddedStore(Path(store_path), int(in_memory_quads), merge_default_graph=True)
    try:
        threading.stack_size(STACK_BYTES)  # pyoxigraph's parser recurses: far more room than 8 MiB
        server = threading.Thread(target=_serve, args=(requests, answers, opener, isolated), name="query")
        server.start()
    except (RuntimeError, ValueError, MemoryError):
        _serve(requests, answers, opener, isolated)
        return
    server.join()


if __name__ == "__main__":
    from api.sparql.worker import main as _main  # the module's own classes, not __main__'s, cross the pipes

    _main(sys.argv[1:])
