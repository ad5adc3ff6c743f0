"""The third and last progress report of Langer Thuis (2021) in the built graph: its results, linked to
the 2018 plan, its signatories (Mezzo as Mantelzorg.nl), its dated claims.

Line numbers are those of graph/sources/2021-langer-thuis-voortgangsrapportage-3.txt."""
from __future__ import annotations

import shutil

import pytest

from graph.build import assemble
from graph.kg import BuildError
from graph.settings import DATA_DIR, SOURCES_DIR
from letter_report_fixtures import LETTER, PLAN, REPORT, ask, citations, editorial, select

# Which 2018 actions does the final report say nothing about? Actions of the plan that no result cited
# in the 2021 report reports on.
SAYS_NOTHING_ABOUT = f"""
SELECT DISTINCT ?notation WHERE {{
  ?action a ltkg:Action ; ltkg:programme programme:langer-thuis ; skos:notation ?notation .
  FILTER NOT EXISTS {{
    ?result a ltkg:Result ; ltkg:reportsOn ?action ; dcterms:source document:{REPORT} .
  }}
}} ORDER BY ?notation"""

# What the query returns; each checked by hand against the report (none of these initiatives is named in it:
# no ROAZ, cliëntondersteuning, stageplekken, woonwensen, hypotheken, mantelzorgwoningen, toegankelijkheid ...).
UNREPORTED = {"1.4", "1.10", "1.11", "1.12", "1.14", "1.15", "1.16",
              "2.3", "2.5", "2.7", "2.12", "2.14", "2.17",
              "3.3", "3.6", "3.8", "3.9", "3.10", "3.11"}


def results(where: str = "") -> list[dict]:
    return select(f"""SELECT ?r ?kind ?statement ?label ?count ?first ?last WHERE {{
        ?r a ltkg:Result ; ltkg:resultKind ?kind ; dcterms:source document:{REPORT} .
        GRAPH ?g {{ ?r ltkg:statement ?statement }} ?g ltkg:firstLine ?first ; ltkg:lastLine ?last .
        OPTIONAL {{ ?r skos:prefLabel ?label }} OPTIONAL {{ ?r ltkg:count ?count }} {where} }}""")


def reports_on(result: str) -> set[str]:
    return {r["t"] for r in select(f"SELECT ?t WHERE {{ result:{result} ltkg:reportsOn ?t }}")}


def at(first: int) -> dict:
    found = [r for r in results() if int(r["first"]) == first]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------------------------------ counts
def test_result_counts_by_kind():
    counts = {}
    for row in results():
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    # 9 legend entries, 10 + 9 + 6 summary bullets, three "Kansen:" (lines 1131, 1148, 1371)
    assert counts == {"count": 9, "summary": 25, "achieved": 108, "agenda": 28, "opportunity": 3}


def test_the_legend_of_the_maps():
    legend = {row["label"]: (int(row["count"]), int(row["first"]), int(row["last"]))
              for row in results('FILTER(?kind = "count")')}
    assert legend == {
        "Pilots versterking sociale basis binnen programma Sociaal Domein": (10, 58, 59),
        "Netwerken integrale ouderenzorg in de wijk (ZonMw)": (125, 60, 61),
        "Stimuleringsregeling E-health Thuis": (108, 62, 62),
        "Pilots logeerzorg": (10, 65, 65),
        "Pilots sociale benadering dementie": (7, 66, 66),
        "Pilots Samen Ouder Worden": (40, 67, 67),
        "Bijeenkomsten bewustwording mantelzorg": (15, 69, 70),
        "Pilots In voor Mantelzorg": (27, 71, 71),
        "Gebiedscoalities innovatieprogramma Langerthuis- inclusievewijk": (22, 75, 76),
    }
    assert reports_on("langer-thuis-2021-legend-1-2") == {"action/langer-thuis-1.6"}
    assert reports_on("langer-thuis-2021-legend-2-1") == {"action/langer-thuis-2.11"}
    # no action named: the action line it stands under
    assert reports_on("langer-thuis-2021-legend-2-4") == {"actionline/langer-thuis-2"}
    assert reports_on("langer-thuis-2021-legend-3-1") == {"actionline/langer-thuis-3"}
    assert ask("ASK { result:langer-thuis-2021-legend-1-3 ltkg:about initiative:set }")


def test_summary_bullets_per_action_line():
    per_line = {}
    for row in results('FILTER(?kind = "summary")'):
        per_line[row["label"]] = per_line.get(row["label"], 0) + 1
    assert per_line == {"Samenvatting resultaten van actielijn 1": 10,
                        "Samenvatting in resultaten van actielijn 2": 9,
                        "Samenvatting resultaten van actielijn 3": 6}
    bullet = at(134)  # "• 43 ambtelijke regio-coördinatoren aangesteld ..." lines 134-137 (with a blank line)
    assert (int(bullet["last"]), int(bullet["count"])) == (137, 43)
    assert bullet["statement"].startswith("43 ambtelijke regio-coördinatoren aangesteld")
    assert reports_on(bullet["r"].split("/", 1)[1]) == {"action/langer-thuis-1.5"}
    bullet = at(984)
    assert (int(bullet["count"]), bullet["statement"]) == (1471, "1471 burgerinitiatieven in domein zorg en welzijn gestart")
    assert at(146)["count"] is None  # "In totaal zijn er 1.369 ...": no leading number


