"""Paths and settings, read once from the environment (LTKG_*). The bottom layer: it imports nothing of the project,
and every other module that needs a path or a setting takes it from here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "graph" / "sources"
DATA_DIR = ROOT / "graph" / "data"
# Outside registers (TOOI, Wikidata, BWB ids): a copy of ../shared/reference, replaced whole by a new snapshot
REFERENCE_DIR = ROOT / "graph" / "reference"
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "api" / "queries"
TEMPLATE_DIR = ROOT / "api" / "web" / "templates"  # every page's template, base.html the frame
STATIC_DIR = ROOT / "api" / "web" / "static"  # served under /assets/
EXAMPLES_DIR = ROOT / "examples"  # the query cookbook


DEFAULT_BASE_IRI = "https://ltkg.example.org/"


def base_iri() -> str:
    """LTKG_BASE_IRI: the authority under which the build mints every IRI and the server names them (default
    https://ltkg.example.org/, a placeholder); an http(s) IRI ending in '/'. Read at import by graph.ns, so a build and
    the server that serves it must be started with the same value."""
    value = os.environ.get("LTKG_BASE_IRI", "") or DEFAULT_BASE_IRI
    if not value.startswith(("http://", "https://")) or not value.endswith("/") or any(c in value for c in " <>\"{}|^`"):
        raise ValueError(f"LTKG_BASE_IRI must be an http(s) IRI ending in '/', not {value!r}")
    return value


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _env_int(name: str, default: int, least: int | None = None) -> int:
    """The variable's whole number (at least `least` where that is given), or the default when it is unset."""
    value = os.environ.get(name)
    if not value:
        return default
    return int(value) if least is None else max(least, int(value))


def _default_workers() -> int:
    # Twice the cores (4 to 8): a worker waits for the server to hand it its next query and its answer
    # away, and the other keeps the core meanwhile (measured on 2 cores: 2 workers 0.78x the ceiling's
    # throughput, 4 workers 0.88x).
    return min(8, max(4, 2 * (os.cpu_count() or 2)))


@dataclass(frozen=True)
class Settings:
    build_dir: Path = field(default_factory=lambda: Path(os.environ.get("LTKG_BUILD_DIR", ROOT / "build")))
    # Empty: the embedded pyoxigraph store; otherwise the URL of a SPARQL 1.1 query endpoint.
    sparql_endpoint: str = field(default_factory=lambda: os.environ.get("LTKG_SPARQL_ENDPOINT", ""))
    query_timeout: float = field(default_factory=lambda: _env_float("LTKG_QUERY_TIMEOUT", 10.0))
    max_rows: int = field(default_factory=lambda: _env_int("LTKG_MAX_ROWS", 100_000))
    max_request_bytes: int = field(default_factory=lambda: _env_int("LTKG_MAX_REQUEST_BYTES", 64_000))
    # REST answers and entity pages kept until the next build (api/http/cache.py); 0 keeps none
    answer_cache_mb: int = field(default_factory=lambda: _env_int("LTKG_ANSWER_CACHE_MB", 64))
    # /sparql's pool of query worker processes (api/sparql/pool.py); max_workers 0: workers + 4
    sparql_workers: int = field(default_factory=lambda: _env_int("LTKG_SPARQL_WORKERS", _default_workers(), 1))
    sparql_max_workers: int = field(default_factory=lambda: _env_int("LTKG_SPARQL_MAX_WORKERS", 0, 1))
    sparql_client_queries: int = field(default_factory=lambda: _env_int("LTKG_SPARQL_CLIENT_QUERIES", 2, 1))
    # each worker's address-space limit; 0 for none
    sparql_worker_memory_mb: int = field(default_factory=lambda: _env_int("LTKG_SPARQL_WORKER_MEMORY_MB", 4096))
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(o for o in os.environ.get("LTKG_CORS_ORIGINS", "*").split(",") if o)
    )

    @property
    def current(self) -> Path:
        """The last good build: a dump and a store, replaced only by a build that passed every check."""
        return self.build_dir / "current"

    @property
    def dump_path(self) -> Path:
        return self.current / "ltkg.nq"

    @property
    def store_path(self) -> Path:
        return self.current / "store"


def settings() -> Settings:
    return Settings()
