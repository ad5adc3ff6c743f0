"""The 2018 plan (Programma Langer Thuis, Plan van Aanpak 2018-2021) in the built graph.

Line numbers are those of graph/sources/2018-langer-thuis-plan-van-aanpak.txt. One real build per
session (tests/plan2018_fixtures.py).
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from graph.settings import SOURCES_DIR
from plan2018_fixtures import Built, built

ANNEX_START = 486  # "Bijlagen"
TABLES = (181, 290)  # section 3, the action tables

# The annex's reading, one entry per responsibility sentence: (action, line) -> (responsible, partners).
ANNEX = {
    ("1.2", 515): ({"alle-werkgroepleden"}, set()),
    ("1.4", 532): ({"vng", "seniorenorganisaties", "vws"}, set()),
    ("1.6", 587): ({"zonmw"}, set()),
    ("1.7", 592): ({"ineen"}, set()),
    ("1.8", 602): ({"vws"}, set()),
    ("1.10", 629): ({"vws", "zorginstituut-nederland", "zorgkantoren"}, {"verenso"}),
    ("1.11", 633): ({"vws"}, {"verenso"}),
    ("1.12", 640): ({"vws"}, set()),
    ("1.13", 660): ({"zn", "vng", "vws"}, {"actiz"}),
    ("1.14", 666): ({"zn", "vng"}, set()),
    ("1.15", 673): ({"zorgverzekeraars", "zorgkantoren", "vng"}, set()),
    ("2.1", 693): ({"vws", "mezzo", "nov", "vng"}, set()),
    ("2.2", 698): ({"mezzo", "vws"}, set()),
    ("2.3", 703): ({"vws", "movisie", "vilans", "opleidingen-hbo-en-mbo"}, set()),
    ("2.5", 718): ({"vws", "vng", "mezzo", "nov"}, set()),
    ("2.6", 723): ({"vws"}, {"vng", "mezzo"}),
    ("2.7", 728): ({"zn", "vng"}, set()),
    ("2.8", 734): ({"zorgverzekeraar", "we-helpen", "vws"}, set()),
    ("2.9", 739): ({"vws"}, set()),
    ("2.10", 745): ({"deelnemende-gemeenten"}, {"vws"}),
    ("2.11", 750): ({"vws", "vng", "lokale-aanbieders"}, {"pilot-gemeenten"}),
    ("2.12", 755): ({"vng", "actiz", "mezzo", "vws"}, set()),
    ("2.13", 764): ({"movisie", "vilans"}, set()),
    ("2.14", 771): ({"movisie"}, {"diverse-gemeenten", "vng", "nov"}),
    ("2.15", 780): ({"landelijke-vrijwilligersorganisaties", "nov", "vng", "vws"}, set()),
    ("2.16", 785): ({"vws", "nl-zorgt-voor-elkaar", "vng"}, set()),
    ("2.17", 792): ({"opleidingen-hbo-en-mbo", "vws", "mezzo", "nov"}, set()),
    ("3.1", 800): ({"vws", "bzk"}, {"vng", "aedes"}),
    ("3.2", 809): ({"vng"}, set()),
    ("3.3", 819): ({"vws", "bzk"}, set()),
    ("3.4", 826): ({"college-van-rijksadviseurs"}, set()),
    ("3.5", 834): ({"vws"}, set()),
    ("3.6", 839): ({"vws"}, set()),
    ("3.7", 851): ({"vws", "bzk"}, {"g40"}),
    ("3.8", 856): ({"vng"}, set()),
    ("3.10", 866): ({"brede-werkgroep"}, set()),
    ("3.11", 871): ({"vng", "mezzo", "vws", "bzk"}, set()),
    ("3.11", 873): ({"bzk", "aedes", "woonbond"}, set()),
}
# Actions whose annex text names no responsible party in so many words.
NO_ANNEX_RESPONSIBLE = {"1.1", "1.3", "1.5", "1.9", "1.16", "2.4", "3.9"}


@pytest.fixture(scope="session")
def kg() -> Built:
    return built()


def party(slug: str) -> str:
    return f"party/{slug}"


@pytest.fixture(scope="session")
def roles(kg) -> dict[str, dict[tuple[str, int], set[str]]]:
    """notation -> (role, cited line) -> party slugs, from the shortcut properties and their graphs."""
    rows = kg.select("""
        SELECT ?n ?role ?party ?line WHERE {
          GRAPH ?g { ?a ?role ?party . FILTER(?role IN (ltkg:lead, ltkg:partner, ltkg:consulted, ltkg:responsible,
                                                   ltkg:contributor, ltkg:commissioner, ltkg:involved)) }
          GRAPH ?t { ?a skos:notation ?n }
          GRAPH ?p { ?g ltkg:firstLine ?line }
          FILTER(STRSTARTS(STR(?a), "https://ltkg.example.org/id/action/langer-thuis-"))
        }""")
    out: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        out[row["n"]][(row["role"].rsplit("/", 1)[1], int(row["line"]))].add(row["party"].split("/", 1)[1])
    return out


def table_reading(roles, notation: str) -> tuple[set[str], set[str]]:
    by = roles[notation]
    leads = {p for (role, line), ps in by.items() if role == "lead" and TABLES[0] < line < TABLES[1] for p in ps}
    partners = {p for (role, line), ps in by.items() if role == "partner" and TABLES[0] < line < TABLES[1] for p in ps}
    return leads, partners


# ------------------------------------------------------------------------------------ structure
def test_counts_of_action_lines_goals_actions_signatories(kg):
    assert kg.select("SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { GRAPH ?g { ?l a ltkg:ActionLine ; ltkg:programme programme:langer-thuis } }")[0]["n"] == "3"
    assert kg.select("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ltkg:Goal ; ltkg:programme programme:langer-thuis } }")[0]["n"] == "10"
    per_line = kg.select("""
        SELECT ?l (COUNT(DISTINCT ?a) AS ?n) WHERE {
          GRAPH ?g { ?a a ltkg:Action ; ltkg:programme programme:langer-thuis ; ltkg:actionLine ?l } }
        GROUP BY ?l ORDER BY ?l""")
    assert {row["l"]: int(row["n"]) for row in per_line} == {
        "actionline/langer-thuis-1": 16, "actionline/langer-thuis-2": 17, "actionline/langer-thuis-3": 11}
    signatories = kg.select("SELECT DISTINCT ?p WHERE { GRAPH ?g { programme:langer-thuis ltkg:signatory ?p } }")
    assert len(signatories) == 21
    assert {party("vws"), party("bzk"), party("zorgthuisnl"), party("mkb-nederland")} <= {r["p"] for r in signatories}


def test_goals_per_action_line_and_action_3_1_has_none(kg):
    goals = kg.select("""SELECT ?l (COUNT(DISTINCT ?x) AS ?n) WHERE {
                           GRAPH ?g { ?x a ltkg:Goal ; ltkg:actionLine ?l ; ltkg:programme programme:langer-thuis } }
                         GROUP BY ?l""")
    assert {r["l"]: int(r["n"]) for r in goals} == {
        "actionline/langer-thuis-1": 4, "actionline/langer-thuis-2": 3, "actionline/langer-thuis-3": 3}
    without = kg.select("""
        SELECT ?a WHERE { GRAPH ?g { ?a a ltkg:Action ; ltkg:programme programme:langer-thuis }
                          FILTER NOT EXISTS { GRAPH ?h { ?a ltkg:goal ?goal } } }""")
    assert [r["a"] for r in without] == ["action/langer-thuis-3.1"]  # its row stands above 'Doel 1' (line 273)
    # action 1.10 is under goal 3 of action line 1 ("Specialist ouderengeneeskunde", line 210)
    assert kg.ask("ASK { GRAPH ?g { action:langer-thuis-1.10 ltkg:goal goal:langer-thuis-1-doel-3 } }")


def test_english_labels_of_action_lines_and_goals(kg):
    rows = kg.select("""
        SELECT ?x ?label ?g WHERE { GRAPH ?g { ?x skos:prefLabel ?label FILTER(LANG(?label) = "en") }
          FILTER(STRSTARTS(STR(?x), "https://ltkg.example.org/id/goal/langer-thuis")
              || STRSTARTS(STR(?x), "https://ltkg.example.org/id/actionline/langer-thuis")) }""")
    labels = {r["x"]: r["label"] for r in rows}
    assert len(labels) == len(rows) == 13
    assert labels["goal/langer-thuis-1-doel-3"] == "Elderly-care physician at the right moment, in the right place"
    assert labels["actionline/langer-thuis-3"] == "Housing"
    # translations are editorial, not cited
    assert {r["g"] for r in rows} == {"editorial/langer-thuis-english-labels"}
    assert kg.ask("ASK { GRAPH ?p { editorial:langer-thuis-english-labels a ltkg:EditorialAssertion ; ltkg:rationale ?r } }")


@pytest.mark.parametrize("notation, text, value, datatype", [
    ("1.11", "Mijlpaal: overheveling per januari 2020", "2020-01", "gYearMonth"),
    ("1.3", "Looptijd tot 1 januari 2020", "2020-01-01", "date"),
    ("1.1", "Mijlpaal: Netwerk start 2019", "2019", "gYear"),
    ("1.14", "Looptijd: 2019 t/m 2022", None, None),  # two years: no single date
    ("1.10", "Mijlpaal: ophoging subsidieplafond 2018/2019", None, None),
])
def test_milestone_dates(kg, notation, text, value, datatype):
    rows = kg.select(f"""
        SELECT ?text ?date (DATATYPE(?date) AS ?dt) WHERE {{
          GRAPH ?g {{ action:langer-thuis-{notation} ltkg:milestone ?m }}
          GRAPH ?h {{ ?m ltkg:milestoneText ?text }}
          OPTIONAL {{ GRAPH ?i {{ ?m ltkg:date ?date }} }} }}""")
    assert len(rows) == 1
    assert rows[0]["text"] == text
    assert rows[0]["date"] == value
    assert (rows[0]["dt"] or "").endswith(datatype or "")
    if datatype is None:
        assert rows[0]["dt"] is None


# ------------------------------------------------------------------------------------ the table's reading
def test_action_2_6_leads_are_exactly_vws_vng_mezzo(roles):
    assert table_reading(roles, "2.6") == ({"vws", "vng", "mezzo"}, set())
    assert set(roles["2.6"]) >= {("lead", 244)}


def test_action_1_10_leads_and_partner(roles):
    assert table_reading(roles, "1.10") == ({"vws", "zorginstituut-nederland", "zorgkantoren"}, {"verenso"})


def test_action_3_11_table_reads_bkz_as_bzk(kg, roles):
    assert table_reading(roles, "3.11") == ({"bzk", "aedes", "woonbond", "vng", "mezzo", "vws"}, set())
    # the misspelling is kept as an alternative label, cited to the Trekker cell of line 288
    assert kg.ask("""ASK { GRAPH ?g { party:bzk skos:altLabel "BKZ"@nl }
                         GRAPH ?p { ?g ltkg:firstLine 288 ; ltkg:quote "BKZ, Aedes en Woonbond, VNG, Mezzo, VWS" } }""")


def test_kbo_pcob_spellings_are_one_party(kg):
    rows = kg.select("""SELECT DISTINCT ?p ?label WHERE { GRAPH ?g { ?p skos:altLabel ?label }
                        FILTER(STR(?label) IN ("Kbo-Pcob", "KBO-PCOB")) }""")
    assert {(r["p"], r["label"]) for r in rows} == {(party("kbo-pcob"), "Kbo-Pcob"), (party("kbo-pcob"), "KBO-PCOB")}


def test_collectives_are_collective_parties(kg):
    collectives = {r["p"] for r in kg.select("SELECT ?p WHERE { GRAPH ?g { ?p a ltkg:CollectiveParty } }")}
    assert {party(s) for s in ("alle-werkgroepleden", "seniorenorganisaties", "zorgkantoren", "zorgverzekeraar",
                               "brede-werkgroep", "deelnemende-gemeenten", "pilot-gemeenten", "lokale-aanbieders",
                               "landelijke-vrijwilligersorganisaties", "g40", "ervaringsdeskundigen",
                               "belangengroepen-van-mensen-met-een-beperking", "opleidingen-hbo-en-mbo")} <= collectives
    assert not collectives & {party("vws"), party("vng"), party("zn"), party("we-helpen")}
    # every collective is also a party with type 'collective'
    assert kg.ask("""ASK { FILTER NOT EXISTS { GRAPH ?g { ?p a ltkg:CollectiveParty }
                          FILTER NOT EXISTS { GRAPH ?h { ?p a ltkg:Party ; org:classification party-type:collective } } } }""")


def test_brede_werkgroep_has_the_members_of_line_866(kg):
    rows = kg.select("""SELECT ?m ?line WHERE { GRAPH ?g { party:brede-werkgroep org:hasMember ?m }
                                               GRAPH ?p { ?g ltkg:firstLine ?line } }""")
    assert {r["line"] for r in rows} == {"866"}
    assert {r["m"] for r in rows} == {party(s) for s in (
        "ervaringsdeskundigen", "belangengroepen-van-mensen-met-een-beperking", "bna", "vacpuntwonen", "nen",
        "skw-certificatie", "vng", "vno-ncw", "neprom", "aedes", "bouwend-nederland", "bzk")}
    # spellings as written
    assert kg.ask('ASK { GRAPH ?g { party:bna skos:altLabel "Branchevereniging Nederlandse Architectenbureaus (BNA)"@nl } }')
    # a spelling is a name: "het ministerie van BZK" is recorded without its article
    assert kg.ask('ASK { GRAPH ?g { party:bzk skos:altLabel "ministerie van BZK"@nl } }')


def test_deelnemende_gemeenten_of_2018(kg):
    rows = kg.select("SELECT ?m WHERE { GRAPH ?g { party:deelnemende-gemeenten org:hasMember ?m } }")
    assert {r["m"] for r in rows} == {party("gemeente-amsterdam"), party("gemeente-amstelveen"),
                                      party("gemeente-rotterdam"), party("gemeente-s-hertogenbosch")}


# ------------------------------------------------------------------------------------ the annex's reading
def test_annex_responsible_and_partners_per_sentence(roles):
    found: dict[tuple[str, int], tuple[set, set]] = {}
    for notation, by in roles.items():
        for (role, line), parties in by.items():
            if line >= ANNEX_START and role in ("responsible", "partner"):
                entry = found.setdefault((notation, line), (set(), set()))
                entry[0 if role == "responsible" else 1].update(parties)
    assert found == ANNEX


def test_every_action_has_an_annex_reading_except_seven(roles):
    assert len(roles) == 44
    with_responsible = {n for n, by in roles.items() if any(role == "responsible" for role, _ in by)}
    assert len(with_responsible) == 37
    assert set(roles) - with_responsible == NO_ANNEX_RESPONSIBLE
    # responsible parties only ever come from the annex
    assert all(line >= ANNEX_START for by in roles.values() for (role, line) in by if role == "responsible")


def test_action_3_11_has_both_annex_sentences(roles):
    assert roles["3.11"][("responsible", 871)] == {"vng", "mezzo", "vws", "bzk"}
    assert roles["3.11"][("responsible", 873)] == {"bzk", "aedes", "woonbond"}


def test_disagreement_2_8_keeps_both_readings_in_their_own_graphs(kg, roles):
    assert table_reading(roles, "2.8") == ({"zorgverzekeraar", "mantelzorg-gids", "movisie"}, set())
    assert roles["2.8"][("responsible", 734)] == {"zorgverzekeraar", "we-helpen", "vws"}
    graphs = kg.select("""
        SELECT ?role ?g ?quote WHERE {
          GRAPH ?g { action:langer-thuis-2.8 prov:qualifiedAssociation ?q . ?q prov:agent party:zorgverzekeraar ;
                                                                                 prov:hadRole ?role }
          GRAPH ?p { ?g ltkg:quote ?quote } }""")
    by_role = {r["role"].rsplit("/", 1)[1]: (r["g"], r["quote"]) for r in graphs}
    assert set(by_role) == {"Lead", "Responsible"}
    assert by_role["Lead"][0] != by_role["Responsible"][0]
    assert by_role["Lead"][1] == "Zorgverzekeraar, Mantelzorg-gids, Movisie"
    assert "**'We Helpen'**" in by_role["Responsible"][1]
    notes = [r["n"] for r in kg.select("SELECT ?n WHERE { GRAPH ?g { action:langer-thuis-2.8 ltkg:note ?n } }")]
    assert any("Mantelzorg-gids" in n and "We Helpen" in n for n in notes)


def test_disagreements_carry_a_note_on_the_action(kg, roles):
    differing = set()
    for (notation, _), (responsible, partners) in ANNEX.items():
        leads, table_partners = table_reading(roles, notation)
        annex = {n_line for n_line in ANNEX if n_line[0] == notation}
        # who else the annex names beside the responsible: the commissioning party, a contributor
        others = {p for (role, line), ps in roles[notation].items()
                  if role in ("commissioner", "contributor") and line >= ANNEX_START for p in ps}
        union_resp = set().union(*(ANNEX[k][0] for k in annex)) | others
        union_part = set().union(*(ANNEX[k][1] for k in annex))
        if (leads, table_partners) != (union_resp, union_part):
            differing.add(notation)
    # parties or roles differ (1.14 and 1.6 agree once spellings and the commissioning party are read)
    assert differing == {"1.12", "1.15", "2.1", "2.3", "2.5", "2.6", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13",
                         "2.14", "2.15", "2.17", "3.7"}
    noted = {r["a"].rsplit("-", 1)[1] for r in kg.select(
        "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a ltkg:Action ; ltkg:programme programme:langer-thuis } "
        "GRAPH ?h { ?a ltkg:note ?n } }")}
    assert differing <= noted


def test_annex_party_spellings(kg):
    spellings = {("zorgverzekeraars", "ZN-zorgverzekeraar"), ("zorgkantoren", "ZN-zorgkantoor"), ("vng", "VNG/gemeenten"),
                 ("we-helpen", "'We Helpen'"), ("opleidingen-hbo-en-mbo", "HBO, MBO's"), ("vng", "VNG"),
                 ("nov", "vrijwilligerskoepel NOV"), ("brede-werkgroep", "brede werkgroep")}
    for slug, label in spellings:
        assert kg.ask(f'ASK {{ GRAPH ?g {{ party:{slug} skos:altLabel "{label}"@nl }} }}'), (slug, label)


# ------------------------------------------------------------------------------------ governance
BODIES = {
    "bo-ondersteuning-en-zorg-thuis": "administrative-consultation",
    "werkgroep-ondersteuning-en-zorg-thuis": "working-group",
    "werkgroep-mantelzorg-en-vrijwilligers": "working-group",
    "werkgroep-wonen-en-zorg": "working-group",
    "bo-wonen-en-zorg": "administrative-consultation",
    "bo-langer-thuis": "administrative-consultation",
    "werkgroep-langer-thuis": "working-group",
    "kernteam-langer-thuis": "core-team",
    "klankbordgroep-langer-thuis": "sounding-board-group",
    "vws-programmateam": "programme-team",
    "bo-zn-vng": "administrative-consultation",
    "bo-wijkverpleging": "administrative-consultation",
    "bo-en-rond-hla-s": "administrative-consultation",
    "bo-landelijk-netwerk-acute-zorg": "administrative-consultation",
}


def test_governance_bodies_and_kinds(kg):
    rows = kg.select("""SELECT ?b ?kind WHERE { GRAPH ?g { ?b a ltkg:GovernanceBody ; ltkg:programme programme:langer-thuis ;
                                                         org:classification ?kind } }""")
    assert {r["b"].split("/", 1)[1]: r["kind"].split("/", 1)[1] for r in rows} == BODIES
    assert len(rows) == len(BODIES)
    assert kg.ask('ASK { GRAPH ?g { body:vws-programmateam org:subOrganizationOf party:vws } }')
    lines = kg.select("SELECT ?b ?l WHERE { GRAPH ?g { ?b a ltkg:GovernanceBody ; ltkg:actionLine ?l } }")
    assert {r["b"].split("/", 1)[1]: r["l"] for r in lines} == {
        "bo-ondersteuning-en-zorg-thuis": "actionline/langer-thuis-1",
        "werkgroep-ondersteuning-en-zorg-thuis": "actionline/langer-thuis-1",
        "werkgroep-mantelzorg-en-vrijwilligers": "actionline/langer-thuis-2",
        "werkgroep-wonen-en-zorg": "actionline/langer-thuis-3",
        "bo-wonen-en-zorg": "actionline/langer-thuis-3"}


def members(kg, body: str) -> set[str]:
    return {r["m"].split("/", 1)[1] for r in kg.select(f"SELECT ?m WHERE {{ GRAPH ?g {{ body:{body} org:hasMember ?m }} }}")}


def test_body_members_as_listed(kg):
    assert members(kg, "bo-ondersteuning-en-zorg-thuis") == {  # line 304
        "vng", "zn", "actiz", "lhv", "ineen", "zorgthuisnl", "kngf", "knmp", "ppn", "v-vn", "sociaal-werk-nederland",
        "verenso", "kbo-pcob", "patientenfederatie"}
    assert members(kg, "werkgroep-mantelzorg-en-vrijwilligers") == {  # line 316
        "vng", "mezzo", "nov", "sociaal-werk-nederland", "mantelzorgplatform-noord-holland", "movisie", "vws"}
    assert members(kg, "werkgroep-wonen-en-zorg") == {"vng", "aedes", "actiz", "kbo-pcob", "bzk", "vws"}  # line 320
    notes = [r["n"] for r in kg.select("SELECT ?n WHERE { GRAPH ?g { body:werkgroep-wonen-en-zorg ltkg:note ?n } }")]
    assert any("en nog enkele partijen" in n for n in notes)
    assert members(kg, "kernteam-langer-thuis") == set()
    # "ZTN" and "VNG/NDSO" are recorded as spellings where line 304 uses them
    assert kg.ask("""ASK { GRAPH ?g { party:zorgthuisnl skos:altLabel "ZTN"@nl . party:vng skos:altLabel "VNG/NDSO"@nl }
                         GRAPH ?p { ?g ltkg:firstLine 304 } }""")


def test_actions_discussed_in_bodies(kg):
    rows = kg.select("""SELECT ?a ?b ?line WHERE { GRAPH ?g { ?a ltkg:discussedIn ?b } GRAPH ?p { ?g ltkg:firstLine ?line }
                                                  GRAPH ?h { ?a ltkg:programme programme:langer-thuis } }""")
    by_action = defaultdict(set)
    for r in rows:
        by_action[r["a"].rsplit("-", 1)[1]].add((r["b"].split("/", 1)[1], int(r["line"])))
    assert by_action["1.5"] == {("bo-zn-vng", 308)}
    assert by_action["1.14"] == {("bo-en-rond-hla-s", 310)}  # the row says "Actie 10" but names action 14
    assert by_action["1.16"] == {("bo-landelijk-netwerk-acute-zorg", 311)}
    assert "1.9" not in by_action  # "Voor nu eigen traject" (line 309)
    overige = {"1.1", "1.2", "1.3", "1.4", "1.6", "1.7", "1.8", "1.10", "1.11", "1.12", "1.13", "1.15"}
    assert {a for a, links in by_action.items() if ("bo-ondersteuning-en-zorg-thuis", 312) in links} == overige
    assert by_action["3.1"] == {("bo-wonen-en-zorg", 800)}
    assert by_action["3.3"] == {("bo-wonen-en-zorg", 819)}
    assert by_action["3.5"] == {("bo-wonen-en-zorg", 834)}
    assert len(rows) == 18
    notes = [r["n"] for r in kg.select("SELECT ?n WHERE { GRAPH ?g { body:bo-en-rond-hla-s ltkg:note ?n } }")]
    assert any("Actie 10" in n and "action 14" in n for n in notes)


# ------------------------------------------------------------------------------------ provenance
def test_every_citation_quote_occurs_in_its_lines(kg):
    """Re-checks, from the dump and the source files, what the build checked while extracting."""
    rows = kg.select("""
        SELECT ?c ?file ?first ?last ?quote WHERE {
          GRAPH ?p { ?c a ltkg:Citation ; dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:lastLine ?last ;
                        ltkg:quote ?quote }
          OPTIONAL { GRAPH ?d { ?doc ltkg:fileName ?file } } }""")
    citations = kg.select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?p { ?c a ltkg:Citation } }")[0]["n"]
    assert len({r["c"] for r in rows}) == int(citations) > 300
    texts: dict[str, list[str]] = {}
    bad = []
    for r in rows:
        assert r["file"], f"{r['c']}: its document has no file name"
        lines = texts.setdefault(r["file"], (SOURCES_DIR / r["file"]).read_text(encoding="utf-8").split("\n"))
        first, last = int(r["first"]), int(r["last"])
        text = re.sub(r"\s+", " ", " ".join(lines[first - 1:last])).strip()
        if not 1 <= first <= last <= len(lines) or re.sub(r"\s+", " ", r["quote"]).strip() not in text:
            bad.append(f"{r['file']}:{first}-{last}: {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_every_plan_triple_is_in_a_provenance_graph(kg):
    """No triple about the plan's actions lives outside a Citation or EditorialAssertion graph."""
    assert kg.ask("""ASK { FILTER NOT EXISTS {
        GRAPH ?g { ?a ?p ?o FILTER(STRSTARTS(STR(?a), "https://ltkg.example.org/id/action/langer-thuis-")) }
        FILTER NOT EXISTS { GRAPH ?prov { ?g a ?t FILTER(?t IN (ltkg:Citation, ltkg:EditorialAssertion)) } } } }""")


