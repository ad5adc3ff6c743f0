"""GET /: the landing page, listing every route of the service with what it serves.

A browser (Accept: text/html) gets a small HTML page linking each route, and an example of it where
api/examples.py has one; anything else gets the same as JSON. The list is made from the app's OpenAPI
document, so it names every documented route; the page links nothing outside the server.
"""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, select_autoescape

from api.dataset import prefers_html
from api.examples import EXAMPLES

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
    """The path with the example parameters of its GET operation (api/examples.py), if it has any."""
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
                                                                "example": example_url(path)})
            entry["methods"].append(method.upper())
    out = [{"title": SECTIONS.get(tag, tag), "routes": list(routes.values())} for tag, routes in found.items()
           if routes]
    return out + [{"title": "Documentation", "routes": DOCS}]


_PAGE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ name }}</title><link rel="stylesheet" href="/assets/ld.css"></head>
<body><header class="top"><a href="/">{{ name }}</a> · <a href="/dataset">dataset</a>
 · <a href="/sources/">sources</a> · <a href="/def/">ontology</a> · <a href="/sparql">SPARQL</a>
 · <a href="/docs">API</a></header>
<main><h1>{{ name }}</h1>
<p>{{ description }}</p>
<p class="muted">Store: {{ store }}. Every route below answers from it; the REST routes and the pages also
say where each fact comes from (a quoted source line, or the editors' rationale).</p>
{% for section in sections %}<h2>{{ section.title }}</h2>
<table class="facts">
{% for route in section.routes %}<tr><th><code>{{ route.methods | join(" ") }}</code>
{% if "{" in route.path or "GET" not in route.methods %}<code>{{ route.path }}</code>
{%- else %}<a href="{{ route.path }}"><code>{{ route.path }}</code></a>{% endif %}</th>
<td>{{ route.summary or "" }}
{%- if route.example %}<br><span class="muted">e.g.</span> <a href="{{ route.example }}">{{ route.example }}</a>
{%- endif %}</td></tr>
{% endfor %}</table>
{% endfor %}</main></body></html>
""")


@router.get("/")
def index(request: Request) -> Response:
    app = request.app
    found = sections(request)
    if prefers_html(request):
        page = _PAGE.render(name=app.title, description=app.description, store=app.state.store.describe(),
                            sections=found)
        return HTMLResponse(page, headers={"Vary": "Accept"})
    return JSONResponse({
        "name": app.title,
        "description": app.description,
        "store": app.state.store.describe(),
        "docs": "/docs",
        "openapi": app.openapi_url,
        "routes": [route["path"] for section in found for route in section["routes"]],
        "sections": found,
    }, headers={"Vary": "Accept"})
