"""The letter to parliament of 5 November 2018 presenting the plan: the parties of its footnote 2 as
signatories of Langer Thuis, its action-line headings, and the state, budgets, dates and counts it gives
for the actions it names, as dated ltkg:Claim nodes beside the plan's own figures on the same things.

The code parses the letter's structure ("Actielijn n" headings, the "- " bullets under them, the list
of parties); graph/data/letter-2018.yaml says which action each bullet is about and holds the claims.
`Claims` is shared with graph/extract/report2021.py."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph import curated
from graph import claims
from graph.dates import stated_date
from graph.extract.document import SourceText
from graph.kg import KG
from graph.ns import LTKG, iri, slugify
from graph.provenance import Cite, Editorial, Sources, normalise
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR

DOC = "2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis"
PLAN = "2018-langer-thuis-plan-van-aanpak"
PROGRAMME = "langer-thuis"



def extract(kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    data = curated.load(data_dir / "letter-2018.yaml")
    letter = Letter(kg, parties, regulations)
    letter.document()
    letter.action_lines()
    letter.signatories(curated.require(data, "parties"))
    letter.check_sections(curated.require(data, "sections"))
    claims = Claims(kg, regulations, parties)
    for section in data["sections"]:
        claims.section(section, DOC)


# ------------------------------------------------------------------------------------------ helpers
def action_iri(notation: str) -> URIRef:
    return iri("action", f"{PROGRAMME}-{notation}")


def goal_iri(key: str) -> URIRef:
    line, _, n = str(key).partition(".")
    return iri("goal", f"{PROGRAMME}-{line}-doel-{n}")


def action_line_iri(n: int | str) -> URIRef:
    return iri("actionline", f"{PROGRAMME}-{n}")


def typed(kg: KG, cls: URIRef) -> set[URIRef]:
    """Every subject of the given type, in any graph."""
    return {s for s, _, _, _ in kg.ds.quads((None, RDF.type, cls, None))}


def first_value(kg: KG, subject: URIRef, predicate: URIRef, lang: str | None = None):
    return kg.value(subject, predicate, lang)


def locate(sources: Sources, doc: str, first: int, last: int, text: str, origin: str = "") -> Cite:
    """The narrowest line range within first..last whose text contains `text` (whitespace-normalised)."""
    lines, wanted = sources.lines(doc), normalise(text)
    for width in range(0, last - first + 1):
        for start in range(first, last - width + 1):
            if wanted in normalise(" ".join(lines[start - 1:start + width])):
                return Cite(doc, start, start + width, wanted, origin=origin or f"{doc}.txt:{start}")
    return Cite(doc, first, last, wanted, origin=origin or f"{doc}.txt:{first}")  # the check reports it


def name_pattern(name: str) -> re.Pattern:
    """A spelling as a pattern: whole words, a hyphen possibly followed by a line break's space."""
    body = re.escape(normalise(name)).replace(r"\-", r"-\s?").replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-]){body}(?![\w])")


def contains(quote: str, name: str) -> bool:
    return bool(name_pattern(name).search(normalise(quote)))


def split_names(text: str) -> list[str]:
    """'A, B, C en D en E' -> [A, B, C, D, E]."""
    names = []
    for part in normalise(text).split(", "):
        names.extend(p.strip() for p in part.split(" en ") if p.strip())
    return names


def dehyphenate(name: str) -> str:
    """'Sociaal Werk Neder- land' (a word broken over two lines) -> 'Sociaal Werk Nederland'."""
    return re.sub(r"(\w)- (\w)", lambda m: m.group(1) + m.group(2) if m.group(2).islower() else m.group(0), name)


def signatories(kg: KG, parties: PartyRegister, doc: str, node: curated.Node, expected: int) -> list[URIRef]:
    """The parties of a list cited by `node` ({lines, quote}): each mentioned where it stands and made a
    signatory of Langer Thuis in that citation's graph; the count is checked against the curated one."""
    src = curated.cite(node, doc)
    found = []
    for written in split_names(src.quote):
        cite = locate(kg.sources, doc, src.first, src.last, written, origin=node.origin)
        party = parties.mention(kg, dehyphenate(written), cite)
        if party is not None:
            kg.add(iri("programme", PROGRAMME), LTKG.signatory, party, cite)
            found.append(party)
    if len(split_names(src.quote)) != expected:
        kg.problem(f"{node.origin}: the list has {len(split_names(src.quote))} parties, expected {expected}")
    return found


