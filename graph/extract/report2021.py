"""The third and last progress report of Langer Thuis (2021): its results, linked to the 2018 plan.

Parsed by code: the list of the plan's signatories, the legend of the maps (entries ending in "(n)"),
the summary bullets per action line, and the sections under "Wat hebben we bereikt:" (and its
variants) / "Agenda:" / "Kansen:", split into paragraphs with footnotes, page footers and boxes left
out. Every paragraph, bullet and legend entry becomes a ltkg:Result (resultKind achieved | agenda |
opportunity | summary | count) with its text as ltkg:statement and the heading it stands under as its
label. Curated in graph/data/report-2021.yaml: which heading is which goal, the themes' headings, text
without a sub-heading that is a result, and which 2018 action a result reports on, only where the text
names the same initiative, scheme or pilot; otherwise a result reports on the goal, or the action line,
it stands under. Also the report's dated claims (Claims of graph/extract/letter2018.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph import curated
from graph.extract.letter2018 import (PROGRAMME, Claims, action_iri, action_line_iri, contains, first_value,
                                      goal_iri, name_pattern, signatories, typed)
from graph.extract.document import SourceText
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, normalise
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR

DOC = "2021-langer-thuis-voortgangsrapportage-3"
PREFIX = "langer-thuis-2021"
MARKERS = {
    "Wat hebben we bereikt:": "achieved",
    "Wat hebben we daarin tot nu toe bereikt:": "achieved",
    "Wat hebben we gedaan:": "achieved",
    "Welke stappen zijn gezet?": "achieved",
    "Agenda:": "agenda",
    "Kansen:": "opportunity",
}
UNMARKED_KINDS = ("achieved", "agenda")
FOOTER = re.compile(r"^Voortgangsrapportage Programma Langer Thuis \| \d+\s*$")
STOPS = re.compile(r"^(Voorbeeld uit de praktijk|Lijst met afkortingen|Samenvatting)")
BULLET = re.compile(r"^(•|- |\d\.\s)")
TERMINAL = (".", "!", "?", ";", ":", "”", '"', "’")
FOOTNOTE_REF = re.compile(r"([.!?;:”’\"])\s*\d{1,2}$")  # "... Recept. 7": a sentence and a footnote's number

STRUCTURE = Editorial(
    "langer-thuis-2021-structure",
    "The 2021 progress report follows the action lines and goals of the 2018 plan under the same numbers "
    "('Actielijn 1', 'Doel 2: ...'). A result reports on the goal under whose heading it stands (for 'Doel 1 & 3' "
    "on both), or on the action line where it stands under no goal, unless the editors link it to specific "
    "actions (graph/data/report-2021.yaml). ltkg:actionLine gives the action line it stands under.",
    origin="report2021.py")
UNMARKED = Editorial(
    "langer-thuis-2021-unmarked-sections",
    "Text of the 2021 report under a heading that has no 'Wat hebben we bereikt' or 'Agenda' sub-heading; the "
    "editors take it as results, achieved or on the agenda by its tense and content (graph/data/report-2021.yaml, "
    "`sections`).",
    origin="report2021.py")


def extract(kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    data = curated.load(data_dir / "report-2021.yaml")
    report = Report(kg, parties, regulations, data)
    report.document()
    report.signatories()
    report.mentions()
    report.headings()
    report.legend()
    report.summaries()
    report.sections()
    claims = Claims(kg, regulations, parties)
    for section in data.get("claims", []):
        claims.section(section, DOC)


@dataclass
class Heading:
    """A heading of the report: an action line's, a goal's or a theme's (a topic)."""

    kind: str  # actionline | goal | topic
    first: int
    last: int
    cite: Cite
    node: curated.Node
    id: str = ""
    action_line: int = 0
    goals: list[str] = field(default_factory=list)  # for a goal: its goals; for a topic: those it stands under

    @property
    def label(self) -> str:
        return normalise(self.cite.quote)


