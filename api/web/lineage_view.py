"""GET /viz/lineage: the programmes on a time axis (their stated periods or dates), with what continues
from one to the next: the continuations of actions, the schemes and initiatives more than one
programme rests on, initiatives that continue or scale up others (ltkg:continues, ltkg:scalesUp, when
the graph has them), what is part of what, and the (editorial) succession of programmes.

Documentary links (a citation states them) are drawn solid, editorial ones (the project's editors
assert them, with a rationale) dashed; every tooltip carries the quote or the rationale. Nothing is
dated that the graph does not date: a programme without a period or date is drawn apart, and says so.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.http import problems
from api.http.cache import cached
from api.rest.participations import key, slug
from api.rest.routing import run
from api.rest.shapes import natural_key
from api.store.contract import Solutions
from api.web import network_layout as layout
from api.web.network_page import PROGRAMME_COLOURS, View, render, select_state, view_state
from api.web.network_parts import quote_lines

router = APIRouter(prefix="/viz", tags=["visualisation"])

YEAR = 330  # units per year on the time axis
LANE = 120
RELATIONS = {  # relation: (legend label, colour)
    "partOf": ("is part of", "#4e79a7"),
    "succeeds": ("succeeds (programme)", "#7b3294"),
    "continuation": ("continues (action)", "#e15759"),
    "restsOn": ("rests on (scheme, initiative)", "#59a14f"),
    "continues": ("continues (initiative)", "#f28e2b"),
    "scalesUp": ("scales up (initiative)", "#edc948"),
}


@dataclass
class Link:
    relation: str
    source: str
    target: str
    sources: list[dict] = field(default_factory=list)  # {document, lines, quote} or {rationale}
    strength: str = ""
    via: set[str] = field(default_factory=set)  # actions or action lines a programme's link runs through
    name: str = ""  # of a continuation
    earlier: dict = field(default_factory=dict)  # of a continuation: {node, programme, notation, title, sources}
    later: dict = field(default_factory=dict)

    @property
    def editorial(self) -> bool:
        return any("rationale" in s for s in self.sources) and not any("quote" in s for s in self.sources)


@dataclass
class Programme:
    id: str
    name: str = ""
    short: str = ""
    period: str = ""
    date: str = ""
    start: float | None = None
    end: float | None = None


def source_of(row: dict) -> dict | None:
    if "quote" in row:
        return {"document": slug(key(row["doc"])), "lines": [int(row["first"].value), int(row["last"].value)],
                "quote": row["quote"].value}
    if "rationale" in row:
        return {"rationale": row["rationale"].value}
    return None


def read(rows: Solutions):
    programmes: dict[str, Programme] = {}
    links: dict[tuple[str, str, str], Link] = {}
    names: dict[str, str] = {}
    sides: dict[str, dict[str, dict]] = defaultdict(dict)
    continuations: dict[str, dict] = {}
    for row in rows.rows:
        part = row["part"].value
        item = key(row.get("item"))
        if part == "programme":
            p = programmes.setdefault(item, Programme(item))
            value = row.get("value")
            if value is not None and (value.language == "nl" or not p.name):
                p.name = value.value
            p.short = min(p.short or row["short"].value, row["short"].value, key=len) if "short" in row else p.short
            p.period = row["period"].value if "period" in row else p.period
            p.date = row["date"].value if "date" in row else p.date
            p.start = float(row["from"].value[:4]) if "from" in row else p.start
            p.end = float(row["to"].value[:4]) + 1 if "to" in row else p.end
        elif part in ("partOf", "succeeds", "restsOn", "initiative"):
            relation = slug(key(row["relation"])) if part == "initiative" else part
            relation = {"scalesup": "scalesUp"}.get(relation, relation)
            source = key(row["nodeProgramme"]) if part == "restsOn" and "nodeProgramme" in row else item
            link = links.setdefault((relation, source, key(row["node"])), Link(relation, source, key(row["node"])))
            if part == "restsOn" and source != item:
                link.via.add(item)
            if "strength" in row:
                link.strength = slug(key(row["strength"]))
            found = source_of(row)
            if found and found not in link.sources:
                link.sources.append(found)
            for term, name in (("node", "value"), ("item", "label")):  # the Dutch name, as the sources write it
                if name in row and (row[name].language == "nl" or key(row[term]) not in names):
                    names[key(row[term])] = row[name].value
        elif part == "continuation":
            entry = continuations.setdefault(item, {"name": "", "sources": []})
            value = row.get("value")
            if value is not None and (value.language == "nl" or not entry["name"]):
                entry["name"] = value.value
            found = source_of(row)
            if found and found not in entry["sources"]:
                entry["sources"].append(found)
        elif part == "side":
            side = sides[item].setdefault(row["side"].value, {"node": key(row["node"]), "sources": [],
                                                               "programme": key(row.get("nodeProgramme")),
                                                               "notation": row["notation"].value if "notation" in row else "",
                                                               "title": row["value"].value if "value" in row else ""})
            found = source_of(row)
            if found and found not in side["sources"]:
                side["sources"].append(found)
    for p in programmes.values():
        years = [int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b", p.period)]
        if p.start is None and years:
            p.start, p.end = float(years[0]), float(years[-1]) + 1
        if p.start is None and p.date:
            year, month = int(p.date[:4]), int(p.date[5:7]) if len(p.date) >= 7 else 1
            p.start = year + (month - 1) / 12
    for item, entry in continuations.items():
        earlier, later = sides[item].get("earlier"), sides[item].get("later")
        if earlier and later:
            link = Link("continuation", earlier["node"], later["node"], entry["sources"], name=entry["name"],
                        earlier=earlier, later=later)
            links[("continuation", earlier["node"], later["node"], item)] = link
    return programmes, list(links.values()), names


def quote_text(sources: list[dict], limit: int = 3) -> list[str]:
    """A link's sources for its tooltip: each quote as the other views give it, or the editors' rationale."""
    return [quote_lines([s])[0] if "quote" in s else f"Editorial: {s['rationale']}" for s in sources[:limit]]


def lineage(rows: Solutions) -> View:
    import networkx as nx

    programmes, links, names = read(rows)
    colours = {p: PROGRAMME_COLOURS[i % len(PROGRAMME_COLOURS)] for i, p in enumerate(sorted(programmes))}
    dated = sorted((p for p in programmes.values() if p.start is not None), key=lambda p: (p.start, p.id))
    first = int(min((p.start for p in dated), default=2018))
    last = int(max((p.end or p.start + 1 for p in dated), default=first + 1)) + 1
    graph = nx.MultiDiGraph()
    for year in range(first, last + 1):
        graph.add_node(f"year/{year}", label=str(year), shape="text", annotation=True, x=(year - first) * YEAR,
                       y=-LANE * 0.8, font={"size": 24, "color": "#666"}, title=f"{year}")

    def short(p: Programme) -> str:  # "LT" for langer-thuis, which has no abbreviation in the sources
        return p.short or "".join(w[0] for w in slug(p.id).split("-")).upper()

    # The abbreviation where a source gives one, or where the programme's actions are labelled with it.
    labelled = {side["programme"] for link in links if link.relation == "continuation" for side in (link.earlier, link.later)}

    def named(p: Programme) -> str:
        return f"{short(p)}  {p.name}" if p.short or p.id in labelled else p.name

    lanes: dict[str, int] = {}
    centre: dict[str, float] = {}
    parent_of = {link.source: link.target for link in links if link.relation == "partOf"}
    undated = [p for p in programmes.values() if p.start is None]
    lane = 0
    for p in undated:  # above the programmes that are part of it, else at the start
        lanes[p.id], lane = lane, lane + 1
    for p in dated:
        lanes[p.id], lane = lane, lane + 1
    for p in dated + undated:
        children = [programmes[c] for c, parent in parent_of.items() if parent == p.id and programmes.get(c)]
        children = [c for c in children if c.start is not None]
        if p.start is not None and p.end is not None:  # a stated period: a bar over it
            width = (p.end - p.start) * YEAR
            x = (p.start - first) * YEAR
            label, note = f"{named(p)}  {p.period}", ""
        elif p.start is not None:  # only a date: a box that starts there
            label, note = f"{short(p)}  {p.date or int(p.start)}", "\n(geen einddatum genoemd)"
            x, width = (p.start - first) * YEAR, layout.label_width(label, 23)
        else:  # neither: over the programmes that are part of it, else at the start
            x = ((min(c.start for c in children) if children else first) - first) * YEAR
            width = max([((c.end or c.start + 1) - c.start) * YEAR for c in children] or [YEAR])
            label, note = f"{named(p)}  (geen periode genoemd)", "\n(geen periode of datum in de bronnen)"
        centre[p.id] = x + width / 2
        graph.add_node(p.id, label=label, shape="box", annotation=True, x=round(x + width / 2, 1),
                       y=lanes[p.id] * LANE, kind="programme", url="/id/" + p.id,
                       widthConstraint={"minimum": width, "maximum": width}, search=f"{short(p)} {p.name}", name=p.name,
                       color={"background": colours[p.id], "border": "#333"} if p.start is not None
                       else {"background": "#f3f3f3", "border": "#999"},
                       font={"size": 20}, borderWidth=1 if p.start is not None else 2,
                       title=f"{p.name}\n{p.period or p.date or ''}{note}".strip(), facets={"programme": [slug(p.id)]})

    # Continued actions: a row under their programme, the earlier ones in number order, the later ones in
    # the order of their earlier counterpart (fewer crossings).
    continued = [link for link in links if link.relation == "continuation"]
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for link in sorted(continued, key=lambda l: natural_key(l.earlier["notation"] or l.source)):
        for side in (link.earlier, link.later):
            if all(s["node"] != side["node"] for s in rows_of[side["programme"]]):
                rows_of[side["programme"]].append(side)
    for programme, sides in rows_of.items():
        base = (programmes[programme].start - first) * YEAR if programme in programmes and programmes[programme].start is not None else 0
        for index, side in enumerate(sides):
            number = side["notation"] or f"lijn {slug(side['node']).rpartition('-')[2]}"  # an action line has no notation
            label = f"{short(programmes[programme]) if programme in programmes else ''} {number}"
            graph.add_node(side["node"], label=label.strip(), shape="box", needsEdge=True, kind="action",
                           x=round(base + 55 + index * 110, 1), y=lanes.get(programme, 0) * LANE + 52,
                           color={"background": "#fff", "border": colours.get(programme, "#999")}, borderWidth=2,
                           url="/id/" + side["node"], search=f"{label} {side['title']}"[:90], name=f"{label} {side['title']}",
                           title=f"{label}\n{side['title']}", font={"size": 18},
                           facets={"programme": [slug(programme)]})

    # Schemes and initiatives shared by programmes (or linked to one another): a lane at the bottom.
    used_by: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.relation == "restsOn" and link.source in programmes:
            used_by[link.target].add(link.source)
    shown_schemes = {s for s, users in used_by.items() if len(users) > 1}
    shown_schemes |= {n for link in links if link.relation in ("continues", "scalesUp") for n in (link.source, link.target)}
    def scheme_label(item: str) -> str:
        name = names.get(item, slug(item))
        return name if len(name) <= 34 else name[:32] + "…"

    placed = [layout.Party(s, layout.label_width(scheme_label(s), 19), 0, sorted(used_by.get(s, ())),
                           (-len(used_by.get(s, ())), s)) for s in sorted(shown_schemes)]
    bottom = (lane + 0.3) * LANE
    # Within the time axis; one used by no programme (linked to another initiative only) wants its middle.
    span = (0.0, (last - first) * YEAR)
    centre_of_axis = {"": span[1] / 2}
    for item in placed:
        item.actions = item.actions or [""]
    for row_number, row in enumerate(layout.pack(placed, {**centre, **centre_of_axis}, span)):
        for item, x in row:
            graph.add_node(item.id, label=scheme_label(item.id), shape="ellipse", kind="scheme",
                           x=round(x, 1), y=bottom + row_number * 52, needsEdge=True, url="/id/" + item.id,
                           color={"background": "#e8f3e4", "border": "#59a14f"}, font={"size": 19},
                           search=names.get(item.id, slug(item.id)),
                           title=f"{names.get(item.id, slug(item.id))}\nUsed by: "
                                 + ", ".join(short(programmes[p]) for p in sorted(used_by.get(item.id, ())) if p in programmes),
                           facets={"programme": sorted(slug(p) for p in used_by.get(item.id, ()))})

    for link in links:
        if link.source not in graph or link.target not in graph:
            continue
        add_link(graph, link, programmes, names)
    return View(name="lineage", title="Lineage", heading="From Langer Thuis to WOZO, IZA, GALA and TAZ",
                heading_lang="en", graph=graph, active="lineage", intro=INTRO, filters=filters(links), legend=legend())


INTRO = ("The programmes on a time axis (a bar for a stated period; a programme with only a date starts there; no "
         "end is invented). Lines show what continues from one to the next: solid where a document states it "
         "(hover for the quote), dashed where it is the editors' reading (hover for the rationale). Under a "
         "programme, side by side (not by date): its actions that continue; at the bottom: schemes and "
         "initiatives more than one programme rests on.")


def add_link(graph, link: Link, programmes: dict[str, Programme], names: dict[str, str]) -> None:
    label, colour = RELATIONS.get(link.relation, (link.relation, "#777"))
    editorial = link.editorial
    if link.relation == "continuation":
        lines = [f"Continuation: “{link.name}”", f"{link.earlier['notation']} “{link.earlier['title']}”",
                 f"→ {link.later['notation']} “{link.later['title']}”"]
        lines += quote_text(link.sources, 1) + quote_text(link.earlier["sources"], 1) + quote_text(link.later["sources"], 1)
    else:
        def name(n: str) -> str:
            return programmes[n].name if n in programmes else names.get(n, slug(n))
        verb = {"partOf": "is part of", "succeeds": "succeeds", "restsOn": "rests on",
                "continues": "continues", "scalesUp": "scales up"}.get(link.relation, link.relation)
        lines = [f"{name(link.source)} {verb} {name(link.target)}"]
        if link.via:
            lines.append("via " + ", ".join(sorted((slug(v) for v in link.via), key=natural_key)[:6]))
        if link.strength:
            lines.append(f"Strength of the evidence: {link.strength}")
        lines += quote_text(link.sources)
    # an arrow from the earlier to the later for succession; otherwise from the thing to what it rests on
    source, target = (link.target, link.source) if link.relation == "succeeds" else (link.source, link.target)
    graph.add_edge(source, target, role=link.relation, subject=link.source, flags=["editorial" if editorial else "documentary"],
                   color=colour, width=2.5 if link.relation in ("succeeds", "partOf") else 1.6,
                   dashes=[8, 6] if editorial else False, title="\n".join(lines),
                   arrows={"to": {"enabled": link.relation in ("succeeds", "continuation", "continues", "scalesUp"),
                                  "scaleFactor": 0.6}},
                   facets={"source": ["editorial" if editorial else "documentary"], "relation": [link.relation]})


def filters(links: list[Link]) -> list[dict]:
    relations = sorted({link.relation for link in links}, key=list(RELATIONS).index)
    return [
        {"key": "source", "label": "Stated by", "options": [
            {"value": "documentary", "label": "a document (quote)", "count": None},
            {"value": "editorial", "label": "the editors (rationale)", "count": None}]},
        {"key": "relation", "label": "Link", "options": [
            {"value": r, "label": RELATIONS.get(r, (r,))[0], "count": sum(1 for l in links if l.relation == r)}
            for r in relations]},
    ]


def legend() -> list[dict]:
    out: list[dict] = [{"heading": "Links:"}]
    out += [{"role": relation, "label": label, "color": colour, "width": 2} for relation, (label, colour) in RELATIONS.items()]
    out += [{"edgeFlag": "documentary", "label": "stated in a document", "color": "#333", "width": 2},
            {"edgeFlag": "editorial", "label": "editorial reading", "color": "#333", "width": 2, "dashes": [8, 6]},
            {"heading": "Nodes:"}, {"kind": "programme", "label": "programme or agreement", "shape": "box", "color": "#ccc"},
            {"kind": "action", "label": "action that continues", "shape": "box", "color": "#fff"},
            {"kind": "scheme", "label": "scheme or initiative", "color": "#e8f3e4"}]
    return out


@router.get("/lineage", response_class=HTMLResponse, summary="Lineage: the programmes on a time axis and what "
            "continues from one to the next", responses=problems.responses(422, 503),
            openapi_extra={"parameters": [
                {"name": "source", "in": "query", "required": False, "schema": {"type": "string", "enum": ["documentary", "editorial"]},
                 "description": "only links stated by a document, or only the editors' readings"},
                {"name": "relation", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "only links of this kind (the Link filter's value)"},
                {"name": "find", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "the Find box's text: the node found is selected with its neighbours and centred"}]})
def lineage_page(request: Request) -> Response:
    state: dict = {}
    if request.query_params:  # the filters' values, checked against what they can take
        state, refusal = view_state(request, lineage(run(request, "lineage-network")).filters)
        if refusal is not None:
            return refusal

    def compute() -> bytes:
        view = lineage(run(request, "lineage-network"))
        select_state(view, state)
        return render(view).encode()
    return HTMLResponse(cached(request, compute))
