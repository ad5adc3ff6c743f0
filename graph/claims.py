"""Dated claims: what one document states about an action, scheme or programme at its date.

Claims from different documents are separate nodes, never merged, so conflicting figures stand side
by side. Every claim carries its statement, its source document and, from graph/data/documents.yaml,
the date of that document (ltkg:asOf)."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, Source

KINDS = ("budget", "state", "date", "count", "figure")

AS_OF = Editorial(
    "claims-as-of",
    "The ltkg:asOf of a claim is the date of the document that makes it (its dcterms:issued, from "
    "graph/data/documents.yaml); the claim says what the document stated at that date.",
)


def claim(kg: KG, slug: str, src: Cite, kind: str, about: list[URIRef], *, about_src: Source | None = None,
          statement: str | None = None, amount: tuple[str, Decimal] | None = None, date: Literal | None = None,
          count: int | None = None, note: str | None = None) -> URIRef:
    """Write one claim; `about_src` is the provenance of its ltkg:about links when they are the
    editors' identification rather than the quote's own words."""
    node = kg.entity("claim", slug, LTKG.Claim, src)
    kg.add(node, LTKG.claimKind, Literal(kind), src)
    kg.text(node, LTKG.statement, statement or src.quote, src)
    document = iri("document", src.doc)
    kg.add(node, DCTERMS.source, document, src)
    issued = kg.value(document, DCTERMS.issued)
    if issued is not None:
        kg.add(node, LTKG.asOf, issued, AS_OF)
    for target in about:
        kg.add(node, LTKG.about, target, about_src or src)
    if amount is not None:
        text, value = amount
        kg.add(node, LTKG.amount, Literal(value, datatype=XSD.decimal), src)
        kg.text(node, LTKG.amountText, text, src, None)
    if date is not None:
        kg.add(node, LTKG.date, date, src)
    if count is not None:
        kg.number(node, LTKG["count"], count, src)
    if note:
        kg.text(node, LTKG.note, note, src, "en")
    return node
