"""What every document extractor does with its text: find a line by pattern, cite lines."""
from __future__ import annotations

import re

from graph.kg import KG
from graph.provenance import Cite


class SourceText:
    """Base of the per-document extractors; subclasses set `doc` (the file stem)."""

    doc: str

    def __init__(self, kg: KG):
        self.kg, self.sources = kg, kg.sources
        self.lines = self.sources.lines(self.doc)

    def find(self, pattern: str, start: int = 1, end: int | None = None) -> int:
        """1-based number of the first line in start..end that matches pattern."""
        regex = re.compile(pattern)
        for number in range(start, (end or len(self.lines)) + 1):
            if regex.search(self.lines[number - 1]):
                return number
        raise ValueError(f"{self.doc}.txt: no line matches {pattern!r} after line {start}")

    def cite(self, first: int, last: int | None = None, quote: str | None = None) -> Cite:
        return self.sources.cite(self.doc, first, last, quote)
