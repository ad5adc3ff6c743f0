"""Public SPARQL queries run in worker processes, so that one that runs too long can be killed.

pyoxigraph evaluates (and parses) a query in native code, and a Python thread cannot be stopped:
a query past its time limit would keep a core busy, and a pathological one (ten thousand nested
groups) overflows the parser's stack and takes its process down. So /sparql sends each query to a
small pool of worker processes (`python -m api.sandbox`), each with its own read-only copy of the
store (opened with `Store.read_only`, copied into memory when small, as api.store does). The
server waits for the answer up to the time limit; past it, the worker is killed (SIGKILL) and a
fresh one takes its place, and the client gets 503. A worker that dies under a query (its memory
limit, a crash in native code) is replaced the same way.

A worker does the whole job: the SERVICE check (rdflib's parser, itself slow on big input),
parsing and evaluation, the row cap, content negotiation and serialisation. It answers finished
bytes, so nothing of pyoxigraph crosses the process boundary.

Each worker, as defence in depth:
- has no network when the kernel allows it (its own, empty network namespace), so that nothing it
  runs can make an outbound request even if a SERVICE clause got past the check;
- has an address-space limit (LTKG_SPARQL_WORKER_MEMORY_MB, default 4096; 0 for none), so that a
  query that materialises a cross product fails alone instead of taking the machine's memory;
- dies with the server (PR_SET_PDEATHSIG), and when its request pipe closes.

The pool has LTKG_SPARQL_WORKERS processes (default: the number of cores, 2 to 4). A query waits at
most max(time limit, 5 s) for a free worker (then 503, busy); at most 256 wait at a time. A query
whose client disconnects is stopped the same way (its worker killed), within half a second.

Requests and answers are pickled over two pipes (this module's own code on both ends).
"""
from __future__ import annotations

import asyncio
import atexit
import ctypes
import logging
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

log = logging.getLogger("ltkg.sandbox")

MAX_PENDING = 256
START_TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parent.parent

SERVICE_REFUSED = ("federated queries (SERVICE) are disabled: this endpoint never makes a request to another "
                   "server on a client's behalf; query that endpoint directly")

if TYPE_CHECKING:
    from api.store import EmbeddedStore


@dataclass(frozen=True)
class Job:
    """One query, as the endpoint received it (checked for updates, size and nesting already)."""
    query: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] | None = None  # the protocol's default-graph-uri, if given
    named_graphs: tuple[str, ...] | None = None  # named-graph-uri


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


def _default_size() -> int:
    value = os.environ.get("LTKG_SPARQL_WORKERS")
    if value:
        return max(1, int(value))
    return min(4, max(2, os.cpu_count() or 2))


def _memory_mb() -> int:
    value = os.environ.get("LTKG_SPARQL_WORKER_MEMORY_MB")
    return int(value) if value else 4096


# -- the server's side ------------------------------------------------------------------------------
class _Worker:
    def __init__(self, process: subprocess.Popen, requests: Connection, answers: Connection, isolated: bool):
        self.process = process
        self.requests = requests
        self.answers = answers
        self.isolated = isolated
        self.busy_since: float | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover (SIGKILL is not refused)
            log.error("query worker %s did not die", self.pid)
        for connection in (self.requests, self.answers):
            try:
                connection.close()
            except OSError:
                pass


