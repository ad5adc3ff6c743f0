"""The class diagram of /ontology: the ltkg: classes as boxes; subclass links, object properties (domain ->
range) and the links the SHACL shapes require (sh:targetClass, sh:path, sh:class) as arrows; laid out in
layers with networkx (longest-path layers, barycentre order) and drawn as SVG text on the server, so the page
needs no script and no Graphviz. Classes with no arrow stand in a row below."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import networkx as nx
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH, SKOS

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 156, 40, 150, 22, 20
PREFIXES = {"http://www.w3.org/ns/prov#": "prov", "http://www.w3.org/2004/02/skos/core#": "skos",
            "http://purl.org/dc/terms/": "dcterms", "http://www.w3.org/ns/org#": "org"}


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    label: str  # the property's local name; "" for a subclass link
    subclass: bool


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _curie(iri: URIRef, namespace: str) -> str:
    if str(iri).startswith(namespace):
        return "ltkg:" + _local(iri)
    for base, prefix in PREFIXES.items():
        if str(iri).startswith(base):
            return f"{prefix}:{str(iri)[len(base):]}"
    return _local(iri)


def arrows(graph: Graph, namespace: str) -> tuple[dict[str, str], list[Arrow]]:
    """The classes of the namespace (local name -> English label) and the arrows between them."""
    classes = {_local(c): str(graph.value(c, SKOS.prefLabel) or _local(c)) for c in graph.subjects(RDF.type, OWL.Class)
               if str(c).startswith(namespace)}
    for c in graph.subjects(RDF.type, OWL.Class):
        for label in graph.objects(c, SKOS.prefLabel):
            if str(c).startswith(namespace) and getattr(label, "language", None) == "en":
                classes[_local(c)] = str(label)
    found: set[Arrow] = set()
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if _local(sub) in classes and str(sup).startswith(namespace) and _local(sup) in classes:
            found.add(Arrow(_local(sub), _local(sup), "", True))
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        for domain in graph.objects(prop, RDFS.domain):
            for range_ in graph.objects(prop, RDFS.range):
                if str(domain).startswith(namespace) and str(range_).startswith(namespace) \
                        and _local(domain) in classes and _local(range_) in classes and domain != range_:
                    found.add(Arrow(_local(domain), _local(range_), _curie(prop, namespace), False))
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        for target in graph.objects(shape, SH.targetClass):
            for spec in graph.objects(shape, SH.property):
                path, kind = graph.value(spec, SH.path), graph.value(spec, SH["class"])
                if isinstance(path, URIRef) and kind is not None and _local(target) in classes \
                        and str(kind).startswith(namespace) and _local(kind) in classes and kind != target:
                    found.add(Arrow(_local(target), _local(kind), _curie(path, namespace), False))
    return classes, sorted(found, key=lambda a: (a.source, a.target, a.label))


def _layers(nodes: list[str], links: list[Arrow]) -> list[list[str]]:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for a in links:  # an edge that would close a cycle is left out of the layering, not out of the drawing
        if not nx.has_path(graph, a.target, a.source):
            graph.add_edge(a.source, a.target)
    layers = [sorted(layer) for layer in nx.topological_generations(graph)]
    position = {n: i for layer in layers for i, n in enumerate(layer)}
    for _ in range(3):  # order each layer by the mean position of its neighbours in the layer before
        for k in range(1, len(layers)):
            def centre(n: str) -> float:
                near = [position[p] for p in graph.predecessors(n)]
                return sum(near) / len(near) if near else position[n]
            layers[k].sort(key=lambda n: (centre(n), n))
            position.update({n: i for i, n in enumerate(layers[k])})
    return layers


def svg(graph: Graph, namespace: str) -> str:
    classes, links = arrows(graph, namespace)
    linked = sorted({a.source for a in links} | {a.target for a in links})
    alone = sorted(set(classes) - set(linked))
    layers = _layers(linked, links)
    tallest = max(len(layer) for layer in layers)
    width = MARGIN * 2 + len(layers) * (BOX_W + GAP_X) - GAP_X
    per_row = max(1, (width - MARGIN * 2 + 12) // (BOX_W + 12))
    rows = -(-len(alone) // per_row)
    top_of_row = MARGIN + tallest * (BOX_H + GAP_Y) + 24
    height = top_of_row + rows * (BOX_H + 12) + MARGIN
    place: dict[str, tuple[float, float]] = {}
    for k, layer in enumerate(layers):
        offset = (tallest - len(layer)) * (BOX_H + GAP_Y) / 2
        for i, name in enumerate(layer):
            place[name] = (MARGIN + k * (BOX_W + GAP_X), MARGIN + offset + i * (BOX_H + GAP_Y))
    for i, name in enumerate(alone):
        place[name] = (MARGIN + (i % per_row) * (BOX_W + 12), top_of_row + (i // per_row) * (BOX_H + 12))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="class-diagram" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="group" aria-labelledby="diagram-title">',  # its boxes are links
             '<title id="diagram-title">Class diagram: classes, subclass links (dashed) and object properties</title>',
             '<style>text{font:12px system-ui,sans-serif;fill:#1d1d1f}.curie{font-size:10px;fill:#5f6368}'
             '.prop{font-size:10px;fill:#1a56a8;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6368"/></marker>'
             '<marker id="super" viewBox="0 0 12 12" refX="12" refY="6" markerWidth="11" markerHeight="11" '
             'orient="auto-start-reverse"><path d="M0,0 L12,6 L0,12 z" fill="#fff" stroke="#14325c"/></marker></defs>']
    labels: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    fan = {source: [a for a in links if a.source == source] for source in {a.source for a in links}}
    for a in links:
        (x1, y1), (x2, y2) = place[a.source], place[a.target]
        n = seen.get((a.source, a.target), 0)
        seen[(a.source, a.target)] = n + 1
        if x2 > x1:
            start, end = (x1 + BOX_W, y1 + BOX_H / 2), (x2, y2 + BOX_H / 2)
        elif x2 < x1:
            start, end = (x1, y1 + BOX_H / 2), (x2 + BOX_W, y2 + BOX_H / 2)
        else:
            start, end = (x1 + BOX_W / 2, y1 + (BOX_H if y2 > y1 else 0)), (x2 + BOX_W / 2, y2 + (0 if y2 > y1 else BOX_H))
        style = 'stroke="#14325c" stroke-dasharray="5 3" marker-end="url(#super)"' if a.subclass \
            else 'stroke="#9aa0a6" marker-end="url(#arrow)"'
        parts.append(f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" {style}>'
                     f'<title>{escape(a.source)} {escape(a.label or "subClassOf")} {escape(a.target)}</title></line>')
        if a.label:
            siblings = fan[a.source]  # labels of arrows that leave one box spread along their lines
            t = 0.5 if len(siblings) == 1 else 0.3 + 0.45 * siblings.index(a) / (len(siblings) - 1)
            mx, my = start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]) - 3 + n * 11
            labels.append(f'<text class="prop" x="{mx:.0f}" y="{my:.0f}" text-anchor="middle">{escape(a.label)}</text>')
    for name, (x, y) in sorted(place.items()):
        parts.append(f'<a href="#{escape(name)}"><rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="5" '
                     f'fill="#eef3fb" stroke="#14325c"/><text x="{x + BOX_W / 2:.0f}" y="{y + 17:.0f}" '
                     f'text-anchor="middle" class="cls">{escape(classes[name])}</text><text x="{x + BOX_W / 2:.0f}" '
                     f'y="{y + 31:.0f}" text-anchor="middle" class="curie">ltkg:{escape(name)}</text></a>')
    parts.extend(labels)
    parts.append("</svg>")
    return "\n".join(parts)
