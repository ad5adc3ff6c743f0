"""A small build, made with graph.kg.KG from real source lines, laid out like build/current.

    <build_dir>/current/ltkg.nq   sorted N-Quads
    <build_dir>/current/store/    a pyoxigraph store, bulk-loaded from the dump

The app under test reads it through LTKG_BUILD_DIR, as it reads the real build.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS, XSD

from graph import search_index, version
from graph.build import nquads
from graph.kg import KG
from graph.ns import GRAPH_ONTOLOGY, LTKG, iri
from graph.provenance import Editorial, Sources
from graph.settings import ONTOLOGY_DIR, ROOT, SOURCES_DIR, Settings
from virtuoso import running, unavailable

PLAN = "2018-langer-thuis-plan-van-aanpak"

# id: (Dutch name, English name, type, collective, (spelling, line) of its mention in the party list)
PARTIES = {
    "vws": ("Ministerie van Volksgezondheid, Welzijn en Sport", "Ministry of Health, Welfare and Sport",
            "ministry", False, ("Ministerie VWS", 36)),
    "bzk": ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", None, "ministry", False, ("Ministerie BZK", 32)),
    "vng": ("Vereniging van Nederlandse Gemeenten", None, "association", False, ("VNG", 17)),
    "mezzo": ("Mezzo", None, "client-organisation", False, ("Mezzo", 27)),
    "kbo-pcob": ("KBO-PCOB", None, "client-organisation", False, ("KBO-PCOB", 35)),
    "verenso": ("Verenso", None, "professional-association", False, ("Verenso", 23)),
    "aedes": ("Aedes", None, "association", False, ("Aedes", 29)),
    "seniorenorganisaties": ("seniorenorganisaties", "senior citizens' organisations", "collective", True, None),
    "zn": ("Zorgverzekeraars Nederland", None, "association", False, None),
}
SIGNATORIES = ["vng", "verenso", "mezzo", "aedes", "bzk", "kbo-pcob", "vws"]

ACTION_LINES = {  # number: (line, quote)
    1: (183, "ondersteuning en zorg thuis"),
    2: (220, "mantelzorg en vrijwilligers in zorg & welzijn"),
    3: (258, "wonen"),
}
GOALS = {  # (action line, number): (line, text)
    (1, 1): (189, "Versterken van de zelfredzaamheid van ouderen en hun sociale omgeving"),
    (1, 3): (191, "Specialist ouderengeneeskunde op het juiste moment, op de juiste plek"),
    (2, 2): (227, "Ondersteuningsaanbod verbeteren en beter toegankelijk maken (inclusief respijtzorg)"),
}
# notation: (line, goal number, title, milestone, date, leads [(id, spelling)], partners [(id, spelling)])
ACTIONS = {
    "1.1": (198, 1, "Bewustwording creëren bij ouderen", "Mijlpaal: Netwerk start 2019", ("2019", XSD.gYear),
            [("kbo-pcob", "Kbo-Pcob")], []),
    "1.4": (201, 1, "Extra inzet bekendheid en deskundigheid cliëntenondersteuners",
            "Mijlpaal: voorjaar 2019 plan van aanpak voor pilots", None,
            [("vng", "VNG"), ("seniorenorganisaties", "seniorenorganisaties"), ("vws", "VWS")], []),
    "1.11": (212, 3, "Onderbrengen van de zorg die de specialist ouderengeneeskunde pleegt te bieden onder de Zvw",
             "Mijlpaal: overheveling per januari 2020", ("2020-01", XSD.gYearMonth),
             [("vws", "VWS")], [("verenso", "Verenso")]),
    "2.5": (243, 2, "Bevorderen dat binnen gemeenten structureel overleg plaatsvindt tussen de gemeente en lokale "
                    "organisaties van welzijn, mantelzorgers en vrijwilligers.", "Ntb.", None,
            [("vws", "VWS"), ("vng", "VNG"), ("mezzo", "Mezzo")], []),
    "2.6": (244, 2, "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo).",
            "Start najaar 2018, looptijd 2 jaar", None, [("vws", "VWS"), ("vng", "VNG"), ("mezzo", "Mezzo")], []),
    "3.1": (273, None, "Oprichten ondersteuningsteam", "Mijlpaal: oprichting ondersteuningsteam eind 2018",
            ("2018", XSD.gYear), [("vws", "VWS"), ("bzk", "BZK")], [("vng", "VNG"), ("aedes", "Aedes")]),
}
# The annex names the parties responsible for action 2.6.
RESPONSIBLE = {"2.6": (723, "**VWS** is hiervoor in samenwerking met **VNG** en **Mezzo** voor verantwoordelijk",
                       ["vws", "vng", "mezzo"])}
# A later document names a party taking part in action 2.6 (the national respite-care booster).
REPORT_2021 = "2021-langer-thuis-voortgangsrapportage-3"
INVOLVED = {"2.6": (REPORT_2021, 1090, "Zorgverzekeraars Nederland", ["zn"])}
ROLES = {"lead": (LTKG.lead, LTKG.Lead), "partner": (LTKG.partner, LTKG.Partner),
         "responsible": (LTKG.responsible, LTKG.Responsible), "involved": (LTKG.involved, LTKG.Involved)}


def build_dataset() -> KG:
    sources = Sources(SOURCES_DIR)
    kg = KG(sources)

    def cite(first: int, quote: str, last: int | None = None):
        return sources.cite(PLAN, first, last or first, quote)

    register = Editorial("test-fixture-register", "Labels and types of the test fixture's parties.")
    doc = iri("document", PLAN)
    kg.add(doc, RDF.type, LTKG.SourceDocument, register)
    kg.text(doc, DCTERMS.title, "Programma Langer Thuis: Samen aan de slag, Plan van Aanpak 2018-2021", register)
    kg.add(doc, LTKG.fileName, Literal(f"{PLAN}.txt"), register)

    for slug, (nl, en, kind, collective, mention) in PARTIES.items():
        party = kg.entity("party", slug, LTKG.Party, register, nl=nl, en=en)
        if collective:
            kg.add(party, RDF.type, LTKG.CollectiveParty, register)
        kg.add(party, ORG.classification, iri("party-type", kind), register)
        if mention:
            spelling, line = mention
            kg.text(party, SKOS.altLabel, spelling, cite(line, spelling))

    programme = kg.entity("programme", "langer-thuis", LTKG.Programme, cite(5, "Programma Langer Thuis"),
                          nl="Programma Langer Thuis")
    kg.text(programme, SKOS.prefLabel, "Langer Thuis programme", register, "en")
    kg.add(programme, LTKG.period, Literal("2018-2021"), cite(9, "Plan van Aanpak 2018-2021"))
    for slug in SIGNATORIES:
        spelling, line = PARTIES[slug][4]
        kg.add(programme, LTKG.signatory, iri("party", slug), cite(line, spelling))

    for number, (line, label) in ACTION_LINES.items():
        src = cite(line, f"Actielijn {number}: {label}")
        node = kg.entity("actionline", f"langer-thuis-{number}", LTKG.ActionLine, src, nl=label)
        kg.add(node, LTKG.programme, programme, src)
        kg.number(node, LTKG.number, number, src)
    for (line_number, number), (line, text) in GOALS.items():
        src = cite(line, text)
        node = kg.entity("goal", f"langer-thuis-{line_number}-doel-{number}", LTKG.Goal, src, nl=text)
        kg.add(node, LTKG.actionLine, iri("actionline", f"langer-thuis-{line_number}"), src)
        kg.add(node, LTKG.programme, programme, src)
        kg.number(node, LTKG.number, number, src)

    for notation, (line, goal, title, milestone_text, due, leads, partners) in ACTIONS.items():
        line_number, number = (int(part) for part in notation.split("."))
        src = cite(line, title)
        slug = f"langer-thuis-{notation}"
        action = kg.entity("action", slug, LTKG.Action, src, nl=f"Actie {notation}: {title}")
        kg.add(action, LTKG.programme, programme, src)
        kg.add(action, LTKG.actionLine, iri("actionline", f"langer-thuis-{line_number}"), src)
        if goal:
            kg.add(action, LTKG.goal, iri("goal", f"langer-thuis-{line_number}-doel-{goal}"), src)
        kg.number(action, LTKG.number, number, src)
        kg.add(action, SKOS.notation, Literal(notation), src)
        kg.text(action, DCTERMS.title, title, src)
        milestone_src = cite(line, milestone_text)
        milestone = kg.entity("milestone", slug, LTKG.Milestone, milestone_src)
        kg.add(action, LTKG.milestone, milestone, milestone_src)
        kg.text(milestone, LTKG.milestoneText, milestone_text, milestone_src)
        if due:
            kg.add(milestone, LTKG.date, Literal(due[0], datatype=due[1]), milestone_src)
        parties = [("lead", p, s) for p, s in leads] + [("partner", p, s) for p, s in partners]
        for role, party_slug, spelling in parties:
            _participate(kg, action, slug, role, party_slug, cite(line, spelling))
            kg.text(iri("party", party_slug), SKOS.altLabel, spelling, cite(line, spelling))
    for notation, (line, quote, parties) in RESPONSIBLE.items():
        action = iri("action", f"langer-thuis-{notation}")
        for party_slug in parties:
            _participate(kg, action, f"langer-thuis-{notation}", "responsible", party_slug, cite(line, quote))
    for notation, (doc, line, quote, parties) in INVOLVED.items():
        action = iri("action", f"langer-thuis-{notation}")
        for party_slug in parties:
            _participate(kg, action, f"langer-thuis-{notation}", "involved", party_slug,
                         sources.cite(doc, line, line, quote))

    # One named initiative of the register (graph/data/initiatives.yaml), as the plan names it.
    scheme_src = cite(600, "De **Stimuleringsregeling E-health Thuis** (SET)")
    scheme = kg.entity("initiative", "set", LTKG.Initiative, scheme_src, nl="Stimuleringsregeling E-health Thuis")
    kg.add(scheme, RDF.type, LTKG.Regulation, scheme_src)
    kg.text(scheme, SKOS.prefLabel, "E-health at Home incentive scheme", register, "en")
    kg.add(scheme, ORG.classification, iri("initiative-kind", "incentive-scheme"), register)
    kg.text(scheme, SKOS.altLabel, "SET", scheme_src)

    ontology = Graph().parse(ONTOLOGY_DIR / "ltkg.ttl")
    target = kg.ds.graph(GRAPH_ONTOLOGY)
    for triple in ontology:
        target.add(triple)
    kg.check()
    return kg


def _participate(kg: KG, action: URIRef, slug: str, role: str, party_slug: str, src) -> None:
    shortcut, role_node = ROLES[role]
    party = iri("party", party_slug)
    kg.add(action, shortcut, party, src)
    node = iri("participation", f"{slug}-{role}-{party_slug}")
    kg.add(action, PROV.qualifiedAssociation, node, src)
    kg.add(node, RDF.type, LTKG.Participation, src)
    kg.add(node, PROV.agent, party, src)
    kg.add(node, PROV.hadRole, role_node, src)


def write_build(kg: KG, build_dir: Path) -> Path:
    """build_dir/current/{ltkg.nq, store/, version.json, search.sqlite} from the dataset, as `ltkg build` lays
    them out; returns build_dir."""
    current = build_dir / "current"
    current.mkdir(parents=True, exist_ok=True)
    dump = nquads(kg)  # as the build writes it: sorted, under the licence's comment
    lines = [line for line in dump.splitlines() if line.strip() and not line.startswith("#")]
    (current / "ltkg.nq").write_text(dump, encoding="utf-8")
    store = ox.Store(str(current / "store"))
    store.bulk_load(dump.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    quads = len(store)
    del store
    gc.collect()
    version.write(current, quads=quads, triples=len({line.rsplit(" ", 2)[0] for line in lines}))
    search_index.write(current / "ltkg.nq", SOURCES_DIR, current / search_index.FILE_NAME)
    return build_dir


@pytest.fixture(scope="session")
def fixture_kg() -> KG:
    return build_dataset()


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory, fixture_kg) -> Path:
    return write_build(fixture_kg, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def app_settings(build_dir) -> Settings:
    mp = pytest.MonkeyPatch()
    mp.setenv("LTKG_BUILD_DIR", str(build_dir))
    mp.delenv("LTKG_SPARQL_ENDPOINT", raising=False)
    yield Settings()
    mp.undo()


@pytest.fixture(scope="session")
def app(app_settings):
    from api.app import create_app
    return create_app(app_settings)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real():
    """A test client of the app on the real build (embedded store), for the pages' HTML."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from plan2018_fixtures import built

    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


