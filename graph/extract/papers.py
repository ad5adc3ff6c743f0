"""The parliamentary papers (Kamerstukken) the documents cite, as entities with their official identifiers.

    id/parliamentary-paper/{identifier, lower case}  ltkg:ParliamentaryPaper, e.g. kst-31765-326, kst-34775-xvi-86
        skos:prefLabel     the reference as its first citing document writes it ("Kamerstuk 31765-326")
        dcterms:isReferencedBy  each citing document, cited at the reference's line
        dcterms:description     what the citing text says the paper is, verbatim ("kamerbrief Oplossingen voor
                                de zorgval"), cited there
        dcterms:identifier, foaf:page  the official identifier and its address at officielebekendmakingen.nl
                                (editorial: the publisher's identifier scheme applied to the numbers as written)
    <entity> ltkg:parliamentaryPaper <paper>  where the text ties an entity of the graph to the paper, cited there

Read from graph/data/parliamentary-papers.yaml. A number must stand in its reference's quote: an identifier
whose dossier or number the reference does not write stops the build.
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from graph import curated
from graph.kg import KG
from graph.ns import ID, LTKG, iri
from graph.provenance import Editorial

FILE = "parliamentary-papers.yaml"
_IDENTIFIER = re.compile(r"^kst-(\d+)(?:-([A-Z]+))?-(\d+)$")
PUBLISHED_AT = "https://zoek.officielebekendmakingen.nl/{identifier}.html"
IDENTIFIERS = Editorial(
    "parliamentary-paper-identifiers",
    "The official identifier of a parliamentary paper at officielebekendmakingen.nl is kst-{dossier}[-{sub-dossier}]"
    "-{number}, and the paper is published at https://zoek.officielebekendmakingen.nl/{identifier}.html; the "
    "editors apply that scheme to the dossier and number the citing document writes (the dossier's digits without "
    "the thousands space), and to nothing else.")


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d) (?=\d)", "", text)


def extract(kg: KG, data_dir: Path) -> None:
    for entry in curated.load(data_dir / FILE)["papers"]:
        identifier = str(curated.require(entry, "id"))
        match = _IDENTIFIER.match(identifier)
        if not match:
            kg.problem(f"{entry.origin}: {identifier!r} is not an identifier kst-<dossier>[-<sub>]-<number>")
            continue
        references = [curated.cite(node) for node in curated.require(entry, "references")]
        for cite in references:  # never an invented number: dossier, sub-dossier and number stand in the quote
            written = _digits(cite.quote)
            if not all(part in written for part in match.groups() if part):
                kg.problem(f"{cite.origin}: the reference {cite.quote!r} does not write every part of {identifier}")
        paper = iri("parliamentary-paper", identifier.lower())  # IRIs are lower case; the identifier is as published
        first = references[0]
        kg.entity("parliamentary-paper", identifier.lower(), LTKG.ParliamentaryPaper, first, nl=first.quote.strip(" .").removeprefix("Zie "))
        for cite in references:
            kg.add(paper, DCTERMS.isReferencedBy, iri("document", cite.doc), cite)
        kg.add(paper, DCTERMS.identifier, Literal(identifier), IDENTIFIERS)
        kg.add(paper, FOAF.page, URIRef(PUBLISHED_AT.format(identifier=identifier)), IDENTIFIERS)
        for node in entry.get("about", []):
            text = str(curated.require(node, "text"))
            cite = curated.cite(node)
            if text not in cite.quote:
                kg.problem(f"{node.origin}: {text!r} does not stand in its quote")
                continue
            kg.text(paper, DCTERMS.description, text, cite)
        for node in entry.get("ties", []):
            target = URIRef(ID + str(curated.require(node, "entity")))
            if next(kg.ds.quads((target, RDF.type, None, None)), None) is None:
                kg.problem(f"{node.origin}: no entity {target} to tie to {identifier}")
                continue
            kg.add(target, LTKG.parliamentaryPaper, paper, curated.cite(node))
