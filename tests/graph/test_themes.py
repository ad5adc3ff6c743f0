"""Theme classification (graph/extract/themes.py, graph/data/theme-classification-*.yaml) in the real
build: every action of Langer Thuis and WOZO and every action line of IZA, GALA and TAZ classified
(editorial, one assertion with its rationale each), the computed white spots, and the build's check of
the files (unknown ids are errors with file:line)."""
from __future__ import annotations

import shutil

import pytest

from graph.build import assemble
from graph.kg import BuildError
from graph.settings import DATA_DIR
from plan2018_fixtures import built
from test_lineage import Union

CLASSIFIED = {"langer-thuis": 44, "wozo": 35, "iza": 9, "gala": 7, "taz": 3}
COMPUTED_GAPS = {"hulpmiddelen", "palliatieve-zorg", "plaats-de-zorgvraag-in-de-juiste-context",
                 "urgentiebesef-en-oplossend-vermogen"}
REPORT_CANDIDATES = {"toegankelijkheid-van-zorg": "toegankelijkheid-van-ondersteuning-en-zorg", "spoedzorg": "spoedzorg",
                     "palliatieve-zorg": "palliatieve-zorg", "hulpmiddelen": "hulpmiddelen",
                     "randvoorwaarden-regionale-samenwerking": "randvoorwaarden-regionale-samenwerking",
                     "bekwaam-is-bevoegd": "bekwaam-is-inzetbaar"}


@pytest.fixture(scope="module")
def b():
    return Union(built().store)


def test_every_action_and_agreement_action_line_is_classified_once(b):
    rows = b.select("""SELECT ?programme (COUNT(DISTINCT ?item) AS ?n) WHERE {
        VALUES ?class { ltkg:Action ltkg:ActionLine }
        ?item a ?class ; ltkg:programme ?programme .
        GRAPH ?g { ?item ltkg:theme ?theme } ?g a ltkg:EditorialAssertion } GROUP BY ?programme""")
    assert {r["programme"].split("/", 1)[1]: int(r["n"]) for r in rows} == CLASSIFIED
    # nothing left out: all 44 actions of Langer Thuis, all WOZO sections, all IZA/GALA/TAZ action lines
    missing = b.select("""SELECT ?item WHERE {
        { ?item a ltkg:Action ; ltkg:programme ?p . VALUES ?p { programme:langer-thuis programme:wozo } }
        UNION { ?item a ltkg:ActionLine ; ltkg:programme ?p . VALUES ?p { programme:iza programme:gala programme:taz } }
        FILTER NOT EXISTS { ?item ltkg:theme ?theme } }""")
    assert missing == []


def test_one_editorial_assertion_with_a_rationale_per_classification(b):
    rows = b.select("""SELECT ?g ?item ?rationale (COUNT(DISTINCT ?theme) AS ?n) WHERE {
        GRAPH ?g { ?item ltkg:theme ?theme }
        ?g a ltkg:EditorialAssertion ; ltkg:rationale ?rationale ; prov:wasAttributedTo ?editors .
        VALUES ?class { ltkg:Action ltkg:ActionLine } ?item a ?class } GROUP BY ?g ?item ?rationale""")
    assert len(rows) == sum(CLASSIFIED.values()) == 98
    for r in rows:
        assert r["g"] == f"editorial/theme-class-{r['item'].split('/', 1)[1]}"
        assert len(r["rationale"]) > 20 and int(r["n"]) >= 1
    # the classification graphs hold only ltkg:theme links to themes of the scheme
    assert not b.ask("""ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://ltkg.example.org/id/editorial/theme-class-"))
        FILTER(?p != ltkg:theme || NOT EXISTS { ?o a ltkg:Theme ; skos:inScheme ltkg:themes }) }""")
    # and no document classifies an action into a theme
    assert not b.ask("""ASK { GRAPH ?g { ?item ltkg:theme ?theme } ?g a ltkg:Citation .
        VALUES ?class { ltkg:Action ltkg:ActionLine } ?item a ?class }""")


