"""The cookbook (examples/*.rq): every question asked in Dutch and English, every query runs as it stands on a
store without a union default graph (as any SPARQL 1.1 server holds the dump) and on Virtuoso with the same
answer, and each gives the answer its question expects, checked against the real build."""
from __future__ import annotations

import re

import httpx
import pytest

from api.sparql.cookbook import read, recipes
from graph.settings import ROOT
from tests.plan2018_fixtures import built

RECIPES = {recipe.slug: recipe for recipe in recipes()}
ID = "https://ltkg.example.org/id/"
LTKG = "https://ltkg.example.org/def/"
PLAN = ID + "document/2018-langer-thuis-plan-van-aanpak"
LETTER = ID + "document/2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis"


def answer(slug: str, union: bool = False) -> list[dict[str, str | None]]:
    """The rows of a recipe as {variable: lexical value}, from the real build's store."""
    result = built().store.query(RECIPES[slug].query, use_default_graph_as_union=union)
    names = [v.value for v in result.variables]
    return [{name: (row[name].value if row[name] is not None else None) for name in names} for row in result]


def test_there_are_at_least_twelve_questions():
    assert len(RECIPES) >= 12


@pytest.mark.parametrize("slug", RECIPES)
def test_each_question_is_asked_in_dutch_and_english(slug):
    recipe = RECIPES[slug]
    assert recipe.nl and recipe.en and recipe.nl != recipe.en
    assert recipe.about, "the header says how to read the answer"
    assert recipe.en.endswith((".", "?")) and recipe.nl.endswith((".", "?"))


