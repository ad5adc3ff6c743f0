"""The accounting of figures and names: every amount and every registered name the documents state is in the
graph or deliberately left out, with a reason (graph/data/accounting.yaml); the build fails on any other.

Figures: every amount of money or count in millions a document writes (a euro sign, "euro", "mln",
"miljoen", "miljard", "mld"; the tables' amounts are such figures too), found line by line. A figure is
typed when an ltkg:Amount's amountText holds its number, cited from lines that include its line.

Names: every occurrence, in a document, of a spelling of the party or initiative registers (as written,
whole words, the longest spelling first). A name is cited when a citation of the graph covers its line and
its quote holds the spelling.

Each occurrence that is neither in the graph nor listed as left out is a problem with the source's
file:line; a listed omission that matches no occurrence is one too (the list cannot go stale). The counts
per document go on the document's node (ltkg:figuresStated, ...), in the build's own editorial graph."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import XSD

from graph import curated
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import README_SLUG, Editorial, normalise
from graph.register import Register

FILE = "accounting.yaml"
SCALE = r"(?:mln|miljoen|miljard|mld)\b\.?"
FIGURE = re.compile(rf"€\s*\d[\d.,]*(?:,-)?(?:\s*{SCALE})?(?:\s*euro\b)?|\d[\d.,]*\s*{SCALE}(?:\s*euro\b)?"
                    r"|\d[\d.,]*\s*euro\b", re.I)
NUMBER = re.compile(rf"\d[\d.,]*\d|\d")
COUNTS = ("stated", "typed", "omitted", "unexplained")
NAME_COUNTS = ("found", "cited", "omitted", "unexplained")
SOURCE = Editorial(
    "accounting",
    "The build's accounting of the figures (amounts of money, counts in millions) and of the registered names each "
    "document states: how many the graph holds as typed figures or cited names, how many graph/data/accounting.yaml "
    "leaves out with a reason, and how many neither (the build fails unless that is 0).",
    origin="graph/accounting.py")


@dataclass(frozen=True)
class Occurrence:
    doc: str
    line: int
    text: str


def figures(lines: list[str], doc: str) -> list[Occurrence]:
    """Every figure the document writes, line by line."""
    return [Occurrence(doc, number, match.group(0).strip().rstrip(".,"))
            for number, text in enumerate(lines, start=1) for match in FIGURE.finditer(text)]


def holds(text: str, figure: str) -> bool:
    number = NUMBER.search(figure).group(0)
    return bool(re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", normalise(text)))


def spelled(spellings: list[str]) -> re.Pattern:
    """One pattern for all spellings, whole words, the longest first (so a name inside a longer one is not
    counted twice)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))
                      + r")(?![\w])")


def names(lines: list[str], doc: str, pattern: re.Pattern) -> list[Occurrence]:
    return [Occurrence(doc, number, match.group(0))
            for number, text in enumerate(lines, start=1) for match in pattern.finditer(text)]


class Accounting:
    def __init__(self, kg: KG, data_dir: Path, registers: tuple[Register, ...]):
        self.kg = kg
        self.data = curated.load(data_dir / FILE)
        self.spellings = spelled(sorted({normalise(str(n)) for r in registers for e in r.entries.values()
                                         for n in [e.get("name"), *e.get("names", [])] if n}))
        self.cites = defaultdict(list)  # doc -> (first, last, quote)
        for cite in kg.cites.values():
            self.cites[cite.doc].append((cite.first, cite.last, normalise(cite.quote)))
        self.amounts = defaultdict(list)  # doc -> (first, last, amountText)
        for _, _, text, graph in kg.ds.quads((None, LTKG.amountText, None, None)):
            cite = kg.cites.get(getattr(graph, "identifier", graph))
            if cite is not None:
                self.amounts[cite.doc].append((cite.first, cite.last, str(text)))

    def run(self) -> dict[str, dict[str, Counter]]:
        report: dict[str, dict[str, Counter]] = {}
        omitted = {"figure": self._figure_omissions(), "name": self._name_omissions()}
        used: dict[str, set] = {"figure": set(), "name": set()}
        for doc in self.kg.sources.slugs:
            if doc == README_SLUG:  # the sources' README describes the documents; it states no figures
                continue
            lines = self.kg.sources.lines(doc)
            report[doc] = {
                "figures": self._tally(figures(lines, doc), self._typed, omitted["figure"], used["figure"], COUNTS,
                                       "is in no ltkg:Amount and not listed as left out"),
                "names": self._tally(names(lines, doc, self.spellings), self._cited, omitted["name"], used["name"],
                                     NAME_COUNTS, "is cited by no statement and not listed as not read")}
        for kind, table in omitted.items():
            for key, origin in table.items():
                if key not in used[kind]:
                    self.kg.problem(f"{origin}: {kind} {key[2]!r} at {key[0]}:{key[1]} is listed as left out, but "
                                    "there is no such occurrence, or the graph holds it")
        self._emit(report)
        return report

    def _tally(self, occurrences: list[Occurrence], in_graph, omitted: dict, used: set, keys: tuple[str, ...],
               why: str) -> Counter:
        """Counts of (found, in the graph, left out, unexplained); a problem for each unexplained occurrence."""
        counts: Counter = Counter({key: 0 for key in keys})
        for occ in occurrences:
            counts[keys[0]] += 1
            key = (occ.doc, occ.line, occ.text)
            if in_graph(occ):
                counts[keys[1]] += 1
            elif key in omitted:
                counts[keys[2]] += 1
                used.add(key)
            else:
                counts[keys[3]] += 1
                kind = "figure" if keys is COUNTS else "name"
                self.kg.problem(f"{self.kg.sources.path(occ.doc).name}:{occ.line}: {kind} {occ.text!r} {why} in "
                                f"graph/data/{FILE}")
        return counts

    def _typed(self, occ: Occurrence) -> bool:
        return any(a <= occ.line <= b and holds(text, occ.text) for a, b, text in self.amounts[occ.doc])

    def _cited(self, occ: Occurrence) -> bool:
        pattern = re.compile(rf"(?<![\w-]){re.escape(occ.text)}(?![\w])")
        return any(a <= occ.line <= b and pattern.search(quote) for a, b, quote in self.cites[occ.doc])

    def _figure_omissions(self) -> dict[tuple[str, int, str], str]:
        table = {}
        for item in self.data.get("figures", []):
            if not str(item.get("reason", "")).strip():
                self.kg.problem(f"{item.origin}: a figure left out needs a reason")
            table[(str(curated.require(item, "doc")), int(curated.require(item, "line")),
                   str(curated.require(item, "text")))] = item.origin
        return table

    def _name_omissions(self) -> dict[tuple[str, int, str], str]:
        table = {}
        reasons = self.data.get("reasons", {})
        for doc, groups in (self.data.get("names") or {}).items():
            for reason, spellings in groups.items():
                if reason not in reasons:
                    self.kg.problem(f"{FILE}: names of {doc}: reason {reason!r} is not under `reasons`")
                for spelling, numbers in spellings.items():
                    for number in numbers:
                        table[(str(doc), int(number), str(spelling))] = f"{FILE} ({doc}, {reason})"
        return table

    def _emit(self, report: dict[str, dict[str, Counter]]) -> None:
        for doc, parts in report.items():
            node = iri("document", doc)
            for part, keys in (("figures", COUNTS), ("names", NAME_COUNTS)):
                for key in keys:
                    prop = LTKG[f"{part}{key.capitalize()}"]
                    self.kg.add(node, prop, Literal(parts[part][key], datatype=XSD.integer), SOURCE)
