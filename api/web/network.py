"""GET /viz/who-owns-what: a network of parties and the actions they lead, partner in or take part in.

Built with networkx and pyvis; rendered with an own template so that the page links nothing outside
this app (pyvis 0.3.2's template always links Bootstrap from a CDN): vis-network's JS and CSS are
served from the pyvis package under /viz/lib/.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from api import problems, queries
from api.cache import cached
from api.problems import Problem
from api.routing import parameters
from api.shapes import best_label, by_subject, natural_key, total
from api.store import Solutions, Term
from api.web import frame
from graph.ns import ID, LTKG

if TYPE_CHECKING:
    import networkx as nx

router = APIRouter(prefix="/viz", tags=["visualisation"])

# How an edge party -> action looks, by role; a party with several roles in one action is drawn once,
# in the first of these roles.
EDGES = {
    "lead": {"dashes": False, "width": 2.5, "color": "#444444", "title": "trekker van"},
    "partner": {"dashes": True, "width": 1.5, "color": "#777777", "title": "partner in"},
    "involved": {"dashes": [2, 6], "width": 1, "color": "#aaaaaa", "title": "betrokken bij"},
}
MAX_ACTIONS = 400  # more would not be readable, nor quick to lay out in a browser
COLOURS = {"party": "#4e79a7", "collective": "#a0cbe8", "action": "#f28e2b"}
# pyvis and networkx are imported where a page is drawn: importing them costs ~0.7 s of start-up.
VIS_LIB = Path(importlib.util.find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2"
LIB_FILES = {"vis-network.min.js": "text/javascript", "vis-network.css": "text/css"}

OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90}},
    "interaction": {"hover": True, "tooltipDelay": 120},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
    "nodes": {"font": {"size": 14}},
    # Nodes are coloured by kind through their vis-network group.
    "groups": {kind: {"color": {"background": colour, "border": "#333333"}} for kind, colour in COLOURS.items()},
}
LEGEND = [
    {"color": COLOURS["party"], "text": "partij"},
    {"color": COLOURS["collective"], "text": "verzamelnaam (collectieve partij)"},
    {"color": COLOURS["action"], "text": "actie", "box": True},
    {"line": "solid", "text": "trekker (lead)"},
    {"line": "dashed", "text": "partner (i.s.m.)"},
    {"line": "dotted", "text": "betrokken (involved)"},
]


def who_owns_what(rows: Solutions) -> nx.DiGraph:
    """A graph with a node per party and per action, and an edge party -> action per role."""
    import networkx as nx

    graph = nx.DiGraph()
    parties: dict[str, dict] = {}
    for action, action_rows in by_subject(rows, "action").items():
        node = node_id(action)
        notation = best_label(r.get("notation") for r in action_rows) or slug_of(node)
        title = best_label(r.get("title") for r in action_rows) or ""
        graph.add_node(node, label=notation, kind="action", shape="box", title=f"Actie {notation}\n{title}",
                       sort=natural_key(slug_of(node)))
        roles: dict[str, set[str]] = {}
        for row in action_rows:
            party = node_id(row["party"])
            roles.setdefault(party, set()).add(row["role"].value[len(str(LTKG)):])
            about = parties.setdefault(party, {"name": [], "collective": False})
            about["name"].append(row.get("name"))
            about["collective"] |= "collective" in row
        for party, held in roles.items():
            role = next(r for r in EDGES if r in held)
            style = EDGES[role]
            graph.add_edge(party, node, role=role, dashes=style["dashes"], width=style["width"],
                           color=style["color"], title=f"{style['title']} actie {notation}")
    for party, about in parties.items():
        full = best_label(about["name"]) or slug_of(party)
        kind = "collective" if about["collective"] else "party"
        graph.nodes[party].update(label=short_name(full, slug_of(party)), kind=kind, shape="dot", title=full, sort=[])
    return graph


def node_id(term: Term) -> str:
    """kind/slug of an entity IRI (so the page holds no URL at all), else the IRI."""
    return term.value[len(ID):] if term.value.startswith(ID) else term.value


def slug_of(value: str) -> str:
    return value.rpartition("/")[2]


def short_name(name: str, ident: str) -> str:
    """A label that keeps the picture readable: the name, or for a long one the id if that is an
    abbreviation (VWS for Ministerie van Volksgezondheid, Welzijn en Sport), else the name cut short."""
    if len(name) <= 24:
        return name
    if len(ident) <= 8:
        return ident.upper()
    return name[:22] + "…"


def render(graph: nx.DiGraph, heading: str, note: str = "") -> str:
    # Only pyvis's own template reads cdn_resources; the page is rendered from ours (see the module doc).
    from pyvis.network import Network

    net = Network(height="82vh", width="100%", directed=True, cdn_resources="in_line")
    for node, data in sorted(graph.nodes(data=True), key=lambda pair: (pair[1].get("kind") == "action",
                                                                       pair[1].get("sort"), pair[0])):
        net.add_node(node, label=data["label"], title=data["title"], shape=data["shape"], group=data["kind"])
    for source, target, data in sorted(graph.edges(data=True)):
        net.add_edge(source, target, title=data["title"], dashes=data["dashes"], width=data["width"],
                     color=data["color"])
    net.set_options(json.dumps(OPTIONS))
    nodes, edges, _, height, width, options = net.get_network_data()
    parties = sum(1 for _, d in graph.nodes(data=True) if d["kind"] != "action")
    summary = f"{parties} partijen, {graph.number_of_nodes() - parties} acties, {graph.number_of_edges()} verbanden"
    if note:
        summary += f" ({note})"
    return frame.render(
        "who-owns-what.html", title=heading, active="who-owns-what", wide=True, heading=heading, nodes=nodes, edges=edges, options=json.loads(options), height=height, width=width,
        bgcolor="#ffffff", legend=LEGEND, summary=summary)


@router.get("/who-owns-what", response_class=HTMLResponse, summary="Network of parties and the actions they own",
            openapi_extra=parameters("who-owns-what", paged=False), responses=problems.responses(422, 503))
def who_owns_what_page(request: Request) -> HTMLResponse:
    def compute() -> bytes:
        values = dict(request.query_params)
        rows = queries.run(request.app.state.store, queries.load("who-owns-what"), values, page=(MAX_ACTIONS, 0),
                           timeout=request.app.state.settings.query_timeout)
        heading = "Wie trekt wat: partijen en acties"
        if values.get("programme"):
            heading += f" ({values['programme']})"
        graph = who_owns_what(rows)
        count = total(rows) or 0
        note = "" if count <= MAX_ACTIONS else f"de eerste {MAX_ACTIONS} van {count} acties; kies een programma met ?programme="
        return render(graph, heading, note).encode()
    return HTMLResponse(cached(request, compute))


@router.get("/lib/{name}", include_in_schema=False)
def library(name: str) -> FileResponse:
    if name not in LIB_FILES:
        raise Problem(404, f"no library file {name!r}", "not-found")
    return FileResponse(VIS_LIB / name, media_type=LIB_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})
