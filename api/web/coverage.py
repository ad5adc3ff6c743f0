"""GET /viz/coverage: the coverage workbench. A matrix of themes against programmes or regional plans
(api/rest/matrix.py, the computation behind /api/coverage), the report's own reading beside each row,
what is behind a cell (actions, parties, quotes with links to their lines), filters, search and CSV export.

The page fetches nothing at run time: every matrix it can show (three counting levels of theme × programme,
theme × plan, category × plan) and the evidence behind the cells are embedded as JSON, and
static/coverage/coverage.js draws, filters and exports from it; the view's state lives in the URL. So the
page also works as one saved file (`ltkg viz coverage -o FILE.html`).
"""
from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.http import problems
from api.http import frame
from api.http.cache import cached
from api.rest import matrix
from api.rest import owners as owning
from api.queries import ParamError
from api.rest.coverage import choice, facts
from api.rest.routing import only

router = APIRouter(prefix="/viz", tags=["visualisation"])

# The programmes' columns in the order an analyst reads them: Langer Thuis, its successor WOZO, then the
# agreements and programmes beside it; any other classified programme after these.
PROGRAMME_ORDER = ("langer-thuis", "wozo", "iza", "gala", "taz")


def programme_order(found: list[str]) -> list[str]:
    known = [p for p in PROGRAMME_ORDER if p in found]
    return known + [p for p in found if p not in known]


def workbench_data(found: matrix.Facts) -> dict:
    """Everything the page shows: {views: {key: matrix}, evidence: [item], options, programmes, owners: {theme:
    {owners, total, cells: {programme: owners}}}, ownersMethod}."""
    programmes = programme_order(found.classified_programmes())
    views, evidence = {}, {}
    for level in matrix.LEVELS:
        data = matrix.compute(found, matrix.Choice(level=level, programmes=list(programmes)))
        evidence.update((e["id"], e) for e in matrix.evidence_of(data["items"], data.pop("evidence")))
        for item in data["items"]:
            for cell in item["cells"]:
                for action in cell["actions"]:  # the page reads why from the evidence's classification
                    del action["sources"], action["editorial"]
        views[f"theme-programme/{level}"] = data
    for axis in ("theme-plan", "category-plan"):
        views[axis] = matrix.compute(found, matrix.Choice(axis=axis))
    options = views["theme-programme/item"]["options"]
    owners: dict[str, dict] = {}  # the same at every level and axis: kept once, by theme
    for view in views.values():
        view.pop("options")
        for item in view["items"]:
            theme = item.pop("ownersOf")
            kept = owners.setdefault(theme, {"owners": item["owners"], "total": item["ownersTotal"], "cells": {}})
            for key in ("owners", "ownersTotal", "ownersMethod"):
                item.pop(key)
            for cell in item["cells"]:
                if "owners" in cell:
                    kept["cells"][cell["programme"]] = cell.pop("owners")
    return {"views": views, "evidence": list(evidence.values()), "options": options, "programmes": programmes,
            "owners": owners, "ownersMethod": owning.METHOD}


# What the page's own controls take beyond /api/coverage's filters (coverage.js reads the same)
PAGE_PARAMETERS = {"sort": ("disagreement", "report", "least", "name"), "show": ("gaps", "flagged", "spots")}


def check(request: Request) -> None:
    """A ParamError (an error page for a browser, api/http/problems.py) for a parameter the workbench does not take
    or a value no control offers; the search text and the open cell are free."""
    only(request, ("programme", "axis", "level", "document", "partyType", "q", "cell") + tuple(PAGE_PARAMETERS))
    facts(request).check(choice(request))
    for name, values in PAGE_PARAMETERS.items():
        given = request.query_params.get(name)
        if given is not None and given not in values:
            raise ParamError(name, f"unknown {name} {given!r} (known: {', '.join(values)})", choices=list(values))


def embed(data: dict) -> str:
    """JSON for a <script type="application/json">: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/coverage", response_class=HTMLResponse, responses=problems.responses(503),
            summary="Coverage workbench: themes × programmes or regional plans, the report's reading beside each "
                    "row, the evidence behind each cell (state in the URL: axis, level, programme, document, "
                    "partyType, q, sort, show, cell; a bad value gets the error page naming the valid ones)")
def coverage_page(request: Request) -> HTMLResponse:
    if request.query_params:  # a view's address typed or shared: a bad value gets the error page naming the choices
        check(request)
    # The page is the same for every query string (coverage.js reads the state from the URL), so it is
    # cached under its path alone.
    def compute() -> bytes:
        return frame.render("coverage.html", title="Coverage workbench", active="coverage", wide=True,
                            data=embed(workbench_data(facts(request)))).encode()
    return HTMLResponse(cached(request, compute, key=("/viz/coverage", b"")))
