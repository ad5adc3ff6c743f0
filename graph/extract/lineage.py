"""Lineage of the programmes (graph/data/lineage.yaml): the Pact voor de ouderenzorg that Langer Thuis is
part of (documentary), the editorial succession of Langer Thuis by WOZO, IZA, GALA and TAZ, the
action-level continuations that back it, and what the 2018 plan's actions rest on.

Runs after the extractors of the documents: every action, action line and programme it names must
already be in the graph (an unknown id is a build error with the YAML file:line).

  - id/programme/pact-voor-de-ouderenzorg  ltkg:Programme, labelled from the plan (cited)
  - id/programme/langer-thuis  dcterms:isPartOf  the Pact, cited in the plan and the 2018 letter
  - id/programme/{wozo,iza,gala,taz}  ltkg:succeeds  langer-thuis, each in an ltkg:EditorialAssertion
  - id/continuation/{id}  ltkg:Continuation: ltkg:earlier / ltkg:later (an action or action line), the
    later ltkg:continues the earlier; type, labels and links editorial (id/editorial/continuation-{id}),
    each side's quotes cited in its own programme's documents (ltkg:earlierEvidence, ltkg:laterEvidence,
    and the name as that document writes it as skos:altLabel in that citation's graph)
  - ltkg:restsOn from 2018 actions to the register's laws, schemes and agreements, cited in the plan
    (or editorial where the plan does not name the scheme)
"""
from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph import curated
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, normalise
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR

PLAN = "2018-langer-thuis-plan-van-aanpak"
FILE = "lineage.yaml"
EVIDENCE_STRENGTHS = ("several-initiatives", "single-initiative", "single-scheme")  # of a succession
CONTINUATION_STRENGTHS = ("stated", "named-in-both", "passing-mention")  # of a continuation
SIDE_KINDS = {"action": LTKG.Action, "actionLine": LTKG.ActionLine}


