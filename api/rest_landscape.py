"""REST routes of the policy landscape around Langer Thuis: regulations, regions, themes, white spots,
theme coverage of programmes and the lineage of a programme.

Each handler runs one named query (api/queries/{regulations,regions,themes,white-spots,coverage,
lineage}.rq) and shapes its rows, in the style of api/rest.py: lists answer {items, total, limit,
offset}; an unknown id answers 404, a bad parameter 422, both as application/problem+json.

Every item carries its sources: `sources` lists, for the facts it is made of, either a citation
{"kind": "citation", "document", "lines": [first, last], "quote"} or an editorial assertion
{"kind": "editorial", "id", "rationale"} (a claim of the project's editors, not of a document: the
succession of programmes, continuations, theme classifications, translated labels).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import queries
from api.cache import cached_json
from api.problems import not_found
from api.queries import ParamError, slug
from api.rest import _PROBLEM, DEFAULT_LIMIT, MAX_LIMIT, _openapi, _page, _run, _values
from api.shapes import Entity, best_label, group, natural_key
from api.store import Solutions, Term
from graph.ns import LTKG

router = APIRouter(prefix="/api", tags=["REST: landscape"])

_TYPES = {str(LTKG.Action): "action", str(LTKG.ActionLine): "actionLine", str(LTKG.Programme): "programme",
          str(LTKG.Agreement): "programme", str(LTKG.Indicator): "indicator", str(LTKG.WhiteSpot): "whiteSpot"}


# -- rows to JSON ---------------------------------------------------------------------------------------
def _int(term: Term | None) -> int | None:
    try:
        return None if term is None else int(term.value)
    except ValueError:
        return None


def _number(term: Term | None) -> int | float | None:
    if term is None:
        return None
    try:
        value = Decimal(term.value)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def source_json(row: dict[str, Term]) -> dict | None:
    """The provenance of a row's fact: a citation or an editorial assertion (None for the ontology)."""
    graph = row.get("graph")
    if graph is None:
        return None
    if "quote" in row:
        return {"kind": "citation", "document": slug(row.get("doc")),
                "lines": [_int(row.get("first")), _int(row.get("last"))], "quote": row["quote"].value}
    if "rationale" in row:
        return {"kind": "editorial", "id": slug(graph), "rationale": row["rationale"].value}
    return None


def sources(rows: Iterable[dict[str, Term]]) -> list[dict]:
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


def is_editorial(items: list[dict]) -> bool:
    """Whether every source of a fact is an editorial assertion (no document states it)."""
    return bool(items) and all(s["kind"] == "editorial" for s in items)


def labels(rows: list[dict[str, Term]]) -> tuple[str | None, str | None]:
    """(Dutch or plain label, English label) among the rows' ?value literals."""
    values = [r["value"] for r in rows if "value" in r]
    english = [v for v in values if isinstance(v, ox.Literal) and (v.language or "").startswith("en")]
    return best_label(values), (min(english, key=lambda t: t.value).value if english else None)


def texts(rows: list[dict[str, Term]]) -> list[dict]:
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


def ref(item: Term, rows: list[dict[str, Term]], type_key: str = "itemType",
        programme_key: str = "itemProgramme") -> dict:
    """{id, type, name, notation, programme} of an item (an action, action line, programme ...)."""
    types = sorted({_TYPES.get(r[type_key].value) for r in rows if type_key in r} - {None})
    programme = next((r[programme_key] for r in rows if programme_key in r), None)
    notation = next((r["notation"].value for r in rows if "notation" in r), None)
    out = {"id": slug(item), "type": types[0] if types else None, "name": best_label(r["value"] for r in rows if "value" in r)}
    if notation is not None:
        out["notation"] = notation
    if programme is not None:
        out["programme"] = slug(programme)
    return out


def _item_key(item: dict) -> tuple:
    return (natural_key(item.get("programme")), natural_key(item["id"]))


def _only(request: Request, allowed: tuple[str, ...]) -> None:
    for name in request.query_params:
        if name not in allowed:
            known = ", ".join(allowed) or "none"
            raise ParamError(name, f"unknown parameter {name!r} (known: {known})")


def _detail_entity(rows: Solutions, subject: str, ident: str, what: str) -> Entity:
    """The one entity of a detail query; 404 unless it has a label (other parts may carry the bound id)."""
    for entity in group(rows, subject):
        if entity.parts.get("label"):
            return entity
    raise not_found(what, ident)


def _lookup_rows(request: Request, name: str, param: str, ident: str, what: str) -> Solutions:
    try:
        return _run(request, name, {param: ident})
    except ParamError:
        raise not_found(what, ident) from None


