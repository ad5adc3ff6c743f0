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
from api.rest.routing import SLUG_PATTERN
from api.rest.shapes import natural_key
from api.web import network_layout as layout
from api.web.network_page import LIB_FILES, VIS_LIB, View, refuse, render, role_style, select_state, view_state
from api.web.network_parts import INITIATOR, INITIATOR_LABEL, Parts, line_text, quote_lines

router = APIRouter(prefix="/viz", tags=["visualisation"])
ROW_LENGTH = 16  # actions in a row before it wraps (at least): keeps the picture about as wide as a screen
LINES_PER_ROW = 4  # action lines of a programme without actions, beside its box

PARAMETERS = [
    {"name": "programme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this programme (its id, e.g. langer-thuis)"},
    {"name": "theme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this theme (editorial classification, ltkg:theme; its id); a theme no "
                    "action here is classified under shows its neighbourhood (the theme in any programme, related themes)"},
] + [{"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": text} for name, text in (
    ("actionline", "the action-line filter's value (an action line's id), as the control sets it"),
    ("document", "the document filter's value (a source document's id)"),
    ("partytype", "the party-type filter's value (e.g. ministry)"),
    ("role", "the role filter's value (lead, partner, …, initiator)"),
    ("find", "the Find box's text: the node found is selected, highlighted with its neighbours and centred"))]


INTRO = ("Parties (circles; diamonds for collective names like “gemeenten”) and the actions they take part in, by "
         "programme and action line. Node size: actions led. Party colour: community (Louvain on shared actions); "
         "red ring: the party works in more than one programme.")


def who_owns_what(data: Participations, actions: list[Action], heading: str, notes: list[str] | None = None,
                  lined: list[str] = ()) -> View:
    """The View of these actions and every party taking part in them; below them the programmes `lined` (those
    without actions) with their action lines and initiators."""
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
                           title=f"{data.label(programme)}\nAction line: “{data.label(line)}”" if line else data.label(programme))
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
    add_initiators(graph, data, parts, list(lined))
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
    if programme and data.action_lines("programme/" + programme):
        note += (" Shown: its action lines with the parties the 2024 report ties to them (the editors' reading, "
                 "hover a link), and the initiators the report names for the programme.")
    return [note]


def all_filters(data: Participations) -> list[dict]:
    """Every value the view's filters can take, over the whole graph (what an address may ask for)."""
    if "filters" not in data.memo:
        data.memo["filters"] = Parts(data, data.links).filters(list(data.actions.values()))
    return data.memo["filters"]


def neighbourhood(data: Participations, programme: str | None, theme: str) -> tuple[list[Action], str]:
    """A theme with no action here: the actions on it in any programme and on the themes related to it."""
    related = sorted(data.related.get("theme/" + theme, ()))
    found = [a for a in data.actions.values() if ("theme/" + theme) in a.themes or a.themes & set(related)]
    names = ", ".join(f"“{data.label(t)}”" for t in related) or "none"
    where = f"in {data.label('programme/' + programme)} " if programme else ""
    note = (f"No action {where}is classified under the theme “{data.label('theme/' + theme)}”. Shown instead: its "
            f"neighbourhood, the actions on it in any programme and on the themes the editors relate to it "
            f"({names}), with their parties: who could take it up.")
    return sorted(found, key=lambda a: (a.programme, natural_key(a.notation or a.id))), note


@router.get("/who-owns-what", response_class=HTMLResponse, summary="Network of parties and the actions they own",
            openapi_extra={"parameters": PARAMETERS}, responses=problems.responses(404, 422, 503))
def who_owns_what_page(request: Request) -> Response:
    data = load(request)
    state, refusal = view_state(request, all_filters(data), fixed=("programme", "theme"))
    if refusal is not None:
        return refusal
    programme, theme = state.get("programme"), state.get("theme")
    refusal = check(request, data, "programme", programme, "programme") or check(request, data, "theme", theme, "theme")
    if refusal is not None:
        return refusal

    def compute() -> bytes:
        actions = select(data, programme, theme)
        heading = "Who owns what: parties and actions"
        qualifiers = [data.label("programme/" + programme)] if programme else []
        qualifiers += [f"theme {data.label('theme/' + theme)}"] if theme else []
        notes = []
        if theme and not actions:
            actions, note = neighbourhood(data, programme, theme)
            notes.append(note)
            qualifiers[-1] = f"the neighbourhood of theme {data.label('theme/' + theme)}"
        elif not actions:
            notes = empty_note(data, programme, theme)
        if qualifiers:
            heading += " (" + ", ".join(qualifiers) + ")"
        view = who_owns_what(data, actions, heading, notes, lined(data, programme, theme))
        view.reload = ("programme", "theme")
        select_state(view, state)
        for found in view.filters:  # the server narrowed by these: the control shows it, another value reloads
            if found["key"] in view.reload and found["selected"] and \
                    not any(o["value"] == found["selected"] for o in found["options"]):
                found["options"].append({"value": found["selected"], "count": 0, "lang": "nl",
                                         "label": data.label(f"{found['key']}/{found['selected']}")})
        return render(view).encode()
    return HTMLResponse(cached(request, compute))


