"""GET /viz/party/{id}: one party's network: the actions it leads, partners in, is responsible for or is
involved in (any role the graph holds), across all programmes, and the parties it works with in them;
`?depth=2` (or 3) goes one step further out: their actions and their parties. Laid out in rings
(api/web/network_layout.rings): the party in the centre, each step further out on a wider ring.
"""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.http import problems
from api.http.cache import cached
from api.rest.participations import Participations, load, slug
from api.rest.routing import natural
from api.rest.shapes import natural_key
from api.web import network_layout as layout
from api.web.network import all_filters
from api.web.network_page import View, refuse, render, select_state, view_state
from api.web.network_parts import Parts

router = APIRouter(prefix="/viz", tags=["visualisation"])
MAX_DEPTH = 3
KEYS = ("programme", "theme", "role", "partytype", "document")  # the view's filters, each in its address


def levels(data: Participations, party: str, depth: int, parts: Parts) -> list[list[str]]:
    """[party], its actions, their other parties, ... : 2 * depth steps out on the party–action graph."""
    actions_of: dict[str, set[str]] = defaultdict(set)
    parties_of: dict[str, set[str]] = defaultdict(set)
    for link in data.links:
        actions_of[link.party].add(link.action)
        parties_of[link.action].add(link.party)
    programme_order = {p: i for i, p in enumerate(data.of_kind("programme"))}
    role_order = {r: i for i, r in enumerate(parts.roles)}
    best_role: dict[str, int] = {}
    for link in data.links:
        if link.party == party:
            best_role[link.action] = min(best_role.get(link.action, 99), role_order[link.role])

    def action_key(action: str) -> tuple:
        about = data.actions[action]
        return (programme_order.get(about.programme, 99), best_role.get(action, 99), natural_key(about.notation))

    def party_key(other: str) -> tuple:
        figures = parts.metrics.get(other) or {}
        community = figures.get("community")
        return (community if community is not None else 999, -parts.led(other), other)

    seen = {party}
    out = [[party]]
    for step in range(2 * depth):
        nxt: set[str] = set()
        for node in out[-1]:
            nxt |= (actions_of if step % 2 == 0 else parties_of)[node]
        nxt -= seen
        if not nxt:
            break
        seen |= nxt
        out.append(sorted(nxt, key=action_key if step % 2 == 0 else party_key))
    return out


def party_network(data: Participations, party: str, depth: int) -> View:
    import networkx as nx

    parts = Parts(data, [])
    rings = levels(data, party, depth, parts)
    shown = {node for ring in rings for node in ring}
    parts.links = [link for link in data.links if link.party in shown and link.action in shown]
    graph = nx.MultiDiGraph()
    for number, ring in enumerate(rings):
        for node in ring:
            if node.startswith("action/"):
                parts.add_action(graph, data.actions[node])
            else:
                parts.add_party(graph, node, **({"needsEdge": False} if number == 0 else {}))
    for link in parts.links:
        parts.add_link(graph, link)
    for node, (x, y) in layout.rings(rings).items():
        graph.nodes[node].update(x=x, y=y)

    name = parts.party_name(party)
    figures = parts.metrics.get(party)
    controls = []
    if depth < MAX_DEPTH and len(rings) > 2 * depth:
        controls.append({"href": f"/viz/party/{slug(party)}?depth={depth + 1}", "text": "One step further out"})
    if depth > 1:
        controls.append({"href": f"/viz/party/{slug(party)}" + (f"?depth={depth - 1}" if depth > 2 else ""),
                         "text": "One step back"})
    notes = [] if figures else [f"{name} takes part in no action in the graph."]
    actions = [data.actions[a] for ring in rings[1::2] for a in ring]
    return View(name=f"party-{slug(party)}", title=f"Network of {name}", heading=name, graph=graph, active=None,
                notes=notes, controls=controls, intro=summary(parts, party, depth, len(rings[2]) if len(rings) > 2 else 0),
                filters=parts.filters(actions, KEYS), legend=parts.legend())


def summary(parts: Parts, party: str, depth: int, partners: int) -> str:
    figures = parts.metrics.get(party)
    if not figures:
        return "A party's network: what it leads, partners in, is responsible for or is involved in."
    roles = ", ".join(f"{parts.names.get(r, r)} {n}" for r, n in figures["actions"].items() if n)
    programmes = ", ".join(parts.data.short("programme/" + p) for p in figures["programmes"])
    bridge = " It bridges programmes." if figures["bridges"] else ""
    return (f"Its actions by role (as the documents name them): {roles}; programmes: {programmes}; it works with "
            f"{partners} other parties in them.{bridge} Centre: the party; first ring: its actions; second ring: the "
            f"parties it shares them with" + (f"; {depth} steps out" if depth > 1 else "") +
            ". Click a party to see its own network, an action to open its page.")


@router.get("/party/{id}", response_class=HTMLResponse, summary="One party's network across all programmes",
            openapi_extra={"parameters": [{"name": "depth", "in": "query", "required": False,
                                           "description": "steps out: 1 (its actions and partners) to 3",
                                           "schema": {"type": "integer", "minimum": 1, "maximum": MAX_DEPTH,
                                                      "default": 1}}]
                           + [{"name": key, "in": "query", "required": False, "schema": {"type": "string"},
                               "description": f"the {key} filter's value, as the control sets it"} for key in KEYS]
                           + [{"name": "find", "in": "query", "required": False, "schema": {"type": "string"},
                               "description": "the Find box's text: the node found is selected with its neighbours "
                                              "and centred"}]},
            responses=problems.responses(404, 422, 503))
def party_page(request: Request, id: str) -> Response:
    data = load(request)
    state, refusal = view_state(request, [f for f in all_filters(data) if f["key"] in KEYS], fixed=("depth",))
    if refusal is not None:
        return refusal
    depth = max(1, natural(request, "depth", 1, MAX_DEPTH))
    if "party/" + id not in data.parties:
        return refuse(request, 404, f"no party with id {id!r}")

    def compute() -> bytes:
        view = party_network(data, "party/" + id, depth)
        select_state(view, state)
        return render(view).encode()
    return HTMLResponse(cached(request, compute))