@pytest.fixture(scope="session")
def site() -> str:
    """The base URL of the real build, served on 127.0.0.1 as `ltkg serve` serves it (for browser tests)."""
    from api.app import create_app
    from api.http.serving import serve_in_thread as serve
    from plan2018_fixtures import built

    with serve(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (tests/browser.py); skipped where it is missing. One per
    test module: Playwright's synchronous API keeps an event loop running in the main thread while it is
    open, where a later test's asyncio.run() would then fail."""
    from browser import chromium, require_browser

    require_browser()
    with chromium() as launched:
        yield launched


# -- a remote SPARQL endpoint (Virtuoso), for the tests that compare stores -------------------------------
@pytest.fixture(scope="session")
def virtuoso_endpoint(request) -> tuple[str, Path]:
    """(SPARQL endpoint URL, build dir whose dump it holds); skips when no Virtuoso can be had."""
    url = os.environ.get("LTKG_TEST_VIRTUOSO_URL", "").strip()
    if url:
        build = Path(os.environ.get("LTKG_TEST_VIRTUOSO_BUILD_DIR", ROOT / "build"))
        if not (build / "current" / "store").exists():
            unavailable(f"LTKG_TEST_VIRTUOSO_URL is set but {build}/current holds no build to compare with")
        yield url, build
        return
    build = request.getfixturevalue("build_dir")  # the test build above
    with running(build / "current" / "ltkg.nq") as endpoint:
        yield endpoint, build
