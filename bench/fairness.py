"""Fairness of /sparql under load: how long another client's simple query takes while some clients keep
runaway queries (a cross product) or crash input (a 25 000-term `1+1+…`) going.

    python -m bench.fairness [--url http://127.0.0.1:8000] [--seconds 20] [--timeout 10]

Every client has its own loopback source address (127.0.0.2, 127.0.0.3, …; Linux routes all of
127.0.0.0/8 to lo), so the server tells them apart as it would tell apart users. Without --url it serves
build/current with `ltkg serve` on a free port (LTKG_QUERY_TIMEOUT=--timeout) for the run. Phases:
none, 2 and 4 clients each looping a runaway query, 4 clients looping crash input; in each, a probe
client sends a simple SELECT every 0.25 s. Prints, per phase, the probe's latencies and the status codes
every client got, as a Markdown table. Only the server this script started is stopped (by its pid).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.http.serving import free_port

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CRASH = "SELECT (" + "+".join(["1"] * 25_000) + " AS ?x) WHERE {}"
PROBE = ("PREFIX ltkg: <https://ltkg.example.org/def/> SELECT ?action ?lead WHERE { ?action a ltkg:Action ; "
         "ltkg:lead ?lead } LIMIT {n}")
PROBE_ADDRESS = "127.0.0.200"


def loopback(index: int) -> str:
    """The source address of client `index` (0: 127.0.0.2)."""
    return f"127.0.0.{2 + index}"


def client(address: str, timeout: float) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=timeout)


@dataclass
class Phase:
    name: str
    probes: list[float] = field(default_factory=list)  # seconds per probe query
    probe_statuses: Counter = field(default_factory=Counter)
    load_statuses: Counter = field(default_factory=Counter)

    def summary(self) -> dict:
        ordered = sorted(self.probes)
        return {"phase": self.name, "probes": len(ordered),
                "p50 ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
                "max ms": round(1000 * ordered[-1], 1) if ordered else None,
                "over 1 s": sum(1 for t in ordered if t > 1.0),
                "probe statuses": dict(self.probe_statuses), "load statuses": dict(self.load_statuses)}


def run_phase(base: str, name: str, load: str | None, loaders: int, seconds: float, timeout: float,
              warmup: float = 2.0, every: float = 0.25) -> Phase:
    """`loaders` clients (each its own address, in a process of their own so that they do not compete
    with the probe for this one's GIL) send `load` in a loop while the probe client asks a simple query
    every `every` seconds for `seconds`; the loaders finish their last query before this returns."""
    phase = Phase(name)
    loading = None
    if load and loaders:
        loading = subprocess.Popen([sys.executable, "-m", "bench.fairness", "--url", base, "--load", load,
                                    "--clients", str(loaders), "--seconds", str(warmup + seconds),
                                    "--timeout", str(timeout)], cwd=ROOT, stdout=subprocess.PIPE,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(warmup)  # the load is on (a burst of new clients takes the pool a second to grow for)
    with client(PROBE_ADDRESS, timeout + 30) as http:
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            n += 1
            started = time.monotonic()
            try:
                status = http.get(f"{base}/sparql", params={"query": PROBE.replace("{n}", str(n))}).status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            phase.probes.append(time.monotonic() - started)
            phase.probe_statuses[status] += 1
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    if loading is not None:
        out, _ = loading.communicate(timeout=timeout + 60)
        phase.load_statuses.update({_status(k): v for k, v in json.loads(out).items()})
    return phase


def _status(key: str) -> int | str:
    return int(key) if key.isdigit() else key


def keep_loading(base: str, load: str, clients: int, seconds: float, timeout: float) -> Counter:
    """`clients` clients (127.0.0.2, …) each sending `load` in a loop for `seconds`: the statuses they got."""
    statuses: Counter = Counter()
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def loader(index: int) -> None:
        with client(loopback(index), timeout + 30) as http:
            while time.monotonic() < end:
                try:
                    status = http.post(f"{base}/sparql", content=load.encode(),
                                       headers={"content-type": "application/sparql-query"}).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                with lock:
                    statuses[status] += 1

    threads = [threading.Thread(target=loader, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def phases(base: str, seconds: float, timeout: float) -> list[Phase]:
    return [run_phase(base, "no other load", None, 0, seconds, timeout),
            run_phase(base, "2 clients, each a runaway query in a loop", RUNAWAY, 2, seconds, timeout),
            run_phase(base, "4 clients, each a runaway query in a loop", RUNAWAY, 4, seconds, timeout),
            run_phase(base, "4 clients, each crash input (25 000-term 1+1+…) in a loop", CRASH, 4, seconds, timeout)]


def markdown(results: list[Phase]) -> str:
    rows = ["| phase | probe queries | p50 ms | max ms | over 1 s | probe statuses | others' statuses |",
            "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for phase in results:
        s = phase.summary()
        rows.append(f"| {s['phase']} | {s['probes']} | {s['p50 ms']} | {s['max ms']} | {s['over 1 s']} | "
                    f"{s['probe statuses']} | {s['load statuses']} |")
    return "\n".join(rows)


def _serve(timeout: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "LTKG_QUERY_TIMEOUT": str(timeout), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "ltkg.cli", "serve", "--port", str(port), "--no-access-log"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                time.sleep(3)  # the spare workers start
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (else build/current is served for the run)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's LTKG_QUERY_TIMEOUT when started here")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # run_phase's loader process: this query, in a loop
    parser.add_argument("--clients", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(keep_loading(args.url, args.load, args.clients, args.seconds, args.timeout)))
        return 0
    process = None
    base = args.url
    if base is None:
        process, base = _serve(args.timeout)
    try:
        results = phases(base.rstrip("/"), args.seconds, args.timeout)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    print(markdown(results))
    return 0 if all(p.summary()["over 1 s"] == 0 for p in results) else 1


if __name__ == "__main__":
    sys.exit(main())
