"""From the rows of the named queries to the JSON of the REST API.

programmes.rq names each fact by ?part; action(s).rq and actor(s).rq give the triples about an
entity as ?property and ?item/?value, with what the object is called beside it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from api.queries import slug
from api.store import Solutions, Term
from graph.ns import LTKG

Row = dict[str, Term]
_LANG_RANK = {"nl": 0, "": 1, "en": 2}
ROLES = {"leads": str(LTKG.lead), "partners": str(LTKG.partner), "responsible": str(LTKG.responsible),
         "involved": str(LTKG.involved)}


# -- terms ------------------------------------------------------------------------------------------
def _int(term: Term | None) -> int | None:
    if term is None:
        return None
    try:
        return int(term.value)
    except ValueError:
        return None


def best_label(literals: Iterable[Term | None]) -> str | None:
    """The Dutch label, else one without a language, else English, else any; stable among equals."""
    found = [t for t in literals if isinstance(t, ox.Literal)]
    if not found:
        return None
    return min(found, key=lambda t: (_LANG_RANK.get((t.language or "").split("-")[0], 3), t.value)).value


def natural_key(text: str | None) -> list:
    """Sort key that puts 'langer-thuis-1.4' before 'langer-thuis-1.11'."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text or "")]


# -- rows -------------------------------------------------------------------------------------------
def by_subject(rows: Solutions, subject: str) -> dict[Term, list[Row]]:
    """The rows by their ?{subject}, in order of first appearance (rows without one are left out)."""
    grouped: dict[Term, list[Row]] = {}
    for row in rows.rows:
        node = row.get(subject)
        if node is not None:
            grouped.setdefault(node, []).append(row)
    return grouped


def total(rows: Solutions) -> int | None:
    """The ?total of a paged query."""
    return next((_int(row["total"]) for row in rows.rows if "total" in row), None)


def _by_property(rows: list[Row], key: str = "property") -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if key in row:
            out[row[key].value].append(row)
    return out


def _objects(rows: list[Row], var: str) -> dict[Term, list[Row]]:
    out: dict[Term, list[Row]] = {}
    for row in rows:
        if var in row:
            out.setdefault(row[var], []).append(row)
    return out


def _refs(rows: list[Row], var: str, label: str) -> list[dict]:
    """[{id, name}] of the ?{var} of the rows, by id."""
    refs = [{"id": slug(node), "name": best_label(r.get(label) for r in group)}
            for node, group in _objects(rows, var).items()]
    return sorted(refs, key=lambda ref: natural_key(ref["id"]))


# -- programmes (programmes.rq: one row per fact, named by ?part) ------------------------------------
class Entity:
    """The rows about one subject, by part."""

    def __init__(self, node: Term):
        self.node = node
        self.parts: dict[str, list[Row]] = defaultdict(list)

    def values(self, part: str) -> list[Term]:
        return [row["value"] for row in self.parts.get(part, []) if "value" in row]

    def items(self, part: str) -> dict[Term, list[Row]]:
        return _objects(self.parts.get(part, []), "item")

    def refs(self, part: str) -> list[dict]:
        return _refs(self.parts.get(part, []), "item", "value")


def group(rows: Solutions, subject: str) -> list[Entity]:
    """Entities by ?{subject}, their rows by ?part."""
    entities = []
    for node, node_rows in by_subject(rows, subject).items():
        entity = Entity(node)
        for row in node_rows:
            if "part" in row:
                entity.parts[row["part"].value].append(row)
        entities.append(entity)
    return entities


def programme_json(entity: Entity) -> dict:
    """{id, iri, name, period, signatories: [{id, name}], actionLines: [{id, number, name, goals: [...]}]}."""
    goals: dict[Term, list[dict]] = defaultdict(list)
    for item, rows in entity.items("goal").items():
        parent = next((r["parent"] for r in rows if "parent" in r), None)
        goals[parent].append({"id": slug(item), "iri": item.value, "number": _int(rows[0].get("number")),
                              "text": best_label(r.get("value") for r in rows)})
    lines = [{"id": slug(item), "iri": item.value, "number": _int(rows[0].get("number")),
              "name": best_label(r.get("value") for r in rows), "goals": sorted(goals.get(item, []), key=_by_number)}
             for item, rows in entity.items("actionLine").items()]
    period = entity.values("period")
    return {
        "id": slug(entity.node), "iri": entity.node.value,
        "name": best_label(entity.values("label")),
        "period": period[0].value if period else None,
        "signatories": entity.refs("signatory"),
        "actionLines": sorted(lines, key=_by_number),
    }


