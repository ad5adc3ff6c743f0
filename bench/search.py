"""Search speed: the project's build served on loopback, and the index of the synthetic graph of ~1 M quads.

    python -m bench.search                  # writes its section of bench/RESULTS.md
    python -m bench.search --no-write --scale 0.1

Seed graph (build/current, `ltkg serve` on a free loopback port, one keep-alive client, one request at a
time): GET /api/search for 200 queries (words of the sources and names, some misspelt), GET
/api/search/suggest for 200 prefixes, and POST /reconcile with batches of 100 names. Synthetic graph
(bench/synth.py, scale 1: ~1.05 M quads): the time to write its index (graph/search_index.write) and the
same searches run in-process on it (graph/search_index + api/search/engine, without HTTP). Only the server
this script started is stopped, by its pid. Targets from issue 17; no timing is asserted in the tests.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.run import free_port, log, ours_argv, start_server
from bench.synth import default_path, write as write_synth

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- search: written by bench/search.py -->", "<!-- /search -->"
TARGETS = {"search": 50.0, "suggest": 30.0, "reconcile": 1000.0, "synthetic build": 60.0, "synthetic search": 100.0}
WORDS = ["dementie", "mantelzorgers", "gemeenten", "respijtzorg", "wijkverpleging", "eenzaamheid", "ouderen thuis",
         "zorgverzekeraars", "woningbouw", "valpreventie", "sociale basis", "Patientenfederatie", "KBO PCOB",
         "Zorgverzekeraar Nederland", "Zorgthuis NL", "LT 1.1", "WOZO 2.3", "Wlz", "casemanagement dementie",
         "levensloopbestendig wonen", "mantelzorg ondersteuning", "specialist ouderengeneeskunde"]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def figures(values: list[float]) -> dict:
    return {"n": len(values), "p50": round(statistics.median(values), 1), "p95": round(pct(values, 95), 1),
            "max": round(max(values), 1)}


def queries(rng: random.Random, names: list[str], n: int) -> list[str]:
    """Words and names, a fifth of them with one letter dropped (a typing error)."""
    out = []
    for _ in range(n):
        q = rng.choice(WORDS + names)
        if rng.random() < 0.2 and len(q) > 5:
            at = rng.randrange(1, len(q) - 1)
            q = q[:at] + q[at + 1:]
        out.append(q)
    return out


def seed(args) -> dict:
    import httpx

    port = free_port()
    server = start_server("search-seed", ours_argv(port), port, "/api/search?q=zorg")
    try:
        rng = random.Random(7)
        with httpx.Client(base_url=server.url, timeout=30) as client:
            names = [h["label"] for w in ("zorg", "ouderen", "wonen", "regio", "programma")
                     for h in client.get("/api/search", params={"q": w, "type": "party", "limit": 100}).json()["entities"]]
            out = {}
            for kind, path, param, texts in (
                    ("search", "/api/search", "q", queries(rng, names, args.requests)),
                    ("suggest", "/api/search/suggest", "q", [q[:rng.randint(3, 8)] for q in queries(rng, names, args.requests)])):
                client.get(path, params={param: texts[0]})  # warm
                times = []
                for text in texts:
                    began = time.perf_counter()
                    assert client.get(path, params={param: text}).status_code == 200
                    times.append((time.perf_counter() - began) * 1000)
                out[kind] = figures(times)
            times = []
            for turn in range(args.batches):
                batch = {f"q{i}": {"query": q} for i, q in enumerate(queries(rng, names, 100))}
                began = time.perf_counter()
                answer = client.post("/reconcile", data={"queries": json.dumps(batch)})
                times.append((time.perf_counter() - began) * 1000)
                assert answer.status_code == 200 and len(answer.json()) == 100
            out["reconcile"] = figures(times)
            out["names"] = len(names)
        return out
    finally:
        server.stop()


def synthetic(args) -> dict:
    from api.search.engine import Searcher
    from graph import search_index

    dump = default_path(args.scale)
    if not dump.exists():
        log(f"generating {dump}")
        write_synth(dump, args.scale)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / search_index.FILE_NAME
        began = time.perf_counter()
        counts = search_index.write(dump, ROOT / "graph" / "sources", out)
        built = time.perf_counter() - began
        engine = Searcher(str(out))
        rng = random.Random(11)
        names = [n for _, n in rng.sample(engine.names, min(200, len(engine.names)))]
        times = []
        for q in queries(rng, names, args.requests):
            began = time.perf_counter()
            engine.entities(q, limit=20)
            engine.passages(q, limit=20)
            times.append((time.perf_counter() - began) * 1000)
        quads = sum(1 for _ in dump.open("rb"))
        return {"quads": quads, "build_s": round(built, 1), "size_mb": round(out.stat().st_size / 1e6),
                "counts": counts, "search": figures(times)}


def markdown(seed_figures: dict, synth: dict, load: tuple[float, float]) -> str:
    def row(what: str, f: dict, target: float, unit: str = "ms") -> str:
        ok = "yes" if f["p95"] <= target else "**no**"
        return f"| {what} | {f['n']} | {f['p50']} | {f['p95']} | {f['max']} | {target:g} {unit} | {ok} |"

    lines = [BEGIN, "## Search, suggestions and reconciliation (bench/search.py)", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; times in ms, one request at a time "
             "over loopback (keep-alive), the seed graph served by `ltkg serve`. The machine's load average was "
             f"{load[0]:.1f} at the start and {load[1]:.1f} at the end (on {os.cpu_count()} cores shared with other "
             "work): a figure over its target on a loaded machine says little about an idle one.", "",
             "| what | n | p50 | p95 | max | target (p95) | met |", "| --- | ---: | ---: | ---: | ---: | --- | --- |",
             row("seed: GET /api/search", seed_figures["search"], TARGETS["search"]),
             row("seed: GET /api/search/suggest", seed_figures["suggest"], TARGETS["suggest"]),
             row("seed: POST /reconcile, 100 names", seed_figures["reconcile"], TARGETS["reconcile"]),
             row(f"synthetic ({synth['quads']:,} quads): entities + passages, in-process", synth["search"],
                 TARGETS["synthetic search"]), "",
             f"Index of the synthetic graph: written in {synth['build_s']} s (target {TARGETS['synthetic build']:g} s: "
             f"{'met' if synth['build_s'] <= TARGETS['synthetic build'] else '**not met**'}), {synth['size_mb']} MB; "
             + ", ".join(f"{v:,} {k}" for k, v in synth["counts"].items()) + ".", END]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    before = os.getloadavg()[0]
    log("seed graph, served")
    seed_figures = seed(args)
    log("synthetic graph")
    synth = synthetic(args)
    text = markdown(seed_figures, synth, (before, os.getloadavg()[0]))
    print(text)
    if not args.no_write:
        current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        if BEGIN in current:
            current = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: text, current, flags=re.S)
        else:
            current = current.rstrip("\n") + "\n\n" + text + "\n"
        RESULTS.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
