"""The WOZO progress report (2024) in the graph: structure parsed from the headings, parties, schemes
and claims curated in graph/data/wozo-2024.yaml, each checked against the source text's lines."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.build import assemble, build, nquads
from graph.extract.wozo2024 import DOC, euros, parse
from graph.kg import BuildError
from graph.ns import GRAPH_PROVENANCE, LTKG, iri
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR, SOURCES_DIR, Settings

SECTIONS = (
    [f"1.{n}" for n in range(1, 9)] + [f"2.{n}" for n in range(1, 6)] + ["intermezzo"]
    + [f"3.{n}" for n in range(1, 8)] + [f"4.{n}" for n in range(1, 8)] + [f"5.{n}" for n in range(1, 8)]
)


@pytest.fixture(scope="module")
def kg():
    return assemble()


@pytest.fixture(scope="module")
def g(kg) -> Graph:
    union = Graph()
    for s, p, o, _ in kg.ds.quads():
        union.add((s, p, o))
    return union


def action(key: str) -> URIRef:
    return iri("action", f"wozo-{key}")


def cited_lines(kg, triple) -> set[tuple[int, int]]:
    """(first, last) of every citation graph that asserts the triple."""
    prov = kg.ds.graph(GRAPH_PROVENANCE)
    found = set()
    for _, _, _, graph in kg.ds.quads(triple):
        name = getattr(graph, "identifier", graph)
        first, last = prov.value(name, LTKG.firstLine), prov.value(name, LTKG.lastLine)
        if first is not None:
            found.add((int(first), int(last)))
    return found


def involved(g, key: str) -> set[str]:
    return {str(p).rsplit("/", 1)[1] for p in g.objects(action(key), LTKG.involved)}


# ---------------------------------------------------------------- structure
def test_headings_parse_into_five_action_lines_and_35_sections():
    lines = (SOURCES_DIR / f"{DOC}.txt").read_text(encoding="utf-8").split("\n")
    action_lines, sections, problems = parse(lines)
    assert problems == []
    assert [(a.number, a.line, a.name) for a in action_lines] == [
        (1, 27, "Samen vitaal ouder worden"), (2, 109, "Sterke basiszorg voor ouderen"),
        (3, 217, "Passende Wlz zorg"), (4, 285, "Wonen en zorg voor ouderen"), (5, 359, "Arbeidsmarkt en innovatie"),
    ]
    assert action_lines[0].name_line == 29  # '# Actielijn 1:' with its name on the next '##' line
    assert [s.key for s in sections] == SECTIONS
    intermezzo = sections[SECTIONS.index("intermezzo")]
    assert (intermezzo.line, intermezzo.end, intermezzo.action_line) == (172, 216, 2)
    # sub-headings stay inside their section: 4.5 runs from 319 over '### Convenant' to 334
    assert {s.key: (s.line, s.end) for s in sections}["4.5"] == (319, 334)
    assert {s.key: (s.line, s.end) for s in sections}["5.7"] == (429, 432)  # ends before the colophon


def test_programme_and_action_lines(g):
    programme = iri("programme", "wozo")
    assert (programme, RDF.type, LTKG.Programme) in g
    assert Literal("Wonen, Ondersteuning en Zorg voor Ouderen (WOZO)", lang="nl") in set(g.objects(programme, SKOS.prefLabel))
    assert (iri("document", DOC), LTKG.reportsOn, programme) in g
    assert (iri("document", DOC), DCTERMS.publisher, iri("party", "vws")) in g
    lines = sorted(str(s) for s in g.subjects(LTKG.programme, programme) if (s, RDF.type, LTKG.ActionLine) in g)
    assert lines == [str(iri("actionline", f"wozo-{n}")) for n in range(1, 6)]
    assert g.value(iri("actionline", "wozo-1"), LTKG.number) == Literal(1, datatype=XSD.integer)
    nl = {n: {str(o) for o in g.objects(iri("actionline", f"wozo-{n}"), SKOS.prefLabel) if o.language == "nl"}
          for n in range(1, 6)}
    assert nl == {1: {"Samen vitaal ouder worden"}, 2: {"Sterke basiszorg voor ouderen"}, 3: {"Passende Wlz zorg"},
                  4: {"Wonen en zorg voor ouderen"}, 5: {"Arbeidsmarkt en innovatie"}}
    assert all(any(o.language == "en" for o in g.objects(iri("actionline", f"wozo-{n}"), SKOS.prefLabel))
               for n in range(1, 6))
    # action line 4's numbered aims (lines 289-291) are its goals
    goals = sorted(str(s) for s in g.subjects(LTKG.actionLine, iri("actionline", "wozo-4")) if (s, RDF.type, LTKG.Goal) in g)
    assert goals == [str(iri("goal", f"wozo-4-doel-{n}")) for n in (1, 2, 3)]


def test_every_section_is_an_action_with_title_number_and_action_line(kg, g):
    actions = sorted(str(s) for s in g.subjects(RDF.type, LTKG.Action) if "/action/wozo-" in str(s))
    assert actions == sorted(str(action(k)) for k in SECTIONS)
    for key in SECTIONS:
        node = action(key)
        assert len(list(g.objects(node, DCTERMS.title))) == 1, key
        assert g.value(node, LTKG.programme) == iri("programme", "wozo")
        line = g.value(node, LTKG.actionLine)
        assert line == iri("actionline", f"wozo-{2 if key == 'intermezzo' else key[0]}"), key
        if key != "intermezzo":
            assert g.value(node, SKOS.notation) == Literal(key)
            assert g.value(node, LTKG.number) == Literal(int(key.split(".")[1]), datatype=XSD.integer)
    assert g.value(action("3.6"), DCTERMS.title) == Literal("Stand van zaken Kennisinfrastructuur en passende zorg WLZ", lang="nl")
    assert cited_lines(kg, (action("3.6"), DCTERMS.title, None)) == {(267, 267)}
    intermezzo = action("intermezzo")
    assert g.value(intermezzo, DCTERMS.title) == Literal("Intermezzo: medisch generalistische zorg", lang="nl")
    assert g.value(intermezzo, SKOS.notation) is None
    assert "line 172" in str(g.value(intermezzo, LTKG.note))


# ---------------------------------------------------------------- parties
def test_parties_of_sections(kg, g):
    assert involved(g, "2.4") == {"vws", "aska", "fms", "knmp", "lhv", "napco", "nhg-huisartsen", "optima-farma",
                                  "patientenfederatie", "v-vn", "zn", "sir-institute"}
    assert involved(g, "5.2") == {"actiz", "zorgthuisnl", "v-vn", "zn", "zorgverzekeraars"}  # 'Zorgthuis.nl', 'Actiz'
    assert involved(g, "1.6") == {"nov", "handjehelpen", "humanitas", "kbo-brabant", "leger-des-heils", "mezzo",
                                  "npv-zorg-voor-het-leven", "stichting-present", "stichting-vier-het-leven", "somnl",
                                  "tijdvooractie"}
    assert involved(g, "1.5") >= {"vng", "sociaal-werk-nederland", "nov", "mezzo", "verwey-jonker-instituut",
                                  "movisie", "szw", "stichting-van-de-arbeid", "stichting-werk-en-mantelzorg"}
    assert involved(g, "3.7") == set()
    assert {"bzk", "nhg-hypotheekgarantie", "veh", "platform31", "abf-research"} <= involved(g, "4.5")
    assert (iri("actionline", "wozo-4"), LTKG.involved, iri("party", "bzk")) in g
    # the qualified form: a Participation with role Involved, cited to the footnote line
    node = iri("participation", "wozo-2.4-involved-nhg-huisartsen")
    assert (node, PROV.hadRole, LTKG.Involved) in g
    assert (node, PROV.agent, iri("party", "nhg-huisartsen")) in g
    assert (action("2.4"), PROV.qualifiedAssociation, node) in g
    assert cited_lines(kg, (node, PROV.agent, None)) == {(160, 160)}
    # members of the Seniorencoalitie, from line 41
    members = {str(m).rsplit("/", 1)[1] for m in g.objects(iri("party", "seniorencoalitie"), URIRef("http://www.w3.org/ns/org#hasMember"))}
    assert members == {"anbo-pcob", "koepel-gepensioneerden", "noom", "somnl"}


def test_nhg_is_two_parties_each_with_its_own_mention(kg, g):
    parties = PartyRegister(DATA_DIR / "parties.yaml")
    assert not parties.knows("NHG")  # the bare abbreviation is listed under neither entry
    huisartsen, hypotheek = iri("party", "nhg-huisartsen"), iri("party", "nhg-hypotheekgarantie")
    nhg = Literal("NHG", lang="nl")
    assert cited_lines(kg, (huisartsen, SKOS.altLabel, nhg)) == {(160, 160)}
    assert cited_lines(kg, (hypotheek, SKOS.altLabel, nhg)) == {(323, 323)}
    assert {str(s).rsplit("/", 1)[1] for s in g.subjects(LTKG.involved, huisartsen)} == {"wozo-2.4"}
    assert {str(s).rsplit("/", 1)[1] for s in g.subjects(LTKG.involved, hypotheek)} == {"wozo-4.5"}


# ---------------------------------------------------------------- schemes and laws
def test_swz_is_two_initiatives_each_with_its_own_mentions(kg, g):
    regulations = InitiativeRegister(DATA_DIR / "initiatives.yaml")
    assert not regulations.knows("SWZ")
    scheiden = iri("initiative", "swz-scheiden-wonen-zorg")
    stimulering = iri("initiative", "swz-stimuleringsregeling-wonen-en-zorg")
    swz = Literal("SWZ", lang="nl")
    assert cited_lines(kg, (scheiden, SKOS.altLabel, swz)) == {(253, 253)}
    assert cited_lines(kg, (stimulering, SKOS.altLabel, swz)) == {(311, 311), (313, 313)}
    assert cited_lines(kg, (scheiden, SKOS.altLabel, Literal("transitiebudget SWZ", lang="nl"))) == {(257, 257), (265, 265)}
    assert (action("3.4"), LTKG.restsOn, scheiden) in g and (action("3.4"), LTKG.restsOn, stimulering) not in g
    assert (action("4.4"), LTKG.restsOn, stimulering) in g and (action("4.4"), LTKG.restsOn, scheiden) not in g
    # the transition budget is a budget of the care offices (line 253): a fund, like the other regional budgets
    assert g.value(scheiden, URIRef("http://www.w3.org/ns/org#classification")) == iri("initiative-kind", "fund")
    assert g.value(stimulering, URIRef("http://www.w3.org/ns/org#classification")) == iri("initiative-kind", "incentive-scheme")


def test_sections_rest_on_their_schemes(kg, g):
    rests = {key: {str(o).rsplit("/", 1)[1] for o in g.objects(action(key), LTKG.restsOn)} for key in SECTIONS}
    assert rests["2.1"] == {"zvw", "wlz", "wmo-2015"}
    assert rests["3.3"] == {"spuk-dos", "wetsvoorstel-dos"}
    assert rests["5.3"] == {"stoz"}
    assert rests["5.5"] == {"ioc-ouderen-thuis"}
    assert rests["5.2"] == {"iow", "sectorplanplus-taz", "opleidingsfonds-wijkverpleging"}
    assert (iri("actionline", "wozo-3"), LTKG.restsOn, iri("initiative", "wlz")) in g
    # the heading's and the text's spellings of STOZ are one scheme; the report says it succeeds SET
    stoz = iri("initiative", "stoz")
    labels = {str(o) for o in g.objects(stoz, SKOS.altLabel)}
    assert {"Stimuleringsregeling Technologie en Zorg TAZ-WOZO", "Stimuleringsregeling Technologie in Ondersteuning en Zorg",
            "Stimuleringsregeling Innovatie TAZ-WOZO", "STOZ"} <= labels
    assert cited_lines(kg, (stoz, LTKG.continues, iri("initiative", "set"))) == {(393, 393)}


# ---------------------------------------------------------------- claims
def claim(g, slug: str) -> URIRef:
    node = iri("claim", f"wozo-{slug}")
    assert (node, RDF.type, LTKG.Claim) in g, slug
    return node


@pytest.mark.parametrize("slug, about, amount, text, line", [
    ("3.3-1", "spuk-dos", "26700000", "€ 26,7 mln.", 247),
    ("3.4-2", "swz-scheiden-wonen-zorg", "40000000", "€ 40 mln per jaar", 253),
    ("4.4-3", "swz-stimuleringsregeling-wonen-en-zorg", "900000", "€ 0,9 mln euro", 313),
    ("5.2-2", "iow", "150000000", "€ 150 mln", 373),
    ("5.3-4", "stoz", "54000000", "€ 54 mln", 391),
    ("5.5-2", "ioc-ouderen-thuis", "900000", "€ 900.000 euro", 403),
    ("5.5-5", "ioc-ouderen-thuis", "650000", "€650.000,-", 405),
])
def test_scheme_amounts(kg, g, slug, about, amount, text, line):
    node = claim(g, slug)
    assert (node, LTKG.about, iri("initiative", about)) in g
    money = g.value(node, LTKG.amount)
    assert g.value(money, LTKG.value) == Literal(Decimal(amount), datatype=XSD.decimal)
    assert str(g.value(money, LTKG.amountText)) == text
    assert text in str(g.value(node, LTKG.statement))
    assert cited_lines(kg, (node, LTKG.amount, None)) == {(line, line)}


def test_dates_and_figures(g):
    assert g.value(claim(g, "4.4-2"), LTKG.date) == Literal("2024-04-03", datatype=XSD.date)  # SWZ closed
    assert g.value(claim(g, "4.4-1"), LTKG.date) == Literal("2019-04", datatype=XSD.gYearMonth)
    assert g.value(claim(g, "5.3-2"), LTKG.date) == Literal("2024-04-18", datatype=XSD.date)  # STOZ published
    assert g.value(claim(g, "1.2-1"), LTKG.date) == Literal("2023-07-17", datatype=XSD.date)
    # '5 april' and '26 januari' come without a year: no date is invented
    for slug in ("4.5-1", "2.3-1", "1.2-6", "5.5-1"):
        node = claim(g, slug)
        assert g.value(node, LTKG.date) is None and "year is not stated" in str(g.value(node, LTKG.note)), slug
    assert g.value(claim(g, "4.3-2"), LTKG["count"]) == Literal(1700, datatype=XSD.integer)
    assert g.value(claim(g, "1.3-1"), LTKG["count"]) == Literal(15, datatype=XSD.integer)  # 'vijftien'
    assert g.value(claim(g, "intermezzo-2"), LTKG["count"]) == Literal(37, datatype=XSD.integer)
    assert (claim(g, "al4-1"), LTKG.about, iri("goal", "wozo-4-doel-1")) in g
    table = claim(g, "3.1-table")
    assert str(g.value(table, LTKG.statement)).startswith("Tabel 1 Aantal Wlz-cliënten (x1.000) 2020 Q1")
    assert str(g.value(table, LTKG.statement)).endswith("Percentage verblijf 73% 70% 69% 67% 66%")
    kinds = {str(g.value(c, LTKG.claimKind)) for c in g.subjects(RDF.type, LTKG.Claim) if "/claim/wozo-" in str(c)}
    assert kinds == {"budget", "date", "figure"}


def test_euros():
    assert euros("bijna € 1 mln") == Decimal(1000000)
    assert euros("ca. € 137.000") == Decimal(137000)
    assert euros("€ 2,5 mld") == Decimal(2500000000)
    assert euros("€ 60 miljoen per jaar") == Decimal(60000000)
    assert euros("€ 1 en € 2") is None and euros("geen bedrag") is None


# ---------------------------------------------------------------- the checks that keep the curation honest
@pytest.fixture()
def forged(tmp_path):
    """A copy of graph/data whose wozo-2024.yaml a test edits."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)

    def edit(old: str, new: str) -> Path:
        path = data / "wozo-2024.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        return data
    return edit


