"""Citations: a document, a line range and a verbatim quote, checked against the source text.

Every triple the build asserts lives in a named graph whose name is its provenance: a Citation
(a quote from a source document) or an EditorialAssertion (a claim of the project's editors, with
its rationale). A query tells documentary facts from editorial ones by the type of that graph.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from graph.ns import iri

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Cite:
    """A verbatim quote from lines first..last (1-based, inclusive) of a source document."""

    doc: str
    first: int
    last: int
    quote: str
    origin: str = field(default="", compare=False)  # file:line that declared it, for error messages

    @property
    def iri(self) -> URIRef:
        digest = hashlib.sha1(normalise(self.quote).encode()).hexdigest()[:8]
        return iri("citation", f"{self.doc}-l{self.first}-{self.last}-{digest}")


@dataclass(frozen=True)
class Editorial:
    """An assertion of the project's editors, not of a document; evidence cites the documents it rests on."""

    slug: str
    rationale: str
    evidence: tuple[Cite, ...] = ()
    origin: str = field(default="", compare=False)
    derived_from: tuple[str, ...] = ()  # IRIs of what else it rests on, e.g. a register snapshot (graph/registers.py)

    @property
    def iri(self) -> URIRef:
        return iri("editorial", self.slug)


Source = Cite | Editorial


README = "README.md"
README_SLUG = "sources-readme"  # the sources' own README: which document is what, and its date


def _slug(path: Path) -> str:
    return README_SLUG if path.name == README else path.stem


class ProvenanceError(Exception):
    pass


class Sources:
    """The source documents, by slug (file name without .txt), as lists of lines."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._lines: dict[str, list[str]] = {}
        for path in sorted(directory.glob("*.txt")) + [directory / README]:
            self._lines[_slug(path)] = path.read_text(encoding="utf-8").split("\n")

    @property
    def slugs(self) -> list[str]:
        return list(self._lines)

    def path(self, doc: str) -> Path:
        return self.directory / (README if doc == README_SLUG else f"{doc}.txt")

    def lines(self, doc: str) -> list[str]:
        try:
            return self._lines[doc]
        except KeyError:
            raise ProvenanceError(f"unknown source document {doc!r}; known: {', '.join(self._lines)}") from None

    def line(self, doc: str, number: int) -> str:
        return self.lines(doc)[number - 1]

    def cite(self, doc: str, first: int, last: int | None = None, quote: str | None = None) -> Cite:
        """A citation of whole lines (quote defaults to their text), for code that parses structure."""
        last = first if last is None else last
        text = quote if quote is not None else normalise(" ".join(self.lines(doc)[first - 1:last]))
        return Cite(doc, first, last, text, origin=f"{self.path(doc).name}:{first}")

    def check(self, cite: Cite) -> None:
        lines = self.lines(cite.doc)
        where = cite.origin or f"{cite.doc}:{cite.first}"
        if not (1 <= cite.first <= cite.last <= len(lines)):
            raise ProvenanceError(f"{where}: lines {cite.first}-{cite.last} are outside {cite.doc} (1-{len(lines)})")
        if not normalise(cite.quote):
            raise ProvenanceError(f"{where}: empty quote")
        text = normalise(" ".join(lines[cite.first - 1:cite.last]))
        if normalise(cite.quote) not in text:
            raise ProvenanceError(
                f"{where}: quote not found in {cite.doc} lines {cite.first}-{cite.last}: {cite.quote!r}"
            )
