"""Paths and settings, read once from the environment (LTKG_*)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "graph" / "sources"
DATA_DIR = ROOT / "graph" / "data"
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "api" / "queries"


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    build_dir: Path = field(default_factory=lambda: Path(os.environ.get("LTKG_BUILD_DIR", ROOT / "build")))
    # Empty: the embedded pyoxigraph store; otherwise the URL of a SPARQL 1.1 query endpoint.
    sparql_endpoint: str = field(default_factory=lambda: os.environ.get("LTKG_SPARQL_ENDPOINT", ""))
    query_timeout: float = field(default_factory=lambda: _env_float("LTKG_QUERY_TIMEOUT", 10.0))
    max_rows: int = field(default_factory=lambda: _env_int("LTKG_MAX_ROWS", 100_000))
    max_request_bytes: int = field(default_factory=lambda: _env_int("LTKG_MAX_REQUEST_BYTES", 64_000))
    # REST answers and entity pages kept until the next build (api/cache.py); 0 keeps none
    answer_cache_mb: int = field(default_factory=lambda: _env_int("LTKG_ANSWER_CACHE_MB", 64))
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(o for o in os.environ.get("LTKG_CORS_ORIGINS", "").split(",") if o)
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