@pytest.mark.parametrize("old, new, message", [
    ("[{name: SWZ, id: swz-stimuleringsregeling-wonen-en-zorg}]", "[SWZ]", "unknown initiative name 'SWZ'"),
    ("names: [transitiebudget SWZ, regionaal investeringsbudget]",
     "names: [{name: transitiebudget SWZ, id: swz-stimuleringsregeling-wonen-en-zorg}, regionaal investeringsbudget]",
     "is listed for another initiative"),
    ("{name: NHG, id: nhg-hypotheekgarantie}", "{name: NHG, id: nhg-hypotheek}", "no party 'nhg-hypotheek'"),
    ('amount: "€ 26,7 mln."', 'amount: "€ 27 mln."', "is not one figure in the quote"),
    ('date: "3 april 2024"', 'date: "3 april"', "is not one stated date in the quote"),
    ("count: 1700", "count: 1800", "count '1.800' is not in the quote"),
    ("names: [Dialogic]", "names: [Dialogik]", "'Dialogik' is not in the quote"),
    ('- section: "2.2"\n    involved:\n      - names: [RIVM]\n        source: {lines: 127,',
     '- section: "2.2"\n    involved:\n      - names: [RIVM]\n        source: {lines: 50,', "are outside the section (125-128)"),
    ("footnote: 12", "footnote: 13", "footnote 13 is not called"),
])
def test_bad_curation_stops_the_build_with_file_and_line(forged, old, new, message):
    data = forged(old, new)
    with pytest.raises(BuildError) as error:
        assemble(data_dir=data)
    assert message in str(error.value)
    assert "wozo-2024.yaml:" in str(error.value) or "initiatives.yaml" in str(error.value)


# ---------------------------------------------------------------- the whole build
def test_whole_build_is_shacl_clean_and_deterministic(kg, tmp_path):
    report = build(config=Settings(build_dir=tmp_path))
    assert report.quads > 0
    assert (tmp_path / "current" / "ltkg.nq").read_text(encoding="utf-8") == nquads(assemble())
