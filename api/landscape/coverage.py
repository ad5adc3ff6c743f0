"""GET /api/coverage: the theme × programme matrix, which themes a set of programmes covers through
which actions (coverage.rq); and GET /api/white-spots: the 2024 report's possible white spots with
their verdicts, beside the themes that no classified action of the programmes covers (white-spots.rq).

Both rest on the editors' classification of actions and action lines into themes, and say so.
"""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import problems
from api.cache import cached_json
from api.queries import ParamError, slug
from api.routing import SLUG_PATTERN, only, page, parameters, run
from api.shapes import Entity, Row, group, item_key, labels, natural_key, ref, sources, texts
from api.store import Solutions, Term

router = APIRouter()

PROGRAMME_PARAM = {"name": "programme", "in": "query", "required": False,
                   "description": "a programme's id (e.g. wozo); repeat the parameter for several programmes",
                   "schema": {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}},
                   "style": "form", "explode": True}


def programmes_param(request: Request) -> list[str]:
    """The distinct values of the repeatable `programme` parameter, in the order given."""
    out: list[str] = []
    for value in request.query_params.getlist("programme"):
        value = value.strip()
        if not value:
            raise ParamError("programme", "programme must not be empty")
        if value not in out:
            out.append(value)
    return out


# -- coverage: theme x programme --------------------------------------------------------------------
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
        asked = programmes_param(request)
        unknown = [p for p in asked if p not in self.programmes]
        if unknown:
            known = sorted(self.programmes, key=natural_key)
            raise ParamError("programme", f"unknown programme {', '.join(map(repr, unknown))} "
                                          f"(known: {', '.join(known)})", choices=known)
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
        return {p: sorted(items, key=item_key) for p, items in by_programme.items()}


@router.get("/coverage",
            summary="Theme × programme matrix: which themes a set of programmes covers, through which actions",
            openapi_extra=parameters(None, extra=[PROGRAMME_PARAM]), responses=problems.responses(422, 503))
def coverage(request: Request) -> Response:
    only(request, ("programme", "limit", "offset"))

    def compute() -> dict:
        data = _Coverage(run(request, "coverage", {}))
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
        out = page(request, items)
        out["programmes"] = [data.programme_ref(p) for p in programmes]
        out["gaps"] = [i["theme"]["id"] for i in items if not i["covered"]]
        out["basis"] = ("editorial: each action's or action line's themes are the editors' classification "
                        "(id/editorial/theme-class-*), not a statement of the documents")
        return out
    return cached_json(request, compute)


# -- white spots ------------------------------------------------------------------------------------
def _white_spot_json(item: Term, rows: list[Row]) -> dict:
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


@router.get("/white-spots",
            summary="The report's possible white spots with verdicts, beside the themes no classified action covers",
            openapi_extra=parameters(None, extra=[PROGRAMME_PARAM]), responses=problems.responses(422, 503))
def white_spots(request: Request) -> Response:
    only(request, ("programme", "limit", "offset"))

    def compute() -> dict:
        rows = run(request, "white-spots", {})
        asked = programmes_param(request)
        themes = group(rows, "theme")
        known = {slug(r["itemProgramme"]) for e in themes for r in e.parts.get("covered", []) if "itemProgramme" in r}
        unknown = [p for p in asked if p not in known]
        if unknown:
            choices = sorted(known, key=natural_key)
            raise ParamError("programme", f"unknown or unclassified programme {', '.join(map(repr, unknown))} "
                                          f"(known: {', '.join(choices)})", choices=choices)
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
        out = page(request, items)
        out["counts"] = {"reportCandidates": sum(len(i["reportCandidates"]) for i in items),
                         "computedGaps": sum(1 for i in items if i["computed"]["gap"]),
                         "both": sum(1 for i in items if i["reportCandidates"] and i["computed"]["gap"])}
        return out
    return cached_json(request, compute)
