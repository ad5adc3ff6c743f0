"""The parliamentary papers the documents cite, on the real build: each an entity with its official identifier
and publication address, cited at its reference; every reference in the sources accounted for; no number that
its reference does not write; the entities the text ties to a paper link to it."""
from __future__ import annotations

import re

from graph.settings import SOURCES_DIR
from plan2018_fixtures import built

PREFIXES = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
REFERENCE = re.compile(r"Kamerstuk|\bTK\b.*\bnr\b|vergaderjaar .*\bnr\b")


def papers() -> dict[str, dict]:
    rows = built().select(PREFIXES + """
        SELECT ?paper ?identifier ?page ?label ?doc ?line ?quote WHERE {
          GRAPH ?t { ?paper a ltkg:ParliamentaryPaper }
          GRAPH ?e { ?paper dcterms:identifier ?identifier ; foaf:page ?page }
          GRAPH ?l { ?paper skos:prefLabel ?label }
          GRAPH ?c { ?paper dcterms:isReferencedBy ?doc }
          GRAPH ?p { ?c ltkg:firstLine ?line ; ltkg:quote ?quote }
        }""")
    found: dict[str, dict] = {}
    for row in rows:
        paper = found.setdefault(row["paper"], {**row, "references": set()})
        paper["references"].add((row["doc"], row["line"], row["quote"]))
    return found


def test_every_paper_has_its_official_identifier_and_address():
    found = papers()
    assert len(found) >= 24
    for iri, paper in found.items():
        identifier = paper["identifier"]
        assert re.fullmatch(r"kst-\d+(-[A-Z]+)?-\d+", identifier)
        assert iri == f"parliamentary-paper/{identifier.lower()}"
        assert str(paper["page"]) == f"https://zoek.officielebekendmakingen.nl/{identifier}.html"


def test_no_number_that_the_reference_does_not_write():
    for paper in papers().values():
        dossier, *sub, number = paper["identifier"].removeprefix("kst-").split("-")
        for _, _, quote in paper["references"]:
            written = re.sub(r"(?<=\d) (?=\d)", "", quote)
            assert dossier in written and number in written and all(part in written for part in sub), quote


def test_every_reference_in_the_sources_is_a_cited_paper():
    cited = {(doc.rpartition("/")[2], int(line)) for paper in papers().values() for doc, line, _ in paper["references"]}
    for path in sorted(SOURCES_DIR.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if REFERENCE.search(line) and re.search(r"\d{2} ?\d{3}", line) and "Rijksoverheid.nl" not in line:
                assert (path.stem, number) in cited, f"{path.name}:{number}: {line.strip()}"


def test_the_same_paper_cited_twice_is_one_entity():
    paper = papers()["parliamentary-paper/kst-35570-xvi-193"]
    assert paper["identifier"] == "kst-35570-XVI-193"
    assert {int(line) for _, line, _ in paper["references"]} == {97, 381}


def test_entities_the_text_ties_to_a_paper_link_to_it():
    rows = built().select("""
        SELECT ?entity ?paper ?line WHERE { GRAPH ?g { ?entity ltkg:parliamentaryPaper ?paper } GRAPH ?p { ?g ltkg:firstLine ?line } }""")
    ties = {(row["entity"], row["paper"]): int(row["line"]) for row in rows}
    assert ties[("initiative/motie-dijk", "parliamentary-paper/kst-31765-799")] == 349
    assert ties[("initiative/motie-slagt-tichelman", "parliamentary-paper/kst-36410-xvi-54")] == 148
    assert ties[("programme/pact-voor-de-ouderenzorg", "parliamentary-paper/kst-31765-326")] == 23
