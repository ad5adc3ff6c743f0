"""The letter to parliament of 5 November 2018 in the built graph: its parties, and its dated claims
beside the plan's own figures on the same things (graph/data/letter-2018.yaml).

Line numbers are those of graph/sources/2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis.txt
(letter) and graph/sources/2018-langer-thuis-plan-van-aanpak.txt (plan)."""
from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from graph.build import assemble
from graph.kg import BuildError
from graph.settings import DATA_DIR, SOURCES_DIR
from letter_report_fixtures import LETTER, PLAN, REPORT, citations, editorial, select

# The parties of footnote 2 (lines 77-79), as the register reads them.
LETTER_PARTIES = {"vng", "zn", "actiz", "aedes", "lhv", "ineen", "kngf", "knmp", "ppn", "v-vn",
                  "sociaal-werk-nederland", "verenso", "mezzo", "nov", "kbo-pcob", "zorgthuisnl",
                  "patientenfederatie", "vno-ncw", "mkb-nederland", "bzk"}


def claims(notation: str, kind: str | None = None) -> dict[str, dict]:
    """The claims about a 2018 action: {claim slug: {doc, kind, amount, amountText, count, date, asOf}}."""
    kind_filter = f'FILTER(?kind = "{kind}")' if kind else ""
    rows = select(f"""SELECT ?c ?doc ?kind ?amount ?amountText ?count ?date ?asOf ?statement WHERE {{
        ?c a ltkg:Claim ; ltkg:about action:langer-thuis-{notation} ; ltkg:claimKind ?kind ;
           dcterms:source ?doc ; ltkg:statement ?statement .
        OPTIONAL {{ ?c ltkg:amount [ ltkg:value ?amount ; ltkg:amountText ?amountText ] }}
        OPTIONAL {{ ?c ltkg:count ?count }} OPTIONAL {{ ?c ltkg:date ?date }} OPTIONAL {{ ?c ltkg:asOf ?asOf }}
        {kind_filter} }}""")
    return {r["c"].split("/", 1)[1]: {**r, "doc": r["doc"].split("/", 1)[1]} for r in rows}


# ------------------------------------------------------------------------------------------ parties
def test_the_letters_twenty_parties_are_signatories_cited_to_its_footnote():
    rows = select(f"""SELECT DISTINCT ?p WHERE {{
        GRAPH ?g {{ programme:langer-thuis ltkg:signatory ?p }} ?g dcterms:source document:{LETTER} }}""")
    assert {r["p"].split("/", 1)[1] for r in rows} == LETTER_PARTIES
    assert citations("programme:langer-thuis", "ltkg:signatory", "party:mezzo") >= {(LETTER, 78, 78)}
    assert citations("programme:langer-thuis", "ltkg:signatory", "party:bzk") >= {(LETTER, 79, 79)}
    # "Sociaal Werk Neder- land" is broken over lines 77-78 and read as Sociaal Werk Nederland
    assert (LETTER, 77, 78) in citations("programme:langer-thuis", "ltkg:signatory", "party:sociaal-werk-nederland")
    assert (LETTER, 77, 77) in citations("party:vng", "skos:altLabel", '"VNG/NDSD"@nl')
    # the ministry of VWS signs the letter but is not in its list; the plan's list has it (line 36)
    assert not citations("programme:langer-thuis", "ltkg:signatory", "party:vws") & {(LETTER, 77, 79)}
    note = select(f"SELECT ?n WHERE {{ document:{LETTER} ltkg:note ?n }}")[0]["n"]
    assert "21 partijen" in note and "lists 20" in note


def test_the_letter_reports_on_the_programme_and_labels_its_action_lines():
    assert citations(f"document:{LETTER}", "ltkg:reportsOn", "programme:langer-thuis") == {(LETTER, 3, 3)}
    assert citations("actionline:langer-thuis-1", "skos:altLabel", '"Goede ondersteuning en zorg thuis"@nl') \
        >= {(LETTER, 90, 90)}
    assert citations("actionline:langer-thuis-2", "skos:altLabel",
                     '"Mantelzorg en vrijwilligers in zorg en welzijn"@nl') == {(LETTER, 345, 345)}


# ------------------------------------------------------------------------------------------ claims
def test_claim_counts_per_document():
    rows = select("""SELECT ?doc (COUNT(?c) AS ?n) WHERE {
        ?c a ltkg:Claim ; dcterms:source ?doc .
        FILTER(STRSTARTS(STR(?c), "https://ltkg.example.org/id/claim/kamerbrief-2018-")
            || STRSTARTS(STR(?c), "https://ltkg.example.org/id/claim/plan-2018-")) } GROUP BY ?doc""")
    assert {r["doc"].split("/", 1)[1]: int(r["n"]) for r in rows} == {LETTER: 33, PLAN: 28}  # line 799 is two claims; line 627 two amounts


