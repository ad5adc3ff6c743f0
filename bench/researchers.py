"""/sparql against the ceiling on four researchers' queries over the project's own build (the seed graph).

    python -m bench.researchers [--build build] [--duration 30] [--connections 8] [--turns 5] [--no-cache]

Ours is measured as served, with its per-build answer cache (the same query gets the kept answer until the
next build); --no-cache sets LTKG_ANSWER_CACHE_MB=0, so that every request is evaluated: equal work.

Serves build/current twice on loopback, our service (`ltkg serve`) and the ceiling (bench/ceiling.py:
a minimal FastAPI over raw pyoxigraph), and sends both the same mix of four queries as SPARQL POSTs
(JSON results): an entity's statements, the parties that bridge programmes, the computed white spots,
the actions a party leads. The two take the load in alternating turns (bench.run.measure_paired), so
that both meet the shared machine in the same state. Prints req/s, p50 and p99 of each and the ratio,
and the CPU a request costs each (its server's whole process tree, our query workers included).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench.run import (ID, ONE_LOAD_CLIENT, ROOT, Workload, ceiling_argv, free_port, log, measure_paired, ours_argv, start_server,
                       _sparql_req)

PREFIXES = ("PREFIX ltkg: <https://ltkg.example.org/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n")
QUERIES = {
    "an entity's statements": f"SELECT ?p ?o WHERE {{ <{ID}action/langer-thuis-2.6> ?p ?o }}",
    "parties that bridge programmes": PREFIXES + """SELECT ?name (COUNT(DISTINCT ?programme) AS ?programmes) WHERE {
  ?action prov:qualifiedAssociation/prov:agent ?party ; ltkg:programme ?programme .
  ?party skos:prefLabel ?name . FILTER(lang(?name) = "nl")
} GROUP BY ?name HAVING (COUNT(DISTINCT ?programme) > 1) ORDER BY DESC(?programmes) ?name""",
    "computed white spots": PREFIXES + """SELECT DISTINCT ?theme WHERE {
  ?t a ltkg:Theme ; skos:prefLabel ?theme . FILTER(lang(?theme) = "nl")
  FILTER NOT EXISTS { ?x ltkg:theme ?t . { ?x a ltkg:Action } UNION { ?x a ltkg:ActionLine } }
} ORDER BY ?theme""",
    "actions a party leads": PREFIXES + f"""SELECT ?action ?notation WHERE {{
  ?action ltkg:lead <{ID}party/vws> ; skos:notation ?notation }} ORDER BY ?notation""",
}


def workload() -> Workload:
    # as wrk sends them (bench.run's load generator when installed): without Accept-Encoding, which
    # httpx, the fallback, would add, and which our service answers with gzip and the ceiling ignores
    reqs = [_sparql_req(text, "/sparql") for text in QUERIES.values()]
    for req in reqs:
        req.headers["Accept-Encoding"] = "identity"
    return Workload("researcher queries", "rest", reqs, reqs, "; ".join(QUERIES))


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its live descendants (our service's query workers), and of the
    children it reaped (workers it replaced)."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_cpu(int(child))
    except (OSError, ValueError):
        pass
    return total


def cpu_per_request(server, reqs, count: int = 2000, connections: int = 8) -> float:
    """Milliseconds of CPU (the server's process tree) per request over `count` requests: the work a
    request costs, which the machine's other load disturbs far less than it does throughput."""
    import asyncio

    from bench.run import _drive_httpx

    before = tree_cpu(server.process.pid)
    done = 0
    while done < count:
        figures = asyncio.run(_drive_httpx(server.url, reqs, 2.0, connections, 30))
        done += figures.requests
    return 1000 * (tree_cpu(server.process.pid) - before) / done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="the build directory (its current/)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per server, over all turns")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-cache", action="store_true", help="ours without its answer cache (equal work)")
    args = parser.parse_args(argv)
    store = args.build.resolve() / "current" / "store"
    servers = []
    try:
        port = free_port()
        servers.append(start_server("ours", ours_argv(port), port, "/sparql?query=ASK%7B%7D",
                                    {"LTKG_BUILD_DIR": str(args.build.resolve()), "LTKG_SPARQL_ENDPOINT": "", **ONE_LOAD_CLIENT,
                                     **({"LTKG_ANSWER_CACHE_MB": "0"} if args.no_cache else {})}))
        port = free_port()
        servers.append(start_server("ceiling", ceiling_argv(store, port), port, "/sparql?query=ASK%7B%7D"))
        log(f"researcher queries: ours ({'no answer cache' if args.no_cache else 'as served'}) and the ceiling "
            f"in {args.turns} turns each")
        figures = measure_paired(servers, [workload()], args, turns=args.turns)
        cpu = {server.name: cpu_per_request(server, workload().rest) for server in servers}
    finally:
        for server in servers:
            server.stop()
    ours, ceiling = figures["ours"]["researcher queries"], figures["ceiling"]["researcher queries"]
    print("| server | req/s | p50 ms | p99 ms | errors | CPU ms a request |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, f in (("ours", ours), ("ceiling", ceiling)):
        print(f"| {name} | {f.rps:.1f} | {f.p50_ms:.1f} | {f.p99_ms:.1f} | {f.errors} | {cpu[name]:.2f} |")
    print(f"\nours / ceiling: {ours.rps / ceiling.rps:.2f}x throughput, {cpu['ceiling'] / cpu['ours']:.2f}x "
          "requests per CPU second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
