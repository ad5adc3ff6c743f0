"""The dataset as a whole: its VoID and DCAT description (the downloads are downloads.py's).

    GET /.well-known/void, /dataset    the description: Turtle (default), JSON-LD, N-Triples or HTML, by Accept
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import frame, problems
from api.http.negotiation import CSV, FORMATS, HTML, JSON_LD, N_TRIPLES, TURTLE, media_type, negotiate
from api.linked_data.downloads import DOWNLOADS, dump_file, file_cache, slug_of, store_version
from api.http.version import build_version
from api.linked_data.rdf import DCAT, FOAF, OWL, RDF_PREFIXES, SPDX, VOID, XSD, curie, local_path, serialize
from api.rest.routing import answers, format_parameter, parameters, run
from api.rest.shapes import best_label
from graph.ns import BASE, ID, LICENCE, LICENCE_NAME, LTKG

router = APIRouter(tags=["dataset"])
IANA = "https://www.iana.org/assignments/media-types/"

# -- the description (VoID, DCAT) ---------------------------------------------------------------------
DESCRIPTION_IRI = BASE + "dataset"
DATASET_IRI = DESCRIPTION_IRI + "#ltkg"
SPARQL_IRI = BASE + "sparql"
EXAMPLES = ["action/langer-thuis-2.6", "party/vws", "programme/langer-thuis", "programme/wozo"]
TITLE = {"en": "Langer Thuis knowledge graph", "nl": "Kennisgraaf Langer Thuis"}
DESCRIPTION = {
    "en": "Dutch policy for older people living at home: the Langer Thuis programme (2018-2021) and its "
          "successors WOZO, IZA, GALA and TAZ; their action lines, goals, actions, milestones, the parties that "
          "lead or take part in them, regulations, regions and results. Every triple sits in a named graph that "
          "is its provenance: a citation (a verbatim quote from a line range of a public source document) or an "
          "editorial assertion of the project's editors, with its rationale.",
    "nl": "Beleid voor ouderen die langer thuis wonen: het programma Langer Thuis (2018-2021) en zijn opvolgers "
          "WOZO, IZA, GALA en TAZ; actielijnen, doelen, acties, mijlpalen, trekkers en betrokken partijen, "
          "regelingen, regio's en resultaten. Elke triple staat in een benoemde graaf die zijn herkomst is: een "
          "citaat uit een openbaar brondocument (regels en letterlijke tekst) of een redactionele bewering.",
}
RIGHTS = ("The editors dedicate this dataset to the public domain under CC0 1.0, as the Dutch government does with "
          "its own registers (TOOI, the register of government organisations) and as Wikidata requires of what it "
          "takes in, so that it can be joined and re-published without conditions. The quotes it holds are from "
          "public Dutch government publications, which the Auteurswet (article 15b) lets anyone reuse. Citing the "
          "dataset (CITATION.cff) is asked, not required. The software that builds and serves it is licensed "
          "EUPL-1.2 (pyproject.toml).")
# The Dutch DCAT profile (DCAT-AP-NL) asks more than DCAT: a publisher, a contact point, themes from the EU's data
# themes, access rights. The publisher is the editors' agent of the provenance graph (graph/kg.py, EDITORS).
PUBLISHER = {"iri": ID + "agent/ltkg-editors", "name": "Editors of the Langer Thuis knowledge graph"}
THEMES = {  # dcat:theme: the EU's data themes (DCAT-AP), and the Dutch government's own list (OWMS, DCAT-AP-DONL)
    "http://publications.europa.eu/resource/authority/data-theme/HEAL": "Health",
    "http://publications.europa.eu/resource/authority/data-theme/SOCI": "Population and society",
    "http://publications.europa.eu/resource/authority/data-theme/GOVE": "Government and public sector",
    "http://standaarden.overheid.nl/owms/terms/Zorg_en_gezondheid": "Zorg en gezondheid",
}
ACCESS_RIGHTS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
SPATIAL = "http://publications.europa.eu/resource/authority/country/NLD"
VCARD = "http://www.w3.org/2006/vcard/ns#"
VOCABULARIES = {  # namespace: name, for void:vocabulary (those the data use)
    str(LTKG): "Langer Thuis ontology (ltkg)",
    "http://www.w3.org/ns/org#": "W3C Organization Ontology (org)",
    "http://www.w3.org/ns/prov#": "W3C PROV-O (prov)",
    "http://www.w3.org/2004/02/skos/core#": "SKOS (skos)",
    "http://purl.org/dc/terms/": "DCMI Metadata Terms (dcterms)",
    FOAF: "FOAF (foaf)",
    "http://www.w3.org/2000/01/rdf-schema#": "RDF Schema (rdfs)",
    "http://www.w3.org/2002/07/owl#": "OWL (owl)",
}
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_n(XSD + "integer"))


def description(request: Request) -> dict:
    """What the VoID/DCAT description says, as plain values (for the RDF and the HTML)."""
    stats = run(request, "dataset-statistics").rows
    counts = {name: int(term.value) for name, term in (stats[0] if stats else {}).items()}
    classes = [(row["class"].value, int(row["entities"].value)) for row in run(request, "dataset-classes").rows]
    properties = [(row["property"].value, int(row["triples"].value))
                  for row in run(request, "dataset-properties").rows]
    documents: dict[str, dict] = {}
    for row in run(request, "dataset-documents").rows:
        doc = documents.setdefault(row["document"].value, {"iri": row["document"].value, "titles": [],
                                                            "file": None, "issued": None})
        if "title" in row:
            doc["titles"].append(row["title"])
        if "fileName" in row:
            doc["file"] = row["fileName"].value
        if "issued" in row:
            doc["issued"] = row["issued"]
    for row in run(request, "dataset-accounting").rows:  # graph/accounting.py: figures and names per document
        if row["document"].value in documents:
            documents[row["document"].value]["accounting"] = {
                name: int(term.value) for name, term in row.items() if name != "document"}
    for doc in documents.values():
        doc["title"] = best_label(doc["titles"]) or slug_of(ox.NamedNode(doc["iri"]))
        doc["slug"] = slug_of(ox.NamedNode(doc["iri"]))
    used = {iri for iri, _ in properties} | {iri for iri, _ in classes}
    vocabularies = [ns for ns in VOCABULARIES if any(term.startswith(ns) for term in used)]
    modified = None
    found = build_version(request)
    dump = dump_file(request)
    if found is not None:
        modified = datetime.fromisoformat(found.built.replace("Z", "+00:00"))
    elif dump is not None:
        modified = datetime.fromtimestamp(dump.stat().st_mtime, timezone.utc).replace(microsecond=0)
    return {"counts": counts, "classes": classes, "properties": properties,
            "documents": sorted(documents.values(), key=lambda d: d["iri"]),
            "vocabularies": vocabularies, "modified": modified, "version": found}


def _fragment(iri: str) -> str:
    """A stable fragment for a partition of a class or property: its CURIE, e.g. ltkg-Action."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", curie(iri)).strip("-")


