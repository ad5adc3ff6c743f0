"""Who takes part in which action, as read from the graph (participations.rq): the data behind the party
metrics (api/rest/metrics.py) and the network views (api/web/).

Nothing here knows the set of roles, programmes, party types or documents: each is whatever the graph
holds, with its labels. Read once per build of the embedded store (the query answers in well under a
second) and kept with the app.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import Request

from api import queries
from api.rest.shapes import natural_key
from api.store.contract import Solutions, Term
from graph.ns import ID, LTKG

ROLE_ORDER = ["lead", "partner", "consulted", "contributor", "responsible", "involved"]  # known ones first


def key(term: Term | None) -> str:
    """kind/slug of an entity IRI (the page holds no URL), the local name of a term of ltkg:, else the IRI."""
    if term is None:
        return ""
    value = term.value
    if value.startswith(ID):
        return value[len(ID):]
    if value.startswith(str(LTKG)):
        return value[len(str(LTKG)):].lower()
    return value


def slug(ident: str) -> str:
    return ident.rpartition("/")[2]


@dataclass
class Label:
    nl: str = ""
    en: str = ""
    short: str = ""
    number: int | None = None
    programme: str = ""  # of an action line
    kind: str = ""  # of an initiative

    def best(self) -> str:
        return self.nl or self.en or self.short


@dataclass
class Participation:
    action: str
    party: str
    role: str
    sources: list[dict] = field(default_factory=list)  # {document, lines, quote}


@dataclass
class Action:
    id: str
    programme: str = ""
    action_line: str = ""
    notation: str = ""
    title: str = ""
    themes: set[str] = field(default_factory=set)
    initiatives: dict[str, set[str]] = field(default_factory=dict)  # initiative -> {mentions, restson}


@dataclass
class Party:
    id: str
    name: str = ""
    type: str = ""
    collective: bool = False


@dataclass
class Participations:
    actions: dict[str, Action]
    parties: dict[str, Party]
    links: list[Participation]  # one per (action, party, role), sources merged
    labels: dict[str, Label]  # programmes, action lines, party types, roles, documents, themes by key
    # programme -> its initiators, each a Participation whose `action` is the programme, role "initiator"
    initiators: dict[str, list[Participation]] = field(default_factory=dict)
    related: dict[str, set[str]] = field(default_factory=dict)  # theme -> the themes related to it
    # parties in an action line itself (`action` is the line); a source is a citation or {"rationale": …}
    line_links: list[Participation] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # what is computed from them once (api.rest.metrics.metrics_of)

    def label(self, ident: str) -> str:
        found = self.labels.get(ident)
        return (found.best() if found else "") or slug(ident)

    def of_kind(self, kind: str) -> list[str]:
        """The keys of one kind of labelled thing (programme, actionline, theme, document, party-type)."""
        return sorted((k for k in self.labels if k.startswith(kind + "/")), key=natural_key)

    def roles(self) -> list[str]:
        """Every role the graph holds, the known ones in their order first."""
        found = {link.role for link in self.links}
        return sorted(found, key=lambda r: (ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER), r))

    def action_lines(self, programme: str) -> list[str]:
        return [line for line in self.of_kind("actionline") if self.labels[line].programme == programme]

    def programmes_with_actions(self) -> list[str]:
        used = {a.programme for a in self.actions.values()}
        return [p for p in self.of_kind("programme") if p in used]

    def short(self, programme: str) -> str:
        """A programme's abbreviation ("WOZO"), or the initials of its id ("LT" for langer-thuis)."""
        found = self.labels.get(programme)
        if found and found.short:
            return found.short
        return "".join(word[0] for word in slug(programme).split("-") if word).upper()

    def action_label(self, action: Action) -> str:
        return f"{self.short(action.programme)} {action.notation or slug(action.id)}".strip()