# ------------------------------------------------------------------------------------------ claims
class Claims:
    """Dated claims of a document, grouped under the headings they stand under (see letter-2018.yaml).

    The claim itself (its statement, kind, figures, source document) lives in its citation's graph;
    that a heading is about a 2018 action is the editors' identification, in an editorial graph whose
    evidence is the heading."""

    def __init__(self, kg: KG, regulations: InitiativeRegister, parties: PartyRegister):
        self.kg, self.regulations, self.parties = kg, regulations, parties
        self.actions = typed(kg, LTKG.Action)
        self.seen: set[str] = set()

    def action(self, notation, origin: str) -> URIRef | None:
        """An action of the 2018 plan by its notation ("2.6"), or any node by kind/slug ("actionline/langer-thuis-2")."""
        kind, _, slug = str(notation).partition("/")
        node = iri(kind, slug) if slug else action_iri(str(notation))
        known = self.actions if not slug else {s for s, _, _, _ in self.kg.ds.quads((node, RDF.type, None, None))}
        if node not in known:
            self.kg.problem(f"{origin}: no action {notation!r} in the 2018 plan" if not slug else f"{origin}: no {notation!r}")
            return None
        return node

    def title(self, action: URIRef) -> str:
        return str(first_value(self.kg, action, DCTERMS.title) or "")

    def regulation(self, name: str, src: Cite, origin: str) -> URIRef | None:
        if not contains(src.quote, name):
            self.kg.problem(f"{origin}: {name!r} does not occur in the quote {src.quote!r}")
            return None
        return self.regulations.mention(self.kg, name, src)

    def section(self, node: curated.Node, default_doc: str) -> None:
        doc = str(node.get("doc", default_doc))
        heading = curated.cite(curated.require(node, "heading"), doc)
        actions = [a for a in (self.action(n, node.origin) for n in curated.require(node, "actions")) if a]
        regulations = [r for r in (self.regulation(n, heading, node.origin) for n in node.get("regulations", [])) if r]
        # without actions, the claims are about what the heading names (its regulations), in its own words
        about_src = self.about_source(doc, heading, actions, node.get("note"), node.origin) if actions else heading
        for entry in node.get("claims") or []:
            self.claim(entry, doc, actions, regulations, about_src)

    def about_source(self, doc: str, heading: Cite, actions: list[URIRef], note: str | None,
                     origin: str) -> Editorial:
        named = "; ".join(f"action {str(a).rsplit('-', 1)[1]} ('{self.title(a)}')" for a in actions)
        rationale = (f"Under the heading '{normalise(heading.quote)}' ({doc}, line {heading.first}) the document "
                     f"speaks of {named} of the 2018 plan; the claims under that heading are about it.")
        if note:
            rationale += " " + normalise(note)
        return Editorial(f"claims-{doc}-l{heading.first}", rationale, (heading,), origin=origin)

    def claim(self, entry: curated.Node, doc: str, actions: list[URIRef], regulations: list[URIRef],
              about_src: Cite | Editorial) -> URIRef | None:
        kg = self.kg
        slug = str(curated.require(entry, "id"))
        if slug in self.seen or slug != slugify(slug):
            kg.problem(f"{entry.origin}: claim id {slug!r} is a duplicate or not a slug")
            return None
        self.seen.add(slug)
        kind = str(curated.require(entry, "kind"))
        if kind not in claims.KINDS:
            kg.problem(f"{entry.origin}: claim kind {kind!r} is not one of {claims.KINDS}")
            return None
        src = curated.cite(curated.require(entry, "source"), doc)
        quote = normalise(src.quote)
        if "about" in entry:  # this claim's own actions, with its note as the reason
            actions = [a for a in (self.action(n, entry.origin) for n in entry["about"]) if a]
            about_src = Editorial(f"claim-about-{slug}", normalise(str(curated.require(entry, "note"))),
                                  (src,), origin=entry.origin)
        own_regulations = [r for r in (self.regulation(str(n), src, entry.origin)
                                       for n in entry.get("regulations", [])) if r]
        amount = None
        if "amount" in entry:
            text = str(curated.require(entry, "amountText"))
            if normalise(text) not in quote:
                kg.problem(f"{entry.origin}: amountText {text!r} is not in the quote")
            amount = claims.amount(entry, text, Decimal(str(entry["amount"])), quote)
            if isinstance(amount, str):
                kg.problem(amount)
                return None
        count = None
        if "count" in entry:
            count = int(entry["count"])
            text = str(entry.get("countText", count))
            if not re.search(rf"(?<![\w.,]){re.escape(text)}(?![\w]|[.,]\d)", quote):
                kg.problem(f"{entry.origin}: count {text!r} is not in the quote")
        date_text = str(entry.get("dateText", quote))
        if normalise(date_text) not in quote:
            kg.problem(f"{entry.origin}: dateText {date_text!r} is not in the quote")
        node = claims.claim(kg, slug, src, kind, actions + regulations, about_src=about_src, statement=quote,
                            amount=amount, date=stated_date(date_text), count=count, note=entry.get("note"),
                            parties=self.parties)
        for regulation in own_regulations:
            kg.add(node, LTKG.about, regulation, src)
        return node


