"""Load run over mixed routes: REST lookups, SPARQL SELECTs and the entity page. Exits 1 on any error.

    scripts/load-test [--seconds 60] [--connections 64] [--url http://127.0.0.1:8000]

Without --url it serves the build in LTKG_BUILD_DIR (default build/) with uvicorn on a free loopback
port, for the length of the run. The load comes from wrk (Debian: `apt-get install wrk`) with a Lua
script that picks a request at random from a mix; without wrk, from a bounded asyncio httpx client.
Reports requests per second, latency percentiles, the status codes seen, and the errors: socket
errors, timeouts, any status other than 2xx, and tracebacks in the server's log.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from api.http.serving import free_port

ROOT = Path(__file__).resolve().parent.parent

PREFIX = ("PREFIX ltkg: <https://ltkg.example.org/def/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/> ")
SPARQL = [
    PREFIX + "SELECT ?action ?party WHERE {{ ?action ltkg:lead ?party }} LIMIT {n}",
    PREFIX + "SELECT DISTINCT ?notation ?title WHERE {{ ?a a ltkg:Action ; skos:notation ?notation ; "
             "dcterms:title ?title }} ORDER BY ?notation LIMIT {n}",
    PREFIX + "SELECT ?party (COUNT(DISTINCT ?a) AS ?actions) WHERE {{ ?a prov:qualifiedAssociation/prov:agent ?party }} "
             "GROUP BY ?party ORDER BY DESC(?actions) LIMIT {n}",
    PREFIX + "SELECT ?first ?quote WHERE {{ GRAPH ?g {{ <https://ltkg.example.org/id/action/langer-thuis-2.6> "
             "ltkg:lead ?p }} ?g ltkg:firstLine ?first ; ltkg:quote ?quote }} LIMIT {n}",
    PREFIX + "ASK {{ ?a a ltkg:Action ; skos:notation \"2.{n}\" }}",
]
# All the load comes from one address, which /sparql's per-client limit would answer mostly 429
# (LTKG_SPARQL_CLIENT_QUERIES, default 2): the server started here lets this one client have more.
# A server given by --url keeps its own limit: run it with the same setting for a load test.
ONE_CLIENT = {"LTKG_SPARQL_CLIENT_QUERIES": "1000"}
LETTERS = ["a", "e", "zorg", "vws", "ver", "ne", "actiz", "mezzo", "patiënt", "ouderen", "thuis", "xyz"]


def start_server(log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1", "--port",
         str(port), "--log-level", "warning", "--timeout-keep-alive", "30"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT), **ONE_CLIENT})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped at start (exit {process.returncode}); see {log_path}")
        try:
            if httpx.get(f"{url}/api/programmes", timeout=2).status_code == 200:
                # and the SPARQL workers are up
                if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200:
                    return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    sys.exit(f"the server did not answer within 120 s; see {log_path}")


def requests_mix(url: str, seed: int = 1) -> list[str]:
    """Paths (with query strings) of the mix: about 45% REST, 35% SPARQL, 20% entity pages."""
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=30) as http:
        actions = [a["id"] for a in http.get("/api/actions", params={"limit": 1000}).json()["items"]]
        actors = [a["id"] for a in http.get("/api/actors", params={"limit": 1000}).json()["items"]]
    rest = ["/api/programmes", "/api/programmes/langer-thuis"]
    rest += [f"/api/actions/{a}" for a in actions[:60]]
    rest += [f"/api/actors/{a}" for a in actors[:40]]
    rest += [f"/api/actors?{urlencode({'q': q})}" for q in LETTERS]
    rest += [f"/api/actions?{urlencode({'lead': p, 'limit': n})}" for p in actors[:15] for n in (10, 50)]
    rest += [f"/api/actions?{urlencode({'q': q})}" for q in LETTERS]
    sparql = [f"/sparql?{urlencode({'query': q.format(n=n)})}" for q in SPARQL for n in range(1, 13)]
    pages = ["/doc/action/langer-thuis-2.6"] * 6
    pages += [f"/doc/action/{a}" for a in rng.sample(actions, min(6, len(actions)))]
    mix = [rng.choice(rest) for _ in range(450)] + [rng.choice(sparql) for _ in range(350)] \
        + [rng.choice(pages) for _ in range(200)]
    rng.shuffle(mix)
    return mix


LUA = r"""
local paths = %s
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  failures = 0
  statuses = {}
  math.randomseed(id * 7919 + 17)
end