def _programmes_param(request: Request) -> list[str]:
    """The distinct values of the repeatable `programme` parameter, in the order given."""
    out: list[str] = []
    for value in request.query_params.getlist("programme"):
        value = value.strip()
        if not value:
            raise ParamError("programme", "programme must not be empty")
        if value not in out:
            out.append(value)
    return out


_PROGRAMME_PARAM = {"name": "programme", "in": "query", "required": False,
                    "description": "a programme's id (e.g. wozo); repeat the parameter for several programmes",
                    "schema": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9.\-]*$"}},
                    "style": "form", "explode": True}


def _paged_openapi(extra: list[dict]) -> dict:
    return {"parameters": extra + [
        {"name": "limit", "in": "query", "required": False, "description": f"at most {MAX_LIMIT}",
         "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
        {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0, "default": 0}},
    ], "responses": {"422": _PROBLEM}}


# -- regulations ----------------------------------------------------------------------------------------
def regulation_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    kind_rows = entity.parts.get("kind", [])
    kind = next((r["item"] for r in kind_rows if "item" in r), None)
    kind_nl = best_label(r["value"] for r in kind_rows if "value" in r)
    _, kind_en = labels(kind_rows)
    resting = []
    for item, rows in entity.items("restsOn").items():
        entry = ref(item, rows)
        entry["sources"] = sources(rows)
        entry["editorial"] = is_editorial(entry["sources"])
        resting.append(entry)
    claims = []
    for item, rows in entity.items("claim").items():
        first = rows[0]
        claims.append({
            "id": slug(item), "kind": first["claimKind"].value if "claimKind" in first else None,
            "statement": first["value"].value if "value" in first else None,
            "amount": _number(first.get("amount")),
            "amountText": first["amountText"].value if "amountText" in first else None,
            "date": first["date"].value if "date" in first else None,
            "sources": sources(rows),
        })
    alt = {t["text"] for t in texts(entity.parts.get("altLabel", []))} - {name}
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "kind": {"id": slug(kind), "name": kind_nl, "nameEn": kind_en} if kind is not None else None,
        "notes": texts(entity.parts.get("note", [])),
        "restingOnIt": sorted(resting, key=_item_key),
        "claims": sorted(claims, key=lambda c: (c["date"] is None, c["date"] or "", natural_key(c["id"]))),
        "sources": sources(entity.parts.get("label", []) + entity.parts.get("altLabel", [])
                           + entity.parts.get("kind", [])),
    }


def _check_kind(rows: Solutions, request: Request) -> None:
    kind = request.query_params.get("kind")
    if kind is None:
        return
    if not any(r.get("part") is not None and r["part"].value == "kindKnown" and "item" in r for r in rows.rows):
        known = sorted({slug(r["item"]) for r in rows.rows
                        if r.get("part") is not None and r["part"].value == "kindKnown" and "item" in r})
        raise ParamError("kind", f"unknown kind of regulation {kind!r}"
                         + (f" (known: {', '.join(known)})" if known else
                            " (known: law, subsidy-scheme, incentive-scheme, scheme, agreement, covenant)"))


@router.get("/regulations", summary="Laws, schemes, agreements and covenants, with what rests on them and their claims",
            openapi_extra=_openapi("regulations", ("regulation",)))
def list_regulations(request: Request) -> Response:
    def compute() -> dict:
        values = _values(request, queries.load("regulations"), "regulation")
        rows = _run(request, "regulations", values)
        _check_kind(rows, request)
        items = [regulation_json(e) for e in group(rows, "regulation") if e.parts.get("label")]
        return _page(request, sorted(items, key=lambda r: ((r["name"] or "").casefold(), r["id"])))
    return cached_json(request, compute)


@router.get("/regulations/{id}", summary="One law, scheme, agreement or covenant",
            openapi_extra=_openapi("regulations", ("regulation", "kind"), False))
def get_regulation(request: Request, id: str) -> Response:
    _only(request, ())
    return cached_json(request, lambda: regulation_json(
        _detail_entity(_lookup_rows(request, "regulations", "regulation", id, "regulation"), "regulation", id,
                       "regulation")))


# -- regions --------------------------------------------------------------------------------------------
def region_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    plans = []
    for item, rows in entity.items("plan").items():
        plan_name, plan_en = labels(rows)
        plans.append({"id": slug(item), "name": plan_name, "nameEn": plan_en,
                      "number": next((_int(r["number"]) for r in rows if "number" in r), None),
                      "sources": sources(rows)})
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "notes": texts(entity.parts.get("note", [])),
        "regionalPlans": sorted(plans, key=lambda p: (p["number"] or 0, p["id"])),
        "sources": sources(entity.parts.get("label", [])),
    }


