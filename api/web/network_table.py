"""A network view as a table (WCAG 1.1.1: the picture is a canvas): every node that has a kind, with its name,
kind (and what the picture tells by colour or ring: community, bridging programmes), programmes and links (role or relation, the other end), built from the same networkx graph the picture
is drawn from. Edge ids are those of network_page.vis_data (`e{number}` in the graph's order), so that
network.js shows and hides rows and links by the same filters as the picture.
"""
from __future__ import annotations

from collections import defaultdict

from api.rest.participations import slug
from api.rest.shapes import natural_key

KINDS = {"action": "action", "party": "party", "programme": "programme", "scheme": "scheme or initiative",
         "actionline": "action line"}


def node_name(data: dict) -> str:
    """The node's full name (a label in the picture may be cut short)."""
    return data.get("name") or data.get("search") or str(data.get("label", ""))


def kind_of(data: dict, flags: dict[str, str]) -> str:
    """"party (community 2; bridges programmes)": the kind, and what the picture tells by colour or ring."""
    kind = data["kind"].partition(":")[0]
    name = "collective party" if kind == "party" and data.get("shape") == "diamond" else KINDS.get(kind, kind)
    marks = [flags[f] for f in data.get("flags") or [] if f in flags]
    return f"{name} ({'; '.join(marks)})" if marks else name


def table(graph, legend: list[dict], filters: list[dict]) -> dict:
    """{rows: [{id, name, url, kind, programmes, links: [{edge, out, role, lang, other, url, editorial}]}]}."""
    roles = {entry["role"]: entry for entry in legend if "role" in entry}
    flags = {entry["flag"]: entry["label"] for entry in legend if "flag" in entry}
    programme_names = {o["value"]: o["label"] for f in filters if f["key"] == "programme" for o in f["options"]}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "programme":
            programme_names.setdefault(slug(node), node_name(data))
    shown = {node for node, data in graph.nodes(data=True) if data.get("kind")}
    links: dict[str, list[dict]] = defaultdict(list)
    around: dict[str, set[str]] = defaultdict(set)  # programmes of a node's neighbours (a party has none)
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        role = roles.get(data.get("role"), {})
        subject = data.get("subject", source)  # what the relation is said of (the picture may point the other way)
        for here, there in ((source, target), (target, source)):
            other = graph.nodes[there]
            links[here].append({"edge": f"e{number}", "out": here == subject, "role": role.get("label", data.get("role", "")),
                                "lang": role.get("lang"), "other": node_name(other), "url": other.get("url"),
                                "editorial": "editorial" in (data.get("flags") or [])})
            around[here] |= set((other.get("facets") or {}).get("programme", []))
    rows = []
    for node, data in graph.nodes(data=True):
        if node not in shown:
            continue
        own = (data.get("facets") or {}).get("programme") or sorted(around[node])
        rows.append({"id": node, "name": node_name(data), "url": data.get("url"), "kind": kind_of(data, flags),
                     "programmes": ", ".join(programme_names.get(p, p) for p in own),
                     "links": sorted(links[node], key=lambda l: (l["role"], l["other"].casefold()))})
    rows.sort(key=lambda r: natural_key(r["name"].casefold()))
    return {"rows": rows}
