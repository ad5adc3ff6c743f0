"""How soon the coverage workbench is usable after navigation, in Debian's Chromium (Playwright).

    python -m bench.views                   # 10 navigations per view against build/current; updates RESULTS.md
    python -m bench.views --runs 20 --no-write

Serves the project's build (`ltkg serve` on a free loopback port), then for each view opens a fresh browser
context (no browser cache) and navigates to it. "Usable" is the moment coverage.js has drawn the matrix and
listens for input: its `window.coverageWorkbench.ready`, in ms since the navigation started (the browser's
own clock: request, HTML, stylesheets, script, parsing the embedded data, drawing). The first navigation after
start-up also computes the page on the server (its answer is then cached until the next build); it is
reported apart. Only the server this script started is stopped, by its pid. No timing is asserted.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from api.http.serving import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- views: written by bench/views.py -->", "<!-- /views -->"
VIEWS = {
    "theme × programme": "/viz/coverage",
    "theme × programme, a cell open, filtered": "/viz/coverage?partyType=ministry&cell=spoedzorg:langer-thuis",
    "theme × regional plan": "/viz/coverage?axis=theme-plan",
    "indicator category × regional plan": "/viz/coverage?axis=category-plan",
}
TARGET_MS = 1000


def serve(port: int) -> subprocess.Popen:
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "ltkg"), "serve", "--port", str(port), "--no-access-log"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/programmes?limit=1", timeout=2)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not answer within 30 s")


def usable_ms(browser, url: str) -> tuple[float, int]:
    """(ms from navigation start to a usable workbench, bytes of the page) in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="commit")
        page.wait_for_function("window.coverageWorkbench !== undefined", timeout=10_000)
        ready = page.evaluate("window.coverageWorkbench.ready")
        return ready, len(response.body())
    finally:
        context.close()


def measure(runs: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium  # the tests' Chromium: same binary and flags

    port = free_port()
    server = serve(port)
    try:
        base = f"http://127.0.0.1:{port}"
        with chromium() as browser:
            first, size = usable_ms(browser, base + VIEWS["theme × programme"])
            figures = {}
            for name, path in VIEWS.items():
                times = []
                for _ in range(runs):
                    ms, size = usable_ms(browser, base + path)
                    times.append(ms)
                figures[name] = {"median": statistics.median(times), "max": max(times), "bytes": size}
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"first": first, "views": figures, "runs": runs}


def markdown(report: dict) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [BEGIN, "", "## Views: the coverage workbench, usable after navigation", "",
             f"`python -m bench.views` ({now}; {os.cpu_count()} cores, {platform.platform()}, Chromium headless, "
             f"1280×900, a fresh browser context per navigation, {report['runs']} navigations per view, against "
             "build/current served by `ltkg serve` on loopback). Usable = coverage.js has drawn the matrix and "
             f"listens for input, in ms since navigation start. Target: under {TARGET_MS} ms.", "",
             "| view | median ms | max ms | page bytes |", "| --- | ---: | ---: | ---: |"]
    for name, f in report["views"].items():
        lines.append(f"| {name} | {f['median']:.0f} | {f['max']:.0f} | {f['bytes']:,} |")
    worst = max(f["max"] for f in report["views"].values())
    lines += ["", f"First navigation after start-up (the server computes and caches the page): {report['first']:.0f} ms.",
              f"Every navigation {'met' if worst < TARGET_MS and report['first'] < TARGET_MS else 'did NOT meet'} "
              f"the {TARGET_MS} ms target (slowest {max(worst, report['first']):.0f} ms).", "", END, ""]
    return "\n".join(lines)


def write(text: str) -> None:
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if BEGIN in previous:
        before, rest = previous.split(BEGIN, 1)
        previous = before + rest.split(END, 1)[1].lstrip("\n")
    RESULTS.write_text(previous.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="navigations per view (default 10)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args(argv)
    text = markdown(measure(args.runs))
    print(text)
    if not args.no_write:
        write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