def void_triples(info: dict) -> list[ox.Triple]:
    """The VoID and DCAT description of the dataset."""
    out: list[ox.Triple] = []
    dataset, doc = _n(DATASET_IRI), _n(DESCRIPTION_IRI)
    dct, void, dcat = "http://purl.org/dc/terms/", VOID, DCAT

    def add(s, p: str, o) -> None:
        out.append(ox.Triple(s, _n(p), o))

    add(doc, RDF_TYPE.value, _n(void + "DatasetDescription"))
    add(doc, dct + "title", ox.Literal("Description of the Langer Thuis knowledge graph", language="en"))
    add(doc, FOAF + "primaryTopic", dataset)
    for cls in ("void:Dataset", "dcat:Dataset"):
        prefix, local = cls.split(":")
        add(dataset, RDF_TYPE.value, _n(RDF_PREFIXES[prefix] + local))
    for lang, text in TITLE.items():
        add(dataset, dct + "title", ox.Literal(text, language=lang))
    for lang, text in DESCRIPTION.items():
        add(dataset, dct + "description", ox.Literal(text, language=lang))
    add(dataset, dct + "rights", ox.Literal(RIGHTS, language="en"))
    add(dataset, dct + "license", _n(LICENCE))
    add(dataset, dct + "accessRights", _n(ACCESS_RIGHTS))
    add(dataset, dct + "identifier", ox.Literal(DATASET_IRI))
    add(dataset, dct + "spatial", _n(SPATIAL))
    publisher = _n(PUBLISHER["iri"])
    add(dataset, dct + "publisher", publisher)
    add(publisher, RDF_TYPE.value, _n(FOAF + "Agent"))
    add(publisher, FOAF + "name", ox.Literal(PUBLISHER["name"], language="en"))
    contact = _n(DESCRIPTION_IRI + "#contact")
    add(dataset, dcat + "contactPoint", contact)
    add(contact, RDF_TYPE.value, _n(VCARD + "Organization"))
    add(contact, VCARD + "fn", ox.Literal(PUBLISHER["name"], language="en"))
    add(contact, VCARD + "hasURL", _n(BASE))
    for theme in THEMES:
        add(dataset, dcat + "theme", _n(theme))
    for lang in ("nl", "en"):
        add(dataset, dct + "language", _n(f"http://id.loc.gov/vocabulary/iso639-1/{lang}"))
    for keyword in ("ouderenzorg", "Langer Thuis", "WOZO", "beleid"):
        add(dataset, dcat + "keyword", ox.Literal(keyword, language="nl"))
    for keyword in ("elderly care", "policy", "provenance"):
        add(dataset, dcat + "keyword", ox.Literal(keyword, language="en"))
    if info["modified"] is not None:
        add(dataset, dct + "modified", ox.Literal(info["modified"].isoformat().replace("+00:00", "Z"),
                                                  datatype=_n(XSD + "dateTime")))
    found = info["version"]
    if found is not None:  # the release and the content hash of the dump, which the N-Quads distribution carries
        add(dataset, OWL + "versionInfo", ox.Literal(found.version))
        add(dataset, dcat + "version", ox.Literal(found.version))
    add(dataset, dcat + "landingPage", doc)
    add(dataset, void + "uriSpace", ox.Literal(ID))
    add(dataset, void + "sparqlEndpoint", _n(SPARQL_IRI))
    for example in EXAMPLES:
        add(dataset, void + "exampleResource", _n(ID + example))
    add(dataset, void + "rootResource", _n(ID + "programme/langer-thuis"))
    for namespace in info["vocabularies"]:
        add(dataset, void + "vocabulary", _n(namespace))
    add(dataset, dct + "conformsTo", _n(str(LTKG)))
    for document in info["documents"]:
        add(dataset, dct + "source", _n(document["iri"]))
        add(_n(document["iri"]), dct + "title", ox.Literal(document["title"]))
    counts = info["counts"]
    for name, prop in (("triples", "triples"), ("entities", "entities"), ("subjects", "distinctSubjects"),
                       ("objects", "distinctObjects"), ("properties", "properties"), ("classes", "classes")):
        if name in counts:
            add(dataset, void + prop, _int(counts[name]))
    for cls, entities in info["classes"]:
        node = _n(f"{DESCRIPTION_IRI}#class-{_fragment(cls)}")
        add(dataset, void + "classPartition", node)
        add(node, void + "class", _n(cls))
        add(node, void + "entities", _int(entities))
    for prop, triples in info["properties"]:
        node = _n(f"{DESCRIPTION_IRI}#property-{_fragment(prop)}")
        add(dataset, void + "propertyPartition", node)
        add(node, void + "property", _n(prop))
        add(node, void + "triples", _int(triples))
    for name, (media, title, text) in DOWNLOADS.items():
        url = _n(BASE + "download/" + name)
        if media != CSV:
            add(dataset, void + "dataDump", url)
        node = _n(f"{DESCRIPTION_IRI}#download-{name.replace('.', '-')}")
        add(dataset, dcat + "distribution", node)
        add(node, RDF_TYPE.value, _n(dcat + "Distribution"))
        add(node, dct + "license", _n(LICENCE))
        add(node, dct + "title", ox.Literal(title, language="en"))
        add(node, dct + "description", ox.Literal(text, language="en"))
        add(node, dcat + "downloadURL", url)
        add(node, dcat + "accessURL", url)
        add(node, dcat + "mediaType", _n(IANA + media))
        add(node, dct + "format", ox.Literal(media))
        if name == "ltkg.nq" and found is not None:
            checksum = _n(f"{DESCRIPTION_IRI}#download-ltkg-nq-sha256")
            add(node, SPDX + "checksum", checksum)
            add(checksum, RDF_TYPE.value, _n(SPDX + "Checksum"))
            add(checksum, SPDX + "algorithm", _n(SPDX + "checksumAlgorithm_sha256"))
            add(checksum, SPDX + "checksumValue", ox.Literal(found.sha256, datatype=_n(XSD + "hexBinary")))
    service = _n(DESCRIPTION_IRI + "#sparql")
    add(service, RDF_TYPE.value, _n(dcat + "DataService"))
    add(service, dct + "title", ox.Literal("SPARQL 1.1 query endpoint (read-only)", language="en"))
    add(service, dcat + "endpointURL", _n(SPARQL_IRI))
    add(service, dct + "conformsTo", _n("https://www.w3.org/TR/sparql11-protocol/"))
    add(service, dcat + "servesDataset", dataset)
    return out




