"""The HTML views people open in a browser, each in the one frame (api/http/frame.py, templates/base.html).

    home.py            /
    coverage.py        /viz/coverage (the coverage workbench; its matrix is api/rest/matrix.py)
    network.py         /viz/who-owns-what, /viz/lib/ (pyvis + networkx)
    party_view.py      /viz/party/{id}
    lineage_view.py    /viz/lineage
    network_page.py, network_layout.py, network_parts.py   what the network views share: rendering,
                       positions, nodes and edges; network_table.py: the same network as a table
    accessibility.py   /accessibility (the accessibility statement)
    glossary.py        /glossary (the words of the views; every view's "?" links here)
    ontology.py        /ontology (pyLODE), with ontology_diagram.py (its class diagram as SVG)
    templates/         base.html and one template per page, the other rooms' pages included (entity pages,
                       source texts, the dataset page, the query page, /docs and /redoc)
    static/            site.css and the other files under /assets/ (served by api/http/frame.py)
"""
from __future__ import annotations

from fastapi import FastAPI

from api.http import frame
from api.web import accessibility, coverage, glossary, home, lineage_view, network, ontology, party_view


def install(app: FastAPI) -> None:
    """Add the HTML routes of this package to the app."""
    app.include_router(frame.router)  # /assets/
    app.include_router(home.router)  # /
    app.include_router(coverage.router)  # /viz/coverage
    app.include_router(network.router)  # /viz/who-owns-what, /viz/lib/
    app.include_router(party_view.router)  # /viz/party/{id}
    app.include_router(lineage_view.router)  # /viz/lineage
    app.include_router(ontology.router)  # /ontology
    app.include_router(accessibility.router)  # /accessibility
    app.include_router(glossary.router)  # /glossary