def test_set_budget_letter_and_plan_both_kept_with_their_own_source_and_date():
    """Letter lines 150-152: 'jaarlijks € 30 miljoen'; plan line 600: 'structureel ca. 25 miljoen ... per jaar'."""
    budgets = claims("1.8", "budget")
    letter, plan = budgets["kamerbrief-2018-1.8-set-budget"], budgets["plan-2018-1.8-set-budget"]
    assert (letter["doc"], Decimal(letter["amount"]), letter["amountText"], letter["asOf"]) == \
        (LETTER, Decimal(30000000), "€ 30 miljoen", "2018-11-05")
    assert (plan["doc"], Decimal(plan["amount"]), plan["amountText"], plan["asOf"]) == \
        (PLAN, Decimal(25000000), "ca. 25 miljoen", "2018")
    assert citations("claim:kamerbrief-2018-1.8-set-budget", "ltkg:statement") == {(LETTER, 150, 152)}
    assert citations("claim:plan-2018-1.8-set-budget", "ltkg:statement") == {(PLAN, 600, 600)}
    # both are about the scheme, too, so a query on the SET puts them side by side
    rows = select("""SELECT ?c WHERE { ?c ltkg:about initiative:set ; ltkg:claimKind "budget" }""")
    assert {"claim/kamerbrief-2018-1.8-set-budget", "claim/plan-2018-1.8-set-budget"} <= {r["c"] for r in rows}


def test_inzicht_budget_thirty_in_the_letter_three_times_twenty_nine_in_the_plan():
    budgets = claims("1.9", "budget")
    assert {(c["doc"], Decimal(c["amount"]), c["amountText"]) for c in budgets.values()} == {
        (LETTER, Decimal(30000000), "€ 30 miljoen"), (PLAN, Decimal(29000000), "3x29 mln")}
    assert citations("claim:plan-2018-1.9-inzicht-budget", "ltkg:statement") == {(PLAN, 617, 617)}
    assert citations("claim:kamerbrief-2018-1.9-inzicht-budget", "ltkg:statement") == {(LETTER, 193, 195)}


def test_set_opening_dates_plan_letter_and_2021_report_side_by_side():
    dated = {slug: (c["doc"], c["date"]) for slug, c in claims("1.8", "date").items() if c["date"]}
    assert dated["plan-2018-1.8-set-openstelling"] == (PLAN, "2019-01")            # plan line 603
    assert dated["kamerbrief-2018-1.8-set-openstelling"] == (LETTER, "2019")       # letter lines 180-184
    assert dated["report-2021-1.8-set-openstelling"] == (REPORT, "2019-03")        # report lines 142-143
    assert dated["plan-2018-1.8-set-consultatie"] == (PLAN, "2018-10")             # plan line 603
    # the letter's "de komende weken" states no date: no ltkg:date, and a note says why
    assert claims("1.8")["kamerbrief-2018-1.8-set-consultatie"]["date"] is None


def test_support_team_date_table_against_letter_and_annex():
    """Plan table line 273 'eind 2018'; annex line 799 'begin 2019'; letter lines 577-579 'begin 2019'."""
    dated = {slug: (c["doc"], c["date"]) for slug, c in claims("3.1", "date").items()}
    assert dated["plan-2018-3.1-mijlpaal"] == (PLAN, "2018")
    assert dated["plan-2018-3.1-annex-mijlpaal"] == (PLAN, "2019")
    # line 799 states two milestones: one claim each; "november/december 2018" is two months, so no date
    assert claims("3.1")["plan-2018-3.1-annex-concept-opdracht"]["date"] is None
    assert citations("claim:plan-2018-3.1-annex-mijlpaal", "ltkg:statement") == {(PLAN, 799, 799)}
    assert dated["kamerbrief-2018-3.1-operationeel"] == (LETTER, "2019")
    assert citations("claim:plan-2018-3.1-mijlpaal", "ltkg:statement") == {(PLAN, 273, 273)}


def test_proeftuinen_start_december_2018_against_the_tables_december_2019():
    dated = {slug: c["date"] for slug, c in claims("1.9", "date").items()}
    assert dated["kamerbrief-2018-1.9-proeftuinen-start"] == "2018-12"   # letter lines 211-213
    assert dated["plan-2018-1.9-proeftuinen-start"] == "2018-12"         # plan line 615
    assert dated["plan-2018-1.9-mijlpaal-proeffase"] == "2019-12"        # plan line 207