class Sandbox:
    """A pool of query workers over the store at `store_path`."""

    def __init__(self, store_path: Path, in_memory_quads: int = 100_000, size: int | None = None,
                 memory_mb: int | None = None):
        self.store_path = Path(store_path)
        self.in_memory_quads = in_memory_quads
        self.size = size or _default_size()
        self.memory_mb = _memory_mb() if memory_mb is None else memory_mb
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._pending = 0
        self._started = False
        self._closed = False
        self._isolated: bool | None = None
        # Workers are started from this one long-lived thread: PR_SET_PDEATHSIG fires when the
        # *thread* that started a process ends, and this one ends only when the pool is closed.
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-spawn")
        self._runner = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="sparql-wait")
        _POOLS.add(self)

    # ---- life
    def start(self) -> None:
        """Start the workers (in the background); idempotent."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        for _ in range(self.size):
            self._spawner.submit(self._spawn)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        self._spawner.shutdown(wait=False, cancel_futures=True)
        self._runner.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(w.pid for w in self._workers)

    def busy(self) -> dict[int, float]:
        """pid: seconds since it took its current query, for the workers running one."""
        now = time.monotonic()
        with self._lock:
            return {w.pid: now - w.busy_since for w in self._workers if w.busy_since is not None}

    def describe(self) -> str:
        network = {True: "without network", False: "with network (isolation unavailable)", None: "not started"}
        return f"{self.size} query worker processes ({network[self._isolated]})"

    def _spawn(self) -> None:
        if self._closed:
            return
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "api.sandbox", str(requests_read), str(answers_write), str(os.getpid()),
                 str(self.store_path), str(self.in_memory_quads), str(self.memory_mb)],
                pass_fds=(requests_read, answers_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                cwd=str(ROOT), env=env)
        except OSError as error:
            log.error("cannot start a query worker: %s", error)
            for fd in (requests_read, requests_write, answers_read, answers_write):
                os.close(fd)
            self._retry_spawn()
            return
        os.close(requests_read)
        os.close(answers_write)
        worker = _Worker(process, Connection(requests_write, readable=False), Connection(answers_read, writable=False),
                         isolated=False)
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._workers.add(worker)
        try:
            if not worker.answers.poll(START_TIMEOUT):
                raise TimeoutError("no sign of life")
            ready = pickle.loads(worker.answers.recv_bytes())
            worker.isolated = bool(ready.get("isolated"))
            self._isolated = worker.isolated
        except (EOFError, OSError, TimeoutError, pickle.UnpicklingError) as error:
            if self._closed:  # killed by close() while it started
                return
            log.error("a query worker did not start (exit %s): %r", worker.process.poll(), error)
            self._discard(worker)
            self._retry_spawn()
            return
        self._idle.put(worker)

    def _retry_spawn(self) -> None:
        if not self._closed:
            time.sleep(1.0)
            self._spawner.submit(self._spawn)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and start another in its place."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        if not self._closed:
            self._spawner.submit(self._spawn)

    # ---- queries
    async def run(self, job: Job, timeout: float,
                  disconnected: Callable[[], Awaitable[bool]] | None = None) -> Answer:
        """The answer to a job, from a worker killed if it takes longer than `timeout` seconds, or if
        `disconnected()` says the client went away meanwhile."""
        self.start()
        with self._lock:
            if self._pending >= MAX_PENDING:
                return _busy(f"{MAX_PENDING} queries are waiting already")
            self._pending += 1
        abandoned = threading.Event()
        try:
            future = self._runner.submit(self._run, job, timeout, time.monotonic(), abandoned)
        except RuntimeError:  # closed
            with self._lock:
                self._pending -= 1
            return Answer(503, kind="store-unavailable", detail="the query workers are shutting down")
        waiting = asyncio.wrap_future(future)
        try:
            while True:
                done, _ = await asyncio.wait({waiting}, timeout=0.5)
                if done:
                    return waiting.result()
                if disconnected is not None and await disconnected():
                    abandoned.set()
        finally:
            abandoned.set()  # also when this coroutine is cancelled

    def _run(self, job: Job, timeout: float, queued: float, abandoned: threading.Event) -> Answer:
        try:
            wait_until = queued + max(timeout, 5.0)
            while True:
                if abandoned.is_set():
                    return _GONE
                try:
                    worker = self._idle.get(timeout=max(0.0, min(0.5, wait_until - time.monotonic())))
                except queue.Empty:
                    if time.monotonic() < wait_until:
                        continue
                    return _busy(f"all {self.size} query workers stayed busy for {max(timeout, 5.0):g} s")
                if worker.alive():
                    break
                self._discard(worker)  # died while idle
            return self._ask(worker, job, timeout, abandoned)
        finally:
            with self._lock:
                self._pending -= 1

    def _ask(self, worker: _Worker, job: Job, timeout: float, abandoned: threading.Event) -> Answer:
        worker.busy_since = started = time.monotonic()
        try:
            worker.requests.send_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            while not worker.answers.poll(max(0.0, min(0.25, started + timeout - time.monotonic()))):
                if abandoned.is_set():
                    log.info("query worker %s killed: its client went away", worker.pid)
                    self._discard(worker)
                    return _GONE
                if time.monotonic() >= started + timeout:
                    log.warning("query worker %s killed after %.1f s: %r", worker.pid, timeout, job.query[:200])
                    self._discard(worker)
                    return Answer(503, kind="query-timeout", headers=(("Retry-After", "60"),),
                                  detail=f"the query ran longer than the limit of {timeout:g} s and was stopped; "
                                         "narrow it down (fewer unbound patterns, a LIMIT) or run it on a copy "
                                         "of the data (see /dataset for downloads)")
            answer = pickle.loads(worker.answers.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            try:
                code = worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
            log.warning("query worker %s stopped under a query (exit %s): %r", worker.pid, code, job.query[:200])
            self._discard(worker)
            return Answer(503, kind="query-aborted",
                          detail="the query stopped its worker process (it needed more memory than a query may "
                                 "use, or hit a limit of the query engine); narrow it down")
        worker.busy_since = None
        self._idle.put(worker)
        return answer


_GONE = Answer(499, kind="client-closed-request", detail="the client went away")


def _busy(detail: str) -> Answer:
    return Answer(503, kind="busy", detail=f"the endpoint is busy: {detail}; retry shortly",
                  headers=(("Retry-After", "5"),))


_POOLS: weakref.WeakSet[Sandbox] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()


# -- the worker's side ------------------------------------------------------------------------------
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


def serialised(value, accept: str | None) -> Answer:
    """The answer of a query's result in the media type the client accepts (406 if none)."""
    from api import results
    from api.store import Boolean, Triples

    offers = (results.GRAPH_TYPES if isinstance(value, Triples)
              else results.BOOLEAN_TYPES if isinstance(value, Boolean) else results.SOLUTION_TYPES)
    media = results.negotiate(accept, offers)
    if media is None:
        return Answer(406, kind="not-acceptable", detail=f"this result can be had as {', '.join(offers)}")
    return Answer(200, media=media, body=results.serialize(value, media), truncated=getattr(value, "truncated", False))


