"""Lineage (graph/extract/lineage.py, graph/data/lineage.yaml) in the real build: the Pact voor de
ouderenzorg that Langer Thuis is part of (documentary), the succession of Langer Thuis by WOZO, IZA,
GALA and TAZ (editorial), the continuations with quotes from both programmes' documents, and what the
2018 plan's actions rest on. Line numbers verified against graph/sources/."""
from __future__ import annotations

import shutil

import pytest

from graph.build import assemble
from graph.kg import BuildError
from graph.settings import DATA_DIR
from plan2018_fixtures import PREFIXES, _value, built

PLAN = "2018-langer-thuis-plan-van-aanpak"
LETTER = "2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis"
REPORT_2021 = "2021-langer-thuis-voortgangsrapportage-3"
WOZO = "2024-wozo-voortgangsrapportage"
EINDVERSLAG = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
DOCUMENTS = {"langer-thuis": {PLAN, LETTER, REPORT_2021}, "wozo": {WOZO, EINDVERSLAG},
             "iza": {EINDVERSLAG}, "gala": {EINDVERSLAG}, "taz": {EINDVERSLAG}}

# continuation: (earlier side, later side)
CONTINUATIONS = {
    "samen-ouder-worden-wozo": ("action/langer-thuis-2.15", "action/wozo-1.6"),
    "e-health-set-stoz-wozo": ("action/langer-thuis-1.8", "action/wozo-5.3"),
    "stimuleringsregeling-wonen-en-zorg-wozo": ("action/langer-thuis-3.5", "action/wozo-4.4"),
    "tijdelijk-verblijf-wozo": ("action/langer-thuis-1.13", "action/wozo-2.1"),
    "bekostiging-tijdelijk-verblijf-wozo": ("action/langer-thuis-1.15", "action/wozo-2.1"),
    "logeerzorg-wozo": ("action/langer-thuis-2.11", "action/wozo-2.1"),
    "werk-en-mantelzorg-wozo": ("action/langer-thuis-2.4", "action/wozo-1.5"),
    "sociale-basis-wozo": ("action/langer-thuis-1.3", "action/wozo-1.5"),
    "werkplaatsen-sociaal-domein-wozo": ("action/langer-thuis-1.3", "action/wozo-1.3"),
    "specialist-ouderengeneeskunde-eerste-lijn-wozo": ("action/langer-thuis-1.10", "action/wozo-2.3"),
    "platform-hypotheken-wozo": ("action/langer-thuis-3.9", "action/wozo-4.5"),
    "woonzorgvisie-wozo": ("action/langer-thuis-3.2", "action/wozo-4.1"),
    "gegevensuitwisseling-pgo-iza": ("action/langer-thuis-1.9", "actionline/iza-8"),
    "acute-zorg-iza": ("action/langer-thuis-1.16", "actionline/iza-2"),
    "sociale-basis-gala": ("action/langer-thuis-1.3", "actionline/gala-3"),
}


