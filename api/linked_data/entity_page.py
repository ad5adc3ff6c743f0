"""The HTML page of an entity (Wikidata-style): every statement, outgoing and incoming, with its sources."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.http import frame
from api.http.negotiation import FORMAT_NAMES, FORMATS, HTML
from api.linked_data.cite import citation
from api.linked_data.rdf import DCT, FOAF, L, ORG, OWL, PROV, RDF, RDF_TYPE, RDFS, SKOS, XSD, curie, local_path
from api.rest.shapes import best_label, natural_key
from api.store.contract import Term
from graph.ns import GRAPH_ONTOLOGY, GRAPH_PROVENANCE, ID, SCHEMA
from graph.registers import outside_label
from graph.version import BuildVersion

MAX_VALUES = 250  # values shown per property on a page; the rest are counted
MAX_SOURCES = 3  # sources shown per value before the rest fold away
MAX_QUOTE = 500  # characters of a quote shown on a page

# Labels of the external terms the graph uses (the ontology labels its own terms).
TERM_LABELS = {
    RDF_TYPE: ("type", "type"),
    SKOS + "prefLabel": ("name", "naam"),
    SKOS + "altLabel": ("also written as", "ook geschreven als"),
    SKOS + "notation": ("notation", "notatie"),
    SKOS + "inScheme": ("in scheme", "in schema"),
    SKOS + "related": ("related", "gerelateerd"),
    DCT + "title": ("title", "titel"),
    DCT + "source": ("source document", "brondocument"),
    DCT + "issued": ("issued", "uitgegeven"),
    DCT + "date": ("date", "datum"),
    DCT + "description": ("description", "beschrijving"),
    DCT + "isPartOf": ("part of", "onderdeel van"),
    DCT + "creator": ("creator", "maker"),
    DCT + "publisher": ("publisher", "uitgever"),
    DCT + "audience": ("audience", "doelgroep"),
    DCT + "isReferencedBy": ("referenced by", "genoemd in"),
    RDFS + "comment": ("comment", "toelichting"),
    RDFS + "subClassOf": ("subclass of", "subklasse van"),
    RDFS + "subPropertyOf": ("subproperty of", "subeigenschap van"),
    RDFS + "domain": ("domain", "domein"),
    RDFS + "range": ("range", "bereik"),
    OWL + "versionInfo": ("version", "versie"),
    PROV + "qualifiedAssociation": ("qualified participation", "gekwalificeerde betrokkenheid"),
    PROV + "agent": ("agent", "partij"),
    PROV + "hadRole": ("role", "rol"),
    PROV + "wasAttributedTo": ("attributed to", "toegeschreven aan"),
    PROV + "wasDerivedFrom": ("derived from", "afgeleid van"),
    ORG + "classification": ("classification", "soort"),
    ORG + "hasMember": ("member", "lid"),
    ORG + "subOrganizationOf": ("part of organisation", "onderdeel van organisatie"),
    FOAF + "name": ("name", "naam"),
    FOAF + "page": ("web page", "webpagina"),
    SCHEMA + "sameAs": ("same as", "zelfde als"),
    DCT + "identifier": ("identifier", "identificatie"),
    DCT + "license": ("licence", "licentie"),
}
# Properties shown first, in this order; the rest follow by label.
ORDER = [RDF_TYPE, SKOS + "prefLabel", DCT + "title", SKOS + "notation", L + "number", L + "programme",
         L + "actionLine", L + "goal", L + "milestone", L + "milestoneText", L + "date", L + "lead", L + "partner",
         L + "responsible", L + "involved", SKOS + "altLabel", ORG + "classification", SCHEMA + "sameAs",
         FOAF + "page", DCT + "identifier"]
LABEL_RANK = {SKOS + "prefLabel": 0, DCT + "title": 1, RDFS + "label": 2, FOAF + "name": 3,  # names,
              L + "milestoneText": 4, L + "statement": 5, L + "quote": 6, L + "rationale": 7}  # else texts
MAX_LABEL = 160  # characters of a label shown in a link
LANG_RANK = {"nl": 0, "": 1, "en": 2}


# -- the HTML page ------------------------------------------------------------------------------------
@dataclass
class Labels:
    """Labels of terms from entity-labels.rq: term -> [(property, literal)]."""

    found: dict[str, list[tuple[str, ox.Literal]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, term: str, prop: str, label: ox.Literal) -> None:
        self.found[term].append((prop, label))

    def best(self, term: str, langs: tuple[str, ...] = ("nl", "", "en")) -> str | None:
        candidates = [(LABEL_RANK.get(prop, 9), langs.index(lit.language or "") if (lit.language or "") in langs
                       else 9, lit.value) for prop, lit in self.found.get(term, []) if prop in LABEL_RANK]
        candidates = [c for c in candidates if c[1] < 9]
        if not candidates:
            return None
        label = min(candidates)[2]
        return label if len(label) <= MAX_LABEL else label[:MAX_LABEL].rstrip() + " …"

    def notation(self, term: str) -> str | None:
        values = sorted(lit.value for prop, lit in self.found.get(term, []) if prop == SKOS + "notation")
        return values[0] if values else None


def term_view(iri: str, labels: Labels, english: bool = False) -> dict:
    """A term to show: its label (Dutch for entities, English for vocabulary), CURIE and local link."""
    known = TERM_LABELS.get(iri)
    if english:
        label = labels.best(iri, ("en", "")) or (known[0] if known else None)
        other = labels.best(iri, ("nl",)) or (known[1] if known else None)
    else:
        label = labels.best(iri) or (known[1] if known else None)
        other = labels.best(iri, ("en",))
    name = curie(iri)
    return {"iri": iri, "href": local_path(iri), "label": label or (name if name != iri else _short(iri)),
            "other": other if other and other != label else None, "curie": name if name != iri else None,
            "notation": labels.notation(iri) if iri.startswith(ID) else None}


def _short(iri: str) -> str:
    """An external IRI as plain text without its scheme (the pages link outside this server only to the
    registers of graph/registers.py)."""
    return re.sub(r"^[a-z]+://", "", iri)


def value_view(term: Term, labels: Labels) -> dict:
    if isinstance(term, ox.NamedNode):
        outside = outside_label(term.value)
        if outside is not None:  # TOOI, Wikidata, LiDO, wetten.overheid.nl: an ordinary link to the register
            return {"kind": "iri", "iri": term.value, "href": term.value, "label": outside, "other": None,
                    "curie": None, "notation": None, "outside": True}
        return {"kind": "iri", **term_view(term.value, labels, english=term.value.startswith(L))}
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        shown = None if datatype in (XSD + "string", RDF + "langString") else curie(datatype)
        return {"kind": "literal", "text": term.value, "lang": term.language, "datatype": shown}
    return {"kind": "bnode", "text": str(term)}


def _describe(rows: list[dict]) -> dict[str, dict[str, list[Term]]]:
    """Descriptions of graphs and their evidence: subject -> property -> values."""
    out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        values = out[row["s"].value][row["p"].value]
        if row["o"] not in values:
            values.append(row["o"])
    return out


def source_view(graph: str, descriptions: dict, labels: Labels) -> dict:
    """What a graph name says about the statements it holds: a citation, an editorial assertion, ..."""
    desc = descriptions.get(graph, {})
    types = {t.value for t in desc.get(RDF_TYPE, [])}

    def one(prop: str) -> str | None:
        values = desc.get(prop, [])
        return values[0].value if values else None

    if L + "Citation" in types:
        doc = one(DCT + "source") or ""
        slug = doc.rpartition("/")[2]
        first, last = int(one(L + "firstLine") or 0), int(one(L + "lastLine") or 0)
        quote = one(L + "quote") or ""
        return {"kind": "citation", "iri": graph, "page": local_path(graph), "document": slug,
                "title": labels.best(doc) or slug, "doc_page": local_path(doc), "first": first, "last": last,
                "quote": quote if len(quote) <= MAX_QUOTE else quote[:MAX_QUOTE].rstrip() + " …",
                "href": f"/sources/{slug}.html?lines={first}-{last}#L{first}",
                "sort": (0, slug, first, last)}
    if L + "EditorialAssertion" in types:
        rationale = [t for t in desc.get(L + "rationale", []) if isinstance(t, ox.Literal)]
        evidence = [source_view(e.value, descriptions, labels) for e in desc.get(PROV + "wasDerivedFrom", [])]
        return {"kind": "editorial", "iri": graph, "page": local_path(graph),
                "rationale": best_label(rationale) or "", "slug": graph.rpartition("/")[2],
                "evidence": sorted(evidence, key=lambda s: s["sort"]), "sort": (1, graph, 0, 0)}
    if L + "RegisterSnapshot" in types:  # what a register link derives from (graph/registers.py)
        return {"kind": "register", "iri": graph, "page": local_path(graph), "title": one(DCT + "title") or graph,
                "issued": one(DCT + "issued"), "sort": (0, graph, 0, 0)}
    if graph == str(GRAPH_ONTOLOGY):
        return {"kind": "ontology", "iri": graph, "page": "/def/", "sort": (2, graph, 0, 0)}
    if graph == str(GRAPH_PROVENANCE):
        return {"kind": "record", "iri": graph, "sort": (3, graph, 0, 0)}
    return {"kind": "graph", "iri": graph, "page": local_path(graph), "sort": (4, graph, 0, 0)}


def _groups(pairs: dict[str, dict[Term, list[str]]], labels: Labels, descriptions: dict,
            extras: dict[str, str] | None = None) -> list[dict]:
    """Statements by property: [{property, items: [{value, sources, more}], hidden}] in display order."""
    groups = []
    for prop, values in pairs.items():
        items = []
        for term, graphs in values.items():
            sources = sorted((source_view(g, descriptions, labels) for g in set(graphs)), key=lambda s: s["sort"])
            view = value_view(term, labels)
            items.append({"value": view, "sources": sources[:MAX_SOURCES], "more": sources[MAX_SOURCES:],
                          "extra": (extras or {}).get(term.value) if isinstance(term, ox.NamedNode) else None,
                          "sort": _value_key(term, view)})
        items.sort(key=lambda item: item["sort"])
        groups.append({"property": term_view(prop, labels, english=True), "items": items[:MAX_VALUES],
                       "hidden": max(0, len(items) - MAX_VALUES), "count": len(items),
                       "editorial": all(s["kind"] == "editorial" for i in items for s in i["sources"] + i["more"])})
    order = {prop: index for index, prop in enumerate(ORDER)}
    groups.sort(key=lambda g: (order.get(g["property"]["iri"], len(ORDER)), g["property"]["label"].casefold()))
    return groups


def _value_key(term: Term, view: dict) -> tuple:
    if isinstance(term, ox.Literal):
        return (0, LANG_RANK.get(term.language or "", 3), natural_key(term.value))
    if term.value.startswith(ID):
        return (1, natural_key(term.value), "")
    return (2, natural_key(view.get("label")), "")


def render_page(iri: str, statements: list[dict], provenance: list[dict], label_rows: list[dict],
                path: str, version: BuildVersion | None = None, supported: dict | None = None) -> bytes:
    """The page; for a citation, `supported` holds the statements of its graph and the editorial assertions
    resting on it (from the build's search index, api/search/engine.py: facts and derived)."""
    labels = Labels()
    for row in label_rows:
        labels.add(row["term"].value, row["property"].value, row["label"])
    descriptions = _describe(provenance)
    outgoing: dict[str, dict[Term, list[str]]] = defaultdict(lambda: defaultdict(list))
    incoming: dict[str, dict[Term, list[str]]] = defaultdict(lambda: defaultdict(list))
    qualified: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in statements:
        direction, prop, graph = row["direction"].value, row["p"].value, row["g"].value
        if direction == "out":
            outgoing[prop][row["o"]].append(graph)
        elif direction == "in":
            incoming[prop][row["s"]].append(graph)
        elif isinstance(row["o"], ox.NamedNode):
            qualified[row["s"].value][prop].append(row["o"].value)
    # A qualified participation reads "party — role".
    extras = {}
    for node, props in qualified.items():
        agents = [term_view(a, labels)["label"] for a in sorted(set(props.get(PROV + "agent", [])))]
        roles = [term_view(r, labels, english=True)["label"] for r in sorted(set(props.get(PROV + "hadRole", [])))]
        if agents or roles:
            extras[node] = " — ".join(filter(None, [", ".join(agents), ", ".join(roles)]))
    kind, _, slug = (iri[len(ID):] if iri.startswith(ID) else "def/" + iri[len(L):]).partition("/")
    types = [{**term_view(t.value, labels, english=True),  # an ontology class links its place on /ontology
              "anchor": t.value[len(L):] if t.value.startswith(L) else None}
             for t in outgoing.get(RDF_TYPE, {}) if isinstance(t, ox.NamedNode)]
    nl = labels.best(iri, ("nl", ""))
    en = labels.best(iri, ("en",))
    if kind == "def":
        nl, en = labels.best(iri, ("nl",)), labels.best(iri, ("en", "")) or slug
    title = nl or en or f"{kind}/{slug}"
    out_groups = _groups(outgoing, labels, descriptions, extras)
    in_groups = _groups(incoming, labels, descriptions)
    n_out = sum(len(v) for v in outgoing.values())
    n_in = sum(len(v) for v in incoming.values())
    cited = _cited_lines(kind, outgoing, out_groups, labels)
    cite = citation(title, iri, "ontology term" if kind == "def" else kind, version, cited)
    page = frame.render(
        "entity.html", active="ontology" if kind == "def" else None, iri=iri, path=path, kind=kind, slug=slug, title=title, title_en=en if en != title else None,
        title_nl=nl, types=sorted(types, key=lambda t: t["label"].casefold()),
        notation=labels.notation(iri), out_groups=out_groups, in_groups=in_groups, n_out=n_out, n_in=n_in,
        formats=[(name, FORMAT_NAMES[m]) for name, m in FORMATS.items() if m != HTML],
        is_term=kind == "def", id_path=local_path(iri), term_curie=curie(iri), cite=cite, supported=supported,
    )
    return page.encode("utf-8")


def _cited_lines(kind: str, outgoing: dict, groups: list[dict], labels: Labels) -> list[tuple[str, int, int]]:
    """(document title, first, last) the page's thing rests on: a citation's own lines, else the lines its
    statements cite."""
    if kind == "citation":
        def one(prop: str) -> Term | None:
            values = list(outgoing.get(prop, {}))
            return values[0] if values else None
        doc, first, last = one(DCT + "source"), one(L + "firstLine"), one(L + "lastLine")
        if doc is None or first is None or last is None:
            return []
        return [(labels.best(doc.value) or doc.value.rpartition("/")[2], int(first.value), int(last.value))]
    found = []
    for group in groups:
        for item in group["items"]:
            for source in item["sources"] + item["more"]:
                for s in [source] + source.get("evidence", []):
                    if s["kind"] == "citation":
                        found.append((s["title"], s["first"], s["last"]))
    return found
