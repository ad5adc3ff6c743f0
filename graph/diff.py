"""What changed between two builds: entities and statements added, removed or changed (`ltkg diff OLD NEW`).

A statement is a triple with the graphs that state it (its provenance: a citation or an editorial
assertion). Added and removed statements are triples one build has and the other lacks; a changed
statement is a triple both have whose provenance differs (say, a quote re-cut to other lines). An entity
is an IRI under /id/ with a type (citations and editorial assertions are provenance, not entities); it is
changed when any statement about it (as subject) was added, removed or changed. Entity IRIs are stable
across builds, so a diff by IRI is a diff by meaning.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph import version as build_version
from graph.ns import ID, split_iri

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROVENANCE_KINDS = {"citation", "editorial"}

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


@dataclass
class Diff:
    old: str  # version (or file name) of each side
    new: str
    entities_added: list[str] = field(default_factory=list)
    entities_removed: list[str] = field(default_factory=list)
    entities_changed: list[str] = field(default_factory=list)
    statements_added: list[Triple] = field(default_factory=list)
    statements_removed: list[Triple] = field(default_factory=list)
    statements_changed: list[tuple[Triple, list[str], list[str]]] = field(default_factory=list)  # old, new graphs

    @property
    def empty(self) -> bool:
        return not (self.entities_added or self.entities_removed or self.entities_changed or self.statements_added
                    or self.statements_removed or self.statements_changed)

    def summary(self) -> dict[str, int]:
        return {"entities added": len(self.entities_added), "entities removed": len(self.entities_removed),
                "entities changed": len(self.entities_changed), "statements added": len(self.statements_added),
                "statements removed": len(self.statements_removed),
                "statements changed": len(self.statements_changed)}

    def as_json(self) -> dict:
        def triple(t: Triple) -> list[str]:
            return [str(term) for term in t]
        return {"old": self.old, "new": self.new, "summary": self.summary(),
                "entities": {"added": self.entities_added, "removed": self.entities_removed,
                             "changed": self.entities_changed},
                "statements": {"added": [triple(t) for t in self.statements_added],
                               "removed": [triple(t) for t in self.statements_removed],
                               "changed": [{"statement": triple(t), "oldGraphs": old, "newGraphs": new}
                                           for t, old, new in self.statements_changed]}}


def dump_of(path: Path) -> tuple[Path, str]:
    """The N-Quads file a path names (a build folder, its parent with current/, or the file) and its label."""
    path = Path(path)
    for candidate in (path, path / build_version.DUMP, path / "current" / build_version.DUMP):
        if candidate.is_file():
            found = build_version.read(candidate.parent)
            return candidate, found.version if found else str(candidate)
    raise FileNotFoundError(f"no N-Quads dump at {path} (give a build folder such as build/current, or a .nq file)")


def statements(dump: Path) -> dict[Triple, set[str]]:
    """Triple -> the names of the graphs that state it (blank-node triples are keyed by their subject's text)."""
    found: dict[Triple, set[str]] = defaultdict(set)
    for quad in ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        found[(quad.subject, quad.predicate, quad.object)].add(graph)
    return found


def _entities(found: dict[Triple, set[str]]) -> set[str]:
    out = set()
    for s, p, _ in found:
        if p == RDF_TYPE and isinstance(s, ox.NamedNode) and s.value.startswith(ID):
            kind = split_iri(s.value)
            if kind and kind[0] not in PROVENANCE_KINDS:
                out.add(s.value)
    return out


def diff(old_path: Path, new_path: Path) -> Diff:
    (old_dump, old_label), (new_dump, new_label) = dump_of(old_path), dump_of(new_path)
    old, new = statements(old_dump), statements(new_dump)
    result = Diff(old=old_label, new=new_label)
    key = lambda t: tuple(str(term) for term in t)  # noqa: E731
    result.statements_added = sorted(new.keys() - old.keys(), key=key)
    result.statements_removed = sorted(old.keys() - new.keys(), key=key)
    result.statements_changed = sorted(((t, sorted(old[t]), sorted(new[t])) for t in old.keys() & new.keys()
                                        if old[t] != new[t]), key=lambda c: key(c[0]))
    old_entities, new_entities = _entities(old), _entities(new)
    result.entities_added = sorted(new_entities - old_entities)
    result.entities_removed = sorted(old_entities - new_entities)
    touched = {t[0].value for t in result.statements_added + result.statements_removed
               if isinstance(t[0], ox.NamedNode)}
    touched |= {c[0][0].value for c in result.statements_changed if isinstance(c[0][0], ox.NamedNode)}
    result.entities_changed = sorted(touched & old_entities & new_entities)
    return result
