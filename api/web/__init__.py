"""The pages people open in a browser: every HTML view, its template and its static files, apart from the
JSON routes. Every page extends the one frame, templates/base.html (see frame.py).

    frame.py        the Jinja environment, the navigation, page(), /assets/{file}
    home.py         /
    coverage.py     /viz/coverage (the coverage workbench; its matrix is api/landscape/matrix.py)
    network.py      /viz/who-owns-what, /viz/lib/ (pyvis + networkx)
    party_view.py   /viz/party/{id}
    lineage_view.py /viz/lineage
    network_page.py, network_layout.py   what the network views share: rendering, positions
    ontology.py     /ontology (pyLODE), with ontology_diagram.py (its class diagram as SVG)
    query_page.py   /sparql for a browser, offering the cookbook of cookbook.py (examples/*.rq)
    templates/      base.html and one template per page (the entity pages and source texts of
                    api/linked_data.py, the dataset page of api/dataset.py, /docs and /redoc included)
    static/         site.css and the other files under /assets/
"""
from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the HTML routes of this package to the app."""
    # Imported here, not at the top: api.dataset and api.linked_data use frame.py while this package's
    # pages use them, so a module-level import would be circular.
    from api.web import coverage, frame, home, lineage_view, network, ontology, party_view

    app.include_router(frame.router)  # /assets/
    app.include_router(home.router)  # /
    app.include_router(coverage.router)  # /viz/coverage
    app.include_router(network.router)  # /viz/who-owns-what, /viz/lib/
    app.include_router(party_view.router)  # /viz/party/{id}
    app.include_router(lineage_view.router)  # /viz/lineage
    app.include_router(ontology.router)  # /ontology
