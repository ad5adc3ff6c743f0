"""GET /api/coverage: the coverage matrix of api/rest/matrix.py (themes against programmes, through the
classified actions and action lines, or against the regional plans, in the 2024 report's reading), with the
report's own reading and the disagreements beside each row; the workbench /viz/coverage shows the same
computation. GET /api/white-spots: the 2024 report's possible white spots with their verdicts, beside the
themes that no classified action of the programmes covers (white-spots.rq).

Both rest on the editors' classification of actions and action lines into themes, and say so.
"""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import ParamError, slug
from api.rest import matrix, models
from api.rest.routing import SLUG_PATTERN, only, page, paged, parameters, run
from api.rest.shapes import group, labels, natural_key, sources

router = APIRouter(tags=["REST: landscape"])

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


# -- coverage: the matrix (api/rest/matrix.py) ------------------------------------------------------
AXIS_PARAM = {"name": "axis", "in": "query", "required": False,
              "description": "theme-programme (actions and action lines classified under each theme, by programme), "
                             "theme-plan or category-plan (the 2024 report's reading of the ten regional plans, "
                             "per theme or per indicator category and its indicators)",
              "schema": {"type": "string", "enum": list(matrix.AXES), "default": "theme-programme"}}
LEVEL_PARAM = {"name": "level", "in": "query", "required": False,
               "description": "what a theme-programme cell counts: item (what the editors classified), action "
                              "(a programme without actions is not applicable) or action-line (a line covers a "
                              "theme when it or one of its actions is classified under it)",
               "schema": {"type": "string", "enum": list(matrix.LEVELS), "default": "item"}}
DOCUMENT_PARAM = {"name": "document", "in": "query", "required": False,
                  "description": "theme-programme only: count only items a citation of this document (its id) "
                                 "names or assigns a party",
                  "schema": {"type": "string", "pattern": SLUG_PATTERN}}
PARTY_TYPE_PARAM = {"name": "partyType", "in": "query", "required": False,
                    "description": "theme-programme only: count only items carried by a party of this type "
                                   "(e.g. ministry); a programme whose items name no such party is not applicable",
                    "schema": {"type": "string", "pattern": SLUG_PATTERN}}
_PROGRAMME_ONLY = ("programme", "level", "document", "partyType")


def facts(request: Request) -> matrix.Facts:
    """The graph's facts behind the matrix (coverage.rq and white-spots.rq)."""
    return matrix.Facts(run(request, "coverage", {}), run(request, "white-spots", {}))


def choice(request: Request) -> matrix.Choice:
    """The matrix a request asks for (checked against the graph by Facts.check)."""
    def one(name: str) -> str | None:
        given = request.query_params.getlist(name)
        if len(given) > 1:
            raise ParamError(name, f"give {name} once")
        if given and not given[0].strip():
            raise ParamError(name, f"{name} must not be empty")
        return given[0].strip() if given else None
    axis = one("axis") or "theme-programme"
    if axis not in matrix.AXES:
        raise ParamError("axis", f"unknown axis {axis!r} (known: {', '.join(matrix.AXES)})", choices=list(matrix.AXES))
    level = one("level") or "item"
    if level not in matrix.LEVELS:
        raise ParamError("level", f"unknown level {level!r} (known: {', '.join(matrix.LEVELS)})",
                         choices=list(matrix.LEVELS))
    if axis != "theme-programme":
        for name in _PROGRAMME_ONLY:
            if name in request.query_params:
                raise ParamError(name, f"{name} applies to axis=theme-programme only: the report reads the "
                                       "regional plans together, in one document, naming no parties")
    return matrix.Choice(axis=axis, level=level, programmes=programmes_param(request),
                         document=one("document"), party_type=one("partyType"))


@router.get("/coverage", response_model=models.CoveragePage,
            summary="Coverage matrix: themes against programmes (classified actions and action lines) or against "
                    "the regional plans (the 2024 report's reading), with the report's own reading beside each row",
            openapi_extra=parameters(None, extra=[PROGRAMME_PARAM, AXIS_PARAM, LEVEL_PARAM, DOCUMENT_PARAM,
                                                  PARTY_TYPE_PARAM]),
            responses=problems.responses(422, 503))
def coverage(request: Request) -> Response:
    only(request, ("programme", "axis", "level", "document", "partyType", "limit", "offset"))

    def compute() -> dict:
        found = facts(request)
        wanted = found.check(choice(request))
        data = matrix.compute(found, wanted)
        items = data.pop("items")
        out = page(request, items)
        if wanted.axis == "theme-programme":
            out["programmes"] = [{k: c[k] for k in ("id", "name", "nameEn")} for c in data["columns"]]
            out["gaps"] = [i["theme"]["id"] for i in items if not i["covered"]]
            data["evidence"] = matrix.evidence_of(out["items"], data["evidence"])
        return {**out, **data}
    return paged(request, compute, models.CoveragePage)


# -- white spots ------------------------------------------------------------------------------------
@router.get("/white-spots", response_model=models.WhiteSpotPage,
            summary="The report's possible white spots with verdicts, beside the themes no classified action covers",
            openapi_extra=parameters(None, extra=[PROGRAMME_PARAM]), responses=problems.responses(422, 503))
def white_spots(request: Request) -> Response:
    only(request, ("programme", "limit", "offset"))

    def compute() -> dict:
        rows = run(request, "white-spots", {})
        asked = programmes_param(request)
        themes = group(rows, "theme")
        spots = matrix.spots_by_theme(rows)
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
            candidates = spots.get(slug(entity.node), [])
            if not candidates and not gap:
                continue
            name, english = labels(entity.parts.get("label", []))
            items.append({
                "theme": {"id": slug(entity.node), "name": name, "nameEn": english,
                          "sources": sources(entity.parts.get("label", []))},
                "reportCandidates": candidates,
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
    return paged(request, compute, models.WhiteSpotPage)
