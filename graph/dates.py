"""The one date a Dutch text states, as precise as the text: a date, a month or a year."""
from __future__ import annotations

import re

from rdflib import Literal
from rdflib.namespace import XSD

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "juli": 7, "augustus": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PATTERNS = [
    ("date", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?\s+(20\d\d)\b", re.I)),
    ("date", re.compile(r"\b(\d{1,2})-(\d{1,2})-(20\d\d)\b")),
    # "november/december 2018": two months, so two dates (and no single one)
    ("month-range", re.compile(rf"\b({_MONTH})\.?\s*[/–-]\s*({_MONTH})\.?\s+(20\d\d)\b", re.I)),
    ("month", re.compile(rf"\b({_MONTH})\.?\s+(20\d\d)\b", re.I)),
    ("year", re.compile(r"\b(20\d\d)\b")),
    ("day-month", re.compile(r"\b(\d{1,2})/(\d{1,2})\b")),  # "gereed op 10/11": a date without its year
]


def stated_date(text: str) -> Literal | None:
    """The single date expression in text, or None when it states none or more than one."""
    found: list[Literal] = []
    rest = text
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(rest):
            if kind == "month-range":
                first, last, year = match.groups()
                found += [Literal(f"{year}-{MONTHS[m.lower()]:02d}", datatype=XSD.gYearMonth) for m in (first, last)]
            else:
                found.append(_literal(kind, match))
        rest = pattern.sub(" ", rest)
    distinct = {lit.n3() for lit in found}
    return found[0] if len(distinct) == 1 else None


def _literal(kind: str, match: re.Match) -> Literal:
    if kind == "day-month":
        return Literal(match.group(0))  # counts as a date the text states, but has no value of its own
    if kind == "date":
        day, month, year = match.groups()
        month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
        return Literal(f"{year}-{month_number:02d}-{int(day):02d}", datatype=XSD.date)
    if kind == "month":
        month, year = match.groups()
        return Literal(f"{year}-{MONTHS[month.lower()]:02d}", datatype=XSD.gYearMonth)
    return Literal(match.group(1), datatype=XSD.gYear)
