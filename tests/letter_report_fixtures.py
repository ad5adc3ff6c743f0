"""Queries for test_letter2018.py and test_report2021.py on the session's one real build
(plan2018_fixtures.built), with the default graph as the union of all graphs, as the API queries it;
provenance through GRAPH patterns."""
from __future__ import annotations

import pyoxigraph as ox

from graph.ns import ID
from plan2018_fixtures import PREFIXES, built

LETTER = "2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis"
PLAN = "2018-langer-thuis-plan-van-aanpak"
REPORT = "2021-langer-thuis-voortgangsrapportage-3"
PREFIXES_MORE = PREFIXES + "".join(f"PREFIX {kind}: <{ID}{kind}/>\n" for kind in (
    "claim", "result", "document", "initiative", "citation"))


def value(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value[len(ID):] if term.value.startswith(ID) else term.value
    return term.value


def select(query: str) -> list[dict[str, object]]:
    """Rows of a SELECT as {variable: python value}; IRIs of this graph as 'kind/slug'."""
    result = built().store.query(PREFIXES_MORE + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{name: value(row[name]) for name in names} for row in result]


def ask(query: str) -> bool:
    return bool(built().store.query(PREFIXES_MORE + query, use_default_graph_as_union=True))


def citations(subject: str, predicate: str, obj: str | None = None) -> set[tuple[str, int, int]]:
    """(document, first line, last line) of the citation graphs that hold subject/predicate(/object)."""
    target = obj if obj is not None else "?o"
    rows = select(f"""SELECT ?doc ?first ?last WHERE {{
        GRAPH ?g {{ {subject} {predicate} {target} }}
        ?g a ltkg:Citation ; dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:lastLine ?last }}""")
    return {(r["doc"].split("/", 1)[1], int(r["first"]), int(r["last"])) for r in rows}


def editorial(subject: str, predicate: str, obj: str) -> list[dict[str, object]]:
    """The editorial graphs that hold the triple, with their rationale and the lines of their evidence."""
    return select(f"""SELECT ?e ?rationale ?doc ?first WHERE {{
        GRAPH ?e {{ {subject} {predicate} {obj} }}
        ?e a ltkg:EditorialAssertion ; ltkg:rationale ?rationale .
        OPTIONAL {{ ?e prov:wasDerivedFrom ?c . ?c dcterms:source ?doc ; ltkg:firstLine ?first }} }}""")
