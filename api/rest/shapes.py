"""From the rows of the named queries to the JSON of the REST API.

programmes.rq names each fact by ?part; action(s).rq and actor(s).rq give the triples about an
entity as ?property and ?item/?value, with what the object is called beside it. The landscape
queries (regulations, regions, themes, coverage, white-spots, lineage) name each fact by ?part too,
and give its provenance beside it: ?graph with ?doc ?first ?last ?quote for a citation, or
?rationale for an editorial assertion; sources() turns those into the `sources` of an item.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from api.queries import slug
from api.store.contract import Solutions, Term
from graph.ns import LTKG, SCHEMA

Row = dict[str, Term]
_LANG_RANK = {"nl": 0, "": 1, "en": 2}
ROLES = {"leads": str(LTKG.lead), "partners": str(LTKG.partner), "consulted": str(LTKG.consulted),
         "responsible": str(LTKG.responsible), "contributors": str(LTKG.contributor),
         "commissioners": str(LTKG.commissioner), "involved": str(LTKG.involved)}
# the properties the shapes look for, as the strings a term's .value gives (an rdflib URIRef is made
# anew at each attribute access of its namespace)
PREF_LABEL, ALT_LABEL, NOTATION = str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.notation)
CLASSIFICATION, HAS_MEMBER, MEMBER_OF = str(ORG.classification), str(ORG.hasMember), str(ORG.memberOf)
TYPE, TITLE, COLLECTIVE_PARTY = str(RDF.type), str(DCTERMS.title), str(LTKG.CollectiveParty)
PROGRAMME, ACTION_LINE, GOAL = str(LTKG.programme), str(LTKG.actionLine), str(LTKG.goal)
NUMBER, MILESTONE = str(LTKG.number), str(LTKG.milestone)
SAME_AS, OIN, KVK = str(SCHEMA.sameAs), str(LTKG.oin), str(LTKG.kvkNumber)


# -- terms ------------------------------------------------------------------------------------------
def integer(term: Term | None) -> int | None:
    if term is None:
        return None
    try:
        return int(term.value)
    except ValueError:
        return None


def number(term: Term | None) -> int | float | None:
    """A decimal literal as an int if it is whole, else a float; None if it is no number."""
    if term is None:
        return None
    try:
        value = Decimal(term.value)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def amount_json(row: Row) -> dict | None:
    """{value, currency, basis, fromYear, toYear, text} of a row with ?amount (the value) and the
    ?basis, ?currency, ?fromYear, ?toYear, ?amountText of its ltkg:Amount; None without an amount."""
    if row.get("amount") is None:
        return None
    def text(name: str) -> str | None:
        return row[name].value if row.get(name) is not None else None
    return {"value": number(row["amount"]), "currency": text("currency"), "basis": text("basis"),
            "fromYear": text("fromYear"), "toYear": text("toYear"), "text": text("amountText")}


def best_label(literals: Iterable[Term | None]) -> str | None:
    """The Dutch label, else one without a language, else English, else any; stable among equals."""
    found = [t for t in literals if isinstance(t, ox.Literal)]
    if not found:
        return None
    return min(found, key=lambda t: (_LANG_RANK.get((t.language or "").split("-")[0], 3), t.value)).value


@functools.lru_cache(maxsize=65_536)  # the same ids are sorted over and over, a lookup at a time
def natural_key(text: str | None) -> tuple:
    """Sort key that puts 'langer-thuis-1.4' before 'langer-thuis-1.11': the runs of digits and of
    other characters in turn, each after a 0 (digits, compared as numbers) or a 1 (text)."""
    key: list = []
    for part in _DIGITS.split(text or ""):
        key += (0, int(part)) if part.isdigit() else (1, part)
    return tuple(key)


_DIGITS = re.compile(r"(\d+)")


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
    return next((integer(row["total"]) for row in rows.rows if "total" in row), None)


def _by_property(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if "property" in row:
            out[row["property"].value].append(row)
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
        goals[parent].append({"id": slug(item), "iri": item.value, "number": integer(rows[0].get("number")),
                              "text": best_label(r.get("value") for r in rows)})
    lines = [{"id": slug(item), "iri": item.value, "number": integer(rows[0].get("number")),
              "name": best_label(r.get("value") for r in rows), "goals": sorted(goals.get(item, []), key=_by_number)}
             for item, rows in entity.items("actionLine").items()]
    period = entity.parts.get("period", [])
    return {
        "id": slug(entity.node), "iri": entity.node.value,
        "name": best_label(entity.values("label")),
        "period": period_json(period, [], []),
        "signatories": entity.refs("signatory"),
        "actionLines": sorted(lines, key=_by_number),
    }


def _by_number(item: dict) -> tuple:
    return (item["number"] is None, item["number"] or 0, natural_key(item["id"]))


# -- actors (actor(s).rq: ?property ?value ?valueLabel; ?role ?action) -------------------------------
def actor_json(node: Term, rows: list[Row]) -> dict:
    """An actor as listed: {id, iri, name, altNames, type, typeName, collective}."""
    facts = _by_property(rows)
    name = best_label(r["value"] for r in facts.get(PREF_LABEL, []))
    alt = {r["value"].value for r in facts.get(ALT_LABEL, [])} - {name}
    types = _objects(facts.get(CLASSIFICATION, []), "value")
    kind = min(types, key=lambda t: t.value, default=None)
    return {
        "id": slug(node), "iri": node.value, "name": name,
        "altNames": sorted(alt, key=lambda text: (text.casefold(), text)),
        "type": slug(kind),
        "typeName": best_label(r.get("valueLabel") for r in types[kind]) if kind is not None else None,
        "collective": any(r["value"].value == COLLECTIVE_PARTY for r in facts.get(TYPE, [])),
    }


def actor_detail_json(node: Term, rows: list[Row]) -> dict:
    """An actor with the actions it takes part in ({id, name}), by role, and its members."""
    facts = _by_property(rows)
    actions = {key: _refs([r for r in rows if r.get("role") is not None and r["role"].value == role], "action",
                          "actionLabel") for key, role in ROLES.items()}
    return {**actor_json(node, rows), **actions,
            "members": _refs(facts.get(HAS_MEMBER, []), "value", "valueLabel"),
            "memberOf": _refs(facts.get(MEMBER_OF, []), "value", "valueLabel"),
            # links to outside registers (graph/registers.py): TOOI IRI and Wikidata item, OIN, KvK number
            "sameAs": sorted({r["value"].value for r in facts.get(SAME_AS, [])}),
            "oin": min((r["value"].value for r in facts.get(OIN, [])), default=None),
            "kvkNumber": min((r["value"].value for r in facts.get(KVK, [])), default=None)}


# -- actions (action(s).rq: ?property ?item ?graph with labels and citations) ------------------------
def action_json(node: Term, rows: list[Row]) -> dict:
    """An action with its programme, action line, goal, milestone, parties by role and sources."""
    facts = _by_property(rows)

    def linked(prop: str, name_key: str, numbered: bool = True) -> dict | None:
        for item, item_rows in sorted(_objects(facts.get(prop, []), "item").items(), key=lambda p: p[0].value):
            out = {"id": slug(item)}
            if numbered:
                out["number"] = integer(next((r["number"] for r in item_rows if "number" in r), None))
            out[name_key] = best_label(r.get("label") for r in item_rows)
            return out
        return None

    def literal(prop: str) -> Term | None:
        return next((r["item"] for r in facts.get(prop, [])), None)

    milestone = None
    for item, item_rows in sorted(_objects(facts.get(MILESTONE, []), "item").items(), key=lambda p: p[0].value):
        date = next((r["date"] for r in item_rows if "date" in r), None)
        milestone = {"id": slug(item), "text": best_label(r.get("text") for r in item_rows),
                     "date": date.value if date is not None else None}
        break
    notation = literal(NOTATION)
    label = best_label(r["item"] for r in facts.get(PREF_LABEL, []))
    sources = {(slug(r["doc"]), integer(r.get("first")), integer(r.get("last")), r["quote"].value)
               for r in rows if "quote" in r and "doc" in r}
    return {
        "id": slug(node), "iri": node.value,
        "programme": linked(PROGRAMME, "name", numbered=False),
        "actionLine": linked(ACTION_LINE, "name"),
        "goal": linked(GOAL, "text"),
        "number": integer(literal(NUMBER)),
        "notation": notation.value if notation is not None else None,
        "title": best_label(r["item"] for r in facts.get(TITLE, [])) or label,
        "label": label,
        "milestone": milestone,
        **{key: _refs(facts.get(role, []), "item", "label") for key, role in ROLES.items()},
        "sources": [{"kind": "citation", "document": doc, "lines": [first, last], "quote": quote}
                    for doc, first, last, quote in sorted(sources, key=lambda s: (s[0], s[1] or 0, s[2] or 0, s[3]))],
    }


def action_key(action: dict) -> tuple:
    """Actions in the order of actions.rq: by programme (IRI), action line number, number, IRI."""
    programme = action["programme"]
    line_number = (action["actionLine"] or {}).get("number")
    return (programme is not None, programme["id"] if programme else "",
            line_number is not None, line_number or 0,
            action["number"] is not None, action["number"] or 0, action["iri"])


# -- provenance and labels of the landscape queries (?part rows with ?graph and its description) -----
_TYPES = {str(LTKG.Action): "action", str(LTKG.ActionLine): "actionLine", str(LTKG.Programme): "programme",
          str(LTKG.Agreement): "programme", str(LTKG.Indicator): "indicator", str(LTKG.WhiteSpot): "whiteSpot",
          str(LTKG.ComparisonCell): "comparisonCell", str(LTKG.Initiative): "initiative"}


def source_json(row: Row) -> dict | None:
    """The provenance of a row's fact: a citation or an editorial assertion (None for the ontology)."""
    graph = row.get("graph")
    if graph is None:
        return None
    if "quote" in row:
        return {"kind": "citation", "document": slug(row.get("doc")),
                "lines": [integer(row.get("first")), integer(row.get("last"))], "quote": row["quote"].value}
    if "rationale" in row:
        return {"kind": "editorial", "id": slug(graph), "rationale": row["rationale"].value}
    return None