def lined(data: Participations, programme: str | None, theme: str | None) -> list[str]:
    """The programmes without actions (IZA, GALA, TAZ) the view draws with their action lines and initiators."""
    if theme:
        return []
    with_actions = set(data.programmes_with_actions())
    return [p for p in data.of_kind("programme") if p not in with_actions and data.action_lines(p)
            and (not programme or p == "programme/" + programme)]


def add_initiators(graph, data: Participations, parts: Parts, programmes: list[str]) -> None:
    """Each programme without actions below the rest: a box for it that its initiators link to (IZA, GALA and
    TAZ name who took the initiative, not who carries an action line), then its action lines."""
    ys = [d["y"] for _, d in graph.nodes(data=True) if "y" in d]
    xs = [d["x"] for _, d in graph.nodes(data=True) if "x" in d]
    y = (max(ys) + 3 * layout.ROW_GAP) if ys else 0.0
    left = min(xs) if xs else 0.0
    for programme in programmes:
        node = "initiators/" + slug(programme)
        text = f"{data.short(programme)}: {data.label(programme)}"
        width = layout.label_width(text, 14)
        graph.add_node(node, label=text, shape="box", kind="programme", url="/id/" + programme, x=left + width / 2, y=y,
                       color={"background": "#f4f4f4", "border": "#555"}, font={"size": 14}, annotation=True,
                       search=text, facets={"programme": [slug(programme)]},
                       title=f"{data.label(programme)}\nIts initiators, as the 2024 report names them; parties tied "
                             "to an action line link to the line.")
        start = x = left + width + layout.PAD * 3
        row_y = y
        for number, line in enumerate(data.action_lines(programme)):
            label = f"{data.short(programme)} {line_text(data, line)}"
            w = layout.label_width(label, 13)
            if number and number % LINES_PER_ROW == 0:
                x, row_y = start, row_y + layout.ROW_GAP
            graph.add_node(line, label=label, shape="box", annotation=True, kind="actionline", x=x + w / 2, y=row_y,
                           url="/id/" + line, color={"background": "#eeeeee", "border": "#999"}, font={"size": 13},
                           title=f"Action line: “{data.label(line)}”", search=label,
                           facets={"programme": [slug(programme)], "actionline": [slug(line)]})
            x += w + layout.PAD
        y = row_y
        px = left

        def place(party: str) -> None:
            nonlocal px
            if party not in graph:
                parts.add_party(graph, party)
                w = layout.label_width(parts.party_label(party), 15, 10)
                graph.nodes[party].update(x=round(px + w / 2, 1), y=round(y + 2 * layout.PARTY_ROW_GAP, 1))
                px += w + 2 * layout.PAD
        lines = set(data.action_lines(programme))
        for link in data.line_links:
            if link.action in lines:
                place(link.party)
                style = role_style(link.role, parts.roles)
                said = [f"“{s['quote']}” ({s['document']}, line {s['lines'][0]})" if "quote" in s else
                        f"Editorial: {s['rationale']}" for s in link.sources]
                graph.add_edge(link.party, link.action, key=link.role, role=link.role, dashes=style["dashes"],
                               width=style["width"], color=style["color"],
                               title="\n".join([f"{parts.party_name(link.party)}: {parts.names.get(link.role, link.role)} "
                                                f"in action line {data.short(programme)} {line_text(data, link.action)}"] + said),
                               facets={"role": [link.role],
                                       "document": sorted({s["document"] for s in link.sources if "document" in s})})
        for initiator in data.initiators.get(programme, []):
            place(initiator.party)
            style = role_style(INITIATOR, parts.roles)
            text = [f"{parts.party_name(initiator.party)}: {INITIATOR_LABEL} {data.short(programme)}"]
            graph.add_edge(initiator.party, node, key=INITIATOR, role=INITIATOR, dashes=style["dashes"],
                           width=style["width"], color=style["color"], title="\n".join(text + quote_lines(initiator.sources)),
                           facets={"role": [INITIATOR], "document": sorted({s["document"] for s in initiator.sources})})
            parts.initiators_drawn += 1
        y += 2 * layout.PARTY_ROW_GAP + 3 * layout.ROW_GAP


@router.get("/lib/{name}", include_in_schema=False)
def library(name: str) -> FileResponse:
    if name not in LIB_FILES:
        raise Problem(404, f"no library file {name!r}", "not-found")
    return FileResponse(VIS_LIB / name, media_type=LIB_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})
