"""Curated registers: one YAML file per kind of thing, mapping every spelling found to one node.

A register's own statements (preferred labels, type) are editorial; each mention of a name in a
source adds that spelling as an alternative label in the mention's citation graph.
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS, XSD

from graph import curated
from graph.kg import KG
from graph.ns import ID, LTKG, iri
from graph.provenance import Cite, Editorial, normalise


# What makes each kind of initiative: a word of its kind in one of its spellings or in a quote that cites it
# (the header of graph/data/initiatives.yaml states the rule; `kindNote` gives the reason where the text has none).
KIND_CUES = {kind: re.compile(cues, re.I) for kind, cues in {
    "law": r"wet|besluit",
    "subsidy-scheme": r"subsidie|regeling|uitkering|oproep",
    "incentive-scheme": r"stimuleringsregeling",
    "scheme": r"regeling|beleidsregel",
    "fund": r"fonds|budget|middelen",
    "agreement": r"akkoord|afspraken|deal|verdrag",
    "covenant": r"convenant",
    "programme": r"programma|agenda|plan van aanpak|actieplan|traject|leergang",
    "campaign": r"campagne|gesprekken|estafette",
    "framework": r"kader|visie|kompas|standaard",
    "guideline": r"richtlijn|handreiking|module|zorgstandaard",
    "motion": r"motie",
    "pilot": r"pilot|experiment",
    "report": r"rapport|advies|analyse|document|e-book|magazine|verkenning|publicatie",
    "network": r"netwerk|coalitie|platform|associatie",
    "approach": r"aanpak|interventie|werkwijze|model",
    "team": r"team|kwartiermaker",
    "tool": r"instrument|menukaart|e-learning|folder|helpdesk|omgeving",
}.items()}
# A spelling that holds one of these words makes its entry of that kind (a "fonds" is no scheme).
NAMED_KINDS = ((re.compile(r"fonds|budget", re.I), ("fund",)),
               (re.compile(r"regeling", re.I), ("subsidy-scheme", "incentive-scheme", "scheme")))
# A spelling is a name: no leading article, no trailing particle of a separable verb ("stelt ... op").
SPELLING_RULES = (re.compile(r"^(?:de|het|een|der|des)\s", re.I),
                  re.compile(r"\s(?:op|aan|af|in|uit|mee|door|over|toe|bij|om|na|voor|weg|terug|vast|los|tegen|"
                             r"samen|neer|voort)$", re.I))
RANGE = re.compile(r"\d{4}\s*[-–/]\s*\d{4}|\d{4} t/m \d{4}")
PERIOD_CUES = {"from": re.compile(r"\b(?:vanaf|sinds|per|start\w*|gestart|begin|in|op)\b", re.I),
               "to": re.compile(r"\b(?:tot|t/m|gereed|af te ronden|eind\w*|einde|loopt tot)\b", re.I)}


def spelling_problem(name: str) -> str | None:
    """Why a spelling is no name (it begins with an article or ends in a verb's particle), or None."""
    for rule in SPELLING_RULES:
        if rule.search(normalise(name)):
            return f"{name!r} {'begins with an article' if rule is SPELLING_RULES[0] else 'ends in a particle'}"
    return None


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
            notes = entry.get("spellingNotes") or {}
            for name in self.spellings(entry):
                problem = spelling_problem(name)
                if problem and not str(notes.get(name, "")).strip():
                    problems.append(f"{entry.origin}: spelling {problem}: write the name as the text uses it, or give "
                                    f"the reason under spellingNotes")
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

    @staticmethod
    def spellings(entry: curated.Node) -> list[str]:
        """The spellings an entry records: its names, and the names of its cited spellings and mentions."""
        found = [str(n) for n in entry.get("names") or []]
        for key in ("spellings", "mentionedBy"):
            found += [str(item["name"]) for item in entry.get(key) or [] if "name" in item]
        return found

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


class InitiativeRegister(Register):
    """graph/data/initiatives.yaml: every named initiative: laws, schemes, agreements and covenants (also
    ltkg:Regulation), programmes, campaigns, frameworks, guidelines, motions, pilots, reports, funds, ...

    Beyond the party fields an entry may state, each item cited ({doc, lines, quote}):
      spellings: [{name, source}]  a spelling found in a source that no extractor mentions
      runBy / fundedBy: [{names, source}]  parties (through the party register)
      period: {text, from?, to?, source}  years as stated (text must stand in the quote)
      continues / scalesUp: [{initiative: name, source}]  the earlier initiative this one continues
      mentionedBy: [{by: action/<id> | actionline/<id> | programme/<id>, name | words, source}]  `words`: the
                   text refers to it without a name (no spelling is recorded)

    The register's rules (stated in its header) are checked at build: an entry's kind must be what the text
    calls it (KIND_CUES), a spelling must be a name (SPELLING_RULES), a period's years must be its start or end.
    """

    kind, key, types = "initiative", "initiatives", "initiative-kind"
    cls = LTKG.Initiative
    collective_cls = LTKG.Initiative
    REGULATION_KINDS = ("law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant")
    KINDS = REGULATION_KINDS + ("programme", "campaign", "framework", "guideline", "motion", "pilot", "report",
                                "fund", "network", "approach", "team", "tool")
    LINKS = {"continues": LTKG.continues, "scalesUp": LTKG.scalesUp}
    MENTIONERS = ("action", "actionline", "programme")

    def emit(self, kg: KG) -> None:
        super().emit(kg)
        for slug, entry in self.entries.items():
            kind = entry.get("type")
            if kind not in self.KINDS:
                kg.problem(f"{entry.origin}: initiative {slug!r} has kind {kind!r}; use one of {', '.join(self.KINDS)}")
            elif kind in self.REGULATION_KINDS:
                kg.add(iri(self.kind, slug), RDF.type, LTKG.Regulation, self.source)

    def emit_links(self, kg: KG, parties: "Register") -> None:
        """The cited statements of each entry; after every extractor, so that what an entry links to exists."""
        for slug, entry in self.entries.items():
            node = iri(self.kind, slug)
            for item in entry.get("spellings", []):
                src = self._cite(kg, item, curated.require(item, "name"))
                if src is not None:
                    kg.add(node, SKOS.altLabel, Literal(normalise(str(item["name"])), lang="nl"), src)
            for key, prop in (("runBy", LTKG.runBy), ("fundedBy", LTKG.fundedBy)):
                for item in entry.get(key, []):
                    src = curated.cite(curated.require(item, "source"))
                    for name in curated.require(item, "names"):
                        party = parties.mention(kg, str(name), src)
                        if party is not None:
                            kg.add(node, prop, party, src)
            if entry.get("period"):
                self._period(kg, node, entry["period"])
            for key, prop in self.LINKS.items():
                for item in entry.get(key, []):
                    src = self._cite(kg, item, curated.require(item, "initiative"))
                    earlier = self.mention(kg, str(item["initiative"]), src) if src is not None else None
                    if earlier is not None:
                        kg.add(node, prop, earlier, src)
            for item in entry.get("mentionedBy", []):
                src = self._cite(kg, item, item["name"] if "name" in item else curated.require(item, "words"))
                by = str(curated.require(item, "by"))
                kind_, _, ref = by.partition("/")
                if kind_ not in self.MENTIONERS or not ref:
                    kg.problem(f"{item.origin}: `by` must be one of {', '.join(k + '/<id>' for k in self.MENTIONERS)}")
                    continue
                target = iri(kind_, ref)
                if not any(True for _ in kg.ds.quads((target, RDF.type, None, None))):
                    kg.problem(f"{item.origin}: no {kind_} {ref!r} in the graph")
                    continue
                if src is not None:
                    if "name" in item:
                        kg.add(node, SKOS.altLabel, Literal(normalise(str(item["name"])), lang="nl"), src)
                    kg.add(target, LTKG.mentions, node, src)

    def check_kinds(self, kg: KG) -> None:
        """Every entry is of the kind its text calls it (KIND_CUES, NAMED_KINDS), or says why in `kindNote`."""
        quotes: dict[URIRef, list[str]] = {}
        prefix = f"{ID}{self.kind}/"
        for s_, _, o, graph in kg.ds.quads((None, None, None, None)):
            cite = kg.cites.get(getattr(graph, "identifier", graph))
            if cite is not None:
                for node in (s_, o):
                    if isinstance(node, URIRef) and node.startswith(prefix):
                        quotes.setdefault(node, []).append(cite.quote)
        for slug, entry in self.entries.items():
            kind, names = entry.get("type"), self.spellings(entry)
            for pattern, kinds in NAMED_KINDS:
                named = [n for n in names if pattern.search(n) and not re.search(r"beleidsregel", n, re.I)]
                if named and kind not in kinds:
                    kg.problem(f"{entry.origin}: {slug!r} is called {named[0]!r}, so its kind is {' or '.join(kinds)}, "
                               f"not {kind!r}")
            text = " ".join([str(entry.get("name", ""))] + names + quotes.get(iri(self.kind, slug), []))
            cue = KIND_CUES.get(kind)
            if cue is not None and not cue.search(text) and not str(entry.get("kindNote", "")).strip():
                kg.problem(f"{entry.origin}: nothing the text says of {slug!r} calls it a {kind} ({cue.pattern}); "
                           "give the reason for its kind in kindNote")

    def _cite(self, kg: KG, item: curated.Node, name: object) -> Cite | None:
        """The item's citation, whose quote must hold the name as written."""
        src = curated.cite(curated.require(item, "source"))
        if normalise(str(name)) not in normalise(src.quote):
            kg.problem(f"{item.origin}: {name!r} is not in the quote {src.quote!r}")
            return None
        return src

    def _period(self, kg: KG, node: URIRef, period: curated.Node) -> None:
        src = self._cite(kg, period, curated.require(period, "text"))
        if src is None:
            return
        kg.text(node, LTKG.period, str(period["text"]), src)
        text = normalise(str(period["text"]))
        for key, prop in (("from", LTKG.fromYear), ("to", LTKG.toYear)):
            if key in period:
                year = str(period[key])
                if year not in text:
                    kg.problem(f"{period.origin}: year {year} is not in the period as written {period['text']!r}")
                elif not (RANGE.search(text) or PERIOD_CUES[key].search(text)):
                    kg.problem(f"{period.origin}: the period as written {period['text']!r} does not say that {year} is "
                               f"its {'start' if key == 'from' else 'end'} (a range, or {PERIOD_CUES[key].pattern})")
                kg.add(node, prop, Literal(year, datatype=XSD.gYear), src)
