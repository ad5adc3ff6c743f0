"""Public SPARQL queries run in worker processes, so that one that runs too long can be killed.

pyoxigraph evaluates (and parses) a query in native code, and a Python thread cannot be stopped:
a query past its time limit would keep a core busy, and a pathological one (ten thousand nested
groups) overflows the parser's stack and takes its process down. So /sparql sends each query to a
small pool of worker processes (`python -m api.sparql.pool`), each with its own read-only copy of the
store (opened with `Store.read_only`, copied into memory when small, as api.store.embedded does). The
server waits for the answer up to the time limit; past it, the worker is killed (SIGKILL) and a
fresh one takes its place, and the client gets 503. A worker that dies under a query (its memory
limit, a crash in native code) is replaced the same way.

Fair shares, so that one client cannot hold the endpoint up:
- one client (its address) may have LTKG_SPARQL_CLIENT_QUERIES queries in flight (default 2); one
  more is answered 429 at once, with Retry-After (when the oldest of them will have been answered
  or stopped);
- the pool has LTKG_SPARQL_WORKERS processes (default: twice the cores, 4 to 8) for the queries
  at hand, which wait for one in turn. A query that runs longer than half a second drops to a low
  priority (nice 10, every thread of its worker) and the pool starts one more worker for the others,
  up to LTKG_SPARQL_MAX_WORKERS (default LTKG_SPARQL_WORKERS + 4); the extra workers are retired
  once those queries are over and they have been idle for 30 s;
- a client whose query ran long is marked for a minute: its next queries start at low priority and
  never take the last idle worker, which is kept for the other clients.
A query waits at most max(time limit, 5 s) for a free worker (then 503, busy); at most 256 wait at a
time. A query whose client disconnects is stopped the same way (its worker killed), within half a second.

The worker's side (what runs a query, and how a worker is isolated) is api/sparql/worker.py.
"""
from __future__ import annotations

import asyncio
import atexit
import logging
import math
import os
import pickle
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from api.sparql.worker import Answer, Job
from graph.settings import ROOT, Settings

log = logging.getLogger("ltkg.sandbox")

MAX_PENDING = 256
START_TIMEOUT = 60.0
LOW_PRIORITY_AFTER = 0.5  # seconds; a query running longer gives way to others (nice LOW_PRIORITY)
LOW_PRIORITY = 10  # (not 19: a short query slowed past the mark by a busy machine must not starve)


def priority_restorable() -> bool:
    """Whether this process may set a worker back to normal priority after lowering it: as root, or where
    RLIMIT_NICE lets it raise a priority to 0. Where it may not, a lowered worker is replaced after its
    query, so a slow client's queries do not start lowered (the kept-back last worker holds them back)
    and only a query that does run long is lowered."""
    if os.geteuid() == 0:
        return True
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NICE)
    return soft == resource.RLIM_INFINITY or soft >= 20  # the ceiling a process may raise itself to is 20 - soft


PRIORITY_RESTORABLE = priority_restorable()
SLOW_FOR = 60.0  # seconds a client whose query ran long has its next queries wait for a worker of their own
SPAWNERS = 4  # workers started at once
RETIRE_AFTER = 30.0  # seconds an extra worker stays idle before the pool lets it go

