"""The id contract: an id once published keeps answering. graph/data/retired-ids.yaml lists the ids of entities
that were renamed (`replacedBy` the new id: the API answers 301 to it) or removed (no `replacedBy`: 410 Gone),
each with its `reason`.

Every build writes the ids it publishes (ids.txt) and the register (retired-ids.json) beside its dump. A
build checks its ids against the last good build's: an id that disappears without an entry in the register
stops the build, as does an entry whose old id is still in use or whose new id is not.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import yaml
from rdflib import RDF, URIRef

from graph.kg import KG, BuildError
from graph.ns import ID

REGISTER = "retired-ids.yaml"
IDS = "ids.txt"
SERVED = "retired-ids.json"
# The kinds whose ids are published: the REST routes' and /id's entities. Provenance graphs (citations,
# editorial assertions), participations, amounts and other derived nodes are named after these and follow them.
PUBLIC = ("programme", "actionline", "goal", "action", "party", "initiative", "theme", "region", "regional-plan",
          "document", "indicator", "body", "white-spot", "comparison-theme")


def published(kg: KG) -> set[str]:
    """The `kind/slug` of every typed entity of a public kind in the graph."""
    found = set()
    for subject, _, _, _ in kg.ds.quads((None, RDF.type, None, None)):  # in every named graph
        if isinstance(subject, URIRef) and str(subject).startswith(ID):
            kind, _, slug = str(subject)[len(ID):].partition("/")
            if kind in PUBLIC and slug and "/" not in slug:
                found.add(f"{kind}/{slug}")
    return found


def read_register(path: Path) -> dict[str, dict]:
    """{old kind/slug: {replacedBy, reason, line}} of the register (empty if there is none)."""
    if not path.exists():
        return {}
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("retired") or []
    lines = path.read_text(encoding="utf-8").splitlines()
    out = {}
    for entry in entries:
        line = next((n for n, text in enumerate(lines, 1) if f"id: {entry['id']}" in text), 0)
        out[entry["id"]] = {"replacedBy": entry.get("replacedBy"), "reason": entry.get("reason", ""), "line": line}
    return out


def check(ids: set[str], previous_build: Path, register_path: Path) -> dict[str, str | None]:
    """{old id: new id or None} for the API; BuildError for an id gone without an entry, or a wrong entry."""
    register = read_register(register_path)
    problems = []
    for old, entry in register.items():
        where = f"{register_path}:{entry['line']}"
        if old in ids:
            problems.append(f"{where}: {old} is retired but still names an entity of the graph")
        if entry["replacedBy"] is not None and entry["replacedBy"] not in ids:
            problems.append(f"{where}: {old} is replaced by {entry['replacedBy']}, which names no entity")
        if not entry["reason"]:
            problems.append(f"{where}: {old} needs a reason")
    before = previous_build / IDS
    if before.exists():
        for old in sorted(set(before.read_text(encoding="utf-8").split()) - ids - set(register)):
            problems.append(f"{register_path}:1: the last build published {old}, which this build no longer has: "
                            f"add it to the register (replacedBy: its new id, or no replacedBy if it is gone)")
    if problems:
        raise BuildError(problems)
    return {old: entry["replacedBy"] for old, entry in register.items()}


def write(folder: Path, ids: set[str], retired: dict[str, str | None]) -> None:
    (folder / IDS).write_text("".join(f"{i}\n" for i in sorted(ids)), encoding="utf-8")
    (folder / SERVED).write_text(json.dumps(retired, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def served(folder: Path) -> dict[str, str | None]:
    """The build's register {old kind/slug: new kind/slug or None}, re-read only when a build replaces it."""
    path = Path(folder) / SERVED
    try:
        stat = os.stat(path)
    except OSError:
        return {}
    return _parse(str(path), stat.st_ino, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _parse(path: str, inode: int, mtime: int) -> dict[str, str | None]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