def _region_key(region: dict) -> tuple:
    numbers = [p["number"] for p in region["regionalPlans"] if p["number"] is not None]
    return (min(numbers) if numbers else 10**6, region["id"])


@router.get("/regions", summary="The regions whose regional plans the 2024 report analysed",
            openapi_extra=_openapi("regions", ("region",)))
def list_regions(request: Request) -> Response:
    def compute() -> dict:
        values = _values(request, queries.load("regions"), "region")
        items = [region_json(e) for e in group(_run(request, "regions", values), "region") if e.parts.get("label")]
        return _page(request, sorted(items, key=_region_key))
    return cached_json(request, compute)


@router.get("/regions/{id}", summary="One region and its regional plan", openapi_extra=_openapi("regions", ("region",), False))
def get_region(request: Request, id: str) -> Response:
    _only(request, ())
    return cached_json(request, lambda: region_json(
        _detail_entity(_lookup_rows(request, "regions", "region", id, "region"), "region", id, "region")))


# -- themes ---------------------------------------------------------------------------------------------
def theme_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    alt = {t["text"] for t in texts(entity.parts.get("altLabel", []))} - {name}
    actions = []
    for item, rows in entity.items("action").items():
        entry = ref(item, rows)
        entry["sources"] = sources(rows)
        entry["editorial"] = is_editorial(entry["sources"])
        actions.append(entry)
    def refs(part: str) -> list[dict]:
        out = []
        for item, rows in entity.items(part).items():
            entry = {"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r),
                     "sources": sources(rows)}
            out.append(entry)
        return sorted(out, key=lambda e: natural_key(e["id"]))
    programmes = sorted({a["programme"] for a in actions if "programme" in a}, key=natural_key)
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "origins": sorted({r["value"].value for r in entity.parts.get("origin", []) if "value" in r}),
        "notes": texts(entity.parts.get("note", [])),
        "coverageInPlans": texts(entity.parts.get("coverageInPlans", [])),
        "related": refs("related"),
        "indicators": refs("indicator"),
        "whiteSpots": refs("whiteSpot"),
        "programmes": programmes,
        "actions": sorted(actions, key=_item_key),
        "sources": sources(entity.parts.get("label", []) + entity.parts.get("origin", [])),
    }


_ORIGIN_ORDER = {"indicator-category": 0, "interview-theme": 1, "conclusion-theme": 2}


def _theme_key(theme: dict) -> tuple:
    return (min((_ORIGIN_ORDER.get(o, 3) for o in theme["origins"]), default=3), (theme["name"] or "").casefold())


@router.get("/themes", summary="Themes (indicator categories, interview and conclusion themes) with the actions classified under them",
            openapi_extra=_openapi("themes", ("theme",)))
def list_themes(request: Request) -> Response:
    def compute() -> dict:
        values = _values(request, queries.load("themes"), "theme")
        items = [theme_json(e) for e in group(_run(request, "themes", values), "theme") if e.parts.get("label")]
        return _page(request, sorted(items, key=_theme_key))
    return cached_json(request, compute)


@router.get("/themes/{id}", summary="One theme", openapi_extra=_openapi("themes", ("theme",), False))
def get_theme(request: Request, id: str) -> Response:
    _only(request, ())
    return cached_json(request, lambda: theme_json(
        _detail_entity(_lookup_rows(request, "themes", "theme", id, "theme"), "theme", id, "theme")))


