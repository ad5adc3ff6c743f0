"""What the network views share: a networkx graph with positions becomes vis-network data through pyvis,
drawn in the frame by one template (templates/network-view.html) and one script (static/network/network.js)
that adds the filters, the search, the legend with counts, click-through, the physics toggle and the PNG.

Positions are computed on the server (api/web/network_layout.py) and physics is off, so the picture is
still as soon as it is drawn and the same graph looks the same twice. pyvis's own template links Bootstrap
from a CDN, so only its data are used; vis-network's JS and CSS are served from the pyvis package under
/viz/lib/.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import Response

from api.http import problems
from api.http import frame
from api.http.negotiation import prefers_html
from api.web.network_table import table

if TYPE_CHECKING:
    import networkx as nx

VIS_LIB = Path(importlib.util.find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2"
LIB_FILES = {"vis-network.min.js": "text/javascript", "vis-network.css": "text/css"}

# Tableau 10: programmes take them in the graph's order; communities take the pastel set.
PROGRAMME_COLOURS = ["#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
COMMUNITY_COLOURS = ["#4e79a7", "#a0cbe8", "#8cd17d", "#b6992d", "#86bcb6", "#d4a6c8", "#fabfd2", "#d7b5a6",
                     "#79706e", "#bab0ac"]
SMALL_COMMUNITY = "#d0d0d0"  # communities beyond the palette (mostly single parties)
BRIDGE_BORDER = "#b00020"

# Edges by role: the roles the documents distinguish; a role the data add gets the next of FALLBACK.
ROLE_STYLES = {
    "lead": {"dashes": False, "width": 3, "color": "#333333"},
    "partner": {"dashes": [8, 5], "width": 2, "color": "#555555"},
    "consulted": {"dashes": [12, 4, 2, 4], "width": 1.5, "color": "#6a51a3"},
    "contributor": {"dashes": [4, 4], "width": 1.5, "color": "#2c7fb8"},
    "responsible": {"dashes": False, "width": 1.5, "color": "#c08a2c"},
    "involved": {"dashes": [2, 5], "width": 1, "color": "#999999"},
    "initiator": {"dashes": [6, 3], "width": 1.5, "color": "#1b9e77"},  # of a programme, not of an action
}
FALLBACK = [{"dashes": [10, 3], "width": 1.5, "color": "#1b9e77"}, {"dashes": [3, 3], "width": 1.5, "color": "#d95f02"}]

OPTIONS = {
    "physics": {"enabled": False, "solver": "forceAtlas2Based", "stabilization": False,
                "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80}},
    "layout": {"improvedLayout": False},  # positions come from the server
    "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": True, "multiselect": False,
                    "navigationButtons": False, "keyboard": False},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": False}}, "selectionWidth": 2,
              "color": {"inherit": False}},
    # Labels grow with the node's value and are drawn at every zoom (network.js keeps them readable on screen).
    "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"},
              "scaling": {"min": 8, "max": 30, "label": {"enabled": True, "min": 13, "max": 22,
                                                           "drawThreshold": 1, "maxVisible": 40}}},
}


def role_style(role: str, roles: list[str]) -> dict:
    if role in ROLE_STYLES:
        return ROLE_STYLES[role]
    unknown = [r for r in roles if r not in ROLE_STYLES]
    return FALLBACK[unknown.index(role) % len(FALLBACK)] if role in unknown else FALLBACK[0]


def community_colour(number: int | None) -> str:
    return COMMUNITY_COLOURS[number] if number is not None and number < len(COMMUNITY_COLOURS) else SMALL_COMMUNITY


@dataclass
class View:
    """One network page: the graph (nodes with x, y and vis attributes), the filters, the legend."""

    name: str  # its NAV key, or the file name of an export
    title: str
    heading: str
    graph: nx.Graph
    intro: str = ""
    heading_lang: str = "nl"
    filters: list[dict] = field(default_factory=list)  # {key, label, options: [{value, label, count}], selected}
    legend: list[dict] = field(default_factory=list)  # {kind, label, color, shape} (nodes) or {role, ...} (edges)
    notes: list[str] = field(default_factory=list)
    controls: list[dict] = field(default_factory=list)  # extra links {href, text}
    find: str = ""  # the Find box's text from the address
    reload: tuple[str, ...] = ()  # filters the server narrows the network by: a change loads the view anew
    active: str | None = None


NODE_KEYS = ("label", "title", "shape", "color", "x", "y", "value", "size", "font", "borderWidth", "url",
             "facets", "kind", "search", "keywords", "needsEdge", "annotation", "flags", "widthConstraint")


def vis_data(graph: nx.Graph) -> tuple[list[dict], list[dict]]:
    """vis-network's nodes and edges from pyvis, in the graph's order (pyvis 0.3.2 keeps any extra attribute)."""
    from pyvis.network import Network

    # Directed, so that pyvis does not look for an existing edge at every add_edge (quadratic).
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k in NODE_KEYS and v is not None}
        net.add_node(node, **attrs)
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        options = {"arrows": {"to": {"enabled": False}}, **{k: v for k, v in data.items() if v is not None}}
        net.add_edge(source, target, id=f"e{number}", **options)
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


def render(view: View) -> str:
    nodes, edges = vis_data(view.graph)
    data = {"nodes": nodes, "edges": edges, "options": OPTIONS, "filters": view.filters, "legend": view.legend,
            "name": view.name, "title": view.heading, "reload": list(view.reload)}
    return frame.render("network-view.html", title=view.title, active=view.active, wide=True, view=view,
                        data=data, node_count=len(nodes), edge_count=len(edges),
                        table=table(view.graph, view.legend, view.filters))


def refuse(request: Request, status: int, detail: str, parameter: str | None = None,
           choices: list[str] | None = None) -> Response:
    """An unknown programme, theme, filter value or party: problem+json (with the valid `choices`), or for a
    browser the error page in the frame, naming the valid choices."""
    if prefers_html(request):
        return problems.view_error(request, status, detail, parameter, choices)
    extra = {"parameter": parameter} if parameter else {}
    if choices is not None:
        extra["choices"] = choices
    return problems.response(status, detail, "not-found" if status == 404 else None, **extra)


FIND = "find"  # the Find box's text: the node found is selected and centred


def view_state(request: Request, filters: list[dict], fixed: tuple[str, ...] = ()) -> tuple[dict, Response | None]:
    """The view's state from its address: {filter key: value, find: text}, checked against every value the
    filters can take (`filters` as Parts.filters gives them over the whole graph); `fixed` names parameters
    the route reads and checks itself. (state, None), or (None, the refusal naming the valid choices)."""
    valid = {f["key"]: [o["value"] for o in f["options"]] for f in filters}
    allowed = tuple(valid) + (FIND,) + fixed
    for name in request.query_params:
        if name not in allowed:
            return None, refuse(request, 422, f"unknown parameter {name!r} (known: {', '.join(allowed)})", name,
                                list(allowed))
        if len(request.query_params.getlist(name)) > 1:
            return None, refuse(request, 422, f"give {name} once", name)
    state = {}
    for key, values in valid.items():
        value = request.query_params.get(key)
        if value:
            if key not in fixed and value not in values:
                return None, refuse(request, 422, f"no {key} {value!r} (known: {', '.join(values)})", key, values)
            state[key] = value
    state[FIND] = request.query_params.get(FIND, "")[:100]
    return state, None


def select_state(view: View, state: dict) -> None:
    """The controls show the address's state: each filter's selected value."""
    for found in view.filters:
        found["selected"] = state.get(found["key"], "")
    view.find = state.get(FIND, "")

