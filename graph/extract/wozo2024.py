"""WOZO progress report (2024): the programme, its 5 action lines and their numbered sections (and the
intermezzo) as actions, parsed from the markdown headings; the parties, schemes, laws, amounts, dates
and figures of each section curated in graph/data/wozo-2024.yaml.

The headings are uneven: "# Actielijn 1:" has its name on a separate "## " line, the other action
lines carry it on the heading line; sections are "##" or "###" ("### 1.1", "## 1.7", "### 3.3"); the
unnumbered "### Intermezzo: medisch generalistische zorg" stands after 2.5 and before action line 3.
Unnumbered sub-headings ("### MGZ in de regio", "### *Zorg van Nu*", ...) belong to the section above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph import curated
from graph import claims
from graph.dates import stated_date
from graph.extract.document import SourceText
from graph.extract.plan2018 import participation
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, normalise
from graph.register import PartyRegister, InitiativeRegister, Register
from graph.settings import DATA_DIR

DOC = "2024-wozo-voortgangsrapportage"
PROGRAMME = "wozo"
PROGRAMME_NAME = "Wonen, Ondersteuning en Zorg voor Ouderen (WOZO)"
CLAIM_KINDS = ("budget", "date", "figure")

ACTION_LINE = re.compile(r"^# Actielijn (\d+):\s*(.*?)\s*$")
SECTION = re.compile(r"^#{2,3} (\d+)\.(\d+) (.+?)\s*$")
INTERMEZZO = re.compile(r"^#{2,3} (Intermezzo: .+?)\s*$")
NAME = re.compile(r"^## (.+?)\s*$")
TOC = re.compile(r"^Actielijn (\d+): (.+?)\t\d+\s*$")
END = re.compile(r"^\*\*Dit is een uitgave van\*\*\s*$")
GOAL = re.compile(r"^(\d+)\. (.+?)\s*$")

# '€ 26,7 mln.', 'ca. € 137.000', '€650.000,-', '€ 60 miljoen per jaar', '3,6 miljoen' (persons): Dutch digits,
# '.' groups thousands
_EURO = re.compile(r"(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:,-)?(?:\s*(mln|miljoen|mld|miljard)\b)?", re.I)
_SCALE = {None: 1, "mln": 10**6, "miljoen": 10**6, "mld": 10**9, "miljard": 10**9}


def euros(text: str) -> Decimal | None:
    """The one figure a text states (an amount in euros, or a count such as '3,6 miljoen'); None when it
    states none or several."""
    found = list(_EURO.finditer(text))
    if len(found) != 1:
        return None
    whole, fraction, scale = found[0].groups()
    value = Decimal(whole.replace(".", "") + (f".{fraction}" if fraction else ""))
    value *= _SCALE[scale.lower() if scale else None]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def dutch_number(value: int) -> str:
    """1700 -> '1.700', as the report writes counts."""
    return f"{value:,}".replace(",", ".")


@dataclass
class ActionLineHeading:
    number: int
    line: int          # the '# Actielijn n:' line
    name: str
    name_line: int     # the line the name stands on (the heading itself or the '## ' line after it)
    end: int = 0       # last line of its span


@dataclass
class SectionHeading:
    key: str                 # '1.1' ... or 'intermezzo'
    line: int
    title: str               # verbatim heading text after the number
    action_line: int | None
    number: int | None
    end: int = 0
    footnotes: set[str] = field(default_factory=set)


def parse(lines: list[str]) -> tuple[list[ActionLineHeading], list[SectionHeading], list[str]]:
    """Action lines and sections from the headings; problems as 'file:line: message'."""
    problems: list[str] = []
    lines_, sections = [], []
    end = next((n for n, text in enumerate(lines, 1) if END.match(text)), len(lines) + 1)
    current: ActionLineHeading | None = None
    for number, text in enumerate(lines[:end - 1], start=1):
        heading = ACTION_LINE.match(text)
        if heading:
            name, name_line = heading.group(2), number
            if not name:  # '# Actielijn 1:' with its name on the next '## ' heading
                name_line = next(n for n in range(number + 1, end) if lines[n - 1].strip())
                named = NAME.match(lines[name_line - 1])
                if not named:
                    problems.append(f"{DOC}.txt:{number}: action line {heading.group(1)} has no name")
                    continue
                name = named.group(1)
            current = ActionLineHeading(int(heading.group(1)), number, name, name_line)
            lines_.append(current)
            continue
        section = SECTION.match(text)
        if section:
            line_number, n = int(section.group(1)), int(section.group(2))
            if current is None or current.number != line_number:
                problems.append(f"{DOC}.txt:{number}: section {line_number}.{n} stands under action line "
                                f"{current.number if current else None}")
            sections.append(SectionHeading(f"{line_number}.{n}", number, section.group(3), line_number, n))
            continue
        intermezzo = INTERMEZZO.match(text)
        if intermezzo:
            sections.append(SectionHeading("intermezzo", number, intermezzo.group(1),
                                           current.number if current else None, None))
    # spans: a section runs to the line before the next section or action-line heading
    starts = sorted([s.line for s in sections] + [a.line for a in lines_] + [end])
    for item in [*lines_, *sections]:
        item.end = next(s for s in starts if s > item.line) - 1
    for action_line in lines_:  # an action line spans its intro and all its sections
        following = [a.line for a in lines_ if a.line > action_line.line]
        action_line.end = (following[0] if following else end) - 1
    for section in sections:
        calls = [text for text in lines[section.line - 1:section.end] if not text.startswith("<sup>")]
        section.footnotes = set(re.findall(r"<sup>(\d+)</sup>", "\n".join(calls)))
    for action_line in lines_:
        numbers = [s.number for s in sections if s.action_line == action_line.number and s.number]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"{DOC}.txt:{action_line.line}: sections of action line {action_line.number} "
                            f"are numbered {numbers}")
    if [a.number for a in lines_] != list(range(1, len(lines_) + 1)):
        problems.append(f"{DOC}.txt: action lines are numbered {[a.number for a in lines_]}")
    return lines_, sections, problems


class Report(SourceText):
    doc = DOC

    def __init__(self, kg: KG, parties: PartyRegister, regulations: InitiativeRegister):
        super().__init__(kg)
        self.parties, self.regulations = parties, regulations
        self.node = iri("programme", PROGRAMME)
        self.action_lines, self.sections, problems = parse(self.lines)
        for problem in problems:
            kg.problem(problem)
        self.by_key = {s.key: s for s in self.sections}
        self.actions: dict[str, URIRef] = {}
        self.english = Editorial(
            "wozo-english-labels",
            "English labels of the WOZO programme and its action lines are the editors' translations, "
            "using shared/GLOSSARY.md; curated in graph/data/wozo-2024.yaml.", origin="wozo-2024.yaml")

    # -- structure --------------------------------------------------------------------------
    def programme(self) -> None:
        kg = self.kg
        first, last = self.find(r"^Wonen, Ondersteuning en"), self.find(r"^Zorg voor Ouderen \(WOZO\)")
        src = self.cite(first, last, PROGRAMME_NAME)
        kg.entity("programme", PROGRAMME, LTKG.Programme, src, nl=PROGRAMME_NAME)
        kg.text(self.node, SKOS.altLabel, "WOZO", src)
        document = iri("document", DOC)
        title = self.cite(self.find(r"^# Voortgangs- rapportage"), last, "# Voortgangs- rapportage")
        kg.add(document, LTKG.reportsOn, self.node, title)
        publisher = self.find(r"^\*\*Dit is een uitgave van\*\*")
        src = self.cite(publisher, publisher + 3,
                        "**Dit is een uitgave van** Ministerie van Volksgezondheid, Welzijn en Sport")
        vws = self.parties.mention(kg, "Ministerie van Volksgezondheid, Welzijn en Sport", src)
        if vws is not None:
            kg.add(document, DCTERMS.publisher, vws, src)

    def structure(self) -> None:
        kg = self.kg
        toc = {}
        for number, text in enumerate(self.lines, start=1):
            entry = TOC.match(text)
            if entry:
                toc[int(entry.group(1))] = (number, entry.group(2))
        for heading in self.action_lines:
            src = self.cite(heading.line, heading.name_line)
            line = kg.entity("actionline", f"{PROGRAMME}-{heading.number}", LTKG.ActionLine, src, nl=heading.name)
            kg.add(line, LTKG.programme, self.node, src)
            kg.number(line, LTKG.number, heading.number, src)
            listed = toc.get(heading.number)
            if listed is None or normalise(listed[1]) != normalise(heading.name):
                kg.problem(f"{DOC}.txt:{heading.line}: action line {heading.number} {heading.name!r} is "
                           f"listed in the contents as {listed}")
            else:  # the table of contents names it too
                toc_src = self.cite(listed[0], quote=f"Actielijn {heading.number}: {listed[1]}")
                kg.text(line, SKOS.prefLabel, heading.name, toc_src)
            self.intro(heading, line)
        for section in self.sections:
            self.section(section)

    def intro(self, heading: ActionLineHeading, line: URIRef) -> None:
        """The paragraph under an action line's name (bold in four of the five) as its description;
        a numbered list in it (action line 4: 'ten doel gesteld dat:') gives its goals."""
        first_section = min((s.line for s in self.sections if s.action_line == heading.number),
                            default=heading.end + 1)
        for number in range(heading.name_line + 1, first_section):
            text = self.lines[number - 1].strip()
            if not text:
                continue
            goal = GOAL.match(text)
            if goal:
                src = self.cite(number, quote=goal.group(2))
                node = self.kg.entity("goal", f"{PROGRAMME}-{heading.number}-doel-{goal.group(1)}",
                                      LTKG.Goal, src, nl=goal.group(2))
                self.kg.add(node, LTKG.actionLine, line, src)
                self.kg.add(node, LTKG.programme, self.node, src)
                self.kg.number(node, LTKG.number, int(goal.group(1)), src)
            elif not text.startswith("#"):
                self.kg.text(line, DCTERMS.description, text.strip("*"), self.cite(number))

    def section(self, section: SectionHeading) -> None:
        kg = self.kg
        slug = f"{PROGRAMME}-{section.key}"
        src = self.cite(section.line, quote=section.title)
        action = kg.entity("action", slug, LTKG.Action, src, nl=section.title)
        self.actions[section.key] = action
        kg.text(action, DCTERMS.title, section.title, src)
        kg.add(action, LTKG.programme, self.node, src)
        if section.action_line is not None:
            kg.add(action, LTKG.actionLine, iri("actionline", f"{PROGRAMME}-{section.action_line}"), src)
        if section.number is not None:
            kg.number(action, LTKG.number, section.number, src)
            kg.add(action, SKOS.notation, Literal(section.key), src)

    def table(self) -> None:
        """Section 3.1's 'Tabel 1 Aantal Wlz-cliënten' (tab-separated) as one figure claim."""
        first = self.find(r"^Tabel 1 ")
        last = first
        for number in range(first + 1, self.by_key["3.1"].end + 1):
            if "\t" in self.lines[number - 1]:
                last = number
        src = self.cite(first, last)
        self.claim("3.1-table", src, "figure", [self.actions["3.1"], iri("initiative", "wlz")])

    # -- curated facts ------------------------------------------------------------------------
    def curated(self, data: curated.Node) -> None:
        if data.get("document") != DOC:
            self.kg.problem(f"{data.origin}: document is {data.get('document')!r}, expected {DOC!r}")
        for entry in data.get("actionLines", []):
            number = int(curated.require(entry, "actionLine"))
            heading = next((a for a in self.action_lines if a.number == number), None)
            if heading is None:
                self.kg.problem(f"{entry.origin}: no action line {number}")
                continue
            self.facts(entry, iri("actionline", f"{PROGRAMME}-{number}"), f"al{number}", heading.line,
                       heading.end, set())
        for entry in data.get("sections", []):
            key = str(curated.require(entry, "section"))
            section = self.by_key.get(key)
            if section is None:
                self.kg.problem(f"{entry.origin}: no section {key!r} in {DOC}")
                continue
            self.facts(entry, self.actions[key], key, section.line, section.end, section.footnotes)
        for key, label in (data.get("english") or {}).items():
            self.kg.text(iri(*str(key).split("/", 1)), SKOS.prefLabel, label, self.english, "en")

    def facts(self, entry: curated.Node, subject: URIRef, key: str, first: int, last: int,
              footnotes: set[str]) -> None:
        kg = self.kg
        if entry.get("note"):
            kg.text(subject, LTKG.note, entry["note"], self.cite(first), "en")
        for item in entry.get("involved", []):
            src = self.source(item, first, last, footnotes)
            for name in curated.require(item, "names"):
                party = self.mention(self.parties, name, src, item)
                if party is not None:
                    participation(kg, subject, party, "involved", src)
            if item.get("note"):
                kg.text(subject, LTKG.note, item["note"], src, "en")
        for item in entry.get("restsOn", []):
            src = self.source(item, first, last, footnotes)
            for name in curated.require(item, "names"):
                regulation = self.mention(self.regulations, name, src, item)
                if regulation is not None:
                    kg.add(subject, LTKG.mentions if item.get("mentionOnly") else LTKG.restsOn, regulation, src)
            if item.get("note"):
                kg.text(subject, LTKG.note, item["note"], src, "en")
        for n, item in enumerate(entry.get("claims", []), start=1):
            self.curated_claim(f"{key}-{n}", item, subject, first, last, footnotes)

    def source(self, item: curated.Node, first: int, last: int, footnotes: set[str]) -> Cite:
        """The item's citation, which must lie in its section's lines, or be a footnote the section calls."""
        src = curated.cite(curated.require(item, "source"), DOC)
        note = item.get("footnote")
        if note is not None:
            if str(note) not in footnotes:
                self.kg.problem(f"{item.origin}: footnote {note} is not called in lines {first}-{last}")
            elif not self.lines[src.first - 1].startswith(f"<sup>{note}</sup>"):
                self.kg.problem(f"{item.origin}: line {src.first} is not footnote {note}")
        elif not (first <= src.first and src.last <= last):
            self.kg.problem(f"{item.origin}: lines {src.first}-{src.last} are outside the section ({first}-{last})")
        return src

    def mention(self, register: Register, name, src: Cite, item: curated.Node) -> URIRef | None:
        """A name as written, through its register; {name, id} picks the entry of an abbreviation that
        means two things (on purpose listed under neither entry's names)."""
        slug = None
        if isinstance(name, dict):
            slug, name = str(curated.require(name, "id")), str(curated.require(name, "name"))
        name = str(name)
        if normalise(name) not in normalise(src.quote):
            self.kg.problem(f"{item.origin}: {name!r} is not in the quote {src.quote!r}")
            return None
        if slug is None:
            return register.mention(self.kg, name, src)
        if slug not in register.entries:
            self.kg.problem(f"{item.origin}: no {register.kind} {slug!r} in {register.path.name}")
            return None
        node = iri(register.kind, slug)
        if register.knows(name) and register.resolve(name, item.origin) != node:
            self.kg.problem(f"{item.origin}: {name!r} is listed for another {register.kind} than {slug!r}; "
                            f"an abbreviation with two meanings must be listed under neither")
            return None
        self.kg.add(node, SKOS.altLabel, Literal(normalise(name), lang="nl"), src)
        return node

    def curated_claim(self, slug: str, item: curated.Node, subject: URIRef, first: int, last: int,
                      footnotes: set[str]) -> None:
        src = self.source(item, first, last, footnotes)
        kind = str(curated.require(item, "kind"))
        if kind not in CLAIM_KINDS:
            self.kg.problem(f"{item.origin}: claim kind {kind!r} is not one of {CLAIM_KINDS}")
            return
        about = [subject]
        for ref in item.get("about", []):
            kind_, _, ref_slug = str(ref).partition("/")
            register = {"initiative": self.regulations, "party": self.parties}.get(kind_)
            if register is not None and ref_slug not in register.entries:
                self.kg.problem(f"{item.origin}: no {kind_} {ref_slug!r} in {register.path.name}")
                continue
            about.append(iri(kind_, ref_slug))
        quote = normalise(src.quote)
        values = {}
        if "amount" in item:
            text = str(item["amount"])
            value = euros(text)
            if normalise(text) not in quote or value is None:
                self.kg.problem(f"{item.origin}: amount {text!r} is not one figure in the quote")
                return
            values["amount"] = claims.amount(item, text, value, quote)
            if isinstance(values["amount"], str):
                self.kg.problem(values["amount"])
                return
        if "date" in item:
            text = str(item["date"])
            date = stated_date(text)
            if normalise(text) not in quote or date is None:
                self.kg.problem(f"{item.origin}: date {text!r} is not one stated date in the quote")
                return
            values["date"] = date
        if "count" in item:
            count = int(item["count"])
            text = str(item.get("countText", dutch_number(count)))
            if not re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)", quote):
                self.kg.problem(f"{item.origin}: count {text!r} is not in the quote")
                return
            values["count"] = count
        self.claim(slug, src, kind, about, values, item.get("note"))

    def claim(self, slug: str, src: Cite, kind: str, about: list[URIRef], values: dict | None = None,
              note: str | None = None) -> None:
        values = values or {}
        claims.claim(self.kg, f"{PROGRAMME}-{slug}", src, kind, about, amount=values.get("amount"),
                     date=values.get("date"), count=values.get("count"), note=note, parties=self.parties)

def extract(kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    report = Report(kg, parties, regulations)
    report.programme()
    report.structure()
    report.table()
    report.curated(curated.load(data_dir / "wozo-2024.yaml"))
