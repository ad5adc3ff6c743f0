"""The source documents as nodes: title from the document, date and description from the sources' README."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import DCTERMS, XSD

from graph import curated
from graph.kg import KG
from graph.ns import LTKG
from graph.provenance import README, README_SLUG, Editorial
from graph.settings import DATA_DIR

ENGLISH_TITLES = Editorial("document-titles-en", "English titles of the source documents are the editors' translations.")


def emit(kg: KG) -> None:
    for entry in curated.load(DATA_DIR / "documents.yaml")["documents"]:
        slug = curated.require(entry, "id")
        src = curated.cite(curated.require(entry, "source"), slug)
        doc = kg.entity("document", slug, LTKG.SourceDocument, src, nl=entry["title"])
        kg.text(doc, DCTERMS.title, entry["title"], src, None)
        if entry.get("en"):
            kg.text(doc, DCTERMS.title, entry["en"], ENGLISH_TITLES, "en")
        kg.add(doc, LTKG.fileName, Literal(README if slug == README_SLUG else f"{slug}.txt"), src)
        if entry.get("date"):
            date = str(entry["date"])
            kind = XSD.date if len(date) == 10 else XSD.gYear
            kg.add(doc, DCTERMS.issued, Literal(date, datatype=kind), curated.cite(entry["dateSource"], slug))
