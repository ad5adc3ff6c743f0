"""Curated registers: one YAML file per kind of thing, mapping every spelling found to one node.

A register's own statements (preferred labels, type) are editorial; each mention of a name in a
source adds that spelling as an alternative label in the mention's citation graph.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from graph import curated
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, normalise


class UnknownName(Exception):
    pass


class Register:
    """A curated YAML register: one node per entry, every spelling an alternative name.

    kind: the IRI kind (id/{kind}/{id}); key: the file's top-level list; cls: the entry's class;
    types: the IRI kind of the concepts its `type` names (a scheme in ontology/ltkg.ttl).
    """

    kind, key, types = "party", "parties", "party-type"
    cls = LTKG.Party
    collective_cls = LTKG.CollectiveParty

    def __init__(self, path: Path):
        self.path = path
        data = curated.load(path)
        self.entries: dict[str, curated.Node] = {}
        self._by_name: dict[str, str] = {}
        problems = []
        for entry in data[self.key]:
            slug = curated.require(entry, "id")
            if slug in self.entries:
                problems.append(f"{entry.origin}: duplicate party id {slug!r}")
            self.entries[slug] = entry
            for name in [entry.get("name")] + list(curated.require(entry, "names")):
                if name is None:
                    continue
                key = normalise(str(name))
                if self._by_name.get(key, slug) != slug:
                    problems.append(f"{entry.origin}: name {name!r} is also listed for {self._by_name[key]!r}")
                self._by_name[key] = slug
        if problems:
            raise curated.CurationError("\n".join(problems))
        self.source = Editorial(
            f"{self.kind}-register",
            f"Preferred labels, English labels and types are the editors' curation in graph/data/{path.name}; "
            "each spelling found in a source is an alternative label cited there.",
            origin=path.name,
        )

    def knows(self, name: str) -> bool:
        return normalise(name) in self._by_name

    def resolve(self, name: str, origin: str) -> URIRef:
        slug = self._by_name.get(normalise(name))
        if slug is None:
            raise UnknownName(f"{origin}: unknown {self.kind} name {name!r}: add it to {self.path.name} "
                              f"(as a new {self.kind} or a spelling of one)")
        return iri(self.kind, slug)

    def mention(self, kg: KG, name: str, src: Cite) -> URIRef | None:
        """Resolve a name as it stands in a source, recording the spelling with that citation."""
        try:
            party = self.resolve(name, src.origin or f"{src.doc}:{src.first}")
        except UnknownName as error:
            kg.problem(str(error))
            return None
        kg.add(party, SKOS.altLabel, Literal(normalise(name), lang="nl"), src)
        return party

    def emit(self, kg: KG) -> None:
        for slug, entry in self.entries.items():
            party = iri(self.kind, slug)
            kg.add(party, RDF.type, self.cls, self.source)
            if entry.get("collective"):
                kg.add(party, RDF.type, self.collective_cls, self.source)
            kg.text(party, SKOS.prefLabel, entry.get("name") or entry["names"][0], self.source, "nl")
            if entry.get("en"):
                kg.text(party, SKOS.prefLabel, entry["en"], self.source, "en")
            kg.add(party, ORG.classification, iri(self.types, curated.require(entry, "type")), self.source)
            if entry.get("note"):
                kg.text(party, LTKG.note, entry["note"], self.source, "en")
            members = entry.get("members")
            if members:
                src = curated.cite(curated.require(members, "source"))
                for name in members["names"]:
                    member = self.mention(kg, name, src)
                    if member is not None:
                        kg.add(party, ORG.hasMember, member, src)


class PartyRegister(Register):
    """graph/data/parties.yaml."""


class RegulationRegister(Register):
    """graph/data/regulations.yaml: laws, subsidy and incentive schemes, agreements and covenants."""

    kind, key, types = "regulation", "regulations", "regulation-kind"
    cls = LTKG.Regulation
    collective_cls = LTKG.Regulation