class Union:
    """SPARQL over the real build with the union of all graphs as the default graph (as the API queries)."""

    def __init__(self, store):
        self.store = store

    def select(self, query: str) -> list[dict]:
        result = self.store.query(PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{name: _value(row[name]) for name in names} for row in result]

    def ask(self, query: str) -> bool:
        return bool(self.store.query(PREFIXES + query, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def b():
    return Union(built().store)


def graph_types(b, pattern: str) -> set[str]:
    """The types (Citation / EditorialAssertion) of the graphs that hold a triple pattern."""
    rows = b.select(f"SELECT DISTINCT ?type WHERE {{ GRAPH ?g {{ {pattern} }} ?g a ?type }}")
    return {r["type"].rsplit("/", 1)[1] for r in rows}


# -- the Pact: documentary ------------------------------------------------------------------------------
def test_pact_is_a_programme_named_in_the_plan(b):
    rows = b.select("""SELECT ?label ?first ?doc WHERE {
        GRAPH ?g { programme:pact-voor-de-ouderenzorg a ltkg:Programme ; skos:prefLabel ?label }
        ?g a ltkg:Citation ; ltkg:firstLine ?first ; dcterms:source ?doc }""")
    assert rows == [{"label": "Pact voor de ouderenzorg", "first": "119", "doc": f"document/{PLAN}"}]
    english = b.select("""SELECT ?label WHERE { programme:pact-voor-de-ouderenzorg skos:prefLabel ?label
                          FILTER(lang(?label) = "en") }""")
    assert english == [{"label": "Pact for Elderly Care"}]


def test_langer_thuis_is_part_of_the_pact_as_plan_and_letter_state(b):
    rows = b.select("""SELECT ?doc ?first ?last ?type WHERE {
        GRAPH ?g { programme:langer-thuis dcterms:isPartOf programme:pact-voor-de-ouderenzorg }
        ?g a ?type . OPTIONAL { ?g dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:lastLine ?last } }
        ORDER BY ?doc""")
    assert rows == [
        {"doc": f"document/{LETTER}", "first": "23", "last": "25", "type": "https://ltkg.example.org/def/Citation"},
        {"doc": f"document/{PLAN}", "first": "119", "last": "119", "type": "https://ltkg.example.org/def/Citation"},
    ]
    assert graph_types(b, "programme:langer-thuis dcterms:isPartOf programme:pact-voor-de-ouderenzorg") == {"Citation"}


# -- succession: editorial --------------------------------------------------------------------------------
def test_succession_of_langer_thuis_is_editorial_only(b):
    rows = b.select("""SELECT ?later ?g ?rationale ?editors WHERE {
        GRAPH ?g { ?later ltkg:succeeds programme:langer-thuis }
        ?g a ltkg:EditorialAssertion ; ltkg:rationale ?rationale ; prov:wasAttributedTo ?editors }""")
    assert {r["later"] for r in rows} == {"programme/wozo", "programme/iza", "programme/gala", "programme/taz"}
    assert {r["g"] for r in rows} == {f"editorial/lineage-{p}-succeeds-langer-thuis" for p in ("wozo", "iza", "gala", "taz")}
    assert all("premise" in r["rationale"] and "not a statement of the documents" in r["rationale"] for r in rows)
    assert {r["editors"] for r in rows} == {"agent/ltkg-editors"}
    # no document states any succession: no ltkg:succeeds triple lives in a citation's graph
    assert graph_types(b, "?a ltkg:succeeds ?b") == {"EditorialAssertion"}
    assert not b.ask("ASK { GRAPH ?g { ?a ltkg:succeeds ?b } ?g a ltkg:Citation }")


def test_a_query_tells_the_documentary_pact_from_the_editorial_succession(b):
    rows = b.select("""SELECT ?p ?o ?kind WHERE {
        VALUES ?p { dcterms:isPartOf ltkg:succeeds }
        { GRAPH ?g { programme:langer-thuis ?p ?o } } UNION { GRAPH ?g { ?o ?p programme:langer-thuis } }
        ?g a ?type . BIND(IF(?type = ltkg:Citation, "documentary", "editorial") AS ?kind) }""")
    kinds = {(r["p"].rsplit("/", 1)[1], r["o"], r["kind"]) for r in rows}
    assert ("isPartOf", "programme/pact-voor-de-ouderenzorg", "documentary") in kinds
    assert {k for k in kinds if k[0] == "succeeds"} == {
        ("succeeds", f"programme/{p}", "editorial") for p in ("wozo", "iza", "gala", "taz")}


def test_succession_evidence_cites_the_programmes_dates(b):
    rows = b.select("""SELECT ?doc ?first ?quote WHERE {
        editorial:lineage-wozo-succeeds-langer-thuis prov:wasDerivedFrom ?c .
        ?c dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:quote ?quote }""")
    found = {(r["doc"].split("/", 1)[1], int(r["first"])) for r in rows}
    assert {(PLAN, 9), (EINDVERSLAG, 581), (WOZO, 393), (WOZO, 93)} == found


# -- continuations ---------------------------------------------------------------------------------------
def test_fifteen_continuations_each_linking_its_two_sides(b):
    rows = b.select("""SELECT ?c ?earlier ?later ?type WHERE {
        GRAPH ?g { ?c a ltkg:Continuation ; ltkg:earlier ?earlier ; ltkg:later ?later . ?later ltkg:continues ?earlier }
        ?g a ?type }""")
    found = {r["c"].split("/", 1)[1]: (r["earlier"], r["later"]) for r in rows}
    assert found == CONTINUATIONS
    assert {r["type"] for r in rows} == {"https://ltkg.example.org/def/EditorialAssertion"}
    assert graph_types(b, "?c a ltkg:Continuation") == {"EditorialAssertion"}


def test_each_continuation_has_quotes_from_both_programmes_documents(b):
    rows = b.select("""SELECT ?c ?side ?doc ?sideProgramme ?cite WHERE {
        ?c a ltkg:Continuation .
        { ?c ltkg:earlierEvidence ?cite ; ltkg:earlier ?node . BIND("earlier" AS ?side) }
        UNION { ?c ltkg:laterEvidence ?cite ; ltkg:later ?node . BIND("later" AS ?side) }
        ?node ltkg:programme ?sideProgramme .
        ?cite a ltkg:Citation ; dcterms:source ?doc ; ltkg:quote ?quote }""")
    sides: dict[str, dict[str, set]] = {}
    for r in rows:
        programme = r["sideProgramme"].split("/", 1)[1]
        document = r["doc"].split("/", 1)[1]
        assert document in DOCUMENTS[programme], (r["c"], r["side"], document)
        sides.setdefault(r["c"], {}).setdefault(r["side"], set()).add(document)
    assert len(sides) == len(CONTINUATIONS)
    for continuation, by_side in sides.items():
        assert set(by_side) == {"earlier", "later"}, continuation
        # the quotes of the two sides come from different documents: each side's own
        assert by_side["earlier"].isdisjoint(by_side["later"]), continuation
    # every side's citation is evidence of the continuation's editorial assertion
    assert not b.ask("""ASK { ?c ltkg:earlierEvidence|ltkg:laterEvidence ?cite .
        GRAPH ?g { ?c a ltkg:Continuation } FILTER NOT EXISTS { ?g prov:wasDerivedFrom ?cite } }""")


def test_samen_ouder_worden_in_the_plan_and_in_wozo(b):
    rows = b.select("""SELECT ?prop ?doc ?first ?quote WHERE {
        VALUES ?prop { ltkg:earlierEvidence ltkg:laterEvidence }
        <https://ltkg.example.org/id/continuation/samen-ouder-worden-wozo> ?prop ?c .
        ?c dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:quote ?quote }""")
    found = {(r["prop"].rsplit("/", 1)[1], r["doc"].split("/", 1)[1], int(r["first"])) for r in rows}
    assert found == {("earlierEvidence", PLAN, 254), ("earlierEvidence", PLAN, 775),
                     ("earlierEvidence", REPORT_2021, 982), ("laterEvidence", WOZO, 78), ("laterEvidence", WOZO, 93)}
    assert any("vorige editie van Samen Ouder Worden" in r["quote"] for r in rows)
    # the name as each document writes it, cited there
    for document in (PLAN, WOZO):
        assert b.ask(f"""ASK {{ GRAPH ?g {{ <https://ltkg.example.org/id/continuation/samen-ouder-worden-wozo>
            skos:altLabel "Samen Ouder Worden"@nl }}
            ?g a ltkg:Citation ; dcterms:source <https://ltkg.example.org/id/document/{document}> }}""")


def test_the_wozo_report_calls_stoz_the_successor_of_set(b):
    rows = b.select("""SELECT ?quote WHERE {
        <https://ltkg.example.org/id/continuation/e-health-set-stoz-wozo> ltkg:laterEvidence ?c .
        ?c ltkg:firstLine 393 ; ltkg:quote ?quote }""")
    assert rows == [{"quote": "De STOZ-regeling is een opvolger van de Stimuleringsregeling E-health Thuis (SET)."}]


# -- what the 2018 plan's actions rest on ------------------------------------------------------------------
RESTS_ON = {  # action: {regulation: {line of the plan's quote}}
    "langer-thuis-1.3": {"wmo-2015": {519}, "wpg": {519}},
    "langer-thuis-1.8": {"set": {206, 600}},
    "langer-thuis-1.9": {"inzicht": {207, 618}},
    "langer-thuis-1.10": {"subsidieregeling-extramurale-behandeling": {626}},
    "langer-thuis-1.11": {"zvw": {212, 633}},
    "langer-thuis-1.14": {"hoofdlijnenakkoorden": {665}},
    "langer-thuis-1.15": {"zvw": {217}, "wmo-2015": {217}, "wlz": {217}},
    "langer-thuis-1.16": {"wet-toetreding-zorgaanbieders": {679}, "aanpassingswet-wet-toetreding-zorgaanbieders": {679}},
    "langer-thuis-3.10": {"vn-verdrag-handicap": {865}},
}


def test_2018_actions_rest_on_schemes_with_the_plans_quote(b):
    rows = b.select(f"""SELECT ?action ?regulation ?first WHERE {{
        GRAPH ?g {{ ?action ltkg:restsOn ?regulation }} ?action ltkg:programme programme:langer-thuis .
        ?g a ltkg:Citation ; dcterms:source <https://ltkg.example.org/id/document/{PLAN}> ; ltkg:firstLine ?first }}""")
    found: dict[str, dict[str, set]] = {}
    for r in rows:
        found.setdefault(r["action"].split("/", 1)[1], {}).setdefault(r["regulation"].split("/", 1)[1], set()).add(int(r["first"]))
    for action, regulations in RESTS_ON.items():
        for regulation, lines in regulations.items():
            assert lines <= found.get(action, {}).get(regulation, set()), (action, regulation)


def test_the_innovation_scheme_of_action_35_is_identified_editorially(b):
    assert graph_types(b, "action:langer-thuis-3.5 ltkg:restsOn <https://ltkg.example.org/id/initiative/swz-stimuleringsregeling-wonen-en-zorg>") \
        == {"EditorialAssertion"}
    rows = b.select("""SELECT ?doc ?first WHERE {
        editorial:rests-on-langer-thuis-3.5-stimuleringsregeling-wonen-en-zorg prov:wasDerivedFrom ?c .
        ?c dcterms:source ?doc ; ltkg:firstLine ?first }""")
    assert {(r["doc"].split("/", 1)[1], int(r["first"])) for r in rows} == {(PLAN, 279), (PLAN, 830), (REPORT_2021, 1788)}


def test_every_regulation_has_exactly_one_known_kind(b):
    rows = b.select("""SELECT ?r (COUNT(DISTINCT ?kind) AS ?n) (SAMPLE(?kind) AS ?k) WHERE {
        ?r a ltkg:Regulation . OPTIONAL { ?r org:classification ?kind } } GROUP BY ?r""")
    kinds = {"law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant"}
    assert len(rows) > 30
    for r in rows:
        assert r["n"] == "1" and r["k"].split("/", 1)[1] in kinds, r


# -- the build checks the curated file ------------------------------------------------------------------
def test_unknown_ids_and_foreign_quotes_in_lineage_yaml_are_build_errors_with_file_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "lineage.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.count("\n") + 1
    path.write_text(text + """  - action: langer-thuis-9.9
    names: [SET]
    source: {lines: 600, quote: "(SET)"}
""", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    insert_at = text.index("continuations:\n") + len("continuations:\n")
    extra = """  - id: wrong-document
    name: Samen Ouder Worden
    rationale: test
    earlier:
      action: langer-thuis-2.15
      name: Samen Ouder Worden
      sources:
        - {doc: 2024-wozo-voortgangsrapportage, lines: 78, quote: "Samen Ouder Worden"}
    later:
      action: wozo-9.9
      name: Samen Ouder Worden
      sources:
        - {doc: 2024-wozo-voortgangsrapportage, lines: 78, quote: "Samen Ouder Worden"}
"""
    extra_line = text[:insert_at].count("\n") + 1
    path.write_text(text[:insert_at] + extra + text[insert_at:], encoding="utf-8")
    with pytest.raises(BuildError) as error:
        assemble(data_dir=data)
    problems = "\n".join(error.value.problems)
    assert f"lineage.yaml:{start + len(extra.splitlines())}: unknown action 'langer-thuis-9.9'" in problems
    assert f"lineage.yaml:{extra_line + 9}: unknown action 'wozo-9.9'" in problems
    assert f"lineage.yaml:{extra_line + 7}: the earlier side (langer-thuis-2.15, programme langer-thuis) " \
           f"must be cited in its own programme's documents" in problems


def test_each_succession_says_how_strong_its_evidence_is(b):
    rows = b.select("""SELECT ?later ?strength ?g WHERE { GRAPH ?g { ?s a ltkg:Succession ; ltkg:successor ?later ;
                         ltkg:predecessor programme:langer-thuis ; ltkg:evidenceStrength ?strength } }""")
    assert {r["later"].split("/", 1)[1]: r["strength"].split("/", 1)[1] for r in rows} == {
        "wozo": "several-initiatives", "iza": "several-initiatives", "gala": "single-initiative", "taz": "single-scheme"}
    assert {r["g"] for r in rows} == {f"editorial/lineage-{p}-succeeds-langer-thuis" for p in ("wozo", "iza", "gala", "taz")}