def sources(rows: Iterable[Row]) -> list[dict]:
    """The distinct sources of rows: citations by document and line, then editorial assertions."""
    found: dict[tuple, dict] = {}
    for row in rows:
        source = source_json(row)
        if source is None:
            continue
        if source["kind"] == "citation":
            key = (0, source["document"] or "", source["lines"][0] or 0, source["lines"][1] or 0, source["quote"])
        else:
            key = (1, source["id"], 0, 0, "")
        found.setdefault(key, source)
    return [found[key] for key in sorted(found)]


def period_json(text_rows: list[Row], from_rows: list[Row], to_rows: list[Row]) -> dict | None:
    """{text, from, to, sources}: a period as written and its first and last years where the text states them,
    from rows with ?value (and the provenance of each); None without any."""
    def first(rows: list[Row]) -> str | None:
        return next((r["value"].value for r in rows if "value" in r), None)
    if not (text_rows or from_rows or to_rows):
        return None
    return {"text": first(text_rows), "from": first(from_rows), "to": first(to_rows),
            "sources": sources(text_rows + from_rows + to_rows)}


def is_editorial(items: list[dict]) -> bool:
    """Whether every source of a fact is an editorial assertion (no document states it)."""
    return bool(items) and all(s["kind"] == "editorial" for s in items)


