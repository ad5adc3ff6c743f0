"""The version of a build: the project's release number joined to the content hash of its N-Quads dump.

`ltkg build` writes it beside the dump (build/current/version.json); the API, `ltkg release` and
`ltkg diff` read it with `read()`. The dump is sorted, so the same sources give the same bytes, the same
hash and the same version: `0.1.0+3f2a9c1b7e04` is release 0.1.0 of the project, built into the dump whose
SHA-256 begins 3f2a9c1b7e04.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from graph.settings import ROOT

FILE = "version.json"
DUMP = "ltkg.nq"


@dataclass(frozen=True)
class BuildVersion:
    version: str  # release+hash, e.g. 0.1.0+3f2a9c1b7e04
    release: str  # the project's version (pyproject.toml)
    sha256: str  # of the N-Quads dump, hex
    quads: int
    triples: int
    built: str  # when, ISO 8601 UTC (the dump's identity is the hash, not this)

    @property
    def short(self) -> str:
        return self.sha256[:12]


def release() -> str:
    """The project's release number, from pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(folder: Path, quads: int, triples: int) -> BuildVersion:
    """Hash folder/ltkg.nq and write folder/version.json."""
    digest = sha256(folder / DUMP)
    number = release()
    found = BuildVersion(version=f"{number}+{digest[:12]}", release=number, sha256=digest, quads=quads,
                         triples=triples,
                         built=datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"))
    (folder / FILE).write_text(json.dumps(asdict(found), indent=2) + "\n", encoding="utf-8")
    return found


def read(folder: Path) -> BuildVersion | None:
    """The version of the build in folder (e.g. build/current), or None where there is none.

    Cheap enough to call per request: the file is parsed again only when a build replaces it."""
    path = Path(folder) / FILE
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _parse(str(path), stat.st_ino, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _parse(path: str, inode: int, mtime: int) -> BuildVersion | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return BuildVersion(**{key: data[key] for key in BuildVersion.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None
