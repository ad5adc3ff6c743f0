"""Tab-separated tables in the plain-text sources: rows with their line numbers and cells."""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.provenance import Cite, Sources

_PARTNER = re.compile(r"\s*,?\s*\b(i\.s\.m\.|ism\.?|in overleg met)\s+")
_TOP_LEVEL_COMMA = re.compile(r",\s*(?![^()]*\))")


@dataclass(frozen=True)
class Row:
    doc: str
    line: int
    cells: tuple[str, ...]

    def cite(self, sources: Sources, column: int) -> Cite:
        """A citation of one cell of this row."""
        return sources.cite(self.doc, self.line, quote=self.cells[column].strip())


def rows(sources: Sources, doc: str, first: int = 1, last: int | None = None) -> list[Row]:
    lines = sources.lines(doc)
    last = len(lines) if last is None else last
    return [
        Row(doc, number, tuple(text.split("\t")))
        for number, text in enumerate(lines[first - 1:last], start=first)
        if "\t" in text
    ]


def split_parties(cell: str, known) -> dict[str, list[str]]:
    """Lead, partner and consulted names of a 'Trekker' cell, as written: {"lead": [...], "partner":
    [...], "consulted": [...]}.

    A party after 'ism.' or 'i.s.m.' is a partner, one after 'in overleg met' is consulted. Names are
    split at commas outside parentheses, then at ' en ' unless the whole chunk is a name the register
    knows ('opleidingen HBO en MBO').
    """
    lead_part, *rest = _PARTNER.split(cell.strip())
    found = {"lead": _names(lead_part, known), "partner": [], "consulted": []}
    for marker, part in zip(rest[::2], rest[1::2]):
        found["consulted" if marker == "in overleg met" else "partner"].extend(_names(part, known))
    return found


def _names(text: str, known) -> list[str]:
    names = []
    for chunk in _TOP_LEVEL_COMMA.split(text.strip().rstrip(".")):
        chunk = re.sub(r"^en\s+", "", chunk.strip())
        if not chunk:
            continue
        if known(chunk):
            names.append(chunk)
        else:
            names.extend(part.strip() for part in re.split(r"\s+en\s+", chunk) if part.strip())
    return names
