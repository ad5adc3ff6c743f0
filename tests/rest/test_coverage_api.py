"""The landscape routes (api/rest/) on the real build: regulations, regions, themes, white
spots, coverage and lineage; sources on every item, editorial facts marked; 404 and 422 as
application/problem+json. Also that the programmes and actions of WOZO, IZA, GALA, TAZ and the Pact
come through the core routes (api/rest/)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from plan2018_fixtures import built

PROBLEM = "application/problem+json"
PLAN = "2018-langer-thuis-plan-van-aanpak"
EINDVERSLAG = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"


@pytest.fixture(scope="module")
def api():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


def ok(api, url: str, **params) -> dict:
    response = api.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def problem(api, url: str, status: int, **params) -> dict:
    response = api.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    return body


def assert_sources(sources: list[dict]) -> None:
    assert sources, "an item without sources"
    for source in sources:
        if source["kind"] == "citation":
            assert source["document"] and source["quote"] and source["lines"][0] <= source["lines"][1]
        else:
            assert source["kind"] == "editorial" and source["id"] and source["rationale"]


# -- regulations ----------------------------------------------------------------------------------------
def test_regulations_by_kind_with_what_rests_on_them(api):
    laws = ok(api, "/api/regulations", kind="law", limit=1000)
    ids = {r["id"] for r in laws["items"]}
    assert {"wmo-2015", "zvw", "wlz", "wpg", "jeugdwet", "wegiz", "wet-toetreding-zorgaanbieders"} <= ids
    assert laws["total"] == len(laws["items"])
    for regulation in laws["items"]:
        assert regulation["kind"]["id"] == "law" and regulation["kind"]["nameEn"] == "law"
        assert_sources(regulation["sources"])
        for item in regulation["restingOnIt"]:
            assert_sources(item["sources"])
    zvw = next(r for r in laws["items"] if r["id"] == "zvw")
    action = next(i for i in zvw["restingOnIt"] if i["id"] == "langer-thuis-1.11")
    assert action["type"] == "action" and action["programme"] == "langer-thuis" and not action["editorial"]
    assert {(s["document"], s["lines"][0]) for s in action["sources"]} >= {(PLAN, 212), (PLAN, 633)}


def test_every_kind_lists_its_regulations_and_all_together_are_all(api):
    total = ok(api, "/api/regulations", limit=1000)["total"]
    per_kind = {k: ok(api, "/api/regulations", kind=k, limit=1000)["total"]
                for k in ("law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant")}
    assert sum(per_kind.values()) == total and all(per_kind.values())


def test_a_scheme_with_its_claims_and_the_editorial_identification(api):
    swz = ok(api, "/api/regulations/swz-stimuleringsregeling-wonen-en-zorg")
    assert swz["kind"]["id"] == "incentive-scheme"
    resting = {i["id"]: i for i in swz["restingOnIt"]}
    assert resting["langer-thuis-3.5"]["editorial"] is True
    assert resting["langer-thuis-3.5"]["sources"][0]["id"] == "rests-on-langer-thuis-3.5-stimuleringsregeling-wonen-en-zorg"
    assert resting["wozo-4.4"]["editorial"] is False
    set_ = ok(api, "/api/regulations/set")
    assert {i["id"] for i in set_["restingOnIt"]} >= {"langer-thuis-1.8"}
    budget = next(c for c in set_["claims"] if c["id"] == "plan-2018-1.8-set-budget")
    assert budget["amount"] == {"value": 25000000, "currency": "EUR", "basis": "per-year", "fromYear": None,
                                "toYear": None, "text": "ca. 25 miljoen"}
    assert budget["sources"] == [{"kind": "citation", "document": PLAN, "lines": [600, 600],
                                  "quote": "Hiervoor is structureel ca. 25 miljoen beschikbaar per jaar."}]


def test_regulations_404_and_422(api):
    problem(api, "/api/regulations/no-such-scheme", 404)
    problem(api, "/api/regulations/Not A Slug", 404)
    assert problem(api, "/api/regulations", 422, kind="treaty")["parameter"] == "kind"
    assert problem(api, "/api/regulations", 422, kind="Not!")["parameter"] == "kind"
    assert problem(api, "/api/regulations", 422, colour="red")["parameter"] == "colour"
    problem(api, "/api/regulations", 422, limit="-1")
    problem(api, "/api/regulations/set", 422, kind="law")


def test_regulations_page(api):
    everything = ok(api, "/api/regulations", limit=1000)
    page = ok(api, "/api/regulations", limit=3, offset=2)
    assert page["total"] == everything["total"] and [r["id"] for r in page["items"]] == \
        [r["id"] for r in everything["items"][2:5]]


# -- regions --------------------------------------------------------------------------------------------
def test_ten_regions_each_with_its_cited_regional_plan(api):
    regions = ok(api, "/api/regions")
    assert regions["total"] == 10
    assert [r["regionalPlans"][0]["number"] for r in regions["items"]] == list(range(1, 11))
    for region in regions["items"]:
        assert_sources(region["sources"])
        assert_sources(region["regionalPlans"][0]["sources"])
    zeeland = ok(api, "/api/regions/zeeland")
    assert zeeland["regionalPlans"][0]["number"] == 9
    assert {"kind": "citation", "document": EINDVERSLAG, "lines": [2208, 2208], "quote": "9. Zeeland"} in zeeland["sources"]
    problem(api, "/api/regions/atlantis", 404)
    problem(api, "/api/regions", 422, offset="x")


# -- themes ---------------------------------------------------------------------------------------------
def test_themes_with_the_actions_classified_under_them(api):
    themes = ok(api, "/api/themes", limit=1000)
    assert themes["total"] == len(themes["items"]) >= 29
    categories = [t for t in themes["items"] if "indicator-category" in t["origins"]]
    assert len(categories) == 8
    for theme in themes["items"]:
        assert_sources(theme["sources"])
        for action in theme["actions"]:
            assert action["editorial"] is True and action["sources"][0]["id"] == f"theme-class-{action['id']}"
    spoedzorg = ok(api, "/api/themes/spoedzorg")
    assert {a["id"] for a in spoedzorg["actions"]} == {"langer-thuis-1.13", "langer-thuis-1.16", "wozo-2.1",
                                                        "wozo-2.3", "iza-2"}
    assert spoedzorg["programmes"] == ["iza", "langer-thuis", "wozo"]
    assert [w["id"] for w in spoedzorg["whiteSpots"]] == ["spoedzorg"]
    problem(api, "/api/themes/no-such-theme", 404)
    problem(api, "/api/themes", 422, theme="Bad Id")


# -- white spots ------------------------------------------------------------------------------------------
def test_white_spots_report_candidates_beside_computed_gaps(api):
    spots = ok(api, "/api/white-spots")
    assert spots["counts"] == {"reportCandidates": 6, "computedGaps": 4, "both": 2}
    by_theme = {i["theme"]["id"]: i for i in spots["items"]}
    assert set(by_theme) == {"toegankelijkheid-van-ondersteuning-en-zorg", "spoedzorg", "palliatieve-zorg", "hulpmiddelen",
                             "randvoorwaarden-regionale-samenwerking", "bekwaam-is-inzetbaar",
                             "plaats-de-zorgvraag-in-de-juiste-context", "urgentiebesef-en-oplossend-vermogen"}
    hulpmiddelen = by_theme["hulpmiddelen"]
    assert hulpmiddelen["computed"]["gap"] is True
    verdict = hulpmiddelen["reportCandidates"][0]["verdict"]
    assert verdict["text"] == "De werkorganisatie is van mening dat dit thema op dit moment goed belegd is."
    assert verdict["sources"][0]["lines"] == [2124, 2125]
    question = by_theme["randvoorwaarden-regionale-samenwerking"]["reportCandidates"][0]
    assert question["verdict"] is None and question["openQuestion"]["sources"][0]["lines"] == [2131, 2131]
    assert by_theme["bekwaam-is-inzetbaar"]["reportCandidates"][0]["verdict"] is None
    spoed = by_theme["spoedzorg"]
    assert spoed["computed"]["gap"] is False and "iza-2" in spoed["computed"]["coveringActions"]["iza"]
    for item in spots["items"]:
        for candidate in item["reportCandidates"]:
            assert_sources(candidate["sources"])
            for statement in candidate["statements"]:
                assert_sources(statement["sources"])


def test_a_computed_white_spot_really_has_no_covering_action(api):
    spots = ok(api, "/api/white-spots")
    gaps = [i["theme"]["id"] for i in spots["items"] if i["computed"]["gap"]]
    assert len(gaps) == 4
    for gap in gaps:
        assert ok(api, f"/api/themes/{gap}")["actions"] == []
        row = next(i for i in ok(api, "/api/coverage", limit=1000)["items"] if i["theme"]["id"] == gap)
        assert row["covered"] is False and all(cell["actions"] == [] for cell in row["cells"])


def test_white_spots_for_a_set_of_programmes(api):
    agreements = ok(api, "/api/white-spots", programme=["iza", "gala", "taz"])
    gaps = {i["theme"]["id"] for i in agreements["items"] if i["computed"]["gap"]}
    assert {"hulpmiddelen", "palliatieve-zorg", "toegankelijkheid-van-ondersteuning-en-zorg", "cultuur"} <= gaps
    assert "spoedzorg" not in gaps and "wonen" not in gaps   # iza-2, gala-2
    assert problem(api, "/api/white-spots", 422, programme="nope")["parameter"] == "programme"
    problem(api, "/api/white-spots", 422, programme="pact-voor-de-ouderenzorg")  # no classified action
    problem(api, "/api/white-spots", 422, theme="spoedzorg")


# -- coverage -------------------------------------------------------------------------------------------
def test_coverage_matrix_lists_real_actions_of_the_programmes_asked(api):
    matrix = ok(api, "/api/coverage", programme=["wozo", "iza"], limit=1000)
    assert [p["id"] for p in matrix["programmes"]] == ["wozo", "iza"]
    assert matrix["total"] == len(matrix["items"]) >= 29
    listed = 0
    for row in matrix["items"]:
        assert [c["programme"] for c in row["cells"]] == ["wozo", "iza"]
        assert_sources(row["theme"]["sources"])
        assert row["covered"] == any(c["actions"] for c in row["cells"])
        for cell in row["cells"]:
            for action in cell["actions"]:
                listed += 1
                assert action["programme"] == cell["programme"] and action["editorial"] is True
                assert action["sources"][0]["id"] == f"theme-class-{action['id']}"
                if action["type"] == "action":   # a real action, with its programme, through the core route
                    assert ok(api, f"/api/actions/{action['id']}")["programme"]["id"] == cell["programme"]
                else:
                    line = ok(api, f"/api/programmes/{cell['programme']}")
                    assert action["id"] in {l["id"] for l in line["actionLines"]}
    assert listed >= 35 + 9
    wonen = next(r for r in matrix["items"] if r["theme"]["id"] == "wonen")
    assert {a["id"] for a in wonen["cells"][0]["actions"]} >= {"wozo-4.1", "wozo-4.3", "wozo-4.4"}
    assert wonen["cells"][1]["actions"] == [] and wonen["coveredBy"] == ["wozo"]


def test_coverage_defaults_to_the_classified_programmes_and_checks_its_parameters(api):
    matrix = ok(api, "/api/coverage")
    assert [p["id"] for p in matrix["programmes"]] == ["gala", "iza", "langer-thuis", "taz", "wozo"]
    assert set(matrix["gaps"]) == {"hulpmiddelen", "palliatieve-zorg", "plaats-de-zorgvraag-in-de-juiste-context",
                                   "urgentiebesef-en-oplossend-vermogen"}
    assert problem(api, "/api/coverage", 422, programme="atlantis")["parameter"] == "programme"
    problem(api, "/api/coverage", 422, programme="")
    problem(api, "/api/coverage", 422, theme="wonen")
    problem(api, "/api/coverage", 422, limit="5000")


# -- lineage --------------------------------------------------------------------------------------------
def test_lineage_of_langer_thuis(api):
    lineage = ok(api, "/api/programmes/langer-thuis/lineage")
    (pact,) = lineage["partOf"]
    assert pact["id"] == "pact-voor-de-ouderenzorg" and pact["editorial"] is False
    assert {(s["document"], s["lines"][0]) for s in pact["sources"]} == {
        (PLAN, 119), ("2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis", 23)}
    assert lineage["succeeds"] == []
    assert {s["id"] for s in lineage["succeededBy"]} == {"wozo", "iza", "gala", "taz"}
    for link in lineage["succeededBy"]:
        assert link["editorial"] is True and link["sources"][0]["id"] == f"lineage-{link['id']}-succeeds-langer-thuis"
        assert_sources(link["evidence"])
    # how strong each succession's evidence is: TAZ continues one scheme (SET -> STOZ), no more
    assert {link["id"]: link["evidenceStrength"] for link in lineage["succeededBy"]} == {
        "wozo": "several-initiatives", "iza": "several-initiatives", "gala": "single-initiative", "taz": "single-scheme"}
    assert len(lineage["continuations"]) == 15
    for continuation in lineage["continuations"]:
        assert continuation["editorial"] is True
        earlier, later = continuation["earlier"], continuation["later"]
        assert earlier["programme"] == "langer-thuis" and later["programme"] in {"wozo", "iza", "gala"}
        assert_sources(earlier["sources"])
        assert_sources(later["sources"])
        assert {s["document"] for s in earlier["sources"]}.isdisjoint({s["document"] for s in later["sources"]})


def test_lineage_of_wozo_and_of_the_pact(api):
    wozo = ok(api, "/api/programmes/wozo/lineage")
    assert [s["id"] for s in wozo["succeeds"]] == ["langer-thuis"] and wozo["succeeds"][0]["editorial"]
    samen = next(c for c in wozo["continuations"] if c["id"] == "samen-ouder-worden-wozo")
    assert (samen["earlier"]["id"], samen["later"]["id"]) == ("langer-thuis-2.15", "wozo-1.6")
    assert any("vorige editie van Samen Ouder Worden" in s["quote"] for s in samen["later"]["sources"])
    assert len(wozo["continuations"]) == 12
    pact = ok(api, "/api/programmes/pact-voor-de-ouderenzorg/lineage")
    assert [p["id"] for p in pact["parts"]] == ["langer-thuis"] and pact["parts"][0]["editorial"] is False
    gala = ok(api, "/api/programmes/gala/lineage")
    assert [c["id"] for c in gala["continuations"]] == ["sociale-basis-gala"]
    assert gala["continuations"][0]["later"]["type"] == "actionLine"


def test_lineage_404_and_422(api):
    problem(api, "/api/programmes/atlantis/lineage", 404)
    problem(api, "/api/programmes/NOT OK/lineage", 404)
    problem(api, "/api/programmes/wozo/lineage", 422, depth="2")


# -- the core routes carry the new programmes -----------------------------------------------------------------
def test_programmes_and_wozo_sections_through_the_core_routes(api):
    programmes = {p["id"]: p for p in ok(api, "/api/programmes")["items"]}
    lines = {k: len(v["actionLines"]) for k, v in programmes.items()}
    assert {k: lines[k] for k in ("wozo", "iza", "gala", "taz", "pact-voor-de-ouderenzorg")} == \
        {"wozo": 5, "iza": 9, "gala": 7, "taz": 3, "pact-voor-de-ouderenzorg": 0}
    assert programmes["pact-voor-de-ouderenzorg"]["name"] == "Pact voor de ouderenzorg"
    sections = ok(api, "/api/actions", programme="wozo", limit=1000)
    assert sections["total"] == 35
    assert {a["id"] for a in sections["items"]} >= {"wozo-1.1", "wozo-1.6", "wozo-intermezzo", "wozo-5.7"}


# -- initiatives ----------------------------------------------------------------------------------------
def test_initiatives_of_every_kind_with_sources(api):
    everything = ok(api, "/api/initiatives", limit=1000)
    assert everything["total"] >= 100
    per_kind = {}
    for item in everything["items"]:
        assert item["kind"] is not None and item["iri"].startswith("https://ltkg.example.org/id/initiative/")
        assert_sources(item["sources"])
        for link in item["mentionedBy"] + item["restingOnIt"] + item["continues"] + item["runBy"]:
            assert_sources(link["sources"])
        per_kind[item["kind"]["id"]] = per_kind.get(item["kind"]["id"], 0) + 1
    assert {"law", "programme", "campaign", "report", "motion", "guideline", "fund", "pilot"} <= set(per_kind)
    for kind, count in per_kind.items():
        assert ok(api, "/api/initiatives", kind=kind, limit=1000)["total"] == count


def test_an_initiative_scales_up_another_and_is_mentioned_by_a_wozo_action(api):
    praat = ok(api, "/api/initiatives/praat-vandaag-over-morgen")
    assert praat["kind"]["id"] == "campaign"
    [scaled] = praat["continues"]
    assert (scaled["id"], scaled["relation"]) == ("actiz-campagne", "scalesUp")
    assert scaled["sources"][0]["quote"] == \
        "Deze campagne is een landelijke opschaling van de eerder door ActiZ gestarte campagne."
    assert [m["id"] for m in praat["mentionedBy"]] == ["wozo-1.1"]
    actiz = ok(api, "/api/initiatives/actiz-campagne")
    assert [p["id"] for p in actiz["runBy"]] == ["actiz"]
    assert [(c["id"], c["relation"]) for c in actiz["continuedBy"]] == [("praat-vandaag-over-morgen", "scalesUp")]
    stoz = ok(api, "/api/initiatives/stoz")
    assert [(c["id"], c["relation"]) for c in stoz["continues"]] == [("set", "continues")]


def test_waardigheid_en_trots_is_reshaped_not_founded_and_regiokracht_was_its_regional_arm(api):
    wt = ok(api, "/api/initiatives/waardigheid-en-trots")
    assert {m["id"] for m in wt["mentionedBy"]} >= {"wozo-1.8", "wozo-3.5", "wozo-3.7"}
    [claim] = [c for c in wt["claims"] if c["date"] == "2023"]
    assert "gevormd van het sec ondersteunen" in claim["statement"] and "naar breed ondersteunen" in claim["statement"]
    regio = ok(api, "/api/initiatives/regiokracht")
    assert {p["id"] for p in regio["runBy"]} == {"zorgkantoren", "vilans"}
    assert "Waardigheid en Trots in de regio" in regio["altNames"]


def test_initiatives_by_programme_and_periods(api):
    taz = {i["id"] for i in ok(api, "/api/initiatives", programme="taz", limit=1000)["items"]}
    assert {"stoz", "transformatiemiddelen", "taz-subsidie-2025"} <= taz
    agenda = ok(api, "/api/initiatives/mantelzorgagenda")
    assert (agenda["period"]["from"], agenda["period"]["to"], agenda["period"]["text"]) == ("2023", "2026", "2023-2026")


def test_initiatives_422_and_404(api):
    body = problem(api, "/api/initiatives", 422, kind="nope")
    assert body["parameter"] == "kind" and "campaign" in body["choices"]
    assert problem(api, "/api/initiatives", 422, programme="bogus")["parameter"] == "programme"
    problem(api, "/api/initiatives/no-such-initiative", 404)


# -- the 2024 report's comparison -----------------------------------------------------------------------
def test_comparison_gives_the_reports_reading_per_theme_and_programme(api):
    body = ok(api, "/api/comparison", limit=1000)
    assert body["total"] == 13 and [p["id"] for p in body["programmes"]] == ["iza", "gala", "wozo", "taz"]
    assert [t["id"] for t in body["items"]][:2] == ["cultuurverandering-in-de-samenleving",
                                                     "regionale-professionele-samenwerkingen"]
    for theme in body["items"]:
        assert theme["name"] and theme["nameEn"] and set(theme["cells"]) <= {"iza", "gala", "wozo", "taz", "unassigned"}
        for cell in theme["cells"].values():
            assert cell["statements"]
            for statement in cell["statements"]:
                [source] = statement["sources"]
                # the statement is the quote without a slide's number ("ontzorgen 18", graph/layout.py)
                assert source["kind"] == "citation" and (source["quote"] == statement["text"] or re.fullmatch(
                    re.escape(statement["text"]) + r" \d{1,2}", source["quote"]))
                assert 853 <= source["lines"][0] <= source["lines"][1] <= 1382
            [reading] = cell["reading"]  # the column is the editors' reading
            assert reading["kind"] == "editorial"
    housing = next(t for t in body["items"] if t["id"] == "huisvesting")
    assert list(housing["cells"]) == ["wozo"]
    overig = next(t for t in body["items"] if t["id"] == "overig")
    assert {m["id"] for m in overig["cells"]["wozo"]["mentions"]} == {"samen-ouder-worden", "waardigheid-en-trots",
                                                                      "regiokracht"}
    digital = next(t for t in body["items"] if t["id"] == "digitalisering-en-data")
    assert len(digital["cells"]["unassigned"]["statements"]) == 4  # the second slide's column is not shown
    assert [(c["id"], [p["id"] for p in c["programmes"]]) for c in body["connections"]] == [
        ("gala-taz", ["gala", "taz"]), ("gala-wozo", ["gala", "wozo"]), ("iza-gala", ["iza", "gala"]),
        ("iza-taz", ["iza", "taz"]), ("iza-wozo", ["iza", "wozo"]), ("wozo-taz", ["wozo", "taz"])]


def test_comparison_filters(api):
    taz = ok(api, "/api/comparison", programme="taz", limit=1000)
    assert all(list(t["cells"]) == ["taz"] for t in taz["items"])
    assert {c["id"] for c in taz["connections"]} == {"gala-taz", "iza-taz", "wozo-taz"}
    wet = ok(api, "/api/comparison", theme="wetgeving")
    assert [t["id"] for t in wet["items"]] == ["wetgeving"] and wet["connections"] == []
    assert problem(api, "/api/comparison", 422, theme="nope")["parameter"] == "theme"
    assert problem(api, "/api/comparison", 422, programme="bogus")["parameter"] == "programme"


def test_lineage_lists_the_initiatives_that_continue_across_programmes(api):
    wozo = ok(api, "/api/programmes/wozo/lineage")["initiatives"]
    found = {(i["id"], i["side"], i["relation"], i["other"]["id"]) for i in wozo}
    assert ("stoz", "continues", "continues", "set") in found
    assert ("praat-vandaag-over-morgen", "continues", "scalesUp", "actiz-campagne") in found
    for item in wozo:
        assert_sources(item["sources"]) and all(s["kind"] == "citation" for s in item["sources"])
    langer_thuis = ok(api, "/api/programmes/langer-thuis/lineage")["initiatives"]
    assert ("set", "continuedBy", "continues", "stoz") in {(i["id"], i["side"], i["relation"], i["other"]["id"])
                                                            for i in langer_thuis}
