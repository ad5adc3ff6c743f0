"""GET /viz/who-owns-what: parties and the actions they lead, partner in, are responsible for or are
involved in (any role the graph holds), laid out by programme (api/web/network_layout.blocks), with
filters, search, a legend with counts and click-through (api/web/network_page.py); and /viz/lib/, the
vis-network files of the pyvis package.

`?programme=` and `?theme=` (ids) narrow the network to the actions of a programme and of an editorial
theme; an unknown id answers 404 (problem+json, or an error page in the frame for a browser).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.http import problems
from api.http.cache import cached
from api.http.problems import Problem
from api.rest.participations import Action, Participations, load, slug
from api.rest.routing import SLUG_PATTERN, only
from api.rest.shapes import natural_key
from api.web import network_layout as layout
from api.web.network_page import LIB_FILES, VIS_LIB, View, refuse, render
from api.web.network_parts import Parts, line_text

router = APIRouter(prefix="/viz", tags=["visualisation"])
ROW_LENGTH = 16  # actions in a row before it wraps (at least): keeps the picture about as wide as a screen

PARAMETERS = [
    {"name": "programme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this programme (its id, e.g. langer-thuis)"},
    {"name": "theme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this theme (editorial classification, ltkg:theme; its id)"},
]


INTRO = ("Parties (circles; diamonds for collective names like “gemeenten”) and the actions they take part in, by "
         "programme and action line. Node size: actions led. Party colour: community (Louvain on shared actions); "
         "red ring: the party works in more than one programme.")


def who_owns_what(data: Participations, actions: list[Action], heading: str, notes: list[str] | None = None) -> View:
    """The View of these actions and every party taking part in them."""
    import networkx as nx

    wanted = {a.id for a in actions}
    parts = Parts(data, [link for link in data.links if link.action in wanted])
    graph = nx.MultiDiGraph()  # party -> action, one edge per role
    party_actions: dict[str, list[str]] = defaultdict(list)
    for link in parts.links:
        party_actions[link.party].append(link.action)

    programmes = [p for p in data.of_kind("programme") if any(a.programme == p for a in actions)]
    # Rows grow with the number of actions so that a large network stays about twice as wide as high.
    row_length = max(ROW_LENGTH, round(math.sqrt(len(actions) * 2.5)))
    rows: list[list[list[layout.Placed]]] = []
    headings: list[list[layout.Placed | None]] = []
    for programme in programmes:
        by_line: dict[str, list[Action]] = defaultdict(list)
        for action in actions:
            if action.programme == programme:
                by_line[action.action_line].append(action)
        rows.append([])
        headings.append([])
        for line in sorted(by_line, key=natural_key):
            ordered = sorted(by_line[line], key=lambda a: natural_key(a.notation or a.id))
            size = -(-len(ordered) // -(-len(ordered) // row_length))  # rows of equal length, none over row_length
            chunks = [[layout.Placed(a.id, layout.label_width(data.action_label(a))) for a in ordered[i:i + size]]
                      for i in range(0, len(ordered), size)]
            text = f"{data.short(programme)} {line_text(data, line)}"
            placed = layout.Placed("heading/" + (line or programme), layout.label_width(text, 13))
            rows[-1] += chunks  # a long action line wraps
            headings[-1] += [placed] + [None] * (len(chunks) - 1)
            graph.add_node(placed.id, label=text, shape="text", annotation=True, font={"size": 13, "color": "#555"},
                           facets={"programme": [slug(programme)], "actionline": [slug(line)] if line else []},
                           title=f"{data.label(programme)}\nActielijn: {data.label(line)}" if line else data.label(programme))
            for action in ordered:
                parts.add_action(graph, action)

    index = {p: i for i, p in enumerate(programmes)}
    placed_parties = []
    for party in sorted(party_actions):
        mine = sorted({index[data.actions[a].programme] for a in party_actions[party]})
        band = (-1 if mine[0] == 0 else mine[0]) if len(mine) == 1 else mine[0]
        led = parts.led(party)
        width = layout.label_width(parts.party_label(party), 12 + min(10, led), 8 + min(22, 2 * led))
        placed_parties.append(layout.Party(party, width, band, party_actions[party], (-led, -len(party_actions[party]))))
        parts.add_party(graph, party)
    for link in parts.links:
        parts.add_link(graph, link)
    for node, (x, y) in layout.blocks(rows, placed_parties, headings).items():
        graph.nodes[node].update(x=round(x, 1), y=round(y, 1))
    return View(name="who-owns-what", title="Who owns what", heading=heading, heading_lang="en", graph=graph,
                active="who-owns-what", notes=notes or [], intro=INTRO, filters=parts.filters(actions), legend=parts.legend())


def select(data: Participations, programme: str | None, theme: str | None) -> list[Action]:
    found = [a for a in data.actions.values()
             if (not programme or a.programme == "programme/" + programme) and (not theme or "theme/" + theme in a.themes)]
    return sorted(found, key=lambda a: (a.programme, natural_key(a.notation or a.id)))


def check(request: Request, data: Participations, name: str, value: str | None, kind: str) -> Response | None:
    """None if the id is known (or not given), else the refusal: 422 for a malformed id, 404 for an unknown one."""
    if value is None:
        return None
    known = [slug(k) for k in data.of_kind(kind)]
    if not re.fullmatch(SLUG_PATTERN, value):
        return refuse(request, 422, f"{name} must be an id like {known[0] if known else 'langer-thuis'}, not {value!r}", name)
    if value not in known:
        return refuse(request, 404, f"no {name} with id {value!r} (known: {', '.join(known)})", name)
    return None


def empty_note(data: Participations, programme: str | None, theme: str | None) -> list[str]:
    what = " and ".join(x for x in (programme and data.label("programme/" + programme),
                                    theme and f"theme “{data.label('theme/' + theme)}”") if x)
    note = f"No actions in the graph for {what}."
    if programme:
        lines = data.action_lines("programme/" + programme)
        if lines:
            note += " Its action lines: " + "; ".join(data.label(line) for line in lines) + "."
    return [note]


@router.get("/who-owns-what", response_class=HTMLResponse, summary="Network of parties and the actions they own",
            openapi_extra={"parameters": PARAMETERS}, responses=problems.responses(404, 422, 503))
def who_owns_what_page(request: Request) -> Response:
    only(request, ("programme", "theme"))
    for name in ("programme", "theme"):
        if len(request.query_params.getlist(name)) > 1:
            return refuse(request, 422, f"give {name} once", name)
    programme, theme = request.query_params.get("programme"), request.query_params.get("theme")
    data = load(request)
    refusal = check(request, data, "programme", programme, "programme") or check(request, data, "theme", theme, "theme")
    if refusal is not None:
        return refusal

    def compute() -> bytes:
        actions = select(data, programme, theme)
        heading = "Who owns what: parties and actions"
        qualifiers = [data.label("programme/" + programme)] if programme else []
        qualifiers += [f"theme {data.label('theme/' + theme)}"] if theme else []
        if qualifiers:
            heading += " (" + ", ".join(qualifiers) + ")"
        notes = empty_note(data, programme, theme) if not actions else []
        view = who_owns_what(data, actions, heading, notes)
        if programme and not actions:
            add_action_lines(view, data, programme)
        return render(view).encode()
    return HTMLResponse(cached(request, compute))


def add_action_lines(view: View, data: Participations, programme: str) -> None:
    """A programme without actions still shows its action lines, one under the other."""
    for number, line in enumerate(data.action_lines("programme/" + programme)):
        view.graph.add_node(line, label=f"{data.short('programme/' + programme)} {line_text(data, line)}", shape="box",
                            annotation=True, x=0, y=number * layout.ROW_GAP, url="/id/" + line,
                            color={"background": "#eeeeee", "border": "#999"}, title=data.label(line), kind="actionline")


@router.get("/lib/{name}", include_in_schema=False)
def library(name: str) -> FileResponse:
    if name not in LIB_FILES:
        raise Problem(404, f"no library file {name!r}", "not-found")
    return FileResponse(VIS_LIB / name, media_type=LIB_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})