def test_agreeing_figures_are_kept_too():
    budgets = claims("1.10", "budget")
    assert {(c["doc"], Decimal(c["amount"])) for c in budgets.values()} == {
        (LETTER, Decimal(6000000)), (PLAN, Decimal(6000000)), (PLAN, Decimal(68000000)), (PLAN, Decimal(65000000))}
    # the ceiling before the raise (line 627) and the raise for 2019 (line 628), each its own figure
    assert budgets["plan-2018-1.10-subsidieplafond-voor"]["amountText"] == "€ 65 miljoen"
    assert budgets["plan-2018-1.10-verhoging-2019"]["amountText"] == "€ 6 miljoen"
    assert budgets["plan-2018-1.10-subsidieplafond"]["amountText"] == "€ 68 miljoen"
    assert ask_about("plan-2018-1.10-budget", "subsidieregeling-extramurale-behandeling")
    assert ask_about("kamerbrief-2018-1.10-ophoging", "subsidieregeling-extramurale-behandeling")


def ask_about(claim: str, regulation: str) -> bool:
    return bool(select(f"SELECT ?x WHERE {{ claim:{claim} ltkg:about initiative:{regulation} BIND(1 AS ?x) }}"))


def test_counts_are_integers_from_the_quote():
    assert int(claims("1.8")["kamerbrief-2018-1.8-set-initiatieven"]["count"]) == 280   # letter line 172-174
    assert int(claims("2.2")["kamerbrief-2018-2.2-kijkers"]["count"]) == 250000         # "250.000", line 365
    assert int(claims("2.2")["plan-2018-2.2-bijeenkomsten"]["count"]) == 7              # plan line 697
    assert int(claims("2.10")["plan-2018-2.10-gemeenten"]["count"]) == 8                # plan line 743


def test_a_date_without_a_year_gets_no_date_and_a_note():
    claim = claims("1.5")["kamerbrief-2018-1.5-werkagenda"]
    assert claim["date"] is None and "uiterlijk eind februari" in claim["statement"]
    note = select("SELECT ?n WHERE { claim:kamerbrief-2018-1.5-werkagenda ltkg:note ?n }")[0]["n"]
    assert "states no year" in note


def test_which_action_a_claim_is_about_is_editorial_with_the_heading_as_evidence():
    found = editorial("claim:kamerbrief-2018-1.8-set-budget", "ltkg:about", "action:langer-thuis-1.8")
    assert found and all(int(r["first"]) == 146 and r["doc"].endswith(LETTER) for r in found)
    assert "Inzet van e-health bevorderen door Stimuleringsregeling E-health Thuis" in found[0]["rationale"]
    # the ambiguous kennisprogramma of letter lines 620-622: about both 3.3 and 3.7, with the note as rationale
    about = {r["a"] for r in select("SELECT ?a WHERE { claim:kamerbrief-2018-3.3-opdracht-kennisprogramma ltkg:about ?a }")}
    assert about == {"action/langer-thuis-3.3", "action/langer-thuis-3.7"}


def test_every_bullet_of_the_letter_is_about_one_of_its_actions():
    """16 bullets (lines 94 ... 602), each curated; their claims are about these actions."""
    rows = select(f"""SELECT DISTINCT ?n WHERE {{
        ?c a ltkg:Claim ; dcterms:source document:{LETTER} ; ltkg:about ?a . ?a a ltkg:Action ; skos:notation ?n }}""")
    assert {r["n"] for r in rows} == {"1.1", "1.5", "1.8", "1.9", "1.10", "1.13", "1.16", "2.2", "2.4", "2.6",
                                      "2.10", "2.14", "3.1", "3.3", "3.4", "3.5", "3.7"}


# ------------------------------------------------------------------------------------------ checks
@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """A copy of graph/data with a bullet's section removed and a claim misquoted."""
    root = tmp_path_factory.mktemp("letter-forged")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "letter-2018.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('heading: {lines: 499, quote: "Ondersteunen Lokaal vrijwilligersbeleid"}',
                        'heading: {lines: 112, quote: "Regionale samenwerking tussen gemeenten en verzekeraars"}')
    text = text.replace("jaarlijks € 30 miljoen beschikbaar is\"", "jaarlijks € 35 miljoen beschikbaar is\"")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        assemble(sources_dir=SOURCES_DIR, data_dir=data)
    return error.value.problems


def test_an_uncurated_bullet_fails_with_its_line(forged):
    assert any(p.startswith(f"{LETTER}.txt:499: bullet not curated") for p in forged), forged
    assert any("action 2.14 stands under 'Actielijn 1'" in p for p in forged), forged


def test_a_misquoted_claim_fails_with_file_and_line(forged):
    assert any(p.startswith("letter-2018.yaml:") and "quote not found" in p and "lines 150-152" in p
               for p in forged), forged
