"""Eindverslag Zorg en ondersteuning thuis (2 August 2024), by Movisie and Vilans for the WOZO
werkorganisatie.

Parsed from the text by code: the programme list with its dates, the flattened side-by-side table's
rows whose cells can be told apart (action lines or sub-goals, implementation level, means of
implementation, financing), the 10 regional plans, the 30 indicators of "de beweging naar de
voorkant" under their 8 categories, the werkorganisatie's member lists and the colophon. Curated in
graph/data/eindverslag-2024-*.yaml: the cells that share lines (goals, essence, principles, legal
frameworks, initiators), the themes, how often the plans address each indicator, and the possible
white spots with the werkorganisatie's verdicts.

The programmes and the WOZO action lines are shared with other documents' extractions: their labels
go through `label`, which adds this report's wording as a preferred label only where no other
extraction has given one in that language, and as an alternative label otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from graph import curated
from graph import claims
from graph.dates import stated_date
from graph.extract.document import SourceText
from graph.kg import KG
from graph.ns import LTKG, iri, slugify
from graph.provenance import Cite, Editorial, Source, normalise
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR

DOC = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
REPORT = "eindverslag-2024"
COLUMNS = ("iza", "gala", "wozo", "taz")  # the column order of the side-by-side table
SHARED_ACTION_LINES = {"wozo"}  # action lines whose labels the WOZO progress report gives
PARTS = ("programmes", "themes", "organisation")  # graph/data/eindverslag-2024-{part}.yaml
ORIGINS = ("indicator-category", "interview-theme", "conclusion-theme")

ENGLISH = Editorial(
    f"{REPORT}-english-labels",
    "English labels of the programmes, action lines, bodies, themes, indicators, regional plans and white "
    "spots of the 2024 report are the editors' translations.",
)


def extract(kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR) -> None:
    report = Report(kg, parties, regulations, data_dir)
    report.colophon()
    report.programmes()
    report.side_by_side()
    report.regional_plans()
    report.themes()
    report.indicators()
    report.coverage()
    report.white_spots()
    report.bodies()
    report.conclusion()


@dataclass
class Item:
    """A cell or list item of the flattened text: its lines and its pieces as they stand."""

    first: int
    last: int
    pieces: list[str] = field(default_factory=list)

    def extend(self, number: int, text: str) -> None:
        self.last = number
        self.pieces.append(text)

    @property
    def quote(self) -> str:
        return normalise(" ".join(self.pieces))

    @property
    def text(self) -> str:
        """The pieces joined, a word broken after a hyphen at a line end joined again ('STOZ-' 'regeling')."""
        out = normalise(self.pieces[0])
        for piece in self.pieces[1:]:
            piece = normalise(piece)
            out = out + piece if out.endswith("-") and piece[:1].islower() else f"{out} {piece}"
        return out


def _starts(text: str, wording: str) -> bool:
    """wording stands in text, a sentence-initial capital allowed."""
    return wording in text or (wording[:1].upper() + wording[1:]) in text


class Report(SourceText):
    doc = DOC

    def __init__(self, kg: KG, parties: PartyRegister, regulations: InitiativeRegister, data_dir: Path = DATA_DIR):
        super().__init__(kg)
        self.parties, self.regulations = parties, regulations
        self.document = iri("document", DOC)
        self.paths = {part: data_dir / f"eindverslag-2024-{part}.yaml" for part in PARTS}
        self.data = {part: curated.load(path) for part, path in self.paths.items()}
        self.programme_data = {entry["id"]: entry for entry in self.data["programmes"]["programmes"]}
        self.theme_data = {entry["id"]: entry for entry in self.data["themes"]["themes"]}
        self.indicator_nodes: dict[tuple[str, str], URIRef] = {}
        self.financing: dict[str, list[Item]] = {}

    # -- helpers -----------------------------------------------------------------------------------
    def line(self, number: int) -> str:
        return self.lines[number - 1].strip()

    def item_cite(self, item: Item) -> Cite:
        return self.cite(item.first, item.last, item.quote)

    def problem(self, where: int | str, message: str) -> None:
        self.kg.problem(f"{DOC}.txt:{where}: {message}" if isinstance(where, int) else f"{where}: {message}")

    def label(self, node: URIRef, text: str, lang: str, src: Source, alternative: bool = True) -> None:
        """A preferred label, unless another extraction gave the node a different one in that language:
        then this document's wording is an alternative label (no node gets two preferred labels), or
        nothing where alternative is False (the editors' own translations)."""
        literal = Literal(normalise(text), lang=lang)
        others = {o for _, _, o, _ in self.kg.ds.quads((node, SKOS.prefLabel, None, None))
                  if isinstance(o, Literal) and o.language == lang}
        if not others or literal in others:
            self.kg.add(node, SKOS.prefLabel, literal, src)
        elif alternative:
            self.kg.add(node, SKOS.altLabel, literal, src)

    def mention_party(self, name: str, src: Cite) -> URIRef | None:
        return self.parties.mention(self.kg, name, src)

    def mention_regulation(self, name: str, src: Cite) -> URIRef | None:
        return self.regulations.mention(self.kg, name, src)

    def claim(self, slug: str, about: list[URIRef], kind: str, statement: str, src: Cite) -> URIRef:
        return claims.claim(self.kg, f"{REPORT}-{slug}", src, kind, about, statement=statement)

    # -- colophon: creators and date -------------------------------------------------------------
    def colophon(self) -> None:
        data = self.data["organisation"]["colophon"]
        kg = self.kg
        orgs_src = curated.cite(data["organisations"], DOC)
        match = re.search(r"kennisorganisaties (.+?)\.?$", normalise(orgs_src.quote))
        if not match:
            self.problem(data.origin, "no 'kennisorganisaties ...' in the colophon quote")
        else:
            for name in re.split(r",\s*|\s+en\s+", match.group(1)):
                party = self.mention_party(name, orgs_src)
                if party is not None:
                    kg.add(self.document, DCTERMS.creator, party, orgs_src)
        kg.text(self.document, LTKG.note, data["note"], orgs_src, "en")
        authors_src = curated.cite(data["authors"], DOC)
        match = re.fullmatch(r"Auteurs: (.+?)\.?", normalise(authors_src.quote))
        if not match:
            self.problem(data.origin, "no 'Auteurs: ...' in the colophon quote")
        else:
            for name in match.group(1).split(", "):
                person = iri("person", slugify(name))
                kg.add(person, RDF.type, FOAF.Person, authors_src)
                kg.add(person, FOAF.name, Literal(name), authors_src)
                kg.add(person, SKOS.prefLabel, Literal(name), authors_src)
                kg.add(self.document, DCTERMS.creator, person, authors_src)
        date_src = curated.cite(data["date"], DOC)
        date = stated_date(date_src.quote)
        if date is None:
            self.problem(data.origin, f"no single date in {date_src.quote!r}")
            return
        kg.add(self.document, DCTERMS.issued, date, date_src)

    # -- programmes: the list with dates, then the curated cells -----------------------------------
    def programmes(self) -> None:
        kg = self.kg
        by_abbreviation = {entry["abbreviation"]: entry for entry in self.programme_data.values()}
        pattern = re.compile(r"^• (?:Het |Programma )?(.+?) \(([A-Z]+)\), (\d\d-\d\d-\d{4}), link$")
        seen: set[str] = set()
        for number in range(1, len(self.lines) + 1):
            match = pattern.match(self.line(number))
            if not match:
                continue
            name, abbreviation, date_text = match.groups()
            entry = by_abbreviation.get(abbreviation)
            if entry is None:
                self.problem(number, f"programme {abbreviation!r} is not in {self.paths['programmes'].name}")
                continue
            slug = entry["id"]
            node = iri("programme", slug)
            src = self.cite(number, quote=self.line(number)[2:])
            if name != entry["name"]:
                self.problem(number, f"the list names {abbreviation} {name!r}, the curated name is {entry['name']!r}")
            if slug not in seen:
                seen.add(slug)
                for cls in ((LTKG.Agreement, LTKG.Programme) if entry.get("agreement") else (LTKG.Programme,)):
                    kg.add(node, RDF.type, cls, src)
                self.label(node, name, "nl", src)
                kg.text(node, SKOS.altLabel, abbreviation, src)
                self.label(node, entry["en"], "en", ENGLISH, alternative=False)
                for alt in entry.get("altLabels", []):
                    kg.text(node, SKOS.altLabel, alt["name"], curated.cite(alt, DOC))
            date = stated_date(date_text)
            kg.add(node, DCTERMS.date, date, src)
            claim = self.claim(f"{slug}-date", [node], "date", self.line(number)[2:].removesuffix(", link"), src)
            kg.add(claim, LTKG.date, date, src)
        missing = set(self.programme_data) - seen
        if missing:
            self.problem(self.paths["programmes"].name, f"programmes not in the report's list: {sorted(missing)}")
        for slug, entry in self.programme_data.items():
            self.programme_cells(iri("programme", slug), entry)

    def named(self, node: URIRef, cell: curated.Node, prop: URIRef, mention) -> None:
        """node prop X for each name of a cell ({names, lines, quote}) that the quote contains."""
        src = curated.cite(cell, DOC)
        for name in cell["names"]:
            if name not in src.quote:
                self.problem(cell.origin, f"{name!r} is not in the quote")
            target = mention(name, src)
            if target is not None:
                self.kg.add(node, prop, target, src)

    def programme_cells(self, node: URIRef, entry: curated.Node) -> None:
        kg = self.kg
        for key, prop in (("goal", LTKG.statedGoal), ("essence", LTKG.essence)):
            src = curated.cite(curated.require(entry, key), DOC)
            kg.text(node, prop, src.quote, src)
        for principle in entry.get("principles", []):
            src = curated.cite(principle, DOC)
            kg.text(node, LTKG.principle, src.quote, src)
        self.named(node, curated.require(entry, "legal"), LTKG.restsOn, self.mention_regulation)
        self.named(node, curated.require(entry, "initiators"), LTKG.initiator, self.mention_party)
        for note in entry.get("notes", []):
            kg.text(node, LTKG.note, note["note"], curated.cite(note, DOC), "en")

    # -- the flattened table: rows the code can split into the four columns -------------------------
    def side_by_side(self) -> None:
        self.action_lines()
        self.line_parties()
        self.implementation_level()
        start = self.find(r"^Uitvoering Door middel van:")
        financing = self.find(r"^Financiering Door middel van:", start)
        end = self.find(r"^Aanvraagmogelijkheden ", financing)
        for slug, items in zip(COLUMNS, self.bullet_columns(start, financing - 1, "Uitvoering")):
            for item in items:
                self.kg.text(iri("programme", slug), LTKG.implementationMeans, item.text, self.item_cite(item))
        for slug, items in zip(COLUMNS, self.bullet_columns(financing, end - 1, "Financiering")):
            self.financing[slug] = items
            for item in items:
                self.kg.text(iri("programme", slug), LTKG.financing, item.text, self.item_cite(item))
        for slug, entry in self.programme_data.items():
            for name in entry.get("schemes", []):
                self.scheme(slug, name, entry.origin)
        for entry in self.data["programmes"].get("schemeDates", []):
            src = curated.cite(entry, DOC)
            scheme = self.mention_regulation(entry["scheme"], src)
            date = stated_date(str(entry["date"]))
            if str(entry["date"]) not in src.quote or date is None:
                self.problem(entry.origin, f"date {entry['date']!r} is not a single date in the quote")
                continue
            if scheme is not None:
                claim = self.claim(f"{str(scheme).rsplit('/', 1)[1]}-date", [scheme], "date", src.quote, src)
                self.kg.add(claim, LTKG.date, date, src)

    def scheme(self, slug: str, name: str, origin: str) -> None:
        """A register scheme named inside one of the programme's financing items: ltkg:restsOn it."""
        for item in self.financing.get(slug, []):
            if name in item.text:
                scheme = self.mention_regulation(name, self.item_cite(item))
                if scheme is not None:
                    self.kg.add(iri("programme", slug), LTKG.restsOn, scheme, self.item_cite(item))
                return
        self.problem(origin, f"scheme {name!r} is not in the {slug.upper()} financing cell")

    def line_parties(self) -> None:
        """The parties the report ties to an action line of IZA, GALA or TAZ (which name their initiators, not who
        carries a line): `involved` in the line, the editors' reading of where the report says so (its quote the
        evidence; each name must stand in it)."""
        from graph.extract.plan2018 import participation

        for entry in self.data["programmes"].get("actionLineParties", []):
            src = curated.editorial(entry, DOC)
            line = iri("actionline", str(curated.require(entry, "line")))
            for name in curated.require(entry, "names"):
                cite = next((c for c in src.evidence if name in c.quote), None)
                if cite is None:
                    self.problem(entry.origin, f"{name!r} is not in the evidence's quotes")
                    continue
                party = self.mention_party(name, cite)
                if party is not None:
                    participation(self.kg, line, party, "involved", src)

    def action_lines(self) -> None:
        """'Actielijnen / subdoelen': numbered items; numbering restarts at 1 in the next column."""
        start = self.find(r"^\s*Actielijnen / subdoelen ")
        end = self.find(r"^Wettelijke kaders ", start)
        columns: list[list[tuple[int, Item]]] = []
        for number in range(start, end):
            text = self.line(number)
            if number == start:
                text = text.removeprefix("Actielijnen / subdoelen").strip()
            if not text:
                continue
            match = re.match(r"^(\d+)\.\s+(.*)$", text)
            if match:
                n = int(match.group(1))
                if n == 1:
                    columns.append([])
                elif not columns or n != columns[-1][-1][0] + 1:
                    self.problem(number, f"action line {n} does not follow its column's numbering")
                    continue
                columns[-1].append((n, Item(number, number, [text])))
            elif columns:
                columns[-1][-1][1].extend(number, text)
        if len(columns) != len(COLUMNS):
            self.problem(start, f"the action lines fall into {len(columns)} columns, not {len(COLUMNS)}")
        english = self.data["programmes"].get("actionLineEnglish", {})
        for slug, column in zip(COLUMNS, columns):
            programme = iri("programme", slug)
            for n, item in column:
                src = self.item_cite(item)
                text = re.sub(r"^\d+\.\s+", "", item.text)
                node = iri("actionline", f"{slug}-{n}")
                self.kg.add(node, RDF.type, LTKG.ActionLine, src)
                self.label(node, text, "nl", src)
                self.kg.add(node, LTKG.programme, programme, src)
                self.kg.number(node, LTKG.number, n, src)
                if slug not in SHARED_ACTION_LINES:
                    if f"{slug}-{n}" not in english:
                        self.problem(self.paths["programmes"].name, f"no English label for action line {slug}-{n}")
                    else:
                        self.label(node, english[f"{slug}-{n}"], "en", ENGLISH, alternative=False)

    def implementation_level(self) -> None:
        number = self.find(r"^\s*Uitvoeringsniveau ")
        cells = re.split(r"\s+(?=[A-Z])", self.line(number).removeprefix("Uitvoeringsniveau").strip())
        if len(cells) != len(COLUMNS):
            self.problem(number, f"'Uitvoeringsniveau' splits into {len(cells)} cells, not {len(COLUMNS)}")
            return
        for slug, cell in zip(COLUMNS, cells):
            self.kg.text(iri("programme", slug), LTKG.implementationLevel, cell, self.cite(number, quote=cell))

    def bullet_columns(self, first: int, last: int, header: str) -> list[list[Item]]:
        """A row whose columns each open with 'Door middel van:' and list items after '•'; a line that
        is neither continues the item before it (or is the column's one unbulleted item)."""
        opener = "Door middel van:"
        columns: list[list[Item]] = []
        current: Item | None = None
        for number in range(first, last + 1):
            text = self.line(number)
            if number == first:
                text = text.removeprefix(header).strip()
            if text.startswith(opener):
                columns.append([])
                current = None
                text = text.removeprefix(opener).strip()
            if not text:
                continue
            if not columns:
                self.problem(number, f"text before the first '{opener}' of the row")
                continue
            if text.startswith("•"):
                current = Item(number, number, [text.lstrip("•").strip()])
                columns[-1].append(current)
            elif current is not None:
                current.extend(number, text)
            else:
                current = Item(number, number, [text])
                columns[-1].append(current)
        if len(columns) != len(COLUMNS):
            self.problem(first, f"the row '{header}' has {len(columns)} columns, not {len(COLUMNS)}")
        return columns

    # -- the 10 regional plans --------------------------------------------------------------------
    def regional_plans(self) -> None:
        kg = self.kg
        stated_line = self.find(r"^Analyse van \d+ regioplannen$")
        stated = int(re.search(r"\d+", self.line(stated_line)).group())
        start = self.find(r"^Geanalyseerde regioplannen$")
        end = self.find(r"^Deelnemers interviews$", start)
        labels = Editorial(
            f"{REPORT}-regional-plan-labels",
            "The report lists the regional plans it analysed by their region under 'Geanalyseerde "
            "regioplannen'; the editors name each plan after its region.",
            evidence=(self.cite(start, start + 2, "Geanalyseerde regioplannen Regio’s:"),),
        )
        count = 0
        for number in range(start, end):
            match = re.fullmatch(r"(\d+)\.\s+(.+)", self.line(number))
            if not match:
                continue
            count += 1
            n, name = int(match.group(1)), normalise(match.group(2))
            src = self.cite(number)
            slug = slugify(name)
            region = kg.entity("region", slug, LTKG.Region, src, nl=name)
            if "/" in name:
                kg.text(region, LTKG.note, f"The report writes the region as {name!r} (line {number}); "
                        "kept as one region under the name as written.", src, "en")
            plan = iri("regional-plan", slug)
            kg.add(plan, RDF.type, LTKG.RegionalPlan, src)
            kg.add(plan, LTKG.region, region, src)
            kg.number(plan, LTKG.number, n, src)
            kg.add(plan, DCTERMS.isReferencedBy, self.document, src)
            kg.text(plan, SKOS.prefLabel, f"Regioplan {name}", labels, "nl")
            kg.text(plan, SKOS.prefLabel, f"Regional plan {name}", ENGLISH, "en")
        if count != stated:
            self.problem(stated_line, f"the report states {stated} regional plans, its list has {count}")

    # -- themes (the ltkg:themes scheme) --------------------------------------------------------------
    def themes(self) -> None:
        kg = self.kg
        data = self.data["themes"]
        for slug, entry in self.theme_data.items():
            node = iri("theme", slug)
            origins = curated.require(entry, "origins")
            name = curated.require(entry, "name")
            for position, origin in enumerate(origins):
                src = curated.cite(origin, DOC)
                if origin.get("origin") not in ORIGINS:
                    self.problem(origin.origin, f"origin must be one of {ORIGINS}")
                    continue
                if position == 0:
                    if name.lower() not in src.quote.lower():
                        self.problem(origin.origin, f"theme name {name!r} is not in the quote")
                    kg.entity("theme", slug, LTKG.Theme, src, nl=name)
                kg.add(node, RDF.type, LTKG.Theme, src)
                kg.add(node, RDF.type, SKOS.Concept, src)
                kg.add(node, SKOS.inScheme, LTKG.themes, src)
                kg.add(node, LTKG.themeOrigin, Literal(origin["origin"]), src)
            kg.text(node, SKOS.prefLabel, curated.require(entry, "en"), ENGLISH, "en")
            for alt in entry.get("altLabels", []):
                src = curated.cite(alt, DOC)
                if alt["name"].lower() not in src.quote.lower():
                    self.problem(alt.origin, f"alternative label {alt['name']!r} is not in the quote")
                kg.text(node, SKOS.altLabel, alt["name"], src)
            if entry.get("note"):
                kg.text(node, LTKG.note, entry["note"]["text"], curated.cite(entry["note"], DOC), "en")
        for group in data.get("related", []):
            src = curated.editorial(group, DOC)
            for a, b in group["pairs"]:
                for slug in (a, b):
                    if slug not in self.theme_data:
                        self.problem(group.origin, f"unknown theme {slug!r}")
                kg.add(iri("theme", a), SKOS.related, iri("theme", b), src)
                kg.add(iri("theme", b), SKOS.related, iri("theme", a), src)

    # -- the indicator table: 8 categories in two header lines, their bullets below ---------------------
    def indicators(self) -> None:
        kg = self.kg
        table = self.data["themes"]["indicatorTable"]
        english = self.data["themes"].get("indicatorEnglish", {})
        kind = Editorial(
            "indicator-kind-plan-analysis",
            "The indicators of 'de beweging naar de voorkant' structure the 2024 report's analysis of the "
            "regional plans; the editors classify them as plan-analysis indicators.",
            evidence=(self.cite(self.find(r"^Om de analyse van de regioplannen te structureren"),
                                quote="Om de analyse van de regioplannen te structureren is een set indicatoren bepaald"),),
        )
        headers = table["headers"]
        for position, header in enumerate(headers):
            line, categories = header["line"], header["categories"]
            names = [self.theme_data[c]["name"] for c in categories]
            if normalise(self.line(line)) != " ".join(names):
                self.problem(line, f"the header is not the categories {names}")
                continue
            last = headers[position + 1]["line"] - 1 if position + 1 < len(headers) else table["end"] - 1
            groups = self.bullet_groups(line + 1, last)
            if len(groups) != len(categories):
                self.problem(line, f"{len(groups)} groups of indicators under {len(categories)} categories")
                continue
            for category, group in zip(categories, groups):
                theme = iri("theme", category)
                for n, item in enumerate(group, start=1):
                    src = self.item_cite(item)
                    node = kg.entity("indicator", f"voorkant-{category}-{n}", LTKG.Indicator, src, nl=item.text)
                    kg.add(node, LTKG.theme, theme, src)
                    kg.number(node, LTKG.number, n, src)
                    kg.add(node, LTKG.indicatorKind, iri("indicator-kind", "plan-analysis"), kind)
                    if item.text in english:
                        kg.text(node, SKOS.prefLabel, english[item.text], ENGLISH, "en")
                    else:
                        self.problem(self.paths["themes"].name, f"no English label for indicator {item.text!r}")
                    self.indicator_nodes[(category, item.text)] = node
        title = curated.cite(table["title"], DOC)
        for category in (c for header in headers for c in header["categories"]):
            kg.add(iri("theme", category), LTKG.themeOrigin, Literal("indicator-category"), title)

    def bullet_groups(self, first: int, last: int) -> list[list[Item]]:
        """Bullets in column groups. A blank line before a bullet opens the next group, except right
        after a wrapped bullet's continuation line (the extraction leaves a blank there, line 1584)."""
        groups: list[list[Item]] = [[]]
        blank, continued = False, False
        for number in range(first, last + 1):
            text = self.line(number)
            if not text:
                blank = True
                continue
            if text.startswith("•"):
                if blank and groups[-1] and not continued:
                    groups.append([])
                groups[-1].append(Item(number, number, [text.lstrip("•").strip()]))
                continued = False
            elif groups[-1]:
                groups[-1][-1].extend(number, text)
                continued = True
            else:
                self.problem(number, "text before the first indicator of a group")
            blank = False
        return [group for group in groups if group]

    # -- how often the plans address each indicator or theme ------------------------------------------
    def coverage(self) -> None:
        for entry in self.data["themes"].get("coverage", []):
            src = curated.source(entry, DOC)
            quotes = [src.quote] if isinstance(src, Cite) else [c.quote for c in src.evidence]
            wording = str(curated.require(entry, "wording"))
            if not any(_starts(normalise(q), wording) for q in quotes):
                self.problem(entry.origin, f"wording {wording!r} is not in the quote")
                continue
            if "theme" in entry:
                if entry["theme"] not in self.theme_data:
                    self.problem(entry.origin, f"unknown theme {entry['theme']!r}")
                    continue
                target = iri("theme", entry["theme"])
            else:
                target = self.indicator_nodes.get((entry["category"], entry["indicator"]))
                if target is None:
                    self.problem(entry.origin, f"no indicator {entry['indicator']!r} under {entry['category']!r}")
                    continue
            self.kg.text(target, LTKG.coverageInPlans, wording, src)
            if entry.get("note"):
                self.kg.text(target, LTKG.note, entry["note"], src, "en")

    # -- possible white spots and the werkorganisatie's verdicts --------------------------------------
    def white_spots(self) -> None:
        kg = self.kg
        headings = self.conclusion_headings()
        for entry in self.data["themes"]["whiteSpots"]:
            slug = curated.require(entry, "id")
            node = iri("white-spot", slug)
            theme = curated.require(entry, "theme")
            if theme not in self.theme_data:
                self.problem(entry.origin, f"unknown theme {theme!r}")
                continue
            passages = [curated.cite(p, DOC) for p in curated.require(entry, "passages")]
            for src in passages:
                if "witte vlek" not in src.quote:
                    self.problem(entry.origin, f"passage at line {src.first} does not name a white spot")
                kg.add(node, RDF.type, LTKG.WhiteSpot, src)
                kg.add(node, LTKG.theme, iri("theme", theme), src)
                kg.statement(node, src)
            conclusion = entry.get("conclusion")
            name_src = curated.cite(conclusion["heading"], DOC) if conclusion else passages[0]
            if entry["name"].lower() not in name_src.quote.lower():
                self.problem(entry.origin, f"name {entry['name']!r} is not in {name_src.quote!r}")
            kg.text(node, SKOS.prefLabel, entry["name"], name_src)
            kg.text(node, SKOS.prefLabel, entry["en"], ENGLISH, "en")
            if entry.get("note"):
                kg.text(node, LTKG.note, entry["note"], passages[0], "en")
            addressed = entry.get("possiblyAddressedBy")
            if addressed:
                src = curated.cite(addressed, DOC)
                for programme in addressed["programmes"]:
                    kg.add(node, LTKG.possiblyAddressedBy, iri("programme", programme), src)
            if conclusion:
                self.verdict(node, conclusion, name_src, headings)

    def conclusion_headings(self) -> dict[int, int]:
        """Deel 5's numbered themes: number -> line."""
        start = self.find(r"^Reflectie en conclusies werkorganisatie$")
        end = self.find(r"^Conclusies van de werkorganisatie$", start)
        found = {}
        for number in range(start, end):
            match = re.fullmatch(r"(\d)\. .+:", self.line(number))
            if match:
                found[int(match.group(1))] = number
        return found

    def verdict(self, node: URIRef, conclusion: curated.Node, heading: Cite, headings: dict[int, int]) -> None:
        kg = self.kg
        n = int(curated.require(conclusion, "number"))
        if headings.get(n) != heading.first:
            self.problem(conclusion.origin, f"conclusion {n} is not at line {heading.first}")
        kg.number(node, LTKG.number, n, heading)
        if ("verdict" in conclusion) == ("openQuestion" in conclusion):
            self.problem(conclusion.origin, "a conclusion has either a verdict or an open question")
            return
        key, prop = ("verdict", LTKG.verdict) if "verdict" in conclusion else ("openQuestion", LTKG.openQuestion)
        src = curated.cite(conclusion[key], DOC)
        kg.text(node, prop, src.quote, src)
        for item in conclusion.get("restsOn", []):  # what the verdict relies on, outside the graph's programmes
            cite = curated.cite(item, DOC)
            name = str(curated.require(item, "name"))
            if normalise(name) not in normalise(cite.quote):
                self.problem(item.origin, f"{name!r} is not in the quote")
                continue
            initiative = self.mention_regulation(name, cite)
            if initiative is not None:
                kg.add(node, LTKG.verdictRestsOn, initiative, cite)
        if conclusion.get("note"):
            kg.text(node, LTKG.note, conclusion["note"], src, "en")

    # -- the WOZO bodies ------------------------------------------------------------------------------
    def bodies(self) -> None:
        kg = self.kg
        for entry in self.data["organisation"]["bodies"]:
            src = curated.cite(curated.require(entry, "source"), DOC)
            body = iri("body", curated.require(entry, "id"))
            kg.add(body, RDF.type, LTKG.GovernanceBody, src)
            self.label(body, entry["name"], "nl", src)
            self.label(body, entry["en"], "en", ENGLISH, alternative=False)
            kg.add(body, ORG.classification, iri("body-kind", entry["kind"]), src)
            kg.add(body, LTKG.programme, iri("programme", entry["programme"]), src)
            for members in entry.get("members", []):
                for name, member_src in self.member_list(members):
                    party = self.mention_party(name, member_src)
                    if party is not None:
                        kg.add(body, ORG.hasMember, party, member_src)
            if entry.get("note"):
                kg.text(body, LTKG.note, entry["note"]["text"], curated.cite(entry["note"], DOC), "en")

    def member_list(self, members: curated.Node) -> list[tuple[str, Cite]]:
        """The parties of a member list as written, 'A/B' and 'A / B' read as two."""
        src = curated.cite(members, DOC)
        found: list[tuple[str, Cite]] = []
        if members["list"] == "parenthesis":
            match = re.fullmatch(r"\((.+)\)", normalise(src.quote))
            items = [(item, src) for item in match.group(1).split(", ")] if match else []
        else:
            end = self.find(rf"^{re.escape(members['until'])}$", src.first)
            items = [(self.line(n).lstrip("•").strip(), self.cite(n, quote=self.line(n).lstrip("•").strip()))
                     for n in range(src.first + 1, end) if self.line(n).startswith("•")]
        if not items:
            self.problem(members.origin, "no members found")
        for item, item_src in items:
            found.extend((name.strip(), item_src) for name in item.split("/"))
        return found

    # -- the werkorganisatie's overall conclusion -------------------------------------------------------
    def conclusion(self) -> None:
        data = self.data["themes"]["conclusion"]
        programmes = [iri("programme", slug) for slug in COLUMNS]
        body = iri("body", "wozo-werkorganisatie")
        count_src = curated.cite(data["themeCount"], DOC)
        stated = int(data["themeCount"]["count"])
        assessed = [w for w in self.data["themes"]["whiteSpots"] if w.get("conclusion")]
        if f"{stated} thema" not in count_src.quote or stated != len(assessed):
            self.problem(data.origin, f"the report concludes on {stated} themes, the white spots have {len(assessed)}")
        src = curated.cite(data["statement"], DOC)
        claim = self.claim("werkorganisatie-conclusion", programmes, "state", src.quote, src)
        self.kg.add(claim, PROV.wasAttributedTo, body, src)
        src = curated.cite(data["advice"], DOC)
        claim = self.claim("werkorganisatie-advice", programmes, "state", src.quote, src)
        self.kg.add(claim, PROV.wasAttributedTo, body, src)
        self.kg.add(claim, DCTERMS.audience, iri("body", "wozo-regiegroep"), src)