def execute(opener: "EmbeddedStore", job: Job) -> Answer:
    """Run one job against the store: check, parse, evaluate, cap, negotiate, serialise."""
    import pyoxigraph as ox

    from api import sparql_text
    from api.store import StoreUnavailable, materialise

    if sparql_text.uses_service(job.query):
        return Answer(403, kind="federation-disabled", detail=SERVICE_REFUSED)
    try:
        store = opener.open()
    except StoreUnavailable as error:
        return Answer(503, kind="store-unavailable", detail=str(error))
    options: dict = {}
    if job.default_graphs is not None or job.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif not sparql_text.has_dataset_clause(job.query):
        options["use_default_graph_as_union"] = True  # the default graph is the union of all graphs
    try:
        value = materialise(store.query(job.query, **options), job.max_rows)
    except SyntaxError as error:
        return Answer(400, kind="malformed-query", detail=str(error))
    except OSError as error:
        return Answer(503, kind="store-unavailable", detail=f"the store could not be read: {error}")
    except (ValueError, RuntimeError, TypeError) as error:  # an evaluation error
        return Answer(400, kind="query-error", detail=f"the query could not be evaluated: {error}")
    return serialised(value, job.accept)


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
    from api.store import EmbeddedStore

    _serve(requests, answers, EmbeddedStore(Path(store_path), int(in_memory_quads)), isolated)


if __name__ == "__main__":
    from api.sandbox import main as _main  # the module's own classes, not __main__'s, cross the pipes

    _main(sys.argv[1:])
