"""Dated claims: what one document states about an action, scheme or programme at its date.

Claims from different documents are separate nodes, never merged, so conflicting figures stand side
by side. Every claim carries its statement, its source document and, from graph/data/documents.yaml,
the date of that document (ltkg:asOf)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph import curated
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Cite, Editorial, Source, normalise
from graph.register import Register

KINDS = ("budget", "state", "date", "count", "figure")
BASES = {"year": "per-year", "total": "total", "unit": "per-unit", "not-stated": "not-stated"}
NOT_STATED = "not-stated"


@dataclass(frozen=True)
class Amount:
    """A figure as the text states it: an amount of money (EUR) or a count in millions (persons), per year, in
    total, per unit (a voucher, a grant) or not stated, the years it covers where the text says (first, last),
    else None, and the parties that give or receive it, as written, where the text says."""

    text: str
    value: Decimal
    basis: str
    years: tuple[str, str] | None
    unit: str = "EUR"
    given_by: tuple[str, ...] = ()
    received_by: tuple[str, ...] = ()


UNITS = ("EUR", "persons")


def amount(item: curated.Node, text: str, value: Decimal, quote: str) -> Amount | str:
    """The Amount of a curated claim: `per` (year | total | unit | not-stated) and `years` (not-stated, a year
    or [first, last]) are required, and every year given must stand in the quote; `unit` (EUR by default or
    persons) and the parties `givenBy` / `receivedBy` as written in the quote are optional; else a problem."""
    per = str(curated.require(item, "per"))
    if per not in BASES:
        return f"{item.origin}: per {per!r} must be one of {', '.join(BASES)}"
    unit = str(item.get("unit", "EUR"))
    if unit not in UNITS:
        return f"{item.origin}: unit {unit!r} must be one of {', '.join(UNITS)}"
    parties = {key: tuple(str(n) for n in item.get(key, [])) for key in ("givenBy", "receivedBy")}
    for name in parties["givenBy"] + parties["receivedBy"]:
        if normalise(name) not in normalise(quote):
            return f"{item.origin}: party {name!r} is not in the quote"
    years = curated.require(item, "years")
    if years == NOT_STATED:
        return Amount(text, value, BASES[per], None, unit, parties["givenBy"], parties["receivedBy"])
    span = [str(y) for y in (years if isinstance(years, list) else [years])]
    if not 1 <= len(span) <= 2 or not all(y.isdigit() and len(y) == 4 for y in span):
        return f"{item.origin}: years {years!r} must be not-stated, a year or [first, last]"
    missing = [y for y in span if y not in normalise(quote)]
    if missing:
        return f"{item.origin}: year {missing[0]} is not in the quote (write years: not-stated)"
    return Amount(text, value, BASES[per], (span[0], span[-1]), unit, parties["givenBy"], parties["receivedBy"])

AS_OF = Editorial(
    "claims-as-of",
    "The ltkg:asOf of a claim is the date of the document that makes it (its dcterms:issued, from "
    "graph/data/documents.yaml); the claim says what the document stated at that date.",
)


def claim(kg: KG, slug: str, src: Cite, kind: str, about: list[URIRef], *, about_src: Source | None = None,
          statement: str | None = None, amount: Amount | None = None, date: Literal | None = None,
          count: int | None = None, note: str | None = None, parties: Register | None = None) -> URIRef:
    """Write one claim; `about_src` is the provenance of its ltkg:about links when they are the
    editors' identification rather than the quote's own words; `parties` resolves who gives or receives
    its amount."""
    node = kg.entity("claim", slug, LTKG.Claim, src)
    kg.add(node, LTKG.claimKind, Literal(kind), src)
    kg.statement(node, src, statement)
    document = iri("document", src.doc)
    kg.add(node, DCTERMS.source, document, src)
    issued = kg.value(document, DCTERMS.issued)
    if issued is not None:
        kg.add(node, LTKG.asOf, issued, AS_OF)
    for target in about:
        kg.add(node, LTKG.about, target, about_src or src)
    if amount is not None:
        write_amount(kg, node, slug, amount, src, parties)
    if date is not None:
        kg.add(node, LTKG.date, date, src)
    if count is not None:
        kg.number(node, LTKG["count"], count, src)
    if note:
        kg.text(node, LTKG.note, note, src, "en")
    return node


def write_amount(kg: KG, owner: URIRef, slug: str, amount: Amount, src: Cite, parties: Register | None) -> URIRef:
    """owner ltkg:amount id/amount/{slug}: value, unit (and currency for money), basis, the years or that they
    are not stated, who gives or receives it."""
    node = iri("amount", slug)
    kg.add(owner, LTKG.amount, node, src)
    kg.add(node, RDF.type, LTKG.Amount, src)
    kg.add(node, LTKG.value, Literal(amount.value, datatype=XSD.decimal), src)
    kg.add(node, LTKG.unit, Literal(amount.unit), src)
    if amount.unit == "EUR":
        kg.add(node, LTKG.currency, Literal("EUR"), src)
    for names, prop in ((amount.given_by, LTKG.givenBy), (amount.received_by, LTKG.receivedBy)):
        for name in names:
            party = parties.mention(kg, name, src) if parties is not None else None
            if party is None and parties is None:
                kg.problem(f"{src.origin}: no party register to resolve {name!r}")
            if party is not None:
                kg.add(node, prop, party, src)
    kg.add(node, LTKG.basis, Literal(amount.basis), src)
    kg.text(node, LTKG.amountText, amount.text, src, None)
    if amount.years is None:
        kg.add(node, LTKG.yearsStated, Literal(False), src)
    else:
        kg.add(node, LTKG.yearsStated, Literal(True), src)
        kg.add(node, LTKG.fromYear, Literal(amount.years[0], datatype=XSD.gYear), src)
        kg.add(node, LTKG.toYear, Literal(amount.years[1], datatype=XSD.gYear), src)
    return node