def extract(kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    data = curated.load(data_dir / FILE)
    lineage = Lineage(kg, regulations, data)
    lineage.programmes()
    lineage.part_of()
    lineage.succession()
    lineage.continuations()
    lineage.rests_on()


def is_a(kg: KG, node: URIRef, cls: URIRef) -> bool:
    """Whether any graph of the dataset types node as cls."""
    return any(True for _ in kg.ds.quads((node, RDF.type, cls, None)))


def programme_of(kg: KG, node: URIRef) -> URIRef | None:
    for _, _, programme, _ in kg.ds.quads((node, LTKG.programme, None, None)):
        return programme
    return None


class Lineage:
    def __init__(self, kg: KG, regulations: InitiativeRegister, data: curated.Node):
        self.kg, self.regulations, self.data = kg, regulations, data
        self.documents: dict[str, list[str]] = {
            str(k): [str(d) for d in v] for k, v in (data.get("documents") or {}).items()}

    def problem(self, origin: str, message: str) -> None:
        self.kg.problem(f"{origin or FILE}: {message}")

    def cite(self, node: curated.Node, doc: str | None = PLAN) -> Cite | None:
        try:
            return curated.cite(node, doc)
        except curated.CurationError as error:
            self.kg.problem(str(error))
            return None

    def programme(self, slug: str, origin: str) -> URIRef | None:
        node = iri("programme", str(slug))
        if not (is_a(self.kg, node, LTKG.Programme) or is_a(self.kg, node, LTKG.Agreement)):
            self.problem(origin, f"unknown programme {slug!r}")
            return None
        return node

    # -- programmes only named in passing --------------------------------------------------------------
    def programmes(self) -> None:
        for entry in self.data.get("programmes", []):
            slug = str(curated.require(entry, "id"))
            src = self.cite(curated.require(entry, "source"))
            if src is None:
                continue
            name = str(curated.require(entry, "name"))
            if normalise(name) not in normalise(src.quote):
                self.problem(entry.origin, f"name {name!r} is not in its quote")
            node = self.kg.entity("programme", slug, LTKG.Programme, src, nl=name)
            english = Editorial(f"{slug}-english-label",
                                f"English label of the {name} is the editors' translation (graph/data/{FILE}).",
                                origin=entry.origin)
            if entry.get("en"):
                self.kg.text(node, SKOS.prefLabel, entry["en"], english, "en")
            for spelling in entry.get("spellings", []):
                cite = self.cite(spelling)
                if cite is None:
                    continue
                if normalise(str(spelling["name"])) not in normalise(cite.quote):
                    self.problem(spelling.origin, f"spelling {spelling['name']!r} is not in its quote")
                self.kg.text(node, SKOS.altLabel, str(spelling["name"]), cite)
            if entry.get("note"):
                self.kg.text(node, LTKG.note, entry["note"], src, "en")

    def part_of(self) -> None:
        for entry in self.data.get("partOf", []):
            part = self.programme(curated.require(entry, "part"), entry.origin)
            whole = self.programme(curated.require(entry, "whole"), entry.origin)
            sources = [self.cite(s) for s in curated.require(entry, "sources")]
            if part is None or whole is None:
                continue
            for src in sources:
                if src is not None:
                    self.kg.add(part, DCTERMS.isPartOf, whole, src)

    def succession(self) -> None:
        for entry in self.data.get("succession", []):
            later = self.programme(curated.require(entry, "later"), entry.origin)
            earlier = self.programme(curated.require(entry, "earlier"), entry.origin)
            try:
                note = curated.editorial(entry, PLAN)
            except curated.CurationError as error:
                self.kg.problem(str(error))
                continue
            strength = str(curated.require(entry, "strength"))
            if strength not in EVIDENCE_STRENGTHS:
                self.problem(entry.origin, f"strength {strength!r} is not one of {', '.join(EVIDENCE_STRENGTHS)}")
            elif later is not None and earlier is not None:
                self.kg.add(later, LTKG.succeeds, earlier, note)
                names = [str(n).rsplit("/", 1)[1] for n in (later, earlier)]
                link = iri("succession", "-".join(names))
                self.kg.add(link, RDF.type, LTKG.Succession, note)
                self.kg.add(link, LTKG.successor, later, note)
                self.kg.add(link, LTKG.predecessor, earlier, note)
                self.kg.add(link, LTKG.evidenceStrength, iri("evidence-strength", strength), note)

    # -- continuations ------------------------------------------------------------------------------
    def side(self, entry: curated.Node, key: str) -> tuple[URIRef, str, list[Cite]] | None:
        """(node, name as written, citations) of one side of a continuation; problems recorded."""
        side = entry.get(key)
        if not isinstance(side, dict):
            self.problem(entry.origin, f"continuation without its {key} side")
            return None
        kinds = [k for k in SIDE_KINDS if k in side]
        if len(kinds) != 1:
            self.problem(side.origin, f"give exactly one of {', '.join(SIDE_KINDS)} for the {key} side")
            return None
        kind = kinds[0]
        slug = str(side[kind])
        node = iri("action" if kind == "action" else "actionline", slug)
        if not is_a(self.kg, node, SIDE_KINDS[kind]):
            self.problem(side.origin, f"unknown {'action' if kind == 'action' else 'action line'} {slug!r}")
            return None
        programme = programme_of(self.kg, node)
        programme_slug = str(programme).rsplit("/", 1)[1] if programme is not None else None
        allowed = self.documents.get(programme_slug or "", [])
        name = str(curated.require(side, "name"))
        cites = []
        for item in curated.require(side, "sources"):
            cite = self.cite(item, None)
            if cite is None:
                continue
            if cite.doc not in allowed:
                self.problem(item.origin, f"the {key} side ({slug}, programme {programme_slug}) must be cited in "
                                          f"its own programme's documents ({', '.join(allowed) or 'none listed'}), "
                                          f"not {cite.doc}")
                continue
            cites.append(cite)
        if not cites:
            self.problem(side.origin, f"the {key} side has no citation")
            return None
        if not any(normalise(name).casefold() in normalise(c.quote).casefold() for c in cites):
            self.problem(side.origin, f"the {key} side's name {name!r} stands in none of its quotes")
            return None
        return node, name, cites

    def continuations(self) -> None:
        seen: set[str] = set()
        for entry in self.data.get("continuations", []):
            slug = str(curated.require(entry, "id"))
            if slug in seen:
                self.problem(entry.origin, f"duplicate continuation id {slug!r}")
                continue
            seen.add(slug)
            earlier, later = self.side(entry, "earlier"), self.side(entry, "later")
            if earlier is None or later is None:
                continue
            (earlier_node, earlier_name, earlier_cites) = earlier
            (later_node, later_name, later_cites) = later
            note = Editorial(f"continuation-{slug}", str(curated.require(entry, "rationale")),
                             tuple(earlier_cites + later_cites), origin=entry.origin)
            kg = self.kg
            node = kg.entity("continuation", slug, LTKG.Continuation, note,
                             nl=str(curated.require(entry, "name")), en=entry.get("en"))
            kg.add(node, LTKG.earlier, earlier_node, note)
            kg.add(node, LTKG.later, later_node, note)
            self.evidence(entry, node, note)
            kg.add(later_node, LTKG.continues, earlier_node, note)
            for prop, cites, name in ((LTKG.earlierEvidence, earlier_cites, earlier_name),
                                      (LTKG.laterEvidence, later_cites, later_name)):
                for cite in cites:
                    kg.add(node, prop, cite.iri, note)
                    if normalise(name).casefold() in normalise(cite.quote).casefold():
                        kg.text(node, SKOS.altLabel, name, cite)

    def evidence(self, entry: curated.Node, node: URIRef, note: Editorial) -> None:
        """How strong a continuation's evidence is, and the documentary statements that state it."""
        strength = str(curated.require(entry, "strength"))
        if strength not in CONTINUATION_STRENGTHS:
            self.problem(entry.origin, f"strength {strength!r} is not one of {', '.join(CONTINUATION_STRENGTHS)}")
            return
        self.kg.add(node, LTKG.evidenceStrength, iri("evidence-strength", strength), note)
        stated = [cite for cite in (self.cite(item, None) for item in entry.get("statedBy", [])) if cite is not None]
        if (strength == "stated") != bool(stated):
            self.problem(entry.origin, "a continuation is `stated` exactly when statedBy quotes the statements")
        for cite in stated:
            if self.kg.provenance(cite) is not None:  # the citation, which holds the document's own statement
                self.kg.add(node, LTKG.statedBy, cite.iri, note)

    # -- what the 2018 plan's actions rest on ----------------------------------------------------------
    def rests_on(self) -> None:
        for entry in self.data.get("restsOn2018", []):
            slug = str(curated.require(entry, "action"))
            action = iri("action", slug)
            if not is_a(self.kg, action, LTKG.Action):
                self.problem(entry.origin, f"unknown action {slug!r}")
                continue
            if "editorial" in entry:
                try:
                    note = curated.editorial(entry, PLAN)
                except curated.CurationError as error:
                    self.kg.problem(str(error))
                    continue
                regulation = str(curated.require(entry, "regulation"))
                if regulation not in self.regulations.entries:
                    self.problem(entry.origin, f"unknown initiative id {regulation!r} (graph/data/initiatives.yaml)")
                    continue
                self.kg.add(action, LTKG.restsOn, iri("initiative", regulation), note)
                continue
            src = self.cite(curated.require(entry, "source"))
            if src is None:
                continue
            for name in curated.require(entry, "names"):
                if normalise(str(name)) not in normalise(src.quote):
                    self.problem(entry.origin, f"{name!r} is not in the quote")
                    continue
                regulation = self.regulations.mention(self.kg, str(name), src)
                if regulation is not None:
                    self.kg.add(action, LTKG.restsOn, regulation, src)

