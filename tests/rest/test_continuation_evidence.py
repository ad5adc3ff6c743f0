"""Continuations carry the strength of their evidence, as successions do, and link the documentary statements
that state them ("een opvolger van", WOZO report line 393; "vorige editie", line 93)."""
from __future__ import annotations

from plan2018_fixtures import built


def test_every_continuation_has_an_evidence_strength_and_stated_ones_link_their_statements(real):
    found = {c["id"]: c for c in real.get("/api/programmes/wozo/lineage").json()["continuations"]}
    assert found and all(c["evidenceStrength"] in ("stated", "named-in-both", "passing-mention") for c in found.values())
    stoz = found["e-health-set-stoz-wozo"]
    assert stoz["evidenceStrength"] == "stated"
    [statement] = stoz["statedBy"]
    assert statement["lines"] == [393, 393] and "een opvolger van" in statement["quote"]
    [edition] = found["samen-ouder-worden-wozo"]["statedBy"]
    assert edition["lines"] == [93, 93] and "vorige editie" in edition["quote"]
    assert found["logeerzorg-wozo"]["evidenceStrength"] == "passing-mention"
    assert all(not c["statedBy"] for c in found.values() if c["evidenceStrength"] != "stated")


def test_the_stated_citation_holds_the_documents_own_statement():
    """The citation a continuation is statedBy holds the initiative-level statement (STOZ continues SET)."""
    rows = built().select("""
        SELECT ?s ?p ?o WHERE { GRAPH ?x { id:continuation\\/e-health-set-stoz-wozo ltkg:statedBy ?g } GRAPH ?g { ?s ?p ?o } }""")
    assert any(row["p"].endswith("/def/continues") for row in rows), rows