# -- the server's side ------------------------------------------------------------------------------
class _Worker:
    def __init__(self, process: subprocess.Popen, requests: Connection, answers: Connection, isolated: bool):
        self.process = process
        self.requests = requests
        self.answers = answers
        self.isolated = isolated
        self.busy_since: float | None = None
        self.lowered = False  # running at low priority (a long query)
        self.idle_since = 0.0

    def lower_priority(self) -> None:
        """Let every other process go first: a query that runs long yields the cores to short ones."""
        self.lowered = True
        self._nice(LOW_PRIORITY)

    def restore_priority(self) -> bool:
        """Back to normal priority (raising it needs privilege); whether that worked."""
        if self._nice(0):
            self.lowered = False
        return not self.lowered

    def _nice(self, value: int) -> bool:
        """Set the priority of each of the worker's threads (Linux sets it per thread, and a worker
        runs its queries in a thread of its own)."""
        try:
            threads = [int(task) for task in os.listdir(f"/proc/{self.pid}/task")]
        except OSError:
            threads = [self.pid]
        try:
            for thread in threads:
                os.setpriority(os.PRIO_PROCESS, thread, value)
        except OSError:
            return False
        return True

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
    """A pool of query workers over the store at `store_path`: `size` for the queries at hand, and one more
    for each query that runs long (up to `max_size`); at most `per_client` queries of one client at a time."""

    def __init__(self, store_path: Path, settings: Settings | None = None, in_memory_quads: int = 100_000,
                 size: int | None = None, memory_mb: int | None = None, max_size: int | None = None,
                 per_client: int | None = None):
        settings = settings or Settings()
        self.store_path = Path(store_path)
        self.in_memory_quads = in_memory_quads
        self.size = size or settings.sparql_workers
        self.max_size = max(self.size, max_size or settings.sparql_max_workers or self.size + 4)
        self.per_client = per_client or settings.sparql_client_queries
        self.memory_mb = settings.sparql_worker_memory_mb if memory_mb is None else memory_mb
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)  # notified when a worker becomes idle
        self._pending = 0
        self._count = 0  # workers alive or starting
        self._long = 0  # queries running long (at low priority): each has a worker added for the others
        self._clients: dict[str, list[float]] = {}  # client: when each of its queries in flight came
        self._slow: dict[str, float] = {}  # client: until when its queries wait rather than take the last idle worker
        self._started = False
        self._closed = False
        self._isolated: bool | None = None
        self.crashes = 0  # workers that died under a query (their memory limit, a crash in native code)
        # Workers are started from this one long-lived thread: PR_SET_PDEATHSIG fires when the
        # *thread* that started a process ends, and this one ends only when the pool is closed.
        self._spawner = ThreadPoolExecutor(max_workers=SPAWNERS, thread_name_prefix="sparql-spawn")
        self._runner = ThreadPoolExecutor(max_workers=MAX_PENDING, thread_name_prefix="sparql-wait")
        _POOLS.add(self)

    # ---- life
    def start(self) -> None:
        """Start the workers (in the background); idempotent."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        self._grow()

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
        return f"{self.size} to {self.max_size} query worker processes ({network[self._isolated]})"

    def _grow(self) -> None:
        """Start workers: `size`, and one more for each query running long (up to `max_size`)."""
        with self._lock:
            wanted = self._wanted()
        for _ in range(wanted):
            self._spawner.submit(self._spawn)

    def _wanted(self) -> int:
        """How many workers to start now (called with the lock held; counts them as starting)."""
        if self._closed or not self._started:
            return 0
        wanted = max(0, self._target() - self._count)
        self._count += wanted
        return wanted

    def _spawn(self) -> None:
        worker = None
        try:
            worker = self._start_worker()
        finally:
            with self._lock:
                if worker is None:
                    self._count -= 1
                else:
                    self._release(worker)
            if worker is None and not self._closed:
                time.sleep(1.0)
                self._grow()

    def _start_worker(self) -> _Worker | None:
        if self._closed:
            return None
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "api.sparql.worker", str(requests_read), str(answers_write), str(os.getpid()),
                 str(self.store_path), str(self.in_memory_quads), str(self.memory_mb)],
                pass_fds=(requests_read, answers_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                cwd=str(ROOT), env=env)
        except OSError as error:
            log.error("cannot start a query worker: %s", error)
            for fd in (requests_read, requests_write, answers_read, answers_write):
                os.close(fd)
            return None
        os.close(requests_read)
        os.close(answers_write)
        worker = _Worker(process, Connection(requests_write, readable=False), Connection(answers_read, writable=False),
                         isolated=False)
        with self._lock:
            if self._closed:
                worker.kill()
                return None
            self._workers.add(worker)
        try:
            if not worker.answers.poll(START_TIMEOUT):
                raise TimeoutError("no sign of life")
            ready = pickle.loads(worker.answers.recv_bytes())
            worker.isolated = bool(ready.get("isolated"))
            self._isolated = worker.isolated
        except (EOFError, OSError, TimeoutError, pickle.UnpicklingError) as error:
            if not self._closed:  # (else killed by close() while it started)
                log.error("a query worker did not start (exit %s): %r", worker.process.poll(), error)
            self._forget(worker)
            return None
        return worker

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker; another starts in its place if the pool needs one."""
        self._forget(worker)
        with self._lock:
            self._count -= 1
        self._grow()

    # ---- queries
    async def run(self, job: Job, timeout: float,
                  disconnected: Callable[[], Awaitable[bool]] | None = None) -> Answer:
        """The answer to a job, from a worker killed if it takes longer than `timeout` seconds, or if
        `disconnected()` says the client went away meanwhile; 429 at once if the job's client has
        `per_client` queries in flight already."""
        self.start()
        now = time.monotonic()
        client = job.client
        with self._lock:
            mine = self._clients.setdefault(client, [])
            if len(mine) >= self.per_client:
                free_in = min(mine) + timeout + self._wait_limit(timeout) - now
                return _too_many(self.per_client, max(1, min(math.ceil(free_in), math.ceil(timeout))))
            if self._pending >= MAX_PENDING:
                return _busy(f"{MAX_PENDING} queries are waiting already")
            self._pending += 1
            mine.append(now)
        abandoned = threading.Event()
        try:
            try:
                future = self._runner.submit(self._run, job, timeout, now, abandoned)
            except RuntimeError:  # closed
                with self._lock:
                    self._pending -= 1
                return Answer(503, kind="store-unavailable", detail="the query workers are shutting down")
            waiting = asyncio.wrap_future(future)
            while True:
                done, _ = await asyncio.wait({waiting}, timeout=0.5)
                if done:
                    return waiting.result()
                if disconnected is not None and await disconnected():
                    abandoned.set()
        finally:
            abandoned.set()  # also when this coroutine is cancelled
            with self._lock:
                mine.remove(now)
                if not mine:
                    self._clients.pop(client, None)

    @staticmethod
    def _wait_limit(timeout: float) -> float:
        return max(timeout, 5.0)

    def _run(self, job: Job, timeout: float, queued: float, abandoned: threading.Event) -> Answer:
        try:
            worker = self._take(queued + self._wait_limit(timeout), abandoned, job)
            if worker is None:
                return _GONE if abandoned.is_set() else _busy(
                    f"all {self.max_size} query workers stayed busy for {self._wait_limit(timeout):g} s")
            return self._ask(worker, job, timeout, abandoned)
        finally:
            with self._lock:
                self._pending -= 1

    def _take(self, wait_until: float, abandoned: threading.Event, job: Job) -> _Worker | None:
        """An idle, live worker (started first if the pool is short of its target); None past `wait_until`.

        A query of a client whose recent query ran long (a runaway, most likely) never takes the last
        idle worker: that one is kept for the other clients, and it waits for another to come free."""
        while True:
            with self._freed:
                worker, spawns = self._take_idle(wait_until, abandoned, job)
            for _ in range(spawns):
                self._spawner.submit(self._spawn)
            if worker is not None or abandoned.is_set() or time.monotonic() >= wait_until:
                return worker

    def _take_idle(self, wait_until: float, abandoned: threading.Event, job: Job) -> tuple[_Worker | None, int]:
        """With the lock held: an idle worker, or None once more are to be started (the count) or the
        time is up."""
        reserve = 1 if self._is_slow(job.client) else 0
        while not abandoned.is_set():
            if len(self._idle) > reserve:
                worker = self._idle.pop()
                if worker.alive():
                    return worker, 0
                self._workers.discard(worker)  # died while idle
                self._count -= 1
                worker.kill()
                continue
            spawns = self._wanted()
            remaining = wait_until - time.monotonic()
            if spawns or remaining <= 0:
                return None, spawns
            self._freed.wait(min(0.5, remaining))
        return None, 0

    def _target(self) -> int:
        return min(self.max_size, self.size + self._long)

    def _ask(self, worker: _Worker, job: Job, timeout: float, abandoned: threading.Event) -> Answer:
        worker.busy_since = started = time.monotonic()
        long = False
        try:
            if self._is_slow(job.client) and PRIORITY_RESTORABLE:
                worker.lower_priority()  # its last query ran long: this one starts at low priority
            worker.requests.send_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            while not worker.answers.poll(max(0.0, min(0.25, started + timeout - time.monotonic()))):
                if abandoned.is_set():
                    log.info("query worker %s killed: its client went away", worker.pid)
                    self._discard(worker)
                    return _GONE
                elapsed = time.monotonic() - started
                if elapsed >= timeout:
                    self._mark_slow(job.client)
                    log.warning("query worker %s killed after %.1f s: %r", worker.pid, timeout, job.query[:200])
                    self._discard(worker)
                    return Answer(503, kind="query-timeout",  # no Retry-After: the same query would time out again
                                  detail=f"the query ran longer than the limit of {timeout:g} s and was stopped; "
                                         "narrow it down (fewer unbound patterns, a LIMIT) or run it on a copy "
                                         "of the data (see /dataset for downloads)")
                if elapsed >= LOW_PRIORITY_AFTER and not long:
                    long = self._runs_long(worker)
            answer = pickle.loads(worker.answers.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            try:
                code = worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
            log.warning("query worker %s stopped under a query (exit %s): %r", worker.pid, code, job.query[:200])
            self.crashes += 1
            self._discard(worker)
            return Answer(503, kind="query-aborted",
                          detail="the query stopped its worker process (it needed more memory than a query may "
                                 "use, or hit a limit of the query engine); narrow it down")
        finally:
            if long:
                with self._lock:
                    self._long -= 1
        worker.busy_since = None
        if long:
            self._mark_slow(job.client)
        if worker.lowered and not worker.restore_priority():
            self._discard(worker)  # a worker at low priority would serve the next query slowly
            return answer
        with self._lock:
            self._release(worker)
            retired = self._retire()
        if retired is not None:
            self._forget(retired)
        return answer

    def _retire(self) -> _Worker | None:
        """With the lock held: an idle worker taken out of the pool when it has more than its target
        (the long queries that grew it are over) and that one has been idle for RETIRE_AFTER seconds;
        lazily, so that a pool under a steady mix does not start and stop processes."""
        if self._count <= self._target() or not self._idle:
            return None
        oldest = self._idle[0]
        if time.monotonic() - oldest.idle_since < RETIRE_AFTER:
            return None
        self._idle.pop(0)
        self._workers.discard(oldest)
        self._count -= 1
        return oldest

    def _runs_long(self, worker: _Worker) -> bool:
        """A query runs long: its worker gives way to the others, and the pool grows by one for them."""
        worker.lower_priority()
        with self._lock:
            self._long += 1
        self._grow()
        return True

    def _release(self, worker: _Worker) -> None:
        """Make a worker idle (with the lock held)."""
        worker.idle_since = time.monotonic()
        self._idle.append(worker)
        self._freed.notify_all()

    def _is_slow(self, client: str) -> bool:
        """Whether a recent query of this client ran long (past LOW_PRIORITY_AFTER)."""
        return self._slow.get(client, 0.0) > time.monotonic()

    def _mark_slow(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._slow = {c: until for c, until in self._slow.items() if until > now}
            self._slow[client] = now + SLOW_FOR


_GONE = Answer(499, kind="client-closed-request", detail="the client went away")


def _too_many(limit: int, retry_after: int) -> Answer:
    return Answer(429, kind="too-many-queries", headers=(("Retry-After", str(retry_after)),),
                  detail=f"this client has {limit} queries running already, the most one client may have at a "
                         "time; send the next when one of them has been answered")


def _busy(detail: str) -> Answer:
    return Answer(503, kind="busy", detail=f"the endpoint is busy: {detail}; retry shortly",
                  headers=(("Retry-After", "5"),))


_POOLS: weakref.WeakSet[Sandbox] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()


