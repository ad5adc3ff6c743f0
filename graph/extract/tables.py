"""Tab-separated tables in the plain-text sources: rows with their line numbers and cells."""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.provenance import Cite, Sources

_PARTNER = re.compile(r"\s*,?\s*\b(?:i\.s\.m\.|ism\.?|in overleg met)\s+")
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


def split_parties(cell: str, known) -> tuple[list[str], list[str]]:
    """Lead and partner names of a 'Trekker' cell, as written.

    A party after 'ism.', 'i.s.m.' or 'in overleg met' is a partner. Names are split at commas
    outside parentheses, then at ' en ' unless the whole chunk is a name the register knows
    ('opleidingen HBO en MBO').
    """
    lead_part, *partner_parts = _PARTNER.split(cell.strip())
    return _names(lead_part, known), [n for part in partner_parts for n in _names(part, known)]


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