def test_sections_are_split_into_paragraphs_without_footnotes_or_boxes():
    welzijn = [r for r in results() if r["label"] == "Welzijn op Recept"]
    assert sorted((r["kind"], int(r["first"]), int(r["last"])) for r in welzijn) == [
        ("achieved", 243, 243), ("achieved", 245, 247), ("achieved", 249, 250), ("achieved", 252, 258),
        ("agenda", 261, 263), ("agenda", 265, 267)]
    first = at(243)
    assert first["statement"] == "Inmiddels hebben ouderen in 90 gemeenten toegang tot Welzijn op Recept."
    assert reports_on(first["r"].split("/", 1)[1]) == {"goal/langer-thuis-1-doel-1"}
    # the kind is cited to the sub-heading it stands under
    assert citations(f"<https://ltkg.example.org/id/{first['r']}>", "ltkg:resultKind") == {(REPORT, 242, 242)}
    covered = {n for r in results() for n in range(int(r["first"]), int(r["last"]) + 1)}
    assert not covered & set(range(224, 231))     # footnotes 4-6
    assert not covered & set(range(409, 427))     # the Beesd box
    assert not covered & set(range(1212, 1222))   # Martha van de Bos
    assert not any("Kamerstuk" in r["statement"] for r in results())
    # a list introduced by ':' stays with its paragraph (lines 396-407: the four pillars)
    assert int(at(396)["last"]) == 407


def test_opportunities_under_kansen():
    rows = results('FILTER(?kind = "opportunity")')
    assert sorted(int(r["first"]) for r in rows) == [1132, 1149, 1372]


def test_results_linked_to_specific_actions():
    # the handreiking 'Kwetsbare ouderen thuis' (lines 557-567) is action 1.7's, under a heading linked to 1.6
    handreiking = at(557)["r"].split("/", 1)[1]
    assert reports_on(handreiking) == {"action/langer-thuis-1.7"}
    links = editorial(f"result:{handreiking}", "ltkg:reportsOn", "action:langer-thuis-1.7")
    assert {(r["doc"].split("/", 1)[1], int(r["first"])) for r in links} >= {(PLAN, 205), (REPORT, 557)}
    assert reports_on(at(501)["r"].split("/", 1)[1]) == {"action/langer-thuis-1.6"}
    # the pilot with KBO-PCOB and the Netwerk Vitaler Oud (lines 205-208): action 1.1, as the letter says
    assert reports_on(at(205)["r"].split("/", 1)[1]) == {"action/langer-thuis-1.1"}
    # the Stimuleringsregeling Wonen en Zorg (lines 1787-1825): action 3.5 and the scheme
    swz = at(1788)["r"].split("/", 1)[1]
    assert reports_on(swz) == {"action/langer-thuis-3.5"}
    assert ask(f"ASK {{ result:{swz} ltkg:about initiative:swz-stimuleringsregeling-wonen-en-zorg }}")
    # the SCP paragraph of action line 2's introduction (lines 938-945): action 2.9
    assert reports_on(at(938)["r"].split("/", 1)[1]) == {"action/langer-thuis-2.9"}
    # a theme the plan does not name (Kavelmodel, lines 674-683): the goal it stands under
    assert reports_on(at(675)["r"].split("/", 1)[1]) == {"goal/langer-thuis-1-doel-2"}
    # 'Doel 1 & 3' of action line 3: both goals
    assert reports_on(at(1446)["r"].split("/", 1)[1]) == {"goal/langer-thuis-3-doel-1", "goal/langer-thuis-3-doel-3"}


def test_every_result_reports_on_the_plan_and_stands_under_an_action_line():
    rows = select(f"""SELECT ?r WHERE {{ ?r a ltkg:Result ; dcterms:source document:{REPORT} .
        FILTER NOT EXISTS {{ ?r ltkg:reportsOn ?t . ?t ltkg:programme programme:langer-thuis }} }}""")
    assert rows == []
    rows = select(f"""SELECT ?r WHERE {{ ?r a ltkg:Result ; dcterms:source document:{REPORT} .
        FILTER NOT EXISTS {{ ?r ltkg:actionLine ?l }} }}""")
    assert rows == []


def test_which_2018_actions_the_final_report_says_nothing_about():
    found = {row["notation"] for row in select(SAYS_NOTHING_ABOUT)}
    assert found == UNREPORTED
    assert len(found) == 19 and len(select("""SELECT DISTINCT ?a WHERE {
        ?a a ltkg:Action ; ltkg:programme programme:langer-thuis }""")) == 44


