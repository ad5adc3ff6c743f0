"""From the rows of a named query (one row per fact, named by ?part) to the JSON of the REST API."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from api.queries import slug
from api.store import Solutions, Term


def _text(term: Term | None) -> str | None:
    return None if term is None else term.value


def _int(term: Term | None) -> int | None:
    if term is None:
        return None
    try:
        return int(term.value)
    except ValueError:
        return None


_LANG_RANK = {"nl": 0, "": 1, "en": 2}


def best_label(literals: Iterable[Term]) -> str | None:
    """The Dutch label, else one without a language, else English, else any; stable among equals."""
    found = [t for t in literals if isinstance(t, ox.Literal)]
    if not found:
        return None
    return min(found, key=lambda t: (_LANG_RANK.get((t.language or "").split("-")[0], 3), t.value)).value


def natural_key(text: str | None) -> list:
    """Sort key that puts 'langer-thuis-1.4' before 'langer-thuis-1.11'."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text or "")]


class Entity:
    """The rows about one subject, by part."""

    def __init__(self, node: Term):
        self.node = node
        self.parts: dict[str, list[dict[str, Term]]] = defaultdict(list)

    def values(self, part: str) -> list[Term]:
        return [row["value"] for row in self.parts.get(part, []) if "value" in row]

    def items(self, part: str) -> dict[Term, list[dict[str, Term]]]:
        """Rows of a part grouped by ?item."""
        grouped: dict[Term, list[dict[str, Term]]] = {}
        for row in self.parts.get(part, []):
            if "item" in row:
                grouped.setdefault(row["item"], []).append(row)
        return grouped

    def refs(self, part: str) -> list[dict]:
        """[{id, name}] of the items of a part, by id."""
        out = [{"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r)}
               for item, rows in self.items(part).items()]
        return sorted(out, key=lambda ref: natural_key(ref["id"]))


def group(rows: Solutions, subject: str) -> list[Entity]:
    """The rows by ?{subject}, in order of first appearance."""
    entities: dict[Term, Entity] = {}
    for row in rows.rows:
        node = row.get(subject)
        part = row.get("part")
        if node is None or part is None:
            continue
        entity = entities.get(node)
        if entity is None:
            entity = entities[node] = Entity(node)
        entity.parts[part.value].append(row)
    return list(entities.values())


def programme_json(entity: Entity) -> dict:
    """{id, iri, name, period, signatories: [{id, name}], actionLines: [{id, number, name, goals: [...]}]}."""
    goals: dict[Term, list[dict]] = defaultdict(list)
    for item, rows in entity.items("goal").items():
        parent = next((r["parent"] for r in rows if "parent" in r), None)
        goals[parent].append({"id": slug(item), "iri": item.value, "number": _int(rows[0].get("number")),
                              "text": best_label(r["value"] for r in rows if "value" in r)})
    lines = []
    for item, rows in entity.items("actionLine").items():
        lines.append({"id": slug(item), "iri": item.value, "number": _int(rows[0].get("number")),
                      "name": best_label(r["value"] for r in rows if "value" in r),
                      "goals": sorted(goals.get(item, []), key=_by_number)})
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


def actor_json(entity: Entity) -> dict:
    """An actor as listed: {id, iri, name, altNames, type, typeName, collective}."""
    name = best_label(entity.values("label"))
    alt = {t.value for t in entity.values("altLabel")} - {name}
    types = entity.items("type")
    kind = min(types, key=lambda t: t.value, default=None)
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "type": slug(kind),
        "typeName": best_label(r["value"] for r in types[kind] if "value" in r) if kind else None,
        "collective": bool(entity.parts.get("collective")),
    }


def action_ids(entity: Entity, part: str) -> list[str]:
    return sorted({slug(item) for item in entity.items(part)}, key=natural_key)


def actor_detail_json(entity: Entity) -> dict:
    """An actor with the ids of the actions it takes part in, by role, and its members."""
    return {**actor_json(entity),
            "leads": action_ids(entity, "lead"), "partners": action_ids(entity, "partner"),
            "responsible": action_ids(entity, "responsible"), "involved": action_ids(entity, "involved"),
            "members": entity.refs("member"), "memberOf": entity.refs("memberOf")}


def action_json(entity: Entity) -> dict:
    """An action with its programme, action line, goal, milestone, parties by role and sources."""
    def linked(part: str, name_key: str) -> dict | None:
        for item, rows in sorted(entity.items(part).items(), key=lambda pair: pair[0].value):
            return {"id": slug(item), "number": _int(next((r["number"] for r in rows if "number" in r), None)),
                    name_key: best_label(r["value"] for r in rows if "value" in r)}
        return None

    programme = linked("programme", "name")
    if programme:
        del programme["number"]
    milestone = None
    for item, rows in sorted(entity.items("milestone").items(), key=lambda pair: pair[0].value):
        due = next((r["due"] for r in rows if "due" in r), None)
        milestone = {"id": slug(item), "text": best_label(r["value"] for r in rows if "value" in r),
                     "due": _text(due)}
        break
    numbers = entity.values("number")
    notations = entity.values("notation")
    sources = {(slug(r["item"]), _int(r.get("first")), _int(r.get("last")), r["value"].value)
               for r in entity.parts.get("source", []) if "item" in r and "value" in r}
    return {
        "id": slug(entity.node), "iri": entity.node.value,
        "programme": programme,
        "actionLine": linked("actionLine", "name"),
        "goal": linked("goal", "text"),
        "number": _int(numbers[0]) if numbers else None,
        "notation": notations[0].value if notations else None,
        "title": best_label(entity.values("title")) or best_label(entity.values("label")),
        "label": best_label(entity.values("label")),
        "milestone": milestone,
        "leads": entity.refs("lead"),
        "partners": entity.refs("partner"),
        "responsible": entity.refs("responsible"),
        "involved": entity.refs("involved"),
        "sources": [{"document": doc, "lines": [first, last], "quote": quote}
                    for doc, first, last, quote in sorted(sources, key=lambda s: (s[0], s[1] or 0, s[2] or 0, s[3]))],
    }


def action_key(action: dict) -> tuple:
    """Actions in order: by programme, action line number, number."""
    return (natural_key((action["programme"] or {}).get("id")),
            (action["actionLine"] or {}).get("number") or 0, action["number"] or 0, natural_key(action["id"]))