def labels(rows: list[Row]) -> tuple[str | None, str | None]:
    """(Dutch or plain label, English label) among the rows' ?value literals."""
    values = [r["value"] for r in rows if "value" in r]
    english = [v for v in values if isinstance(v, ox.Literal) and (v.language or "").startswith("en")]
    return best_label(values), (min(english, key=lambda t: t.value).value if english else None)


def texts(rows: list[Row]) -> list[dict]:
    """[{text, lang?, sources}] of the distinct ?value literals of rows."""
    by_value: dict[tuple, list] = defaultdict(list)
    for row in rows:
        value = row.get("value")
        if value is not None:
            by_value[(value.value, getattr(value, "language", None) or "")].append(row)
    out = []
    for (text, lang), rows_of in sorted(by_value.items()):
        item = {"text": text, "sources": sources(rows_of)}
        if lang:
            item["lang"] = lang
        out.append(item)
    return out


def ref(item: Term, rows: list[Row], type_key: str = "itemType", programme_key: str = "itemProgramme") -> dict:
    """{id, type, name, notation, programme} of an item (an action, action line, programme ...)."""
    types = sorted({_TYPES.get(r[type_key].value) for r in rows if type_key in r} - {None})
    programme = next((r[programme_key] for r in rows if programme_key in r), None)
    notation = next((r["notation"].value for r in rows if "notation" in r), None)
    out = {"id": slug(item), "type": types[0] if types else None,
           "name": best_label(r["value"] for r in rows if "value" in r)}
    if notation is not None:
        out["notation"] = notation
    if programme is not None:
        out["programme"] = slug(programme)
    return out


def sourced_ref(item: Term, rows: list[Row]) -> dict:
    """ref() of an item with the sources of the link to it, and whether those are all editorial."""
    out = ref(item, rows)
    out["sources"] = sources(rows)
    out["editorial"] = is_editorial(out["sources"])
    return out


def item_key(item: dict) -> tuple:
    """Items by programme, then by id in natural order."""
    return (natural_key(item.get("programme")), natural_key(item["id"]))