@dataclass
class Paragraph:
    first: int
    last: int
    list_mode: bool = False


class Report(SourceText):
    doc = DOC

    def __init__(self, kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data: curated.Node):
        super().__init__(kg)
        self.parties, self.regulations, self.data = parties, regulations, data
        self.actions = typed(kg, LTKG.Action)
        self.goal_nodes = typed(kg, LTKG.Goal)
        self.heads: list[Heading] = []
        self.skipped = self._skipped()
        self.names = sorted(data.get("regulations", []), key=lambda r: -len(str(r["name"])))

    # -- text ---------------------------------------------------------------------------------
    def text(self, number: int) -> str:
        return self.lines[number - 1]

    def _skipped(self) -> set[int]:
        """Lines that are never results: curated boxes, page footers and the footnotes.

        A footnote starts a paragraph with its number, the next one expected (1, 2, ...), and runs to the
        next page (a line indented by the extraction, or a footer)."""
        skipped = set()
        for first, last in self.data.get("skip", []):
            skipped.update(range(int(first), int(last) + 1))
        expected, in_notes, previous_blank = 1, False, True
        for number, raw in enumerate(self.lines, start=1):
            text = raw.strip()
            if FOOTER.match(raw):
                skipped.add(number)
                in_notes = False
            elif (m := re.match(r"^(\d{1,2}) \S", raw)) and int(m.group(1)) == expected and (in_notes or previous_blank):
                skipped.add(number)
                in_notes, expected = True, expected + 1
            elif in_notes and text:
                if raw[:1].isspace():
                    in_notes = False
                else:
                    skipped.add(number)
            previous_blank = not text
        return skipped

    def paragraphs(self, first: int, last: int) -> list[Paragraph]:
        """The paragraphs of lines first..last of hard-wrapped text.

        A blank line ends a paragraph unless what follows continues it: a word in lower case, text after a
        line without final punctuation, or an item of a list the paragraph introduces with ':'. A line the
        extraction indents (a new page) after a full stop starts a new paragraph; skipped lines end one. A
        footnote's number after a line's last sentence does not count as its end."""
        found: list[Paragraph] = []
        current, blank = None, False
        for number in range(first, last + 1):
            raw = self.text(number)
            text = raw.strip()
            if number in self.skipped:
                current, blank = None, False
                continue
            if not text:
                blank = True
                continue
            if current is not None:
                before = FOOTNOTE_REF.sub(r"\1", self.text(current.last).strip())
                if BULLET.match(text):
                    joins = current.list_mode or before.endswith(":")
                elif blank:
                    joins = text[0].islower() or not before.endswith(TERMINAL)
                else:
                    joins = not (raw[:1].isspace() and before.endswith(TERMINAL))
                if joins:
                    current.last = number
                    current.list_mode = current.list_mode or bool(BULLET.match(text))
                    blank = False
                    continue
            current = Paragraph(number, number)
            found.append(current)
            blank = False
        return found

    def quote(self, first: int, last: int) -> str:
        """The paragraph's text, without a leading bullet."""
        text = normalise(" ".join(self.lines[first - 1:last]))
        return re.sub(r"^(•|-)\s+", "", text)

    # -- document, parties ------------------------------------------------------------------------
    def document(self) -> None:
        for number in range(1, len(self.lines)):
            pair = normalise(self.text(number) + " " + self.text(number + 1))
            phrase = "derde en laatste voortgangsrapportage van het programma Langer Thuis"
            if phrase in pair:
                self.kg.add(iri("document", DOC), LTKG.reportsOn, iri("programme", PROGRAMME),
                            self.cite(number, number + 1, phrase))
                return
        self.kg.problem(f"{DOC}.txt: the report does not say what it reports on")

    def signatories(self) -> None:
        node = curated.require(self.data, "signatories")
        sentence = curated.cite(curated.require(node, "source"), DOC)
        list_cite = curated.cite(curated.require(node, "list"), DOC)
        if normalise(list_cite.quote) not in normalise(sentence.quote) or "ondertekend" not in sentence.quote:
            self.kg.problem(f"{node.origin}: the list is not part of the sentence on the signing")
        signatories(self.kg, self.parties, DOC, node["list"], int(curated.require(node, "count")))
        if node.get("note"):
            self.kg.text(iri("document", DOC), LTKG.note, str(node["note"]), sentence, "en")

    def mentions(self) -> None:
        for entry in self.data.get("mentions", []):
            src = curated.cite(curated.require(entry, "source"), DOC)
            name = str(curated.require(entry, "name"))
            if not contains(src.quote, name):
                self.kg.problem(f"{entry.origin}: {name!r} is not in the quote")
                continue
            (self.regulations if entry.get("regulation") else self.parties).mention(self.kg, name, src)

    # -- headings -------------------------------------------------------------------------------
    def headings(self) -> None:
        """The curated headings, checked against the text, in the order of the text."""
        kg = self.kg
        for entry in curated.require(self.data, "actionLines"):
            src = curated.cite(curated.require(entry, "source"), DOC)
            n = int(curated.require(entry, "number"))
            self.heads.append(Heading("actionline", src.first, src.last, src, entry, f"actielijn-{n}", n))
            label = re.sub(r"^Actielijn \d:?\s+", "", normalise(src.quote))
            current = first_value(kg, action_line_iri(n), SKOS.prefLabel, "nl")
            if current is None:
                kg.problem(f"{entry.origin}: no action line {n} in the 2018 plan")
            elif normalise(str(current)).casefold() != label.casefold():
                kg.text(action_line_iri(n), SKOS.altLabel, label, Cite(DOC, src.first, src.last, label, entry.origin))
        declared = {h.first for h in self.heads}
        for number, raw in enumerate(self.lines, start=1):
            if re.match(r"^ Actielijn \d", raw) and number not in declared:
                kg.problem(f"{DOC}.txt:{number}: action-line heading not in report-2021.yaml: {raw.strip()!r}")
        for entry in curated.require(self.data, "goals"):
            src = curated.cite(curated.require(entry, "heading"), DOC)
            goals = [str(g) for g in curated.require(entry, "goals")]
            self.heads.append(Heading("goal", src.first, src.last, src, entry, str(curated.require(entry, "id")),
                                      goals=goals))
            for key in goals:
                if goal_iri(key) not in self.goal_nodes:
                    kg.problem(f"{entry.origin}: no goal {key} in the 2018 plan")
            label = re.sub(r"^Doel [\d &]+:\s*", "", normalise(src.quote))
            current = first_value(kg, goal_iri(goals[0]), SKOS.prefLabel, "nl")
            if len(goals) == 1 and current is not None and normalise(str(current)).rstrip(".") != label.rstrip("."):
                kg.text(goal_iri(goals[0]), SKOS.altLabel, label, Cite(DOC, src.first, src.last, label, entry.origin))
        declared = {h.first for h in self.heads if h.kind == "goal"}
        for number, raw in enumerate(self.lines, start=1):
            if re.match(r"^\s*Doel [\d &]+:", raw) and number not in declared:
                kg.problem(f"{DOC}.txt:{number}: goal heading not in report-2021.yaml: {raw.strip()!r}")
        for entry in curated.require(self.data, "topics"):
            src = curated.cite(curated.require(entry, "heading"), DOC)
            if normalise(self.text(src.first)) != normalise(src.quote):
                kg.problem(f"{entry.origin}: a heading is the whole line {src.first}, not {src.quote!r}")
            self.heads.append(Heading("topic", src.first, src.last, src, entry, str(curated.require(entry, "id"))))
        self.heads.sort(key=lambda h: h.first)
        line, goals = 0, []
        for head in self.heads:  # where each heading stands
            if head.kind == "actionline":
                line, goals = head.action_line, []
            elif head.kind == "goal":
                head.action_line, goals = line, head.goals
                for key in head.goals:
                    if not key.startswith(f"{line}."):
                        kg.problem(f"{head.node.origin}: goal {key} stands under 'Actielijn {line}'")
            else:
                head.action_line, head.goals = line, list(goals)
        ids = [h.id for h in self.heads]
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            kg.problem(f"report-2021.yaml: heading id {duplicate!r} is used twice")

    def container(self, number: int) -> Heading | None:
        """The last heading before line `number`."""
        before = [h for h in self.heads if h.first < number]
        return before[-1] if before else None

    def boundaries(self) -> set[int]:
        stops = {n for h in self.heads for n in range(h.first, h.last + 1)}
        for entry in self.data.get("summaries", []):
            src = curated.cite(entry["heading"], DOC)
            stops.update(range(src.first, src.last + 1))
        legend = self.data.get("legend")
        if legend:
            first, last = legend["lines"]
            stops.update(range(int(first), int(last) + 1))
        for number, raw in enumerate(self.lines, start=1):
            if STOPS.match(raw.strip()) or raw.strip() in MARKERS:
                stops.add(number)
        return stops

    # -- links ------------------------------------------------------------------------------------
    def targets(self, node: curated.Node, origin: str) -> list[URIRef]:
        found = []
        for notation in node.get("actions", []):
            target = action_iri(str(notation))
            if target not in self.actions:
                self.kg.problem(f"{origin}: no action {notation!r} in the 2018 plan")
            else:
                found.append(target)
        for key in node.get("goals", []):
            target = goal_iri(str(key))
            if target not in self.goal_nodes:
                self.kg.problem(f"{origin}: no goal {key!r} in the 2018 plan")
            else:
                found.append(target)
        return found

    def link(self, node: curated.Node, slug: str) -> tuple[list[URIRef], Editorial] | None:
        """The curated links of a heading, item or paragraph, with their editorial source; None if none."""
        if not (node.get("actions") or node.get("goals")):
            return None
        targets = self.targets(node, node.origin)
        rationale = node.get("rationale")
        if not rationale:
            self.kg.problem(f"{node.origin}: a link to the 2018 plan needs a rationale")
            rationale = ""
        evidence = tuple(curated.cite(e, DOC) for e in node.get("evidence", []))
        return targets, Editorial(f"{PREFIX}-link-{slug}", str(rationale), evidence, origin=node.origin)

    def structural(self, head: Heading | None, action_line: int) -> tuple[list[URIRef], Editorial]:
        goals = head.goals if head is not None else []
        return ([goal_iri(g) for g in goals] or [action_line_iri(action_line)]), STRUCTURE

    # -- results ----------------------------------------------------------------------------------
    def result(self, slug: str, kind: str, kind_src, first: int, last: int, label: Cite, number: int,
               action_line: int, links: tuple[list[URIRef], Editorial], count: int | None = None,
               notes: tuple[str, ...] = (), about: tuple[URIRef, Cite] | None = None) -> URIRef:
        kg = self.kg
        src = Cite(DOC, first, last, self.quote(first, last), origin=f"{DOC}.txt:{first}")
        node = kg.entity("result", slug, LTKG.Result, src)
        kg.statement(node, src)
        kg.add(node, DCTERMS.source, iri("document", DOC), src)
        kg.add(node, LTKG.resultKind, Literal(kind), kind_src)
        kg.text(node, SKOS.prefLabel, label.quote, label)
        kg.number(node, LTKG.number, number, src)
        kg.add(node, LTKG.actionLine, action_line_iri(action_line), STRUCTURE)
        targets, link_src = links
        for target in targets:
            kg.add(node, LTKG.reportsOn, target, link_src)
        if count is not None:
            kg.number(node, LTKG["count"], count, src)
        for note in notes:
            kg.text(node, LTKG.note, note, src, "en")
        if about is not None:
            kg.add(node, LTKG.about, about[0], about[1])
        self.scan(node, src)
        return node

    def scan(self, node: URIRef, src: Cite) -> None:
        """The laws and schemes a result's text names (longest spelling first), as ltkg:about."""
        text = normalise(src.quote)
        taken: list[tuple[int, int]] = []
        for entry in self.names:
            for match in name_pattern(str(entry["name"])).finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                regulation = self.regulations.mention(self.kg, str(entry["name"]), src)
                if regulation is not None:
                    self.kg.add(node, LTKG.about, regulation, src)

    def legend(self) -> None:
        legend = curated.require(self.data, "legend")
        first, last = (int(n) for n in curated.require(legend, "lines"))
        items = list(curated.require(legend, "items"))
        used: set[int] = set()
        line, pending, counter = 0, [], {}
        for number in range(first, last + 1):
            text = self.text(number).strip()
            if (heading := re.fullmatch(r"Actielijn (\d)", text)):
                line, pending = int(heading.group(1)), []
                continue
            if not text or number == first:
                continue
            pending.append(number)
            count = re.search(r"\((\d+)\)$", text)
            if not count:
                continue
            start, pending = pending[0], []
            entry = normalise(" ".join(self.lines[start - 1:number]))
            label = entry[:entry.rindex("(")].strip()
            matches = [i for i, item in enumerate(items) if label.startswith(normalise(str(item["label"])))]
            if len(matches) != 1:
                self.kg.problem(f"{DOC}.txt:{start}: legend entry {label!r} matches {len(matches)} items of report-2021.yaml")
                continue
            item = items[matches[0]]
            used.add(matches[0])
            counter[line] = counter.get(line, 0) + 1
            links = self.link(item, f"legend-{line}-{counter[line]}") or self.structural(None, line)
            notes = tuple(normalise(str(n)) for n in (legend.get("note"), item.get("note")) if n)
            self.result(f"{PREFIX}-legend-{line}-{counter[line]}", "count", Cite(DOC, start, number, entry),
                        start, number, Cite(DOC, start, number, label), counter[line], line, links,
                        int(count.group(1)), notes)
        if sorted(pending) != sorted(int(n) for n in legend.get("leftover", [])):
            self.kg.problem(f"{legend.origin}: legend lines without a count: {pending}")
        for i, item in enumerate(items):
            if i not in used:
                self.kg.problem(f"{item.origin}: no legend entry starts with {item['label']!r}")

    def summaries(self) -> None:
        stops = self.boundaries()
        for entry in curated.require(self.data, "summaries"):
            heading = curated.cite(curated.require(entry, "heading"), DOC)
            line = int(curated.require(entry, "actionLine"))
            label = Cite(DOC, heading.first, heading.last, normalise(heading.quote).rstrip(":"), entry.origin)
            bullets: list[list[int]] = []
            blank = False
            for number in range(heading.last + 1, len(self.lines) + 1):
                raw = self.text(number)
                text = raw.strip()
                if number in stops or number in self.skipped:
                    break
                if not text:
                    blank = True
                    continue
                if text.startswith("•"):
                    bullets.append([number, number])
                elif bullets and (text[0].islower() or not blank and not (
                        raw[:1].isspace() and self.text(bullets[-1][1]).strip().endswith(TERMINAL))):
                    bullets[-1][1] = number
                else:
                    break
                blank = False
            items = list(curated.require(entry, "items"))
            used = set()
            for k, (first, last) in enumerate(bullets, start=1):
                quote = self.quote(first, last)
                matches = [i for i, item in enumerate(items) if quote.startswith(normalise(str(item["starts"])))]
                if len(matches) != 1:
                    self.kg.problem(f"{DOC}.txt:{first}: summary bullet matches {len(matches)} items: {quote[:60]!r}")
                    continue
                used.add(matches[0])
                item = items[matches[0]]
                links = self.link(item, f"summary-{line}-{k}") or self.structural(None, line)
                leading = re.match(r"(\d{1,3}(?:\.\d{3})+|\d+)\s", quote)
                count = int(leading.group(1).replace(".", "")) if leading else None
                self.result(f"{PREFIX}-summary-{line}-{k}", "summary", label, first, last, label, k, line, links,
                            count, tuple(normalise(str(n)) for n in [item.get("note")] if n))
            for i, item in enumerate(items):
                if i not in used:
                    self.kg.problem(f"{item.origin}: no summary bullet starts with {item['starts']!r}")

    def sections(self) -> None:
        """The marked sections (parsed) and the curated unmarked ones, as results under their heading."""
        stops = self.boundaries()
        found: list[tuple[Heading, int, int, str, object, curated.Node | None]] = []
        for number, raw in enumerate(self.lines, start=1):
            kind = MARKERS.get(raw.strip())
            if kind is None:
                continue
            head = self.container(number)
            if head is None or head.kind == "actionline":
                self.kg.problem(f"{DOC}.txt:{number}: '{raw.strip()}' under no goal or theme heading")
                continue
            end = next((n for n in range(number + 1, len(self.lines) + 1) if n in stops), len(self.lines) + 1)
            found.append((head, number + 1, end - 1, kind, self.cite(number, quote=raw.strip()), None))
        marked = [(f, l) for _, f, l, _, _, _ in found]
        for head in self.heads:
            for section in head.node.get("sections", []):
                first, last = (int(n) for n in curated.require(section, "lines"))
                kind = str(curated.require(section, "kind"))
                if kind not in UNMARKED_KINDS:
                    self.kg.problem(f"{section.origin}: kind {kind!r} is not one of {UNMARKED_KINDS}")
                    continue
                after = [h for h in self.heads if h.first > head.first]
                if first <= head.last or (after and last >= after[0].first):
                    self.kg.problem(f"{section.origin}: lines {first}-{last} are not under '{head.label}'")
                if any(a <= last and first <= b for a, b in marked):
                    self.kg.problem(f"{section.origin}: lines {first}-{last} overlap a parsed section")
                found.append((head, first, last, kind, UNMARKED, section))
        found.sort(key=lambda f: f[1])
        counters: dict[tuple[str, str], int] = {}
        for head, first, last, kind, kind_src, section in found:
            overrides = {int(p["at"]): p for p in head.node.get("paragraphs", [])}
            paragraphs = self.paragraphs(first, last)
            if not paragraphs:
                self.kg.problem(f"{DOC}.txt:{first}: no text in the section under '{head.label}'")
            used = set()
            for paragraph in paragraphs:
                key = (head.id, kind)
                counters[key] = counters.get(key, 0) + 1
                slug = f"{head.id}-{kind}-{counters[key]}"
                links = None
                if paragraph.first in overrides:
                    used.add(paragraph.first)
                    links = self.link(overrides[paragraph.first], f"{head.id}-l{paragraph.first}")
                if links is None and section is not None:
                    links = self.link(section, f"{head.id}-l{first}")
                if links is None and head.kind == "topic":
                    links = self.link(head.node, head.id)
                if links is None:
                    links = self.structural(head, head.action_line)
                about = self.heading_regulations(head)
                label = head.cite
                self.result(f"{PREFIX}-{slug}", kind, kind_src, paragraph.first, paragraph.last, label,
                            counters[key], head.action_line, links, about=about)
            for at in set(overrides) - used:
                if first <= at <= last:
                    self.kg.problem(f"{overrides[at].origin}: no paragraph starts at line {at}")

    def heading_regulations(self, head: Heading) -> tuple[URIRef, Cite] | None:
        names = head.node.get("regulations", [])
        if not names:
            return None
        if len(names) > 1:
            self.kg.problem(f"{head.node.origin}: one scheme per heading")
        name = str(names[0])
        if not contains(head.cite.quote, name):
            self.kg.problem(f"{head.node.origin}: {name!r} is not in the heading")
            return None
        regulation = self.regulations.mention(self.kg, name, head.cite)
        return (regulation, head.cite) if regulation is not None else None
