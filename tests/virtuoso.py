"""A private Virtuoso (scripts/virtuoso) for the tests that hold the answers of a remote SPARQL endpoint to
the embedded store's. Skipped where Virtuoso is not installed, unless LTKG_TEST_VIRTUOSO=required (CI)."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.http.serving import free_port
from graph.settings import ROOT

SCRIPT = ROOT / "scripts" / "virtuoso"


def unavailable(reason: str):
    """Skip, or fail where Virtuoso is required."""
    if os.environ.get("LTKG_TEST_VIRTUOSO", "").lower() in ("required", "1", "yes"):
        pytest.fail(f"LTKG_TEST_VIRTUOSO=required, but {reason}")
    pytest.skip(reason)


def script(*args: str, env: dict | None = None, timeout: float = 300) -> str:
    done = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    if done.returncode:
        raise RuntimeError(f"scripts/virtuoso {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout.strip()


@contextlib.contextmanager
def running(dump: Path) -> Iterator[str]:
    """The SPARQL endpoint URL of a private Virtuoso holding the dump, stopped when the block ends."""
    if not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
        unavailable("Virtuoso is not installed (scripts/virtuoso install) and LTKG_TEST_VIRTUOSO_URL is not set")
    directory = Path(tempfile.mkdtemp(prefix="ltkg-virtuoso-"))
    port = free_port()
    env = {"VIRTUOSO_ISQL_PORT": str(free_port()), "VIRTUOSO_BUFFERS": "20000", "VIRTUOSO_START_TIMEOUT": "90"}
    try:
        script("start", str(directory), str(port), env=env)
        script("load", str(dump), str(directory), env=env)
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        try:
            script("stop", str(directory), env=env, timeout=60)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