def test_a_file_without_its_questions_is_refused(tmp_path):
    path = tmp_path / "99-nameless.rq"
    path.write_text("# en: Only English?\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(ValueError, match="99-nameless.rq.*nl"):
        read(path)


@pytest.mark.parametrize("slug", RECIPES)
def test_each_query_runs_as_it_stands_without_a_union_default_graph(slug):
    """Every pattern names its graph, so a server whose default graph is empty gives the same answer."""
    plain = answer(slug)
    assert plain, f"{slug} answers nothing"
    union = answer(slug, union=True)
    key = lambda row: sorted((k, v or "") for k, v in row.items())  # noqa: E731
    assert sorted(map(key, plain)) == sorted(map(key, union))


@pytest.fixture(scope="module")
def virtuoso() -> str:
    """The SPARQL endpoint of a private Virtuoso holding the real build's dump (scripts/virtuoso); skipped where
    Virtuoso is not installed, unless LTKG_TEST_VIRTUOSO=required (CI)."""
    from virtuoso import running

    with running(built().dump) as endpoint:
        yield endpoint


def _same(value: str | None) -> str:
    """A value compared across engines: the parts of a GROUP_CONCAT in any order."""
    return " ; ".join(sorted(re.split(r", | \| ", value or "")))


@pytest.mark.parametrize("slug", RECIPES)
def test_each_query_gives_the_same_answer_on_virtuoso(virtuoso, slug):
    response = httpx.post(virtuoso, data={"query": RECIPES[slug].query}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text[:500]
    answer_json = response.json()
    names = answer_json["head"]["vars"]
    theirs = sorted(tuple(_same(b.get(n, {}).get("value")) for n in names) for b in answer_json["results"]["bindings"])
    ours = sorted(tuple(_same(row[n]) for n in names) for row in answer(slug))
    assert theirs == ours


def test_the_readme_lists_every_question():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for recipe in RECIPES.values():
        assert f"examples/{recipe.slug}.rq" in readme and recipe.en in readme


def test_who_leads_what():
    rows = answer("01-who-leads-what")
    vws = [r for r in rows if r["action"] == ID + "action/langer-thuis-2.6" and r["party"] == ID + "party/vws"]
    assert vws and vws[0]["document"] == PLAN and vws[0]["line"] == "244" and "VWS" in vws[0]["quote"]
    assert all(r["quote"] and r["line"] for r in rows)


def test_table_versus_annex():
    rows = answer("02-table-versus-annex")
    # the sixteen actions the README discusses (the annex's other roles, e.g. a commissioner, may add more)
    assert {"1.12", "1.15", "2.1", "2.3", "2.5", "2.6", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15",
            "2.17", "3.7"} <= {r["notation"] for r in rows}
    assert all(r["table"] and r["annex"] and r["tableLines"] and r["annexLines"] for r in rows)
    g40 = next(r for r in rows if r["notation"] == "3.7")
    assert "G40 (partner)" in g40["annex"] and "G40" not in g40["table"]
    assert g40["tableLines"] == "284" and g40["annexLines"] == "851"


def test_continued_in_wozo():
    rows = answer("03-continued-in-wozo")
    row = next(r for r in rows if r["earlierNotation"] == "1.10")
    assert row["later"] == ID + "action/wozo-2.3" and row["statedBy"] == LTKG + "EditorialAssertion"
    assert row["rationale"]
    assert "2018-langer-thuis-plan-van-aanpak line 211" in row["earlierEvidence"]
    assert "2024-wozo-voortgangsrapportage line" in row["laterEvidence"]


def test_conflicting_figures():
    rows = answer("04-conflicting-figures")
    sides = {(r["document1"], r["line1"], r["value1"], r["document2"], r["line2"], r["value2"], r["basis"])
             for r in rows if r["about"] == ID + "initiative/set" and r["kind"] == "budget"}
    assert (LETTER, "150", "30000000", PLAN, "600", "25000000", "per-year") in sides
    assert all(r["value1"] != r["value2"] and r["document1"] != r["document2"] for r in rows)


def test_bridging_parties():
    rows = answer("05-bridging-parties")
    assert all(int(r["programmes"]) > 1 for r in rows)
    counts = [int(r["programmes"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    # the insurers: Langer Thuis and WOZO actions, and GALA's action line 7 (final report lines 940-944)
    assert rows[0]["party"] == ID + "party/zorgverzekeraars" and counts[0] == 3
    assert "GALA" in rows[0]["programmeNames"] or "Gezond en Actief" in rows[0]["programmeNames"]
    assert {ID + "party/vws", ID + "party/vng"} <= {r["party"] for r in rows}


def test_uncovered_themes():
    rows = answer("06-uncovered-themes")
    assert {r["name"] for r in rows} == {"Hulpmiddelen", "Palliatief terminale zorg",
                                         "Plaats de zorgvraag in de juiste context", "Urgentiebesef en oplossend vermogen"}
    assert {r["name"] for r in rows if r["reportCalls"] == "yes"} == {"Hulpmiddelen", "Palliatief terminale zorg"}


def test_white_spots_and_verdicts():
    rows = answer("07-white-spots-and-verdicts")
    assert [r["number"] for r in rows] == ["1", "2", "3", "4", "5", None]  # Deel 5 does not number the sixth
    assert "goed belegd" in next(r for r in rows if r["spot"] == ID + "white-spot/hulpmiddelen")["verdict"]
    fifth, sixth = rows[-2:]
    assert fifth["verdict"] is None and fifth["openQuestion"].startswith("Vraag aan werkorganisatie")
    assert sixth["spot"] == ID + "white-spot/bekwaam-is-bevoegd" and sixth["verdict"] is None
    assert "IZA" in rows[0]["possiblyAddressedBy"] or "Integraal" in rows[0]["possiblyAddressedBy"]


def test_regional_plan():
    rows = answer("08-regional-plan")
    assert {(r["plan"], r["planLine"]) for r in rows} == {(ID + "regional-plan/zeeland", "2208")}
    assert ("Vervoer, mobiliteit", "niet benoemd in de plannen") in {(r["indicatorName"], r["coverage"]) for r in rows}


def test_schemes_of_a_programme():
    rows = answer("09-schemes-of-a-programme")
    direct = {r["scheme"] for r in rows if r["via"] == ID + "programme/wozo"}
    assert {ID + "initiative/wlz", ID + "initiative/stoz"} <= direct
    assert all(r["via"] == ID + "programme/wozo" or "/wozo-" in r["via"] for r in rows)


def test_final_report_silent():
    silent = [r["notation"] for r in answer("10-final-report-silent")]
    assert len(silent) == len(set(silent)) == 19 and "1.4" in silent and "2.6" not in silent


def test_editorial_facts():
    rows = {r["property"]: r for r in answer("11-editorial-facts")}
    assert rows[LTKG + "succeeds"]["triples"] == "4"
    assert int(rows[LTKG + "theme"]["triples"]) > 100  # the theme classification is the editors'
    assert LTKG + "lead" not in rows  # who leads is always a document's


def test_noted_ambiguities():
    rows = answer("12-noted-ambiguities")
    assert any(r["thing"] == ID + "action/langer-thuis-3.11" and '"BKZ"' in r["note"] for r in rows)
    assert {r["statedBy"] for r in rows} <= {LTKG + "Citation", LTKG + "EditorialAssertion"}


def test_fact_to_source():
    rows = answer("13-fact-to-source")
    lead = [r for r in rows if r["property"] == LTKG + "lead" and r["value"] == ID + "party/vws"]
    assert lead and lead[0]["document"] == PLAN and lead[0]["firstLine"] == "244" and lead[0]["quote"]
    theme = [r for r in rows if r["property"] == LTKG + "theme"]
    assert theme and all(r["statedBy"] == LTKG + "EditorialAssertion" and r["rationale"] for r in theme)


def test_roles_per_programme():
    rows = answer("14-roles-per-programme")
    wozo = {r["role"] for r in rows if r["programme"] == ID + "programme/wozo"}
    assert wozo == {LTKG + "Involved"}  # the WOZO report names no leads
    assert LTKG + "Lead" in {r["role"] for r in rows if r["programme"] == ID + "programme/langer-thuis"}

