"""The generated parts of README.md: what the graph holds (entities per kind, citations and cited triples per
source document) counted in the last good build, and the cookbook's questions read from examples/*.rq. Each
sits between two markers, `<!-- BEGIN name (ltkg readme) -->` and `<!-- END name -->`; `ltkg readme` writes
them and `ltkg readme --check` says whether they are stale (tests/cli/test_readme.py does the same against a
fresh build).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox

from api.sparql.cookbook import recipes
from graph.ns import LTKG, rebase

NS = str(LTKG)
_BLOCK = re.compile(r"(<!-- BEGIN (?P<name>[a-z-]+) \(ltkg readme\) -->\n)(?P<body>.*?)(<!-- END (?P=name) -->)", re.S)

KINDS = """
PREFIX ltkg: <https://ltkg.example.org/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?class (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  GRAPH ?o { ?class skos:prefLabel ?label FILTER(lang(?label) = "en") }
  FILTER(STRSTARTS(STR(?class), "https://ltkg.example.org/def/"))
  FILTER(?class NOT IN (ltkg:Citation, ltkg:EditorialAssertion))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

DOCUMENTS = """
PREFIX ltkg: <https://ltkg.example.org/def/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?document (SAMPLE(?t) AS ?title) (COUNT(DISTINCT ?g) AS ?citations) (COUNT(*) AS ?triples) WHERE {
  GRAPH ?p { ?g a ltkg:Citation ; dcterms:source ?document }
  GRAPH ?g { ?s ?property ?o }
  OPTIONAL { GRAPH ?d { ?document dcterms:title ?t FILTER(lang(?t) = "en") } }
} GROUP BY ?document ORDER BY ?document"""

EDITORIAL = """
PREFIX ltkg: <https://ltkg.example.org/def/>
SELECT (COUNT(DISTINCT ?g) AS ?assertions) (COUNT(*) AS ?triples) WHERE {
  GRAPH ?k { ?g a ltkg:EditorialAssertion }
  GRAPH ?g { ?s ?p ?o }
}"""


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(rebase(query))
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def counts(store: ox.Store) -> str:
    """Markdown: entities per kind, and per source document its citations and the triples they carry."""
    kinds = _rows(store, KINDS)
    lines = ["| kind | class | entities |", "| --- | --- | ---: |"]
    lines += [f"| {r['name']} | `ltkg:{r['class'][len(NS):]}` | {int(r['n']):,} |" for r in kinds]
    lines += ["", "| source document | title | citations | triples cited |", "| --- | --- | ---: | ---: |"]
    for r in _rows(store, DOCUMENTS):
        slug = r["document"].rsplit("/", 1)[1]
        lines.append(f"| `{slug}` | {r.get('title', '')} | {int(r['citations']):,} | {int(r['triples']):,} |")
    editorial = _rows(store, EDITORIAL)[0]
    lines.append(f"| editorial assertions | the editors' (with a rationale each) | {int(editorial['assertions']):,} "
                 f"| {int(editorial['triples']):,} |")
    quads = len(store)
    lines += ["", f"{quads:,} quads in all (`ltkg build` prints the same figure)."]
    return "\n".join(lines) + "\n"


def cookbook() -> str:
    """Markdown: every question of examples/*.rq, in English and Dutch, with its file."""
    lines = ["| | question | vraag |", "| --- | --- | --- |"]
    lines += [f"| [`{r.slug}`]({r.file}) | {r.en} | {r.nl} |" for r in recipes()]
    return "\n".join(lines) + "\n"


def update(text: str, store: ox.Store) -> str:
    """The README with every generated block rewritten."""
    makers: dict[str, Callable[[], str]] = {"counts": lambda: counts(store), "cookbook": cookbook}

    def rewrite(match: re.Match) -> str:
        name = match.group("name")
        if name not in makers:
            raise ValueError(f"README.md: no generator for the block {name!r}")
        return match.group(1) + makers[name]() + match.group(4)

    return _BLOCK.sub(rewrite, text)
