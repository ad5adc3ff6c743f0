"""Layout noise in the sources' text, which a statement leaves out: footnote calls, page and slide numbers.

A statement (ltkg:statement) is the document's words only; the quote of its citation stays verbatim, so
that the build can still check it against the lines. What counts as noise:
  - a footnote call written as markup: "<sup>8</sup>" (the WOZO report), "^[1]" or a superscript digit "⁷"
    (the 2018 plan);
  - a footnote mark of a PDF's text: the number of one of the document's footnotes (a line "N text"), right
    after a sentence's end ("inspiratie. 8", "gedeeld.2") or after its last word, before the full stop
    ("ouder 26."); the marks are found in the order of the footnotes, so a count in the text ("bij 30")
    is not taken for one (the 2021 report; a mark between two words, "onderzoek 31 blijkt", cannot be told
    from a count and stays);
  - a slide's number after its last bullet at the end of a line ("ontzorgen 18"), in a text extracted from
    slides (one that lists them, "Dia 1", "Dia 2", ...): in such a text only slide numbers end a line in a
    one- or two-digit number after a word (the 2024 report).
"""
from __future__ import annotations

import re

from graph.provenance import Sources, normalise

CALLS = re.compile(r"<sup>\d+</sup>|\^\[\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
DEFINITION = re.compile(r"^(\d{1,2}) \S")
AFTER_SENTENCE = r"(?<=[^\d][.!?;:”’\")]) ?({n})(?=\s|$)"
BEFORE_STOP = r"(?<=[^\W\d_]) ({n})(?=\.(?:\s|$))"
SLIDE_LIST = re.compile(r"^\s*Dia \d+\s*$")
SLIDE_NUMBER = r"(?<=[^\W\d_]) +({n})\s*$"
ANY = r"\d{1,2}"


class Layout:
    """The noise of each source document, found once: {line: [pattern, ...]}."""

    def __init__(self, sources: Sources):
        self.sources = sources
        self._marks: dict[str, dict[int, list[re.Pattern]]] = {}

    def marks(self, doc: str) -> dict[int, list[re.Pattern]]:
        if doc not in self._marks:
            self._marks[doc] = self._find(self.sources.lines(doc))
        return self._marks[doc]

    @staticmethod
    def _find(lines: list[str]) -> dict[int, list[re.Pattern]]:
        found: dict[int, list[re.Pattern]] = {}
        notes = {int(m.group(1)) for text in lines if (m := DEFINITION.match(text))}
        expected = 1
        for number, text in enumerate(lines, start=1):
            if DEFINITION.match(text) or not notes:
                continue
            for form in (AFTER_SENTENCE, BEFORE_STOP):
                for match in re.finditer(form.format(n=ANY), text):
                    value = int(match.group(1))
                    if value in notes and expected <= value <= expected + 2:
                        found.setdefault(number, []).append(re.compile(form.format(n=value)))
                        expected = value + 1
        if any(SLIDE_LIST.match(text) for text in lines):
            for number, text in enumerate(lines, start=1):
                match = re.search(SLIDE_NUMBER.format(n=ANY), text)
                if match and not SLIDE_LIST.match(text):
                    found.setdefault(number, []).append(re.compile(SLIDE_NUMBER.format(n=match.group(1))))
        return found

    def words(self, doc: str, first: int, last: int, text: str) -> str:
        """text, cited from lines first..last of doc, without the layout noise of those lines."""
        marks = self.marks(doc)
        for number in range(first, last + 1):
            for pattern in marks.get(number, []):
                text = pattern.sub("", text, count=1)
        return normalise(CALLS.sub("", text))