# ------------------------------------------------------------------------------------------ the letter
class Letter(SourceText):
    doc = DOC

    def __init__(self, kg: KG, parties: PartyRegister, regulations: InitiativeRegister):
        super().__init__(kg)
        self.parties, self.regulations = parties, regulations

    def document(self) -> None:
        """The letter is about the plan of the Langer Thuis programme ('Betreft', line 3)."""
        for number, text in enumerate(self.lines, start=1):
            match = re.match(r"^Betreft\s+(Plan van Aanpak Programma Langer Thuis)\s*$", text)
            if match:
                self.kg.add(iri("document", DOC), LTKG.reportsOn, iri("programme", PROGRAMME),
                            self.cite(number, quote=match.group(1)))
                return
        self.kg.problem(f"{DOC}.txt: no 'Betreft' line")

    def headings(self) -> dict[int, int]:
        """{line: action line number} of the letter's 'Actielijn n ...' headings."""
        return {number: int(m.group(1)) for number, text in enumerate(self.lines, start=1)
                if (m := re.match(r"^Actielijn (\d) \S", text))}

    def action_lines(self) -> None:
        """Each heading's wording becomes an alternative label of the plan's action line, where it differs."""
        for number, n in self.headings().items():
            label = re.sub(r"^Actielijn \d\s+", "", self.lines[number - 1]).strip()
            node = action_line_iri(n)
            current = first_value(self.kg, node, SKOS.prefLabel, "nl")
            if current is None:
                self.kg.problem(f"{DOC}.txt:{number}: no action line {n} in the 2018 plan")
            elif normalise(str(current)).casefold() != normalise(label).casefold():
                self.kg.text(node, SKOS.altLabel, label, self.cite(number, quote=label))

    def bullets(self) -> dict[int, int]:
        """{line: action line} of the '- ' bullets that name an action, from the first heading to 'Tot slot'."""
        headings = self.headings()
        end = next(n for n, text in enumerate(self.lines, start=1) if text.strip() == "Tot slot")
        found, current = {}, 0
        for number in range(min(headings), end):
            current = headings.get(number, current)
            if re.match(r"^\s*- \S", self.lines[number - 1]):
                found[number] = current
        return found

    def check_sections(self, sections: list[curated.Node]) -> None:
        """Every bullet of the letter is curated, under the action line it stands in."""
        bullets = self.bullets()
        covered = set()
        for section in sections:
            if section.get("doc", DOC) != DOC:
                continue
            heading = curated.cite(curated.require(section, "heading"), DOC)
            if heading.first not in bullets:
                self.kg.problem(f"{section.origin}: line {heading.first} is not a bullet of the letter")
                continue
            covered.add(heading.first)
            for notation in section["actions"]:
                if not str(notation).startswith(f"{bullets[heading.first]}."):
                    self.kg.problem(f"{section.origin}: action {notation} stands under 'Actielijn "
                                    f"{bullets[heading.first]}' in the letter")
        for number in sorted(set(bullets) - covered):
            self.kg.problem(f"{DOC}.txt:{number}: bullet not curated in letter-2018.yaml: {self.lines[number - 1].strip()!r}")

    def signatories(self, node: curated.Node) -> None:
        src = curated.cite(curated.require(node, "source"), DOC)
        signatories(self.kg, self.parties, DOC, curated.require(node, "source"), int(curated.require(node, "count")))
        if node.get("note"):
            self.kg.text(iri("document", DOC), LTKG.note, str(node["note"]), src, "en")
