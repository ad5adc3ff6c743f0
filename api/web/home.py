"""GET /: the landing page.

A browser (Accept: text/html) gets what analysts and researchers come for first: the views, the
questions the graph answers, counts of what it holds, the ways to query it; then every route, with an
example where api/rest/examples.py has one. Anything else gets the route list as JSON. The list is made from the app's OpenAPI
document, so it names every documented route; the page links nothing outside the server.
"""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.http import frame
from api.http.cache import cached
from api.http.negotiation import prefers_html
from api.linked_data import dataset
from api.rest.examples import EXAMPLES
from graph.ns import LTKG

router = APIRouter(include_in_schema=False)

SECTIONS = {  # OpenAPI tag: heading, in the order shown
    "REST": "REST API (JSON)",
    "REST: landscape": "REST API: regulations, regions, themes, coverage, white spots, lineage (JSON)",
    "SPARQL": "SPARQL 1.1 query endpoint (read-only)",
    "linked data": "Linked data: entity pages and RDF, ontology, source texts",
    "dataset": "The dataset: VoID/DCAT description and downloads",
    "visualisation": "Visualisation",
}
DOCS = [
    {"path": "/docs", "methods": ["GET"], "summary": "API documentation with examples (Swagger UI)", "example": None},
    {"path": "/redoc", "methods": ["GET"], "summary": "API documentation (ReDoc)", "example": None},
    {"path": "/openapi.json", "methods": ["GET"], "summary": "The OpenAPI 3.1 document", "example": None},
]


def example_url(path: str) -> str | None:
    """The path with the example parameters of its GET operation (api/rest/examples.py), if it has any."""
    example = EXAMPLES.get(("get", path))
    if example is None or not example.parameters:
        return None
    query = []
    for name, value in example.parameters.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(value))
        else:
            query += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
    return path + ("?" + urlencode(query) if query else "")


def sections(request: Request) -> list[dict]:
    """[{title, routes: [{path, methods, summary, example}]}] of the operations in the app's OpenAPI
    document, by tag, then the documentation itself."""
    found: dict[str, dict[str, dict]] = {tag: {} for tag in SECTIONS}
    for path, operations in request.app.openapi().get("paths", {}).items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["other"])[-1]
            entry = found.setdefault(tag, {}).setdefault(path, {"path": path, "methods": [],
                                                                "summary": operation.get("summary"),
                                                                "example": example_url(path), "bare": True})
            if any(p.get("required") for p in operation.get("parameters", []) if p.get("in") == "query"):
                entry["bare"] = False  # it answers only with its parameters: linked by its example alone
            entry["methods"].append(method.upper())
    out = [{"title": SECTIONS.get(tag, tag), "routes": list(routes.values())} for tag, routes in found.items()
           if routes]
    return out + [{"title": "Documentation", "routes": DOCS}]


# What the home page counts, by class: (class, label); the counts come from the graph (dataset-classes.rq).
HOLDINGS = [
    (LTKG.Programme, "programmes and agreements"), (LTKG.ActionLine, "action lines"), (LTKG.Action, "actions"),
    (LTKG.Party, "parties"), (LTKG.Initiative, "named laws, schemes, campaigns and other initiatives"),
    (LTKG.Region, "regions"),
    (LTKG.Theme, "themes"), (LTKG.WhiteSpot, "white spots named"), (LTKG.Citation, "cited source passages"),
]
AGREEMENT = LTKG.Agreement
# A count that opens the list it counts: the white spots the report names, in the workbench
COUNT_LINKS = {"white spots named": "/viz/coverage?show=spots"}
# The questions people bring, each with where it is answered.
QUESTIONS = [
    ("Which themes does no programme or regional plan cover well?", "/viz/coverage"),
    ("Who leads which action, with whom, and where does it say so?", "/viz/who-owns-what"),
    ("What continued from Langer Thuis into WOZO, IZA, GALA and TAZ?", "/viz/lineage"),
    ("What does one party lead, partner in or answer for, across programmes?", "/viz/party/vws"),
    ("Where does a fact come from? Every entity page quotes its source lines.", "/id/action/langer-thuis-2.6"),
]


def holdings(request: Request) -> tuple[list[tuple[str, int]], dict]:
    """[(label, count)] of what the graph holds, and the dataset's counts (triples, documents …)."""
    info = dataset.description(request)
    by_class = {iri: n for iri, n in info["classes"]}
    counts = []
    for cls, label in HOLDINGS:
        n = by_class.get(str(cls), 0) + (by_class.get(str(AGREEMENT), 0) if cls == LTKG.Programme else 0)
        counts.append((label, n))
    return counts, {"documents": len(info["documents"]), **info["counts"]}


@router.get("/")
def index(request: Request) -> Response:
    app = request.app
    if prefers_html(request):
        def compute() -> bytes:  # the counts change with a build only
            counts, totals = holdings(request)
            return frame.render("home.html", title="Home", sections=sections(request), counts=counts,
                                totals=totals, questions=QUESTIONS, links=COUNT_LINKS).encode()
        return HTMLResponse(cached(request, compute, key=("/", "text/html")), headers={"Vary": "Accept"})
    found = sections(request)
    return JSONResponse({
        "name": app.title,
        "description": app.description,
        "store": app.state.store.describe(),
        "docs": "/docs",
        "openapi": app.openapi_url,
        "routes": [route["path"] for section in found for route in section["routes"]],
        "sections": found,
    }, headers={"Vary": "Accept"})