# ------------------------------------------------------------------------------------------ parties
def test_mezzo_is_one_party_with_its_new_name_as_the_2021_report_writes_it():
    labels = {(r["label"], r["doc"].split("/", 1)[1], int(r["first"])) for r in select("""
        SELECT ?label ?doc ?first WHERE { GRAPH ?g { party:mezzo skos:altLabel ?label }
                                          ?g dcterms:source ?doc ; ltkg:firstLine ?first }""")}
    assert {("Mezzo", PLAN, 27), ("Mezzo", LETTER, 78), ("Mantelzorg.nl", REPORT, 30),
            ("MantelzorgNL", REPORT, 954), ("Mantelzorg NL", REPORT, 997)} <= labels
    assert not ask("ASK { party:mantelzorgnl ?p ?o }")
    note = select("SELECT ?n WHERE { party:mezzo ltkg:note ?n }")[0]["n"]
    assert "Mantelzorg.nl" in note and "no date" in note
    # a signatory of the plan in the report's list (lines 29-31), like the plan's and the letter's
    assert citations("programme:langer-thuis", "ltkg:signatory", "party:mezzo") >= {
        (PLAN, 27, 27), (LETTER, 78, 78), (REPORT, 30, 30)}


def test_the_reports_list_of_signatories():
    rows = select(f"""SELECT DISTINCT ?p WHERE {{
        GRAPH ?g {{ programme:langer-thuis ltkg:signatory ?p }} ?g dcterms:source document:{REPORT} }}""")
    parties = {r["p"].split("/", 1)[1] for r in rows}
    assert len(parties) == 20 and {"mezzo", "zorgthuisnl", "bzk", "vng"} <= parties and "vws" not in parties
    assert (REPORT, 31, 31) in citations("party:zorgthuisnl", "skos:altLabel", '"ZorgthuisNL"@nl')


# ------------------------------------------------------------------------------------------ structure
def test_the_reports_goal_headings_are_labels_of_the_plans_goals():
    assert citations("goal:langer-thuis-1-doel-4", "skos:altLabel",
                     '"Doorstroom van en naar (tijdelijk) verblijf verloopt soepel voor de ouderen"@nl') \
        == {(REPORT, 712, 713)}
    assert (REPORT, 99, 100) in citations("actionline:langer-thuis-1", "skos:altLabel",
                                          '"Goede ondersteuning en zorg thuis"@nl')
    # the same wording as the plan's label (plan line 72, 'mantelzorgers en ...'): no alternative label
    assert not citations("actionline:langer-thuis-2", "skos:altLabel",
                         '"Mantelzorgers en vrijwilligers in zorg en welzijn"@nl')
    assert citations(f"document:{REPORT}", "ltkg:reportsOn", "programme:langer-thuis") == {(REPORT, 81, 82)}


def test_the_reports_claims_beside_the_plans():
    """Dementia pilots: 8 municipalities in the plan (line 743), 7 pilots in the report (line 983); started
    by 5 Nov 2018 according to the letter (lines 476-478), in January 2019 according to the report."""
    rows = select("""SELECT ?c ?doc ?count ?date ?kind WHERE {
        ?c a ltkg:Claim ; ltkg:about action:langer-thuis-2.10 ; dcterms:source ?doc ; ltkg:claimKind ?kind .
        OPTIONAL { ?c ltkg:count ?count } OPTIONAL { ?c ltkg:date ?date } }""")
    by = {r["c"].split("/", 1)[1]: (r["doc"].split("/", 1)[1], r["kind"], r["count"], r["date"]) for r in rows}
    assert by["plan-2018-2.10-gemeenten"] == (PLAN, "count", "8", None)
    assert by["report-2021-2.10-pilots"] == (REPORT, "count", "7", None)
    assert by["report-2021-2.10-start"] == (REPORT, "date", None, "2019-01")
    assert by["kamerbrief-2018-2.10-start"][:2] == (LETTER, "state")
    assert citations("claim:report-2021-2.2-eerste-reeks", "ltkg:count") == {(REPORT, 1060, 1061)}


# ------------------------------------------------------------------------------------------ checks
@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """A copy of graph/data with a topic heading dropped and a link without a rationale."""
    root = tmp_path_factory.mktemp("report-forged")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "report-2021.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  - {id: doel-1-3, goals: ["1.3"], heading: {lines: [684, 685], quote: "Doel 3: Specialist '
                        'ouderengeneeskunde op het juiste moment op de juiste plek"}}\n', "")
    text = text.replace("\n    rationale: The pilots logeerzorg of action 2.11.\n", "\n", 1)  # topic logeerzorg
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        assemble(sources_dir=SOURCES_DIR, data_dir=data)
    return error.value.problems


def test_an_uncurated_goal_heading_fails_with_its_line(forged):
    assert any(p.startswith(f"{REPORT}.txt:684: goal heading not in report-2021.yaml") for p in forged), forged


def test_a_link_without_rationale_fails_with_file_and_line(forged):
    assert any(p.startswith("report-2021.yaml:") and "needs a rationale" in p for p in forged), forged
