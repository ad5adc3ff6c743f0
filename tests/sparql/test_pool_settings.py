"""The query worker pool takes its sizes from the settings (graph/settings.py), which read LTKG_SPARQL_*."""
from __future__ import annotations

import os

from api.sparql.pool import Sandbox
from graph.settings import Settings


def test_the_pool_sizes_come_from_the_environment_through_the_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("LTKG_SPARQL_WORKERS", "3")
    monkeypatch.setenv("LTKG_SPARQL_MAX_WORKERS", "5")
    monkeypatch.setenv("LTKG_SPARQL_CLIENT_QUERIES", "7")
    monkeypatch.setenv("LTKG_SPARQL_WORKER_MEMORY_MB", "0")
    pool = Sandbox(tmp_path / "store", Settings())
    try:
        assert (pool.size, pool.max_size, pool.per_client, pool.memory_mb) == (3, 5, 7, 0)
    finally:
        pool.close()


def test_the_defaults_when_nothing_is_set(monkeypatch, tmp_path):
    for name in ("WORKERS", "MAX_WORKERS", "CLIENT_QUERIES", "WORKER_MEMORY_MB"):
        monkeypatch.delenv(f"LTKG_SPARQL_{name}", raising=False)
    settings = Settings()
    pool = Sandbox(tmp_path / "store", settings)
    try:
        assert settings.sparql_workers == min(8, max(4, 2 * (os.cpu_count() or 2))) == pool.size
        assert pool.max_size == pool.size + 4 and pool.per_client == 2 and pool.memory_mb == 4096
    finally:
        pool.close()


def test_a_maximum_below_the_pool_is_the_pool_and_counts_are_at_least_one(monkeypatch, tmp_path):
    monkeypatch.setenv("LTKG_SPARQL_WORKERS", "0")
    monkeypatch.setenv("LTKG_SPARQL_MAX_WORKERS", "1")
    monkeypatch.setenv("LTKG_SPARQL_CLIENT_QUERIES", "0")
    pool = Sandbox(tmp_path / "store", Settings())
    try:
        assert (pool.size, pool.max_size, pool.per_client) == (1, 1, 1)
    finally:
        pool.close()


def test_a_worker_process_does_not_import_the_web_framework():
    """A worker imports what it runs a query with at its first query; FastAPI's import alone takes a second or
    more on a busy machine, which would make a fresh worker's first answer late."""
    import subprocess
    import sys

    from graph.settings import ROOT

    code = ("import sys\nimport api.sparql.worker, api.sparql.results, api.http.accept, api.store.answers, "
            "api.store.embedded\nheavy = sorted(m for m in ('fastapi', 'starlette', 'jinja2') if m in sys.modules)\n"
            "sys.exit(', '.join(heavy) or None)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"a worker imports {done.stderr.strip()}"