# -- coverage: theme x programme ---------------------------------------------------------------------------
class _Coverage:
    """The rows of coverage.rq: programmes, theme labels and the classified items by theme."""

    def __init__(self, rows: Solutions):
        self.programmes: dict[str, list] = defaultdict(list)
        self.themes: dict[Term, Entity] = {}
        for row in rows.rows:
            part = row.get("part")
            if part is None:
                continue
            if part.value == "programme" and "item" in row:
                self.programmes[slug(row["item"])].append(row)
            elif "theme" in row:
                entity = self.themes.setdefault(row["theme"], Entity(row["theme"]))
                entity.parts[part.value].append(row)

    def programme_ref(self, ident: str) -> dict:
        name, english = labels(self.programmes.get(ident, []))
        return {"id": ident, "name": name, "nameEn": english}

    def classified_programmes(self) -> list[str]:
        found = {slug(r["itemProgramme"]) for e in self.themes.values() for r in e.parts.get("action", [])
                 if "itemProgramme" in r}
        return sorted(found, key=natural_key)

    def chosen(self, request: Request) -> list[str]:
        asked = _programmes_param(request)
        unknown = [p for p in asked if p not in self.programmes]
        if unknown:
            raise ParamError("programme", f"unknown programme {', '.join(map(repr, unknown))} "
                                          f"(known: {', '.join(sorted(self.programmes, key=natural_key))})")
        return asked or self.classified_programmes()

    def cells(self, entity: Entity, programmes: list[str]) -> dict[str, list[dict]]:
        by_programme: dict[str, list[dict]] = {p: [] for p in programmes}
        for item, rows in entity.items("action").items():
            entry = ref(item, rows)
            if entry.get("programme") not in by_programme:
                continue
            entry["sources"] = sorted({(slug(r["graph"]), r["rationale"].value) for r in rows
                                       if "graph" in r and "rationale" in r})
            entry["sources"] = [{"kind": "editorial", "id": i, "rationale": t} for i, t in entry["sources"]]
            entry["editorial"] = True
            by_programme[entry["programme"]].append(entry)
        return {p: sorted(items, key=_item_key) for p, items in by_programme.items()}


@router.get("/coverage", summary="Theme × programme matrix: which themes a set of programmes covers, through which actions",
            openapi_extra=_paged_openapi([_PROGRAMME_PARAM]))
def coverage(request: Request) -> Response:
    _only(request, ("programme", "limit", "offset"))

    def compute() -> dict:
        data = _Coverage(_run(request, "coverage", {}))
        programmes = data.chosen(request)
        items = []
        for entity in data.themes.values():
            name, english = labels(entity.parts.get("label", []))
            cells = data.cells(entity, programmes)
            covering = [p for p in programmes if cells[p]]
            items.append({
                "theme": {"id": slug(entity.node), "name": name, "nameEn": english,
                          "sources": sources(entity.parts.get("label", []))},
                "covered": bool(covering), "coveredBy": covering,
                "cells": [{"programme": p, "actions": cells[p]} for p in programmes],
            })
        items.sort(key=lambda i: (i["covered"], (i["theme"]["name"] or "").casefold()))
        page = _page(request, items)
        page["programmes"] = [data.programme_ref(p) for p in programmes]
        page["gaps"] = [i["theme"]["id"] for i in items if not i["covered"]]
        page["basis"] = ("editorial: each action's or action line's themes are the editors' classification "
                         "(id/editorial/theme-class-*), not a statement of the documents")
        return page
    return cached_json(request, compute)


# -- white spots ----------------------------------------------------------------------------------------
def _white_spot_json(item: Term, rows: list[dict[str, Term]]) -> dict:
    by_part: dict[str, list] = defaultdict(list)
    for row in rows:
        by_part[row["part"].value].append(row)
    name, english = labels(by_part.get("spotLabel", []))
    verdicts = texts(by_part.get("verdict", []))
    questions = texts(by_part.get("openQuestion", []))
    addressed = defaultdict(list)
    for row in by_part.get("possiblyAddressedBy", []):
        if "target" in row:
            addressed[slug(row["target"])].append(row)
    return {
        "id": slug(item), "name": name, "nameEn": english,
        "statements": texts(by_part.get("statement", [])),
        "verdict": verdicts[0] if verdicts else None,
        "openQuestion": questions[0] if questions else None,
        "notes": texts(by_part.get("spotNote", [])),
        "possiblyAddressedBy": [{"programme": p, "sources": sources(r)} for p, r in sorted(addressed.items())],
        "sources": sources(by_part.get("spotLabel", [])),
    }


@router.get("/white-spots", summary="The report's possible white spots with verdicts, beside the themes no classified action covers",
            openapi_extra=_paged_openapi([_PROGRAMME_PARAM]))
