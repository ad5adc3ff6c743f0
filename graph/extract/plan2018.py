"""Plan van Aanpak Langer Thuis 2018-2021: programme, signatories, action lines, goals and the
44 actions parsed from the tables; indicators parsed from section 5; the annex's reading of who is
responsible, and the governance bodies, curated in graph/data/plan-2018.yaml."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from graph import curated
from graph.dates import stated_date
from graph.extract.document import SourceText
from graph.extract.tables import Row, rows, split_parties
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial
from graph.register import PartyRegister
from graph.settings import DATA_DIR

DOC = "2018-langer-thuis-plan-van-aanpak"
PROGRAMME = "langer-thuis"
ROLES = {"lead": (LTKG.Lead, LTKG.lead), "partner": (LTKG.Partner, LTKG.partner),
         "consulted": (LTKG.Consulted, LTKG.consulted), "responsible": (LTKG.Responsible, LTKG.responsible),
         "contributor": (LTKG.Contributor, LTKG.contributor), "commissioner": (LTKG.Commissioner, LTKG.commissioner),
         "involved": (LTKG.Involved, LTKG.involved)}
# The annex's wordings (graph/data/plan-2018.yaml, responsible:): key -> role
ANNEX_ROLES = {"parties": "responsible", "partners": "partner", "consulted": "consulted",
               "contributors": "contributor", "commissioners": "commissioner", "involved": "involved"}


ENGLISH = Editorial("langer-thuis-english-labels",
                    "English labels of the 2018 plan's action lines and goals are the editors' translations, "
                    "using shared/GLOSSARY.md; curated in graph/data/plan-2018.yaml.", origin="plan-2018.yaml")


def extract(kg: KG, parties: PartyRegister, data_dir: Path = DATA_DIR) -> None:
    plan = Plan(kg, parties)
    plan.programme()
    plan.signatories()
    plan.working_parties()
    plan.action_lines()
    plan.tables()
    plan.annex_headers()
    plan.indicators()
    plan.curated(curated.load(data_dir / "plan-2018.yaml"))


def participation(kg: KG, action: URIRef, party: URIRef, role: str, src) -> None:
    """The qualified link (a role and a provenance on each) plus its shortcut property."""
    role_node, shortcut = ROLES[role]
    action_slug = str(action).rsplit("/", 1)[1]
    party_slug = str(party).rsplit("/", 1)[1]
    node = iri("participation", f"{action_slug}-{role}-{party_slug}")
    kg.add(node, RDF.type, LTKG.Participation, src)
    kg.add(node, PROV.agent, party, src)
    kg.add(node, PROV.hadRole, role_node, src)
    kg.add(action, PROV.qualifiedAssociation, node, src)
    kg.add(action, shortcut, party, src)


class Plan(SourceText):
    doc = DOC

    def __init__(self, kg: KG, parties: PartyRegister):
        super().__init__(kg)
        self.parties = parties
        self.node = iri("programme", PROGRAMME)
        self.stated_counts: dict[int, tuple[int, int]] = {}
        self.actions: dict[str, URIRef] = {}
        self.titles: dict[URIRef, str] = {}
        self.goal_labels: dict[str, str] = {}

    def programme(self) -> None:
        kg = self.kg
        title = self.find(r"^Programma Langer Thuis$")
        kg.entity("programme", PROGRAMME, LTKG.Programme, self.cite(title), nl="Programma Langer Thuis")
        kg.text(self.node, SKOS.prefLabel, "Langer Thuis programme", self.parties.source, "en")
        period = self.find(r"^Plan van Aanpak 2018-2021$")
        kg.add(self.node, LTKG.period, _plain("2018-2021"), self.cite(period, quote="2018-2021"))

    def signatories(self) -> None:
        start = self.find(r"^21 PARTIJEN$")
        count = 0
        for number in range(start + 1, self.find(r"^1 GEZAMENLIJKE AANPAK$")):
            text = self.lines[number - 1]
            if text.startswith("- "):
                src = self.cite(number, quote=text[2:])
                party = self.parties.mention(self.kg, text[2:], src)
                if party is not None:
                    self.kg.add(self.node, LTKG.signatory, party, src)
                count += 1
        if count != 21:
            self.kg.problem(f"{DOC}.txt:{start}: the heading says 21 parties, the list has {count}")

    def working_parties(self) -> None:
        """The introduction's list of the parties VWS works with (line 119: '... in nauwe samenwerking met
        alle betrokken partijen - [VNG/NDSB](#), ..., [BZK](#) - aan één verbindend doel'): each linked name,
        as written, involved in the programme (ltkg:involved), cited to that sentence."""
        number = self.find(r"in nauwe samenwerking met alle betrokken partijen - ")
        text = self.lines[number - 1]
        start = text.index("In het programma werkt")
        listed = text[text.index("alle betrokken partijen - "):text.index(" - aan één verbindend doel")]
        src = self.cite(number, quote=text[start:text.index(" - aan één verbindend doel")])
        for link in re.findall(r"\[([^\]]+)\]\(#\)", listed):
            for name in ([link] if self.parties.knows(link) else re.split(r"\s+en\s+", link)):
                party = self.parties.mention(self.kg, name, src)
                if party is not None:
                    self.kg.add(self.node, LTKG.involved, party, src)

    def action_lines(self) -> None:
        """The summary block: 'ACTIELIJN n', its name, 'k DOELEN', '- i goal', 'm ACTIES'."""
        for number, text in enumerate(self.lines, start=1):
            match = re.fullmatch(r"ACTIELIJN (\d)", text.strip())
            if not match:
                continue
            n = int(match.group(1))
            name_line = self.find(r"\S", number + 1)
            name = self.lines[name_line - 1].strip()
            src = self.cite(number, name_line)
            line = self.kg.entity("actionline", f"{PROGRAMME}-{n}", LTKG.ActionLine, src, nl=name)
            self.kg.add(line, LTKG.programme, self.node, src)
            self.kg.number(line, LTKG.number, n, src)
            goals_line = self.find(r"^\d+ DOELEN$", name_line)
            actions_line = self.find(r"^\d+ ACTIES$", goals_line)
            self.stated_counts[n] = (int(self.lines[goals_line - 1].split()[0]),
                                     int(self.lines[actions_line - 1].split()[0]))
            for goal_number in range(goals_line + 1, actions_line):
                goal = re.fullmatch(r"- (\d+) (.+)", self.lines[goal_number - 1].strip())
                if goal:
                    self.goal(n, int(goal.group(1)), goal.group(2), self.cite(goal_number))

    def goal(self, line_number: int, n: int, text: str, src: Cite) -> URIRef:
        """A goal, from the summary block or a table row; a differing wording becomes an altLabel."""
        slug = f"{PROGRAMME}-{line_number}-doel-{n}"
        first = self.goal_labels.setdefault(slug, text)
        goal = self.kg.entity("goal", slug, LTKG.Goal, src, nl=text if first == text else None)
        if first != text:
            self.kg.text(goal, SKOS.altLabel, text, src)
        self.kg.add(goal, LTKG.actionLine, iri("actionline", f"{PROGRAMME}-{line_number}"), src)
        self.kg.add(goal, LTKG.programme, self.node, src)
        self.kg.number(goal, LTKG.number, n, src)
        return goal

    def tables(self) -> None:
        """The action tables of section 3: 'Doel n: text' rows open a goal, numbered rows are actions."""
        start, end = self.find(r"^3\. Programma en activiteiten$"), self.find(r"^4\. Organisatie$")
        section = {}
        for number in range(start, end):
            heading = re.match(r"^3\.\d Actielijn (\d):", self.lines[number - 1])
            if heading:
                section[number] = int(heading.group(1))
        counts: dict[int, set[int]] = {}
        line_number, goal = 0, None
        for row in rows(self.sources, DOC, start, end):
            line_number = max((n for at, n in section.items() if at < row.line), default=0)
            if row.cells[0].startswith("Actie"):
                continue
            doel = re.match(r"Doel (\d+): (.+)", row.cells[0])
            if doel:
                goal = iri("goal", f"{PROGRAMME}-{line_number}-doel-{doel.group(1)}")
                src = row.cite(self.sources, 0)
                self.goal(line_number, int(doel.group(1)), doel.group(2).strip(), src)
                continue
            if row.cells[0].strip().isdigit():
                if goal is not None and f"{PROGRAMME}-{line_number}-" not in str(goal):
                    goal = None  # a new action line's table before its first 'Doel' row
                self.action(row, line_number, goal)
                counts.setdefault(line_number, set()).add(int(row.cells[0]))
        for n, (goals, actions) in self.stated_counts.items():
            if len(counts.get(n, ())) != actions:
                self.kg.problem(f"{DOC}.txt: action line {n} states {actions} actions, the tables have {len(counts.get(n, ()))}")

    def action(self, row: Row, line_number: int, goal: URIRef | None) -> None:
        kg, n = self.kg, int(row.cells[0])
        slug = f"{PROGRAMME}-{line_number}.{n}"
        title_src = row.cite(self.sources, 1)
        action = kg.entity("action", slug, LTKG.Action, title_src, nl=row.cells[1])
        self.actions[f"{line_number}.{n}"] = action
        self.titles[action] = row.cells[1].strip()
        kg.text(action, DCTERMS.title, row.cells[1], title_src)
        kg.add(action, LTKG.programme, self.node, title_src)
        kg.add(action, LTKG.actionLine, iri("actionline", f"{PROGRAMME}-{line_number}"), title_src)
        kg.number(action, LTKG.number, n, title_src)
        kg.add(action, SKOS.notation, _plain(f"{line_number}.{n}"), title_src)
        if goal is not None:
            kg.add(action, LTKG.goal, goal, title_src)
        milestone_src = row.cite(self.sources, 2)
        milestone = iri("milestone", slug)
        kg.add(action, LTKG.milestone, milestone, milestone_src)
        kg.add(milestone, RDF.type, LTKG.Milestone, milestone_src)
        kg.text(milestone, LTKG.milestoneText, row.cells[2], milestone_src)
        date = stated_date(row.cells[2])
        if date is not None:
            kg.add(milestone, LTKG.date, date, milestone_src)
        lead_src = row.cite(self.sources, 3)
        for role, names in split_parties(row.cells[3], self.parties.knows).items():
            for name in names:
                party = self.parties.mention(kg, name, lead_src)
                if party is not None:
                    participation(kg, action, party, role, lead_src)

    def annex_headers(self) -> None:
        """'Actie n: title' under each 'Actielijn n:' of the Bijlagen; a differing title is an altLabel."""
        start, line_number = self.find(r"^Bijlagen$", self.find(r"^6\. Communicatie")), 0
        for number in range(start, len(self.lines) + 1):
            text = self.lines[number - 1]
            heading = re.match(r"^Actielijn (\d):", text)
            if heading:
                line_number = int(heading.group(1))
            header = re.match(r"^Actie (\d+): (.+)$", text)
            if header and line_number:
                action = self.actions.get(f"{line_number}.{header.group(1)}")
                if action is None:
                    self.kg.problem(f"{DOC}.txt:{number}: annex action {line_number}.{header.group(1)} is not in the tables")
                    continue
                title = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", header.group(2)).strip().rstrip(".")
                src = self.cite(number, quote=header.group(2).strip())
                table_title = self.titles[action]
                same = table_title.rstrip(".") == title
                self.kg.text(action, DCTERMS.title if same else SKOS.altLabel, table_title if same else title, src)

    def indicators(self) -> None:
        """Section 5: per action line, numbered outcome indicators, process information, stories."""
        start, end = self.find(r"^5\. Monitoring"), self.find(r"^6\. Communicatie")
        kinds = {"Uitkomstindicatoren:": "outcome", "Data/effectmeting:": "outcome",
                 "Procesinformatie:": "process", "Verhalen:": "story"}
        line_number, kind, counter = 0, None, {}
        for number in range(start, end):
            text = self.lines[number - 1].strip()
            heading = re.match(r"^Actielijn (\d):", text)
            if heading:
                line_number, kind = int(heading.group(1)), None
                continue
            if text in kinds:
                kind = kinds[text]
                continue
            item = re.match(r"^(?:\d+\.|-)\s+(.+)$", text)
            if not (item and line_number and kind):
                continue
            key = (line_number, kind)
            counter[key] = counter.get(key, 0) + 1
            src = self.cite(number, quote=item.group(1))
            node = self.kg.entity("indicator", f"{PROGRAMME}-{line_number}-{kind}-{counter[key]}",
                                  LTKG.Indicator, src, nl=item.group(1))
            self.kg.add(node, LTKG.indicatorKind, iri("indicator-kind", kind), src)
            self.kg.add(node, LTKG.actionLine, iri("actionline", f"{PROGRAMME}-{line_number}"), src)
            self.kg.add(node, LTKG.programme, self.node, src)
            self.kg.number(node, LTKG.number, counter[key], src)

    def curated(self, data: curated.Node) -> None:
        for entry in data.get("responsible", []):
            action = self.actions.get(str(curated.require(entry, "action")))
            if action is None:
                self.kg.problem(f"{entry.origin}: no action {entry['action']!r} in the plan")
                continue
            src = curated.cite(curated.require(entry, "source"), DOC)
            named = [(role, entry.get(key, [])) for key, role in ANNEX_ROLES.items()]
            if not any(names for _, names in named):
                self.kg.problem(f"{entry.origin}: names no party ({', '.join(ANNEX_ROLES)})")
            for role, names in named:
                for name in names:
                    party = self.parties.mention(self.kg, name, src)
                    if party is not None:
                        participation(self.kg, action, party, role, src)
            if entry.get("note"):
                self.kg.text(action, LTKG.note, entry["note"], src, "en")
        for entry in data.get("governance", []):
            self.body(entry)
        for key, label in (data.get("english") or {}).items():
            self.kg.text(iri(*str(key).split("/", 1)), SKOS.prefLabel, label, ENGLISH, "en")

    def body(self, entry: curated.Node) -> None:
        src = curated.cite(curated.require(entry, "source"), DOC)
        body = self.kg.entity("body", curated.require(entry, "id"), LTKG.GovernanceBody, src,
                              nl=curated.require(entry, "name"), en=entry.get("en"))
        self.kg.add(body, LTKG.programme, self.node, src)
        self.kg.add(body, ORG.classification, iri("body-kind", curated.require(entry, "kind")), src)
        if entry.get("actionLine"):
            self.kg.add(body, LTKG.actionLine, iri("actionline", f"{PROGRAMME}-{entry['actionLine']}"), src)
        for name in entry.get("members", []):
            member = self.parties.mention(self.kg, name, src)
            if member is not None:
                self.kg.add(body, ORG.hasMember, member, src)
        if entry.get("partOf"):
            parent = self.parties.mention(self.kg, entry["partOf"], src)
            if parent is not None:
                self.kg.add(body, ORG.subOrganizationOf, parent, src)
        for item in entry.get("discusses", []):  # actions this body discusses, per the cited line
            item_src = curated.cite(curated.require(item, "source"), DOC)
            for number in curated.require(item, "actions"):
                action = self.actions.get(str(number))
                if action is None:
                    self.kg.problem(f"{item.origin}: no action {number!r} in the plan")
                else:
                    self.kg.add(action, LTKG.discussedIn, body, item_src)
            if item.get("note"):
                self.kg.text(body, LTKG.note, item["note"], item_src, "en")
        if entry.get("note"):
            self.kg.text(body, LTKG.note, entry["note"], src, "en")


def _plain(text: str) -> Literal:
    return Literal(text)