@pytest.mark.parametrize("item, theme", [
    ("action/langer-thuis-1.8", "digitalisering"),        # SET, e-health at home
    ("action/langer-thuis-1.13", "spoedzorg"),            # coordination of temporary stay, 24/7 admission
    ("action/langer-thuis-3.5", "wonen"),
    ("action/wozo-1.1", "voorbereid-ouder-worden"),       # 'Praat vandaag over morgen'
    ("action/wozo-2.3", "toegankelijkheid-van-ondersteuning-en-zorg"),
    ("action/wozo-3.3", "randvoorwaarden-regionale-samenwerking"),
    ("actionline/iza-2", "spoedzorg"),
    ("actionline/gala-3", "ontwikkeling-in-wijken-kernen"),
    ("actionline/taz-1", "bekwaam-is-inzetbaar"),
])
def test_spot_checks(b, item, theme):
    assert b.ask(f"ASK {{ <https://ltkg.example.org/id/{item}> ltkg:theme <https://ltkg.example.org/id/theme/{theme}> }}")


def test_computed_white_spots_have_no_covering_action_at_all(b):
    rows = b.select("""SELECT ?theme WHERE { ?theme a ltkg:Theme
        FILTER NOT EXISTS { VALUES ?class { ltkg:Action ltkg:ActionLine } ?x a ?class ; ltkg:theme ?theme } }""")
    gaps = {r["theme"].split("/", 1)[1] for r in rows}
    assert gaps == COMPUTED_GAPS
    for gap in gaps:
        # nothing but indicators and the report's white spots point at the theme
        linked = b.select(f"""SELECT DISTINCT ?class WHERE {{ ?x ltkg:theme <https://ltkg.example.org/id/theme/{gap}> ; a ?class }}""")
        assert {r["class"].rsplit("/", 1)[1] for r in linked} <= {"WhiteSpot", "Indicator"}, gap


def test_report_candidates_beside_the_computed_gaps(b):
    rows = b.select("""SELECT ?spot ?theme WHERE { ?spot a ltkg:WhiteSpot ; ltkg:theme ?theme }""")
    candidates = {r["spot"].split("/", 1)[1]: r["theme"].split("/", 1)[1] for r in rows}
    assert candidates == REPORT_CANDIDATES
    # two of the report's candidates no action covers at all; the others some classified action covers
    assert set(candidates.values()) & COMPUTED_GAPS == {"hulpmiddelen", "palliatieve-zorg"}
    covered = b.select("""SELECT DISTINCT ?item WHERE { ?item ltkg:theme theme:spoedzorg ; a ?c
        VALUES ?c { ltkg:Action ltkg:ActionLine } }""".replace("theme:spoedzorg", "<https://ltkg.example.org/id/theme/spoedzorg>"))
    assert {r["item"] for r in covered} == {"action/langer-thuis-1.13", "action/langer-thuis-1.16", "action/wozo-2.1",
                                            "action/wozo-2.3", "actionline/iza-2"}


def test_unknown_action_or_theme_in_a_classification_file_is_a_build_error_with_file_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "theme-classification-iza-gala-taz.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.count("\n") + 1
    path.write_text(text + """  - actionLine: iza-10
    themes: [preventie]
    rationale: an action line the report does not have
  - actionLine: gala-1
    themes: [preventie, no-such-theme]
    rationale: a theme the scheme does not have
  - action: wozo-1.1
    themes: [cultuur]
    rationale: a WOZO section in the file of the agreements
  - actionLine: taz-3
    themes: [professionals]
    rationale: classified twice
""", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        assemble(data_dir=data)
    problems = "\n".join(error.value.problems)
    name = path.name
    assert f"{name}:{first}: unknown action line 'iza-10'" in problems
    assert f"{name}:{first + 3}: unknown theme 'no-such-theme'" in problems
    assert f"{name}:{first + 3}: gala-1 is already classified at {name}:" in problems
    assert f"{name}:{first + 6}: wozo-1.1 belongs to programme 'wozo', not to this file's iza, gala, taz" in problems
    assert f"{name}:{first + 9}: taz-3 is already classified at {name}:" in problems