def _by_number(item: dict) -> tuple:
    return (item["number"] is None, item["number"] or 0, natural_key(item["id"]))


# -- actors (actor(s).rq: ?property ?value ?valueLabel; ?role ?action) -------------------------------
def actor_json(node: Term, rows: list[Row]) -> dict:
    """An actor as listed: {id, iri, name, altNames, type, typeName, collective}."""
    facts = _by_property(rows)
    name = best_label(r["value"] for r in facts.get(str(SKOS.prefLabel), []))
    alt = {r["value"].value for r in facts.get(str(SKOS.altLabel), [])} - {name}
    types = _objects(facts.get(str(ORG.classification), []), "value")
    kind = min(types, key=lambda t: t.value, default=None)
    return {
        "id": slug(node), "iri": node.value, "name": name,
        "altNames": sorted(alt, key=lambda text: (text.casefold(), text)),
        "type": slug(kind),
        "typeName": best_label(r.get("valueLabel") for r in types[kind]) if kind is not None else None,
        "collective": any(r["value"].value == str(LTKG.CollectiveParty) for r in facts.get(str(RDF.type), [])),
    }


def actor_detail_json(node: Term, rows: list[Row]) -> dict:
    """An actor with the ids of the actions it takes part in, by role, and its members."""
    facts, roles = _by_property(rows), _by_property(rows, "role")
    actions = {key: sorted({slug(r["action"]) for r in roles.get(role, [])}, key=natural_key)
               for key, role in ROLES.items()}
    return {**actor_json(node, rows), **actions,
            "members": _refs(facts.get(str(ORG.hasMember), []), "value", "valueLabel"),
            "memberOf": _refs(facts.get(str(ORG.memberOf), []), "value", "valueLabel")}


# -- actions (action(s).rq: ?property ?item ?graph with labels and citations) ------------------------
def action_json(node: Term, rows: list[Row]) -> dict:
    """An action with its programme, action line, goal, milestone, parties by role and sources."""
    facts = _by_property(rows)

    def linked(prop: str, name_key: str, numbered: bool = True) -> dict | None:
        for item, item_rows in sorted(_objects(facts.get(prop, []), "item").items(), key=lambda p: p[0].value):
            out = {"id": slug(item)}
            if numbered:
                out["number"] = _int(next((r["number"] for r in item_rows if "number" in r), None))
            out[name_key] = best_label(r.get("label") for r in item_rows)
            return out
        return None

    def literal(prop: str) -> Term | None:
        return next((r["item"] for r in facts.get(prop, [])), None)

    milestone = None
    for item, item_rows in sorted(_objects(facts.get(str(LTKG.milestone), []), "item").items(), key=lambda p: p[0].value):
        due = next((r["due"] for r in item_rows if "due" in r), None)
        milestone = {"id": slug(item), "text": best_label(r.get("text") for r in item_rows),
                     "due": due.value if due is not None else None}
        break
    notation = literal(str(SKOS.notation))
    label = best_label(r["item"] for r in facts.get(str(SKOS.prefLabel), []))
    sources = {(slug(r["doc"]), _int(r.get("first")), _int(r.get("last")), r["quote"].value)
               for r in rows if "quote" in r and "doc" in r}
    return {
        "id": slug(node), "iri": node.value,
        "programme": linked(str(LTKG.programme), "name", numbered=False),
        "actionLine": linked(str(LTKG.actionLine), "name"),
        "goal": linked(str(LTKG.goal), "text"),
        "number": _int(literal(str(LTKG.number))),
        "notation": notation.value if notation is not None else None,
        "title": best_label(r["item"] for r in facts.get(str(DCTERMS.title), [])) or label,
        "label": label,
        "milestone": milestone,
        **{key: _refs(facts.get(role, []), "item", "label") for key, role in ROLES.items()},
        "sources": [{"document": doc, "lines": [first, last], "quote": quote}
                    for doc, first, last, quote in sorted(sources, key=lambda s: (s[0], s[1] or 0, s[2] or 0, s[3]))],
    }


def action_key(action: dict) -> tuple:
    """Actions in the order of actions.rq: by programme (IRI), action line number, number, IRI."""
    programme = action["programme"]
    line_number = (action["actionLine"] or {}).get("number")
    return (programme is not None, programme["id"] if programme else "",
            line_number is not None, line_number or 0,
            action["number"] is not None, action["number"] or 0, action["iri"])
