"""The 2024 report (Eindverslag Zorg en ondersteuning thuis) in the graph, checked against the text.

One full build (every extractor, SHACL included) into a temporary directory; the tests query its
pyoxigraph store with the union of all named graphs as the default graph, and check that each fact
stands in a citation graph whose lines hold what the test expects.
"""
from __future__ import annotations

import gc
import re

import pyoxigraph as ox
import pytest

from graph.build import build
from graph.ns import LTKG
from graph.settings import SOURCES_DIR, Settings

DOC = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
ID = "https://ltkg.example.org/id/"
PREFIXES = """
PREFIX ltkg: <https://ltkg.example.org/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
LINES = (SOURCES_DIR / f"{DOC}.txt").read_text(encoding="utf-8").split("\n")


def line(n: int) -> str:
    return LINES[n - 1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("eindverslag-build")
    report = build(config=Settings(build_dir=directory))
    store = ox.Store.read_only(str(report.path.parent / "store"))
    yield store
    del store
    gc.collect()


def rows(store, query: str, **bindings) -> list[tuple]:
    """SELECT results as tuples of plain values (IRIs and literals as strings, None where unbound)."""
    for name, value in bindings.items():  # the tests' own constant IRIs, written into the query
        query = re.sub(rf"\?{name}\b", str(ox.NamedNode(value)), query)
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [tuple(None if term is None else term.value for term in row) for row in result]


def values(store, subject: str, prop: str) -> set[str]:
    return {r[0] for r in rows(store, f"SELECT DISTINCT ?o WHERE {{ ?s {prop} ?o }}", s=ID + subject)}


def cited(store, subject: str, prop: str, value: str) -> list[tuple[int, int, str]]:
    """(first, last, quote) of every citation graph that holds subject prop value (a literal's text)."""
    found = rows(store, f"""
        SELECT DISTINCT ?first ?last ?quote WHERE {{
          GRAPH ?g {{ ?s {prop} ?o FILTER(str(?o) = "{value}") }}
          ?g a ltkg:Citation ; dcterms:source ?doc ; ltkg:firstLine ?first ; ltkg:lastLine ?last ; ltkg:quote ?quote .
        }}""", s=ID + subject, doc=ID + f"document/{DOC}")
    return sorted((int(first), int(last), quote) for first, last, quote in found)


# ------------------------------------------------------------------ programmes side by side
def test_four_programmes_with_types_names_and_dates(store):
    expected = {  # slug: (agreement, Dutch name, date, list line)
        "iza": (True, "Integraal Zorgakkoord", "2022-09-16", 577),
        "gala": (True, "Gezond en Actief Leven Akkoord", "2023-01-31", 579),
        "wozo": (False, "Wonen, Ondersteuning en Zorg voor Ouderen", "2022-07-04", 581),
        "taz": (False, "Toekomstbestendige Arbeidsmarkt Zorg & Welzijn", "2022-09-30", 583),
    }
    for slug, (agreement, name, date, number) in expected.items():
        types = values(store, f"programme/{slug}", "rdf:type")
        assert (str(LTKG.Agreement) in types) is agreement
        assert str(LTKG.Programme) in types
        labels = values(store, f"programme/{slug}", "skos:prefLabel") | values(store, f"programme/{slug}", "skos:altLabel")
        assert name in labels and slug.upper() in labels
        assert name in line(number) and date[8:] + "-" + date[5:7] + "-" + date[:4] in line(number)
        assert values(store, f"programme/{slug}", "dcterms:date") == {date}
        # the same date is a Claim of this report, cited in the list (line 577...) and the annex (line 2180...)
        claim = f"claim/eindverslag-2024-{slug}-date"
        assert values(store, claim, "ltkg:date") == {date}
        assert values(store, claim, "ltkg:about") == {ID + f"programme/{slug}"}
        assert values(store, claim, "ltkg:asOf") == {"2024-08-02"}
        assert [c[0] for c in cited(store, claim, "ltkg:date", date)] == [number, number + 1603]


def test_wozo_keeps_one_preferred_label_per_language(store):
    """WOZO's nodes are shared with the WOZO progress report: this report's wording never becomes a second
    preferred label in a language."""
    for node in ["programme/wozo", "programme/taz"] + [f"actionline/wozo-{n}" for n in range(1, 6)]:
        found = rows(store, "SELECT ?lang (COUNT(DISTINCT ?l) AS ?n) WHERE { ?s skos:prefLabel ?l BIND(lang(?l) AS ?lang) } "
                            "GROUP BY ?lang", s=ID + node)
        assert {lang for lang, _ in found} == {"nl", "en"}, node
        assert all(int(n) == 1 for _, n in found), (node, found)
    assert line(707).startswith("4. ‘Wonen en zorg’ voor ouderen")
    assert "‘Wonen en zorg’ voor ouderen" in (values(store, "actionline/wozo-4", "skos:prefLabel")
                                              | values(store, "actionline/wozo-4", "skos:altLabel"))


@pytest.mark.parametrize("slug,count", [("iza", 9), ("gala", 7), ("wozo", 5), ("taz", 3)])
def test_action_lines_per_programme(store, slug, count):
    found = rows(store, """SELECT DISTINCT ?a ?n WHERE { ?a a ltkg:ActionLine ; ltkg:programme ?p ; ltkg:number ?n }
                           ORDER BY ?n""", p=ID + f"programme/{slug}")
    assert [int(n) for _, n in found] == list(range(1, count + 1))
    assert [a for a, _ in found] == [ID + f"actionline/{slug}-{n}" for n in range(1, count + 1)]


def test_action_line_labels_as_written(store):
    # lines 661-663, 684, 698-702 (a wrapped, hyphenated item), 706, 716
    assert "1. Passende zorg: waardegedreven" in line(661) and line(663) == "kwaliteit"
    assert values(store, "actionline/iza-1", "skos:prefLabel") >= {
        "Passende zorg: waardegedreven samen met de patiënt, pakket en kwaliteit"}
    assert line(684) == "9. Contractering" and "Contractering" in values(store, "actionline/iza-9", "skos:prefLabel")
    assert line(701).endswith("preventie-") and line(702) == "infrastructuur"
    assert "De domein overstijgende inzet vanuit een regionale preventie-infrastructuur" in values(
        store, "actionline/gala-7", "skos:prefLabel")
    # the WOZO column's wording, cited to this report, on the shared WOZO action line
    assert line(706) == "3. Passende Wlz-zorg"
    wozo3 = values(store, "actionline/wozo-3", "skos:prefLabel") | values(store, "actionline/wozo-3", "skos:altLabel")
    assert "Passende Wlz-zorg" in wozo3
    assert values(store, "actionline/wozo-3", "ltkg:programme") == {ID + "programme/wozo"}
    assert line(716) == "3. Ruimte voor leren en ontwikkelen"
    assert "Ruimte voor leren en ontwikkelen" in values(store, "actionline/taz-3", "skos:prefLabel")


def test_goals_and_legal_frameworks(store):
    assert values(store, "programme/gala", "ltkg:statedGoal") == {"Een gezonde generatie in 2040"}
    assert line(589).startswith("Een gezonde generatie in 2040 Transformatie naar houdbare")
    laws = {slug: {v.rsplit("/", 1)[1] for v in values(store, f"programme/{slug}", "ltkg:restsOn")}
            for slug in ("iza", "gala", "wozo", "taz")}
    # line 718-719: "Zvw, Wmo | Wpg, Wmo, Zvw | Wlz, Wmo en Zvw (ouderenzorg) | Zorg- en welzijn breed (Wlz, Wmo, Zvw, Jeugdwet), Wpg en Wegiz"
    assert {"zvw", "wmo-2015"} <= laws["iza"]
    assert {"wpg", "wmo-2015", "zvw"} <= laws["gala"]
    assert {"wlz", "wmo-2015", "zvw"} <= laws["wozo"]
    assert {"wlz", "wmo-2015", "zvw", "jeugdwet", "wpg", "wegiz"} <= laws["taz"]
    assert "wlz" not in laws["iza"] and "jeugdwet" not in laws["wozo"]
    assert [c[:2] for c in cited(store, "programme/taz", "ltkg:restsOn", ID + "initiative/wegiz")] == [(718, 719)]


def test_initiators_implementation_and_financing(store):
    initiators = {v.rsplit("/", 1)[1] for v in values(store, "programme/gala", "ltkg:initiator")}
    assert initiators == {"gemeenten", "zorgverzekeraars", "ggd-en", "vws"}  # line 725, "VWS" read into GALA
    assert "VWS" in line(725) and "GGD’en" in line(725)
    assert len(values(store, "programme/wozo", "ltkg:initiator")) == 8
    # line 737: Landelijk, regionaal en lokaal | Lokaal en regionaal | ... | ...
    assert values(store, "programme/gala", "ltkg:implementationLevel") == {"Lokaal en regionaal"}
    assert values(store, "programme/iza", "ltkg:implementationLevel") == {"Landelijk, regionaal en lokaal"}
    assert values(store, "programme/taz", "ltkg:implementationMeans") == {"Financiële middelen", "Kennis en expertise"}
    assert len(values(store, "programme/iza", "ltkg:implementationMeans")) == 4
    # line 775 misspells "Tranformatiemiddelen": recorded as written, with a note
    assert line(775) == "• Tranformatiemiddelen"
    assert "Tranformatiemiddelen" in values(store, "programme/iza", "ltkg:financing")
    assert any("Tranformatiemiddelen" in n for n in values(store, "programme/iza", "ltkg:note"))
    assert values(store, "programme/gala", "ltkg:financing") == {"Brede SPUK-regeling"}
    assert ID + "initiative/brede-spuk" in values(store, "programme/gala", "ltkg:restsOn")
    # "o.a. regeling TAZ-WOZO" (line 791) and "STOZ-\n\nregeling" (lines 807-809) are the STOZ scheme
    assert ID + "initiative/stoz" in values(store, "programme/wozo", "ltkg:restsOn")
    assert ID + "initiative/stoz" in values(store, "programme/taz", "ltkg:restsOn")
    assert ID + "initiative/spuk-dos" in values(store, "programme/wozo", "ltkg:restsOn")
    taz = values(store, "programme/taz", "ltkg:financing")
    assert len(taz) == 1 and "(o.a. STOZ-regeling die beschikbaar komt in 2024" in taz.pop()
    assert values(store, "claim/eindverslag-2024-stoz-date", "ltkg:date") == {"2024-05"}  # line 1490 "mei 2024"


# ------------------------------------------------------------------ regional plans
def test_ten_regional_plans_with_regions_as_written(store):
    assert line(1536) == "Analyse van 10 regioplannen"
    found = rows(store, """SELECT DISTINCT ?n ?name WHERE { ?p a ltkg:RegionalPlan ; ltkg:number ?n ; ltkg:region ?r .
                                                  ?r a ltkg:Region ; skos:prefLabel ?name } ORDER BY ?n""")
    assert [int(n) for n, _ in found] == list(range(1, 11))
    names = [name for _, name in found]
    assert names[0] == "Flevoland" and line(2192) == "1. Flevoland"
    assert names[1] == "Groningen/ Regio Noord" and line(2194) == "2. Groningen/ Regio Noord"
    assert names[6] == "Utrecht/ Midden Nederland" and line(2204) == "7.  Utrecht/ Midden Nederland"
    assert names[9] == "Zuid Limburg" and line(2210) == "10. Zuid Limburg"
    assert values(store, "regional-plan/zuid-limburg", "ltkg:region") == {ID + "region/zuid-limburg"}


# ------------------------------------------------------------------ the indicator set
def test_eight_indicator_categories_with_thirty_indicators(store):
    assert line(1557).strip() == "Cultuur Samenwerkingen in de regio Ontwikkeling in wijken/ kernen Preventie"
    assert line(1580) == "Zorg en ondersteuning Professionals Wonen Digitalisering"
    found = rows(store, """SELECT ?t (COUNT(DISTINCT ?i) AS ?n) WHERE {
        ?t a ltkg:Theme ; skos:inScheme ltkg:themes ; ltkg:themeOrigin "indicator-category" .
        ?i a ltkg:Indicator ; ltkg:theme ?t } GROUP BY ?t""")
    counts = {t.rsplit("/", 1)[1]: int(n) for t, n in found}
    assert counts == {"cultuur": 2, "samenwerkingen-in-de-regio": 4, "ontwikkeling-in-wijken-kernen": 5,
                      "preventie": 4, "zorg-en-ondersteuning": 5, "professionals": 2, "wonen": 4,
                      "digitalisering": 4}
    # a bullet wrapped over a blank line (lines 1563-1565)
    assert values(store, "indicator/voorkant-samenwerkingen-in-de-regio-2", "skos:prefLabel") >= {
        "Coördinatie en concentratie tijdelijk verblijfsvormen"}
    assert values(store, "indicator/voorkant-preventie-3", "skos:prefLabel") >= {"Reablement"}
    assert values(store, "indicator/voorkant-preventie-3", "ltkg:indicatorKind") == {ID + "indicator-kind/plan-analysis"}


def test_coverage_in_the_reports_own_words(store):
    reablement = values(store, "indicator/voorkant-preventie-3", "ltkg:coverageInPlans")
    assert reablement == {"in iets meer dan de helft van de plannen", "in ongeveer de helft van de plannen"}
    assert [c[:2] for c in cited(store, "indicator/voorkant-preventie-3", "ltkg:coverageInPlans",
                                 "in ongeveer de helft van de plannen")] == [(1859, 1860)]
    assert "Reablement is in ongeveer de" in line(1859) and line(1860).startswith("helft van de plannen")
    assert values(store, "indicator/voorkant-digitalisering-4", "ltkg:coverageInPlans") == {"in alle geanalyseerde plannen"}
    assert line(1783).startswith("In alle geanalyseerde plannen is aandacht voor elektronische gegevensuitwisseling")
    assert values(store, "indicator/voorkant-preventie-2", "ltkg:coverageInPlans") == {"zelden"}
    assert values(store, "indicator/voorkant-zorg-en-ondersteuning-3", "ltkg:coverageInPlans") == {"in bijna alle plannen"}
    assert line(1716) == "In bijna alle plannen wordt gewerkt met welzijn op recept. Omdat dit een ketenaanpak is in het "
    assert values(store, "theme/preventie", "ltkg:coverageInPlans") == {"in alle regiobeelden"}
    # where the text reports nothing, nothing is recorded
    assert values(store, "indicator/voorkant-samenwerkingen-in-de-regio-4", "ltkg:coverageInPlans") == set()


def test_interview_themes(store):
    found = {t.rsplit("/", 1)[1] for (t,) in rows(store, """SELECT DISTINCT ?t WHERE {
        ?t a ltkg:Theme ; skos:inScheme ltkg:themes ; ltkg:themeOrigin "interview-theme" }""")}
    headings = {112: "toegankelijkheid-van-ondersteuning-en-zorg", 187: "het-belang-van-de-wijk", 282: "spoedzorg",
                393: "hulpmiddelen", 459: "wederkerigheid", 546: "structurele-financiering"}
    assert set(headings.values()) <= found
    assert len(found) == 21  # the 18 distinct headings of Deel 1, and 3 themes Deel 4 names "uit de interviews"
    assert line(343).strip() == line(187).strip() == "Het belang van de wijk"  # one theme, cited twice
    assert [c[0] for c in cited(store, "theme/het-belang-van-de-wijk", "ltkg:themeOrigin", "interview-theme")] == [187, 343]
    # the same theme under the interviews' and the conclusions' wording is one concept with both origins
    assert values(store, "theme/hulpmiddelen", "ltkg:themeOrigin") == {"interview-theme", "conclusion-theme"}
    assert "Toegankelijkheid van zorg" in values(store, "theme/toegankelijkheid-van-ondersteuning-en-zorg", "skos:altLabel")
    assert "Bekwaam is bevoegd" in values(store, "theme/bekwaam-is-inzetbaar", "skos:altLabel")
    # the interview theme and the indicator category about the neighbourhood are related, not merged
    assert ID + "theme/ontwikkeling-in-wijken-kernen" in values(store, "theme/het-belang-van-de-wijk", "skos:related")


# ------------------------------------------------------------------ white spots and verdicts
def test_white_spot_passages(store):
    found = rows(store, """SELECT DISTINCT ?w ?t WHERE { ?w a ltkg:WhiteSpot ; ltkg:theme ?t }""")
    spots = {w.rsplit("/", 1)[1]: t.rsplit("/", 1)[1] for w, t in found}
    assert spots == {"toegankelijkheid-van-zorg": "toegankelijkheid-van-ondersteuning-en-zorg", "spoedzorg": "spoedzorg",
                     "palliatieve-zorg": "palliatieve-zorg", "hulpmiddelen": "hulpmiddelen",
                     "randvoorwaarden-regionale-samenwerking": "randvoorwaarden-regionale-samenwerking",
                     "bekwaam-is-bevoegd": "bekwaam-is-inzetbaar"}
    # every passage of Deel 4 that says "witte vlek" about a theme is a statement of its white spot
    passages = rows(store, """SELECT DISTINCT ?first ?last WHERE { GRAPH ?g { ?w ltkg:statement ?s }
        ?w a ltkg:WhiteSpot . ?g ltkg:firstLine ?first ; ltkg:lastLine ?last }""")
    lasts = sorted(int(last) for _, last in passages)
    assert lasts == [1933, 1936, 2030, 2040, 2043, 2070, 2074]
    for number in lasts:
        assert "witte vlek" in line(number) or "witte vlek" in line(number - 1) + line(number)
    assert len(values(store, "white-spot/randvoorwaarden-regionale-samenwerking", "ltkg:statement")) == 2
    assert values(store, "white-spot/toegankelijkheid-van-zorg", "ltkg:possiblyAddressedBy") == {
        ID + "programme/iza", ID + "programme/wozo"}  # lines 2008-2012


def test_five_conclusion_themes_four_verdicts_one_open_question(store):
    found = rows(store, """SELECT DISTINCT ?n ?w ?verdict ?question WHERE { ?w a ltkg:WhiteSpot ; ltkg:number ?n
        OPTIONAL { ?w ltkg:verdict ?verdict } OPTIONAL { ?w ltkg:openQuestion ?question } } ORDER BY ?n""")
    assert [int(n) for n, *_ in found] == [1, 2, 3, 4, 5]
    by_number = {int(n): (w.rsplit("/", 1)[1], v, q) for n, w, v, q in found}
    assert line(2085).strip() == "1. Toegankelijkheid van zorg:" and by_number[1][0] == "toegankelijkheid-van-zorg"
    assert "aandachtspunt om te monitoren" in by_number[1][1] and by_number[1][2] is None
    assert by_number[2][0] == "spoedzorg" and "aandachtspunt blijft om te monitoren" in by_number[2][1]
    assert by_number[3][0] == "palliatieve-zorg" and by_number[3][1] == (
        "De werkorganisatie is van mening dat dit thema op dit moment goed belegd is.")
    assert line(2112) == "De werkorganisatie is van mening dat dit thema op dit moment goed belegd is."
    assert by_number[4][0] == "hulpmiddelen" and "goed belegd" in by_number[4][1]
    # the fifth: no verdict, the text's open question
    assert by_number[5] == ("randvoorwaarden-regionale-samenwerking", None,
                            "Vraag aan werkorganisatie: Welke ontwikkelingen kunnen we hier noemen?")
    assert line(2131) == by_number[5][2]
    assert sum(1 for _, v, _ in by_number.values() if v) == 4
    # the sixth candidate of Deel 4 is not among the werkorganisatie's five: neither verdict nor question
    assert values(store, "white-spot/bekwaam-is-bevoegd", "ltkg:verdict") == set()
    assert values(store, "white-spot/bekwaam-is-bevoegd", "ltkg:openQuestion") == set()
    assert "5 thema’s" in line(2165)


# ------------------------------------------------------------------ the werkorganisatie and the authors
def test_werkorganisatie_members(store):
    body = "body/wozo-werkorganisatie"
    assert values(store, body, "org:classification") == {ID + "body-kind/working-organisation"}
    members = {m.rsplit("/", 1)[1] for m in values(store, body, "org:hasMember")}
    assert members == {"seniorencoalitie", "sociaal-werk-nederland", "lhv", "verenso", "v-vn", "actiz", "zn",
                       "vng", "vws"}
    assert "(Senioren Coalitie, SWN, LHV/Verenso, V&VN, ActiZ, ZN, VNG, VWS)" in line(19)
    # both lists cite each member: line 17-19 and the annex bullets (2257-2271)
    assert [c[0] for c in cited(store, body, "org:hasMember", ID + "party/verenso")] == [17, 2261]
    assert [c[0] for c in cited(store, body, "org:hasMember", ID + "party/vng")] == [17, 2267]
    assert line(2267) == "• Vereniging Nederlandse Gemeenten"
    assert values(store, "body/wozo-regiegroep", "org:classification") == {ID + "body-kind/steering-group"}


def test_authors_from_the_colophon(store):
    document = f"document/{DOC}"
    creators = values(store, document, "dcterms:creator")
    assert {ID + "party/movisie", ID + "party/vilans"} <= creators
    assert [c[0] for c in cited(store, document, "dcterms:creator", ID + "party/movisie")] == [2275]
    assert "kennisorganisaties Movisie en Vilans." in line(2275)
    people = {r[0] for r in rows(store, "SELECT DISTINCT ?name WHERE { ?d dcterms:creator ?p . ?p foaf:name ?name }",
                                 d=ID + document)}
    assert people == {"Karin Schuldink", "Els Hofman", "Sjaan Steinmetz", "Esther Schrijver", "Maud Hoogeveen",
                      "Barbara de Groen"}
    assert line(2277).startswith("Auteurs: Karin Schuldink")
    assert "2024-08-02" in values(store, document, "dcterms:issued")
