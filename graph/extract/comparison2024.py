"""The 2024 report's thematic comparison of IZA, GALA, WOZO and TAZ (lines 853-1382) and its
"Verbindingen" (lines 1383-1518), from graph/data/eindverslag-2024-comparison.yaml.

Each statement is a bullet (or a paragraph) of the report, its text taken from its lines, so it is
verbatim and cited. Which programme's cell a bullet stands in is the editors' reading of the slide's
columns (the flattened text does not mark them): per theme an editorial assertion with its rationale.
Nodes: id/comparison-theme/{theme} (ltkg:ComparisonTheme), id/comparison-cell/{theme}-{programme|
unassigned} (ltkg:ComparisonCell), id/connection/{id} (ltkg:ProgrammeConnection)."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from graph import curated
from graph.extract.themes import known_theme
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, normalise
from graph.register import InitiativeRegister
from graph.settings import DATA_DIR

DOC = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
FILE = "eindverslag-2024-comparison.yaml"
COLUMNS = ("iza", "gala", "wozo", "taz")  # the column order of the slides
UNASSIGNED = "unassigned"
COLUMN_LABELS = {"iza": "IZA", "gala": "GALA", "wozo": "WOZO", "taz": "TAZ", UNASSIGNED: "kolom niet af te lezen"}
ENGLISH = Editorial("eindverslag-2024-comparison-english-labels",
                    "English labels of the 2024 report's comparison themes are the editors' translations.",
                    origin=FILE)


def extract(kg: KG, initiatives: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    data = curated.load(data_dir / FILE)
    comparison = Comparison(kg, initiatives)
    for entry in data.get("themes", []):
        comparison.theme(entry)
    for entry in data.get("connections", []):
        comparison.connection(entry)


class Comparison:
    def __init__(self, kg: KG, initiatives: InitiativeRegister):
        self.kg, self.initiatives = kg, initiatives
        self.lines = kg.sources.lines(DOC)

    def text(self, first: int, last: int) -> str:
        return normalise(" ".join(self.lines[first - 1:last]))

    def span(self, value, origin: str) -> tuple[int, int] | None:
        if isinstance(value, int):
            return value, value
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[0] <= value[1]:
            return value[0], value[1]
        self.kg.problem(f"{origin}: lines must be N or [first, last], not {value!r}")
        return None

    def theme(self, entry: curated.Node) -> None:
        slug = str(curated.require(entry, "id"))
        headings = [self.span(h, entry.origin) for h in curated.require(entry, "headings")]
        if not headings or None in headings:
            return
        name = self.text(*headings[0]).split("•")[0].strip()
        theme = iri("comparison-theme", slug)
        for first, last in headings:
            heading = self.text(first, last).split("•")[0].strip()
            if heading != name:
                self.kg.problem(f"{entry.origin}: heading {heading!r} (lines {first}-{last}) is not {name!r}")
                continue
            src = Cite(DOC, first, last, name, origin=entry.origin)
            self.kg.add(theme, RDF.type, LTKG.ComparisonTheme, src)
            self.kg.add(theme, SKOS.inScheme, LTKG.comparisonThemes, src)
            self.kg.text(theme, SKOS.prefLabel, name, src)
        self.kg.text(theme, SKOS.prefLabel, str(curated.require(entry, "en")), ENGLISH, "en")
        self.matches(theme, slug, entry, Cite(DOC, *headings[0], name, origin=entry.origin))
        reading = Editorial(f"comparison-reading-{slug}", str(curated.require(entry, "reading")),
                            (Cite(DOC, *headings[0], name),), origin=entry.origin)
        cells = curated.require(entry, "cells")
        for column, statements in cells.items():
            if column not in COLUMNS + (UNASSIGNED,):
                self.kg.problem(f"{entry.origin}: column {column!r} is not one of {', '.join(COLUMNS + (UNASSIGNED,))}")
                continue
            cell = iri("comparison-cell", f"{slug}-{column}")
            self.kg.add(cell, RDF.type, LTKG.ComparisonCell, reading)
            self.kg.add(cell, LTKG.comparisonTheme, theme, reading)
            if column != UNASSIGNED:
                self.kg.add(cell, LTKG.programme, iri("programme", column), reading)
            self.kg.text(cell, SKOS.prefLabel, f"{name}: {COLUMN_LABELS[column]}", reading)
            for statement in statements:
                self.statement(cell, statement, name, entry.origin)

    def matches(self, theme: URIRef, slug: str, entry: curated.Node, heading: Cite) -> None:
        """skos:closeMatch to the themes of the report's own theme list (id/theme/...) that name the same
        subject: the editors' reading, one assertion per pair with its rationale, so that the coverage
        matrix can set the comparison's cells beside the classification of actions into themes."""
        for match in entry.get("matches") or []:
            where = getattr(match, "origin", entry.origin)
            target, rationale = str(match.get("theme", "")), str(match.get("rationale", "")).strip()
            if not known_theme(self.kg, target):
                self.kg.problem(f"{where}: unknown theme {target!r} (themes are id/theme/... of "
                                "graph/data/eindverslag-2024-themes.yaml)")
                continue
            if not rationale:
                self.kg.problem(f"{where}: the match of {slug!r} with {target!r} needs a rationale")
                continue
            note = Editorial(f"comparison-match-{slug}-{target}", rationale, (heading,), origin=where)
            self.kg.add(theme, SKOS.closeMatch, iri("theme", target), note)

    def statement(self, node: URIRef, statement, heading: str, origin: str) -> None:
        """One bullet or paragraph: its text from its lines (a theme name before it and the leading bullet
        left out), cited; the initiatives it names, mentioned in the same citation."""
        value = statement.get("lines") if isinstance(statement, dict) else statement
        where = getattr(statement, "origin", origin)
        span = self.span(value, where)
        if span is None:
            return
        text = self.text(*span)
        if heading and text.startswith(heading):
            text = text[len(heading):].strip()
        text = re.sub(r"^•\s*", "", text).strip()
        if not text:
            self.kg.problem(f"{where}: lines {span[0]}-{span[1]} hold no statement")
            return
        src = Cite(DOC, span[0], span[1], text, origin=where)
        self.kg.statement(node, src, text)
        for name in (statement.get("mentions", []) if isinstance(statement, dict) else []):
            words = str(name["words"]) if isinstance(name, dict) else str(name)
            if normalise(words) not in text:
                self.kg.problem(f"{where}: {words!r} is not in the statement {text!r}")
                continue
            if isinstance(name, dict):  # words that name the entry without being a spelling of it
                slug = str(name.get("id", ""))
                initiative = iri("initiative", slug) if slug in self.initiatives.entries else None
                if initiative is None:
                    self.kg.problem(f"{where}: no initiative {slug!r} in initiatives.yaml")
            else:
                initiative = self.initiatives.mention(self.kg, words, src)
            if initiative is not None:
                self.kg.add(node, LTKG.mentions, initiative, src)

    def connection(self, entry: curated.Node) -> None:
        slug = str(curated.require(entry, "id"))
        line = int(curated.require(entry, "heading"))
        heading = self.text(line, line)
        src = Cite(DOC, line, line, heading, origin=entry.origin)
        node = iri("connection", slug)
        self.kg.add(node, RDF.type, LTKG.ProgrammeConnection, src)
        self.kg.text(node, SKOS.prefLabel, re.sub(r"^\d+\.\s*", "", heading), src)
        programmes = [str(p) for p in curated.require(entry, "programmes")]
        for programme in programmes:
            if programme not in COLUMNS or programme.upper() not in heading:
                self.kg.problem(f"{entry.origin}: heading {heading!r} does not name programme {programme!r}")
                continue
            self.kg.add(node, LTKG.connects, iri("programme", programme), src)
        for statement in curated.require(entry, "statements"):
            self.statement(node, statement, "", entry.origin)
