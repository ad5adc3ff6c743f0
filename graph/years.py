"""Every year the graph states stands in the text it cites.

A year on an amount (ltkg:fromYear, ltkg:toYear), a period (ltkg:period and its years) or a claim (ltkg:date)
must be written in the quote of the citation that states it (an editorial statement: in the quote of one
of its evidence citations). And an amount whose years the graph says are not stated must not stand in a
sentence that states a year: where the year comes from that sentence, or the one before it, the citation
must quote it too and the amount give its years (a clause after a semicolon counts as a sentence of its own). Each breach is a problem with the curated file:line.
"""
from __future__ import annotations

import re

from rdflib import URIRef

from graph.kg import KG
from graph.ns import LTKG
from graph.provenance import Cite, normalise

YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘'“\"])")
PREDICATES = (LTKG.fromYear, LTKG.toYear, LTKG.date, LTKG.period)


def check(kg: KG) -> None:
    for predicate in PREDICATES:
        for subject, _, value, graph in kg.ds.quads((None, predicate, None, None)):
            graph = getattr(graph, "identifier", graph)
            quotes = _quotes(kg, graph)
            if quotes is None:
                continue
            for year in (YEAR.findall(str(value)) if predicate == LTKG.period else [str(value)[:4]]):
                if not any(year in quote for quote, _ in quotes):
                    origin = quotes[0][1] if quotes else str(graph)
                    kg.problem(f"{origin}: year {year} ({_local(predicate)} of {_local(subject)}) is not in the "
                               f"cited text{_where(kg, graph)}")
    for amount, _, stated, graph in kg.ds.quads((None, LTKG.yearsStated, None, None)):
        cite = kg.cites.get(getattr(graph, "identifier", graph))
        if cite is None or stated.toPython() is not False:
            continue
        written = kg.value(amount, LTKG.amountText)
        sentence = _sentence(kg, cite, str(written))
        if sentence and YEAR.search(sentence):
            kg.problem(f"{cite.origin}: {_local(amount)} says its years are not stated, but its sentence states "
                       f"{YEAR.search(sentence).group(0)}: {sentence!r}; give the years")


def _quotes(kg: KG, graph: URIRef) -> list[tuple[str, str]] | None:
    cite = kg.cites.get(graph)
    if cite is not None:
        return [(normalise(cite.quote), cite.origin or f"{cite.doc}:{cite.first}")]
    note = kg.editorials.get(graph)
    if note is None:
        return None
    return [(normalise(c.quote), note.origin or note.slug) for c in note.evidence] or [("", note.origin or note.slug)]


def _where(kg: KG, graph: URIRef) -> str:
    cite = kg.cites.get(graph)
    return f" ({cite.doc} lines {cite.first}-{cite.last})" if cite else " (the editorial statement's evidence)"


def _sentence(kg: KG, cite: Cite, written: str) -> str | None:
    """The sentence (or clause after a semicolon) of the cited lines in which the amount is written."""
    text = normalise(" ".join(kg.sources.lines(cite.doc)[cite.first - 1:cite.last]))
    for sentence in SENTENCE_END.split(text):
        for clause in _clauses(sentence):
            if normalise(written) in clause:
                return clause
    return None


def _clauses(sentence: str) -> list[str]:
    """A sentence split at its semicolons, except those inside brackets."""
    found, depth, start = [], 0, 0
    for position, char in enumerate(sentence):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            found.append(sentence[start:position])
            start = position + 1
    return found + [sentence[start:]]


def _local(node) -> str:
    return str(node).rsplit("/", 2)[-2] + "/" + str(node).rsplit("/", 1)[-1]