def cite(row, link: Participation) -> None:
    """Add the row's source to the link's: a citation {document, lines, quote}, or the editors' {rationale}."""
    if "doc" in row:
        source = {"document": slug(key(row["doc"])), "lines": [int(row["first"].value), int(row["last"].value)],
                  "quote": row["quote"].value}
    elif "value" in row and row["part"].value == "lineParticipation":
        source = {"rationale": row["value"].value}
    else:
        return
    if source not in link.sources:
        link.sources.append(source)


def read(rows: Solutions) -> Participations:
    actions: dict[str, Action] = {}
    parties: dict[str, Party] = {}
    links: dict[tuple[str, str, str], Participation] = {}
    initiators: dict[tuple[str, str, str], Participation] = {}
    related: dict[str, set[str]] = {}
    line_links: dict[tuple[str, str, str], Participation] = {}
    labels: dict[str, Label] = defaultdict(Label)
    for row in rows.rows:
        part = row["part"].value
        if part in ("participation", "lineParticipation"):
            ident = (key(row["action"]), key(row["party"]), key(row["role"]))
            cite(row, (links if part == "participation" else line_links).setdefault(ident, Participation(*ident)))
        elif part == "action":
            action = actions.setdefault(key(row["action"]), Action(key(row["action"])))
            action.programme = action.programme or key(row.get("programme"))
            action.action_line = action.action_line or key(row.get("actionLine"))
            action.notation = action.notation or (row["notation"].value if "notation" in row else "")
            action.title = action.title or (row["title"].value if "title" in row else "")
        elif part == "initiator":
            ident = (key(row["programme"]), key(row["party"]), "initiator")
            cite(row, initiators.setdefault(ident, Participation(*ident)))
        elif part == "related":
            related.setdefault(key(row["item"]), set()).add(key(row["value"]))
        elif part == "theme":
            actions.setdefault(key(row["action"]), Action(key(row["action"]))).themes.add(key(row["item"]))
        elif part == "initiative":
            action = actions.setdefault(key(row["action"]), Action(key(row["action"])))
            action.initiatives.setdefault(key(row["item"]), set()).add(key(row["role"]))
            if "kind" in row:
                labels[key(row["item"])].kind = key(row["kind"])
        elif part == "party":
            party = parties.setdefault(key(row["party"]), Party(key(row["party"])))
            if "value" in row and (not party.name or getattr(row["value"], "language", None) == "nl"):
                party.name = row["value"].value
            party.type = party.type or key(row.get("item"))
            party.collective |= "collective" in row
        elif part == "label":
            label = labels[key(row["item"])]
            value = row.get("value")
            if value is not None:
                if value.language == "en":
                    label.en = value.value
                elif not label.nl or value.language == "nl":
                    label.nl = value.value
            if "short" in row:
                label.short = min(label.short or row["short"].value, row["short"].value, key=len)
            if "number" in row:
                label.number = int(row["number"].value)
            if "programme" in row:
                label.programme = key(row["programme"])
    for link in links.values():  # a party named only through a participation still gets a node
        parties.setdefault(link.party, Party(link.party))
        for source in link.sources:
            labels.setdefault("document/" + source["document"], Label())
    ordered = sorted(links.values(), key=lambda l: (natural_key(l.action), l.party, l.role))
    by_programme: dict[str, list[Participation]] = defaultdict(list)
    for ident in sorted(initiators):
        by_programme[ident[0]].append(initiators[ident])
    return Participations(actions, parties, ordered, dict(labels), dict(by_programme), related,
                          sorted(line_links.values(), key=lambda l: (natural_key(l.action), l.party, l.role)))


_cache: dict[int, tuple[object, Participations]] = {}
_lock = threading.Lock()


def load(request: Request) -> Participations:
    """The participations of the app's store, read once per build (every time for a remote store,
    which has no version)."""
    store = request.app.state.store
    version = store.version()
    with _lock:
        held = _cache.get(id(store))
        if held is not None and version is not None and held[0] == version:
            return held[1]
    rows = queries.run(store, queries.load("participations"), {}, timeout=request.app.state.settings.query_timeout)
    found = read(rows)
    with _lock:
        _cache[id(store)] = (version, found)
    return found