def void_html(info: dict) -> bytes:
    counts = info["counts"]
    labels = [("triples", "distinct triples (all graphs)"), ("quads", "quads (triple and graph)"),
              ("graphs", "named graphs (citations, editorial assertions, ontology, provenance)"),
              ("entities", "entities (IRIs under /id/ with statements)"), ("properties", "properties"),
              ("classes", "classes")]
    return frame.render(
        "dataset.html", active="dataset", title=TITLE, text=DESCRIPTION, rights=RIGHTS, version=info["version"],
        licence=(LICENCE, LICENCE_NAME), publisher=PUBLISHER["name"], themes=THEMES,
        counts=[(label, f"{counts[name]:,}") for name, label in labels if name in counts],
        downloads=[(name, media, title, about) for name, (media, title, about) in DOWNLOADS.items()],
        examples=[("/id/" + example, example) for example in EXAMPLES],
        documents=info["documents"], vocabularies=[VOCABULARIES[ns] for ns in info["vocabularies"]],
        classes=[(local_path(cls), curie(cls), f"{n:,}") for cls, n in info["classes"]],
    ).encode("utf-8")


VOID_OFFERS = [TURTLE, HTML, JSON_LD, N_TRIPLES]
_VOID_DOC = {  # how the two description routes are documented
    "response_class": Response,
    "openapi_extra": parameters(None, paged=False, extra=[format_parameter(FORMATS, VOID_OFFERS)]),
    "responses": {200: answers(*VOID_OFFERS, description="the description, by Accept or ?format="),
                  **problems.responses(400, 406, 503)},
}


def _void(request: Request) -> Response:
    media = negotiate(request, VOID_OFFERS)

    def make() -> bytes:
        info = description(request)
        return void_html(info) if media == HTML else serialize(void_triples(info), media)
    body = file_cache(request).get(f"void {media}", store_version(request), make)
    return Response(body, media_type=media_type(media), headers={"Vary": "Accept"})


@router.get("/.well-known/void", **_VOID_DOC,
            summary="VoID and DCAT description of the dataset (Turtle, JSON-LD, N-Triples or HTML)")
def well_known_void(request: Request) -> Response:
    return _void(request)


@router.get("/dataset", **_VOID_DOC,
            summary="VoID and DCAT description of the dataset (Turtle, JSON-LD, N-Triples or HTML)")
def dataset(request: Request) -> Response:
    return _void(request)
