"""The SPARQL query page: what /sparql answers a browser that asks for it without a query."""
from __future__ import annotations

from fastapi.responses import HTMLResponse

from api.web import frame

EXAMPLE = """PREFIX ltkg: <https://ltkg.example.org/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?action ?title WHERE { ?action a ltkg:Action ; skos:prefLabel ?title } LIMIT 20"""


def query_page() -> HTMLResponse:
    return frame.page("sparql.html", title="SPARQL", active="sparql", example=EXAMPLE)