def test_annex_wordings_that_are_not_responsibility_have_their_own_roles(roles):
    """'in overleg met' is consultation (table line 285, annex line 856); NOV's 'inbreng' (line 764) is a
    contribution; 'in opdracht van VWS' (line 587) names the commissioning party; 'worden hierbij
    betrokken' (line 856) involves."""
    assert roles["3.8"][("consulted", 285)] == {"aedes"} and roles["3.8"][("lead", 285)] == {"vng"}
    assert roles["3.8"][("consulted", 856)] == {"aedes"} and roles["3.8"][("involved", 856)] == {"seniorenorganisaties"}
    assert not any(role == "partner" for role, _ in roles["3.8"])
    assert roles["2.13"][("contributor", 764)] == {"nov"} and roles["2.13"][("responsible", 764)] == {"movisie", "vilans"}
    assert roles["1.6"][("commissioner", 587)] == {"vws"} and roles["1.6"][("responsible", 587)] == {"zonmw"}


def test_the_introductions_party_list_is_cited_with_its_spellings(kg):
    """Line 119: the parties VWS works with, each involved in the programme, each spelling an altLabel there."""
    rows = kg.select("""SELECT ?p ?line WHERE { GRAPH ?g { programme:langer-thuis ltkg:involved ?p }
                                               GRAPH ?q { ?g ltkg:firstLine ?line } }""")
    assert {r["line"] for r in rows} == {"119"}
    assert len({r["p"] for r in rows}) == 20  # "VNO-NCW en MKB-Nederland" is two
    for slug, spelling in (("vng", "VNG/NDSB"), ("zorgthuisnl", "ZorghuisNL"), ("mkb-nederland", "MKB-Nederland")):
        assert kg.ask(f'ASK {{ GRAPH ?g {{ party:{slug} skos:altLabel "{spelling}"@nl }} GRAPH ?q {{ ?g ltkg:firstLine 119 }} }}')


def test_cra_and_rijksbouwmeester_are_one_party(kg):
    assert not kg.ask("ASK { ?x ?p party:rijksbouwmeester }")
    assert kg.ask('ASK { GRAPH ?g { party:college-van-rijksadviseurs skos:altLabel "Rijksbouwmeester"@nl } }')
