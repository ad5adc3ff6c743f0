"""GET /viz/who-owns-what: parties and the actions they lead, partner in, are responsible for or are
involved in (any role the graph holds), laid out by programme (api/web/network_layout.blocks), with
filters, search, a legend with counts and click-through (api/web/network_page.py); and /viz/lib/, the
vis-network files of the pyvis package.

`?programme=` and `?theme=` (ids) narrow the network to the actions of a programme and of an editorial
theme; an unknown id answers 404 (problem+json, or an error page in the frame for a browser).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api import problems
from api.cache import cached
from api.metrics import metrics_of
from api.participations import Action, Participations, load, slug
from api.problems import Problem
from api.routing import SLUG_PATTERN, only
from api.shapes import natural_key
from api.web import network_layout as layout
from api.web.network_page import (BRIDGE_BORDER, LIB_FILES, PROGRAMME_COLOURS, VIS_LIB, View, community_colour,
                                  page, refuse, render, role_style)

router = APIRouter(prefix="/viz", tags=["visualisation"])
ROW_LENGTH = 12  # actions in a row before it wraps: keeps the picture about as wide as a screen

PARAMETERS = [
    {"name": "programme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this programme (its id, e.g. langer-thuis)"},
    {"name": "theme", "in": "query", "required": False, "schema": {"type": "string", "pattern": SLUG_PATTERN},
     "description": "only the actions of this theme (editorial classification, ltkg:theme; its id)"},
]


def programme_colours(data: Participations) -> dict[str, str]:
    return {p: PROGRAMME_COLOURS[i % len(PROGRAMME_COLOURS)] for i, p in enumerate(data.of_kind("programme"))}


def role_names(data: Participations) -> dict[str, str]:
    return {role: data.label("role/" + role) if "role/" + role in data.labels else role for role in data.roles()}


def quote_lines(sources: list[dict], limit: int = 2) -> list[str]:
    return [f"Bron: {s['document']}, r. {s['lines'][0]}{'–' + str(s['lines'][1]) if s['lines'][1] != s['lines'][0] else ''}: "
            f"“{s['quote']}”" for s in sources[:limit]]


def action_tooltip(data: Participations, action: Action, roles: dict[str, list[str]], names: dict[str, str],
                   sources: list[dict]) -> str:
    lines = [f"Actie {data.action_label(action)} ({data.label(action.programme)})"]
    if action.title:
        lines.append(action.title)
    if action.action_line:
        lines.append(f"Actielijn: {data.label(action.action_line)}")
    for role, parties in roles.items():
        lines.append(f"{names.get(role, role)}: {', '.join(parties)}")
    return "\n".join(lines + quote_lines(sources))


def party_label(name: str, ident: str) -> str:
    """The name, or for a long one the id if it is an abbreviation (VWS), else the name cut short."""
    if len(name) <= 26:
        return name
    if len(slug(ident)) <= 8:
        return slug(ident).upper()
    return name[:24] + "…"


def party_tooltip(data: Participations, party: str, metrics: dict | None, names: dict[str, str]) -> str:
    about = data.parties.get(party)
    lines = [about.name if about and about.name else slug(party)]
    if about and about.type:
        lines.append(f"Soort: {data.label(about.type)}")
    if metrics:
        lines.append(" · ".join(f"{names.get(r, r)}: {n}" for r, n in metrics["actions"].items() if n))
        programmes = ", ".join(data.short("programme/" + p) for p in metrics["programmes"])
        lines.append(f"Programma's: {programmes}" + (" (verbindt programma's)" if metrics["bridges"] else ""))
        lines.append(f"Gemeenschap {metrics['community'] + 1 if metrics['community'] is not None else '–'} · "
                     f"betweenness {metrics['betweenness']['partyAction']:.3f}")
    lines.append("Klik: het netwerk van deze partij")
    return "\n".join(lines)


def who_owns_what(data: Participations, actions: list[Action], title: str, heading: str,
                  notes: list[str] | None = None, name: str = "who-owns-what"):
    """The View of these actions and every party taking part in them."""
    import networkx as nx

    metrics = {"party/" + p["id"]: p for p in metrics_of(data)["parties"]}
    colours = programme_colours(data)
    names = role_names(data)
    wanted = {a.id for a in actions}
    links = [link for link in data.links if link.action in wanted]
    graph = nx.MultiDiGraph()  # party -> action, one edge per role

    per_action: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    action_sources: dict[str, list[dict]] = defaultdict(list)
    party_actions: dict[str, list[str]] = defaultdict(list)
    party_facets: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for link in links:
        about = data.parties.get(link.party)
        per_action[link.action][link.role].append(party_label(about.name if about else "", link.party))
        action_sources[link.action] += [s for s in link.sources if s not in action_sources[link.action]]
        party_actions[link.party].append(link.action)

    programmes = [p for p in data.of_kind("programme") if any(a.programme == p for a in actions)]
    rows: list[list[list[str]]] = []
    headings: list[list[layout.Placed]] = []
    for programme in programmes:
        mine = [a for a in actions if a.programme == programme]
        by_line: dict[str, list[Action]] = defaultdict(list)
        for action in mine:
            by_line[action.action_line].append(action)
        rows.append([])
        headings.append([])
        for line in sorted(by_line, key=natural_key):
            ordered = sorted(by_line[line], key=lambda a: natural_key(a.notation or a.id))
            chunks = [[layout.Placed(a.id, layout.label_width(data.action_label(a))) for a in ordered[i:i + ROW_LENGTH]]
                      for i in range(0, len(ordered), ROW_LENGTH)]
            text = f"{data.short(programme)} {line_text(data, line)}"
            placed = layout.Placed("heading/" + (line or programme), layout.label_width(text, 13))
            rows[-1] += chunks  # a long action line wraps
            headings[-1] += [placed] + [None] * (len(chunks) - 1)
            graph.add_node(placed.id, label=text, shape="text", annotation=True, font={"size": 13, "color": "#555"},
                           facets={"programme": [slug(programme)], "actionline": [slug(line)] if line else []},
                           title=f"{data.label(programme)}\nActielijn: {data.label(line)}" if line else data.label(programme))
            for action in ordered:
                label = data.action_label(action)
                graph.add_node(action.id, label=label, shape="box", kind="action:" + slug(programme),
                               color={"background": colours.get(programme, "#cccccc"), "border": "#555"},
                               font={"size": 14}, url="/id/" + action.id, search=f"{label} {action.title}"[:90],
                               title=action_tooltip(data, action, per_action[action.id], names, action_sources[action.id]),
                               facets={"programme": [slug(programme)], "actionline": [slug(action.action_line)],
                                       "theme": sorted(slug(t) for t in action.themes)})

    index = {p: i for i, p in enumerate(programmes)}
    placed_parties = []
    for party in sorted(party_actions):
        about = data.parties.get(party)
        figures = metrics.get(party)
        mine = sorted({index[data.actions[a].programme] for a in party_actions[party] if data.actions[a].programme in index})
        band = (-1 if mine[0] == 0 else mine[0]) if len(mine) == 1 else mine[0]
        led = figures["actions"].get("lead", 0) if figures else 0
        label = party_label(about.name if about else "", party)
        font = 12 + min(10, led) if led else 12
        placed_parties.append(layout.Party(party, layout.label_width(label, font, 8 + min(22, 2 * led)), band, party_actions[party],
                                           (-led, -len(party_actions[party]))))
        bridges = bool(figures and figures["bridges"])
        community = figures["community"] if figures else None
        graph.add_node(party, label=label, shape="diamond" if about and about.collective else "dot",
                       value=1 + led, kind="party", flags=["bridge"] * bridges + [f"community:{community}"],
                       color={"background": community_colour(community),
                              "border": BRIDGE_BORDER if bridges else "#444444"},
                       borderWidth=4 if bridges else 1, needsEdge=True, url="/viz/party/" + slug(party),
                       search=about.name if about and about.name else slug(party),
                       title=party_tooltip(data, party, figures, names),
                       facets={"partytype": [slug(about.type) if about and about.type else "none"]})
    positions = layout.blocks(rows, placed_parties, headings)

    roles = data.roles()
    for link in links:
        style = role_style(link.role, roles)
        about = data.parties.get(link.party)
        action = data.actions[link.action]
        text = [f"{about.name if about and about.name else slug(link.party)}: {names.get(link.role, link.role)} "
                f"van actie {data.action_label(action)}"] + quote_lines(link.sources)
        graph.add_edge(link.party, link.action, key=link.role, role=link.role, title="\n".join(text),
                       dashes=style["dashes"], width=style["width"], color=style["color"],
                       facets={"role": [link.role], "document": sorted({s["document"] for s in link.sources})})
    for node, (x, y) in positions.items():
        graph.nodes[node].update(x=round(x, 1), y=round(y, 1))

    return View(name=name, title=title, heading=heading, graph=graph, active="who-owns-what", notes=notes or [],
                intro="Parties (circles; diamonds for collective names like “gemeenten”) and the actions they take "
                      "part in, by programme and action line. Node size: actions led. Party colour: community "
                      "(Louvain on shared actions); red ring: the party works in more than one programme.",
                filters=filters(data, actions, links, roles, names),
                legend=legend(data, programmes, colours, roles, names, metrics))


def line_text(data: Participations, line: str) -> str:
    if not line:
        return "(geen actielijn)"
    label = data.labels.get(line)
    number = label.number if label and label.number is not None else slug(line).rpartition("-")[2]
    text = data.label(line)
    return f"{number}. {text[:34] + '…' if len(text) > 35 else text}"


def filters(data: Participations, actions: list[Action], links, roles: list[str], names: dict[str, str]) -> list[dict]:
    def options(counts: Counter, label, order=None) -> list[dict]:
        keys = order if order is not None else sorted(counts, key=natural_key)
        return [{"value": k, "label": label(k), "count": counts.get(k, 0), "lang": "nl"} for k in keys]

    programmes = Counter(slug(a.programme) for a in actions)
    lines = Counter(slug(a.action_line) for a in actions if a.action_line)
    themes = Counter(slug(t) for a in actions for t in a.themes)
    documents = Counter(s["document"] for link in links for s in link.sources)
    parties = {link.party for link in links}
    types = Counter(slug(data.parties[p].type) if data.parties.get(p) and data.parties[p].type else "none" for p in parties)
    role_counts = Counter(link.role for link in links)
    return [
        {"key": "programme", "label": "Programme", "options": options(
            programmes, lambda k: data.short("programme/" + k), [slug(p) for p in data.of_kind("programme") if slug(p) in programmes])},
        {"key": "actionline", "label": "Action line", "options": options(
            lines, lambda k: f"{data.short(data.labels.get('actionline/' + k).programme) if data.labels.get('actionline/' + k) else ''} "
                             f"{line_text(data, 'actionline/' + k)}")},
        {"key": "theme", "label": "Theme", "options": options(themes, lambda k: data.label("theme/" + k))},
        {"key": "document", "label": "Document", "options": options(documents, lambda k: k)},
        {"key": "partytype", "label": "Party type", "options": options(types, lambda k: data.label("party-type/" + k))},
        {"key": "role", "label": "Role", "options": options(role_counts, lambda k: names.get(k, k), roles)},
    ]


def legend(data: Participations, programmes: list[str], colours: dict[str, str], roles: list[str],
           names: dict[str, str], metrics: dict) -> list[dict]:
    out: list[dict] = [{"heading": "Actions:"}]
    out += [{"kind": "action:" + slug(p), "label": f"{data.short(p)} ({data.label(p)})", "lang": "nl",
             "color": colours.get(p), "shape": "box"} for p in data.programmes_with_actions()]
    out += [{"heading": "Parties:"}, {"kind": "party", "label": "party", "color": "#dddddd"},
            {"flag": "bridge", "label": "bridges programmes", "shape": "ring"}]
    communities = sorted({m["community"] for m in metrics.values() if m["community"] is not None})
    out += [{"flag": f"community:{c}", "label": f"community {c + 1}", "color": community_colour(c)}
            for c in communities if c < 6]
    out += [{"heading": "Roles:"}]
    for role in roles:
        style = role_style(role, roles)
        out.append({"role": role, "label": names.get(role, role), "lang": "nl", **style})
    return out


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
        heading = "Wie doet wat: partijen en acties"
        qualifiers = [data.label("programme/" + programme)] if programme else []
        qualifiers += [f"thema {data.label('theme/' + theme)}"] if theme else []
        if qualifiers:
            heading += " (" + ", ".join(qualifiers) + ")"
        notes = empty_note(data, programme, theme) if not actions else []
        view = who_owns_what(data, actions, "Who owns what", heading, notes)
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