function request()
  local path = paths[math.random(#paths)]
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status >= 300 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed, codes = 0, {}
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    for code, n in pairs(thread:get("statuses")) do codes[code] = (codes[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(codes) do table.insert(parts, string.format('"%%s": %%d', code, n)) end
  io.write(string.format(
    'LOADTEST {"requests": %%d, "seconds": %%.3f, "bad_status": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"timeout": %%d, "status": {%%s}, "p50": %%.2f, "p90": %%.2f, "p99": %%.2f, "p999": %%.2f, "max": %%.2f, ' ..
    '"mean": %%.2f}\n',
    summary.requests, summary.duration / 1e6, failed, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, table.concat(parts, ", "),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000))
end
"""


def run_wrk(url: str, mix: list[str], seconds: int, connections: int, threads: int) -> dict:
    lua_paths = "{" + ",".join(json.dumps(p) for p in mix) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % lua_paths)
    try:
        done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                               "-s", script.name, url], capture_output=True, text=True, timeout=seconds + 120)
    finally:
        os.unlink(script.name)
    print(done.stdout.split("LOADTEST")[0].rstrip())
    line = next((l for l in done.stdout.splitlines() if l.startswith("LOADTEST ")), None)
    if line is None:
        sys.exit(f"wrk failed: {done.stderr or done.stdout}")
    return json.loads(line[len("LOADTEST "):])


async def run_httpx(url: str, mix: list[str], seconds: int, connections: int) -> dict:
    latencies: list[float] = []
    status: dict[str, int] = {}
    errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as http:
        async def client(index: int) -> None:
            rng = random.Random(index)
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    response = await http.get(rng.choice(mix), headers={"accept-encoding": "gzip"})
                    await response.aread()
                except httpx.TimeoutException:
                    errors["timeout"] += 1
                    continue
                except httpx.ConnectError:
                    errors["connect"] += 1
                    continue
                except httpx.HTTPError:
                    errors["read"] += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                status[str(response.status_code)] = status.get(str(response.status_code), 0) + 1
        began = time.monotonic()
        await asyncio.gather(*(client(i) for i in range(connections)))
        elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else 0.0
    return {"requests": len(latencies), "seconds": elapsed, "status": status, **errors,
            "bad_status": sum(n for code, n in status.items() if not code.startswith("2")),
            "p50": pct(50), "p90": pct(90), "p99": pct(99), "p999": pct(99.9), "max": latencies[-1] if latencies else 0,
            "mean": sum(latencies) / len(latencies) if latencies else 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--url", help="a running server (else one is started on loopback)")
    parser.add_argument("--client", choices=["auto", "wrk", "httpx"], default="auto")
    args = parser.parse_args()

    process = None
    log_path = Path(tempfile.mkdtemp(prefix="ltkg-load-")) / "server.log"
    url = args.url.rstrip("/") if args.url else None
    if url is None:
        process, url = start_server(log_path)
        print(f"server: {url} (log {log_path})")
    try:
        mix = requests_mix(url)
        kinds = {"REST": sum(p.startswith("/api/") for p in mix), "SPARQL": sum(p.startswith("/sparql") for p in mix),
                 "entity pages": sum(p.startswith("/doc/") for p in mix)}
        print(f"mix of {len(mix)} requests: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
        client = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
        print(f"load: {client}, {args.connections} connections, {args.seconds} s")
        if client == "wrk":
            result = run_wrk(url, mix, args.seconds, args.connections, args.threads)
        else:
            result = asyncio.run(run_httpx(url, mix, args.seconds, args.connections))
        alive = process is None or process.poll() is None
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    tracebacks = log_path.read_text(errors="replace").count("Traceback") if log_path.exists() else 0
    socket_errors = result["connect"] + result["read"] + result["write"] + result["timeout"]
    errors = result["bad_status"] + socket_errors + tracebacks + (0 if alive else 1)
    print()
    rate = result["requests"] / result["seconds"]
    print(f"requests      {result['requests']} in {result['seconds']:.1f} s = {rate:.0f} req/s")
    print(f"latency (ms)  p50 {result['p50']:.1f}  p90 {result['p90']:.1f}  p99 {result['p99']:.1f}  "
          f"p99.9 {result['p999']:.1f}  max {result['max']:.1f}  mean {result['mean']:.1f}")
    print(f"status        {json.dumps(result['status'], sort_keys=True)}")
    print(f"errors        {errors} (non-2xx {result['bad_status']}, socket {socket_errors}: connect {result['connect']} "
          f"read {result['read']} write {result['write']} timeout {result['timeout']}; tracebacks in the server log "
          f"{tracebacks}; server {'alive' if alive else 'DIED'})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