def white_spots(request: Request) -> Response:
    _only(request, ("programme", "limit", "offset"))

    def compute() -> dict:
        rows = _run(request, "white-spots", {})
        asked = _programmes_param(request)
        themes = group(rows, "theme")
        known = {slug(r["itemProgramme"]) for e in themes for r in e.parts.get("covered", []) if "itemProgramme" in r}
        unknown = [p for p in asked if p not in known]
        if unknown:
            raise ParamError("programme", f"unknown or unclassified programme {', '.join(map(repr, unknown))} "
                                          f"(known: {', '.join(sorted(known, key=natural_key))})")
        items = []
        for entity in themes:
            covering: dict[str, set] = defaultdict(set)
            for row in entity.parts.get("covered", []):
                if "item" in row and "itemProgramme" in row:
                    covering[slug(row["itemProgramme"])].add(slug(row["item"]))
            considered = asked or sorted(covering, key=natural_key)
            relevant = {p: sorted(covering.get(p, ()), key=natural_key) for p in considered}
            gap = not any(relevant.values()) if asked else bool(entity.parts.get("gap"))
            spot_rows: dict[Term, list] = defaultdict(list)
            for part in ("spotLabel", "statement", "verdict", "openQuestion", "spotNote", "possiblyAddressedBy"):
                for row in entity.parts.get(part, []):
                    spot_rows[row["item"]].append(row)
            candidates = [_white_spot_json(item, r) for item, r in spot_rows.items()]
            if not candidates and not gap:
                continue
            name, english = labels(entity.parts.get("label", []))
            items.append({
                "theme": {"id": slug(entity.node), "name": name, "nameEn": english,
                          "sources": sources(entity.parts.get("label", []))},
                "reportCandidates": sorted(candidates, key=lambda c: c["id"]),
                "computed": {
                    "gap": gap,
                    "programmes": considered if asked else sorted(known, key=natural_key),
                    "coveringActions": {p: a for p, a in relevant.items() if a},
                    "basis": "editorial: no action or action line of these programmes is classified under the theme "
                             "(classifications id/editorial/theme-class-*)" if gap else
                             "editorial: actions and action lines classified under the theme (id/editorial/theme-class-*)",
                },
            })
        items.sort(key=lambda i: (not i["reportCandidates"], not i["computed"]["gap"],
                                  (i["theme"]["name"] or "").casefold()))
        page = _page(request, items)
        page["counts"] = {"reportCandidates": sum(len(i["reportCandidates"]) for i in items),
                          "computedGaps": sum(1 for i in items if i["computed"]["gap"]),
                          "both": sum(1 for i in items if i["reportCandidates"] and i["computed"]["gap"])}
        return page
    return cached_json(request, compute)


# -- lineage --------------------------------------------------------------------------------------------
def lineage_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))

    def links(part: str, evidence_part: str | None = None) -> list[dict]:
        evidence: dict[Term, list] = defaultdict(list)
        if evidence_part:
            for row in entity.parts.get(evidence_part, []):
                if "item" in row:
                    evidence[row["item"]].append(row)
        out = []
        for item, rows in entity.items(part).items():
            found = sources(rows)
            entry = {"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r),
                     "editorial": is_editorial(found), "sources": found}
            if evidence_part:
                entry["evidence"] = sources(evidence.get(item, []))
            out.append(entry)
        return sorted(out, key=lambda e: natural_key(e["id"]))

    continuations = []
    sides: dict[Term, dict[str, dict]] = defaultdict(dict)
    for row in entity.parts.get("continuationSide", []):
        if "item" not in row or "side" not in row or "node" not in row:
            continue
        side = sides[row["item"]].setdefault(row["side"].value, {"node": row["node"], "rows": []})
        side["rows"].append(row)
    for item, rows in entity.items("continuation").items():
        found = sources(rows)
        name_nl, name_en = labels(rows)
        entry = {"id": slug(item), "name": name_nl, "nameEn": name_en,
                 "editorial": is_editorial(found), "sources": found}
        for side_name in ("earlier", "later"):
            side = sides.get(item, {}).get(side_name)
            if side is None:
                entry[side_name] = None
                continue
            node_ref = ref(side["node"], side["rows"], type_key="nodeType", programme_key="nodeProgramme")
            node_ref["sources"] = sources(side["rows"])
            entry[side_name] = node_ref
        continuations.append(entry)
    continuations.sort(key=lambda c: (natural_key((c["earlier"] or {}).get("id")), c["id"]))
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "partOf": links("partOf"), "parts": links("hasPart"),
        "succeeds": links("succeeds", "succeedsEvidence"),
        "succeededBy": links("succeededBy", "succeededByEvidence"),
        "continuations": continuations,
    }


@router.get("/programmes/{id}/lineage",
            summary="A programme's lineage: part of (documentary), succession (editorial) and action-level continuations",
            openapi_extra={"responses": {"404": _PROBLEM, "422": _PROBLEM}})
def programme_lineage(request: Request, id: str) -> Response:
    _only(request, ())
    return cached_json(request, lambda: lineage_json(
        _detail_entity(_lookup_rows(request, "lineage", "programme", id, "programme"), "programme", id, "programme")))
