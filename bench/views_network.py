"""Speed of the network views in headless Chromium (Debian's, /usr/bin/chromium), written to bench/RESULTS.md
under its own heading (the rest of the file is left as it is):

- each view of the project's graph (build/current, or LTKG_BUILD_DIR): from navigation to drawn and still,
  on a served app (uvicorn on 127.0.0.1) once it has drawn one view (its one-time imports, reported apart),
  the first time (the server computes the view) and again (cached);
- a synthetic who-owns-what of about 5,000 nodes and 10,000 edges: the server's time to lay it out (with
  the party metrics), then in Chromium from navigation to drawn, and a filter applied until it is redrawn.

    python -m bench.views_network [--results bench/RESULTS.md] [--runs 3]

Targets (issue 10): every view of the seed graph drawn and still within 2 s of navigation; the synthetic view
drawn and interactive (a filter applied) within 5 s. Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from api.http.serving import serve_in_thread
from api.rest.metrics import EXACT_BETWEENNESS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- views_network: start -->", "<!-- views_network: end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED_VIEWS = ["/viz/who-owns-what", "/viz/who-owns-what?programme=wozo", "/viz/party/vws", "/viz/party/mezzo?depth=2",
              "/viz/lineage"]


def drawn_after(page, url: str) -> float:
    """Seconds from navigation to the network drawn (vis-network's first afterDrawing), checked still after."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector("#network[data-drawn-ms]", timeout=60_000)
    ms = float(page.get_attribute("#network", "data-drawn-ms"))
    before = page.evaluate("JSON.stringify(window.ltkgNetwork.getPositions())")
    page.wait_for_timeout(200)
    if page.evaluate("JSON.stringify(window.ltkgNetwork.getPositions())") != before:
        raise AssertionError(f"{url}: the network still moves after it is drawn")
    return ms / 1000


def filtered_after(page) -> float:
    """Seconds to apply a filter (role = lead) and redraw."""
    return page.evaluate("""() => new Promise(resolve => {
        const select = document.querySelector('select[data-facet=role]');
        const t0 = performance.now();
        window.ltkgNetwork.once('afterDrawing', () => resolve((performance.now() - t0) / 1000));
        select.value = 'lead';
        select.dispatchEvent(new Event('change'));
    })""")


def synthetic(parties: int = 1500, actions: int = 3500, links: int = 10_000, seed: int = 7):
    """Participations of the graph's shape: 4 programmes, 6 action lines each, 6 roles, 12 party types, 3
    documents; each action has at least one party, the rest of the links drawn at random (skewed)."""
    from api.rest.participations import Action, Label, Participation, Participations, Party

    rng = random.Random(seed)
    programmes = [f"programme/p{i}" for i in range(4)]
    labels = {p: Label(nl=f"Programma {i}", short=f"P{i}") for i, p in enumerate(programmes)}
    for p in programmes:
        for line in range(1, 7):
            labels[f"actionline/{p[10:]}-{line}"] = Label(nl=f"actielijn {line}", number=line, programme=p)
    roles = ["lead", "partner", "consulted", "contributor", "responsible", "involved"]
    for role in roles:
        labels[role] = Label(nl=role)
    the_parties = {f"party/s{i}": Party(f"party/s{i}", f"Synthetische partij {i}", f"party-type/t{i % 12}", i % 9 == 0)
                   for i in range(parties)}
    the_actions = {}
    for i in range(actions):
        p = programmes[i % 4]
        line = 1 + (i // 4) % 6
        the_actions[f"action/a{i}"] = Action(f"action/a{i}", p, f"actionline/{p[10:]}-{line}", f"{line}.{i // 24 + 1}",
                                             f"Synthetische actie {i}")
    ids = sorted(the_parties)
    weights = [1 / (1 + i) ** 0.8 for i in range(len(ids))]  # a few parties in many actions, as in the real graph
    found: dict[tuple, Participation] = {}
    action_ids = sorted(the_actions)
    while len(found) < links:
        action = action_ids[len(found)] if len(found) < len(action_ids) else rng.choice(action_ids)
        party = rng.choices(ids, weights)[0]
        role = rng.choice(roles)
        source = {"document": f"doc-{rng.randrange(3)}", "lines": [1, 1], "quote": "synthetisch"}
        found.setdefault((action, party, role), Participation(action, party, role, [source]))
    return Participations(the_actions, the_parties, list(found.values()), labels)


def synthetic_page() -> tuple[str, float, int, int]:
    """The synthetic view as one HTML file (as `ltkg viz` writes it), the server's seconds, nodes, edges."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.web.network import select, who_owns_what
    from api.web.network_page import render
    from ltkg.export import fetch, inline

    data = synthetic()
    started = time.perf_counter()
    view = who_owns_what(data, select(data, None, None), "Synthetisch")
    html = render(view)
    seconds = time.perf_counter() - started
    with TestClient(create_app()) as client:  # the assets only: no build needed
        html = inline(html, lambda path: fetch(client, path))
    nodes = sum(1 for _, d in view.graph.nodes(data=True) if not d.get("annotation"))
    return html, seconds, nodes, view.graph.number_of_edges()


def run(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    from api.app import create_app
    from graph.settings import settings

    report = {"seed": {}, "synthetic": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            with serve_in_thread(create_app(settings()), access_log=False) as base:
                import httpx

                started = time.perf_counter()  # the process's one-time work: imports, participations, metrics
                httpx.get(base + "/viz/who-owns-what?programme=langer-thuis", timeout=60).raise_for_status()
                report["warm-up"] = time.perf_counter() - started
                for view in SEED_VIEWS:
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    first = drawn_after(page, base + view)
                    again = [drawn_after(page, base + view) for _ in range(runs)]
                    page.close()
                    report["seed"][view] = {"first": first, "again": statistics.median(again)}
            html, server, nodes, edges = synthetic_page()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "synthetic.html"
                path.write_text(html, encoding="utf-8")
                drawn, filtered = [], []
                for _ in range(runs):
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    drawn.append(drawn_after(page, path.as_uri()))
                    filtered.append(filtered_after(page))
                    page.close()
            report["synthetic"] = {"nodes": nodes, "edges": edges, "server": server, "bytes": len(html.encode()),
                                   "drawn": statistics.median(drawn), "filtered": statistics.median(filtered)}
        finally:
            browser.close()
    return report


def markdown(report: dict, runs: int) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    seed = report["seed"]
    worst = max(max(v["first"], v["again"]) for v in seed.values())
    s = report["synthetic"]
    total = s["drawn"] + s["filtered"]
    lines = [START, "## Network views in Chromium (bench/views_network.py)", "",
             f"Written by `python -m bench.views_network` on {now}; machine: "
             f"{platform.platform()}, Python {platform.python_version()}; headless Debian Chromium at 1280×900; "
             f"median of {runs} runs after the first.", "",
             "| target | figures | verdict |", "| --- | --- | --- |",
             f"| every seed-graph view drawn and still within 2 s of navigation | slowest {worst:.2f} s | "
             f"**{'met' if worst <= 2 else 'not met'}** |",
             f"| synthetic view ({s['nodes']:,} nodes, {s['edges']:,} edges) drawn and a filter applied within 5 s | "
             f"drawn {s['drawn']:.2f} s + filter {s['filtered']:.2f} s = {total:.2f} s | "
             f"**{'met' if total <= 5 else 'not met'}** |", "",
             "| view | first load (server computes) | again (served from its cache) |", "| --- | --- | --- |"]
    lines += [f"| `{view}` | {v['first']:.2f} s | {v['again']:.2f} s |" for view, v in seed.items()]
    lines += ["", f"Before these, the server's first view after start-up took {report['warm-up']:.2f} s (server side, "
              "once per process: importing networkx and pyvis, the participations query, the party metrics and "
              "networkx's first calls); the figures above are for a started server, "
              "each view computed on its first load.",
              "", f"The synthetic view: laid out on the server (positions, party metrics with betweenness estimated "
              f"from sampled sources above {EXACT_BETWEENNESS} nodes, pyvis data) in {s['server']:.1f} s, once, as `ltkg viz` "
              f"or the server's cache would; a {s['bytes'] / 1e6:.1f} MB standalone file. Physics is off, so the "
              "picture is still as soon as it is drawn (pyvis's default physics keeps such a graph moving for "
              "minutes). Drawn means vis-network's first `afterDrawing` event, measured from navigation start.",
              END]
    return "\n".join(lines) + "\n"


def write(text: str, path: Path) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        new = old[:old.index(START)] + text + old[old.index(END) + len(END) + 1:]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report = run(args.runs)
    text = markdown(report, args.runs)
    print(text)
    write(text, args.results)


if __name__ == "__main__":
    main()
