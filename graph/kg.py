"""The dataset under construction: every triple is added with its provenance, which names its graph."""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.layout import Layout
from graph.ns import GRAPH_PROVENANCE, LTKG, iri
from graph.provenance import Cite, Editorial, ProvenanceError, Source, Sources, normalise

EDITORS = iri("agent", "ltkg-editors")


class BuildError(Exception):
    """One or more problems, each with the file:line it comes from."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class KG:
    def __init__(self, sources: Sources):
        self.sources = sources
        self.ds = Dataset()
        self.problems: list[str] = []
        self.layout = Layout(sources)
        self._provenance = self.ds.graph(GRAPH_PROVENANCE)
        self._described: set[URIRef] = set()
        self.cites: dict[URIRef, Cite] = {}  # the graph of each citation, for the checks after extraction
        self.editorials: dict[URIRef, Editorial] = {}
        self.accounting: dict = {}  # per document, the counts of graph/accounting.py, once the build has checked it

    # -- provenance -------------------------------------------------------------------------
    def provenance(self, src: Source) -> URIRef | None:
        """The graph for facts from src, described once; None (and a recorded problem) if src is bad."""
        graph = src.iri
        if graph in self._described:
            return graph
        try:
            if isinstance(src, Cite):
                self._describe_cite(src)
            else:
                self._describe_editorial(src)
        except ProvenanceError as error:
            self.problems.append(str(error))
            return None
        self._described.add(graph)
        return graph

    def _describe_cite(self, cite: Cite) -> None:
        self.sources.check(cite)
        self.cites.setdefault(cite.iri, cite)
        g, c = self._provenance, cite.iri
        g.add((c, RDF.type, LTKG.Citation))
        g.add((c, DCTERMS.source, iri("document", cite.doc)))
        g.add((c, LTKG.firstLine, Literal(cite.first)))
        g.add((c, LTKG.lastLine, Literal(cite.last)))
        g.add((c, LTKG.quote, Literal(normalise(cite.quote))))

    def _describe_editorial(self, note: Editorial) -> None:
        self.editorials.setdefault(note.iri, note)
        g, e = self._provenance, note.iri
        g.add((e, RDF.type, LTKG.EditorialAssertion))
        g.add((e, PROV.wasAttributedTo, EDITORS))
        g.add((e, LTKG.rationale, Literal(normalise(note.rationale), lang="en")))
        for cite in note.evidence:
            self._describe_cite(cite)
            self._described.add(cite.iri)
            g.add((e, PROV.wasDerivedFrom, cite.iri))
        for other in note.derived_from:
            g.add((e, PROV.wasDerivedFrom, URIRef(other)))

    # -- facts --------------------------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o, src: Source) -> None:
        graph = self.provenance(src)
        if graph is not None:
            self.ds.graph(graph).add((s, p, o))

    def entity(self, kind: str, slug: str, cls: URIRef, src: Source, nl: str | None = None,
               en: str | None = None) -> URIRef:
        node = iri(kind, slug)
        self.add(node, RDF.type, cls, src)
        if nl:
            self.add(node, SKOS.prefLabel, Literal(normalise(nl), lang="nl"), src)
        if en:
            self.add(node, SKOS.prefLabel, Literal(normalise(en), lang="en"), src)
        return node

    def text(self, s: URIRef, p: URIRef, value: str, src: Source, lang: str | None = "nl") -> None:
        self.add(s, p, Literal(normalise(value), lang=lang), src)

    def statement(self, s: URIRef, src: Cite, text: str | None = None) -> None:
        """ltkg:statement: the cited text (the quote, or `text` from the same lines) in the document's words only,
        without its footnote marks, page or slide numbers (graph/layout.py); the quote keeps them."""
        words = self.layout.words(src.doc, src.first, src.last, text if text is not None else src.quote)
        self.add(s, LTKG.statement, Literal(words, lang="nl"), src)

    def number(self, s: URIRef, p: URIRef, value: int, src: Source) -> None:
        self.add(s, p, Literal(int(value), datatype=XSD.integer), src)

    def value(self, subject: URIRef, predicate: URIRef, lang: str | None = None):
        """The smallest value of subject/predicate over all graphs (deterministic), or None."""
        values = sorted({o for _, _, o, _ in self.ds.quads((subject, predicate, None, None))
                         if lang is None or getattr(o, "language", None) == lang}, key=str)
        return values[0] if values else None

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def check(self) -> None:
        if self.problems:
            raise BuildError(self.problems)

