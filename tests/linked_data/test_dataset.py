"""The dataset on the real build: its VoID/DCAT description and its downloads."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID

from api.app import create_app
from api.linked_data import downloads
from api.store.embedded import EmbeddedStore
from graph.ns import BASE, LICENCE
from graph.settings import Settings
from plan2018_fixtures import built

DATASET = URIRef(BASE + "dataset#ltkg")
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir))) as client:
        yield client


def store_quads() -> set[tuple]:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in built().store}


def store_triples() -> set[tuple]:
    return {(s, p, o) for s, p, o, _ in store_quads()}


def void(real, path: str = "/.well-known/void", accept: str | None = None) -> Graph:
    response = real.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    fmt = {"application/ld+json": "json-ld", "application/n-triples": "nt"}.get(accept, "turtle")
    assert response.headers["content-type"].startswith(accept or "text/turtle")
    return Graph().parse(data=response.text, format=fmt)


# -- the description ----------------------------------------------------------------------------------
def test_void_states_the_distinct_triple_count_of_the_store(real):
    graph = void(real)
    assert (DATASET, RDF.type, VOID.Dataset) in graph and (DATASET, RDF.type, DCAT.Dataset) in graph
    assert graph.value(DATASET, VOID.triples).toPython() == len(store_triples())
    assert graph.value(DATASET, VOID.triples).toPython() == built().report.triples
    assert graph.value(DATASET, VOID.entities).toPython() > 1000


def test_void_describes_title_licence_endpoint_examples_vocabularies_and_sources(real):
    graph = void(real)
    assert Literal("Langer Thuis knowledge graph", lang="en") in set(graph.objects(DATASET, DCTERMS.title))
    assert graph.value(DATASET, DCTERMS.description)
    # CC0 1.0 (issue 18), with the reason in dcterms:rights
    assert graph.value(DATASET, DCTERMS.license) == URIRef(LICENCE)
    assert "CC0 1.0" in str(graph.value(DATASET, DCTERMS.rights))
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    examples = set(graph.objects(DATASET, VOID.exampleResource))
    assert URIRef(BASE + "id/action/langer-thuis-2.6") in examples
    vocabularies = {str(v) for v in graph.objects(DATASET, VOID.vocabulary)}
    assert {"http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#",
            "http://purl.org/dc/terms/", BASE + "def/"} <= vocabularies
    documents = {str(row[0]) for row in built().store.query(
        "SELECT ?d WHERE { ?d a <https://ltkg.example.org/def/SourceDocument> }", use_default_graph_as_union=True)}
    sources = {str(s) for s in graph.objects(DATASET, DCTERMS.source)}
    assert sources == {d.strip("<>") for d in documents} and len(sources) >= 5


def test_void_lists_the_dumps_as_distributions_with_media_types(real):
    graph = void(real)
    media = {}
    for dist in graph.objects(DATASET, DCAT.distribution):
        assert (dist, RDF.type, DCAT.Distribution) in graph
        url = str(graph.value(dist, DCAT.downloadURL))
        media[url.rpartition("/")[2]] = str(graph.value(dist, DCAT.mediaType))
    assert media == {"ltkg.nq": IANA + "application/n-quads", "ltkg.trig": IANA + "application/trig",
                     "ltkg.jsonld": IANA + "application/ld+json", "ltkg.ttl": IANA + "text/turtle",
                     "actions.csv": IANA + "text/csv"}
    dumps = {str(d).rpartition("/")[2] for d in graph.objects(DATASET, VOID.dataDump)}
    assert dumps == {"ltkg.nq", "ltkg.trig", "ltkg.jsonld", "ltkg.ttl"}
    for name in dumps | {"actions.csv"}:  # each download URL is served here, under its path
        assert real.head(f"/download/{name}").status_code == 200


def test_void_by_accept_and_at_both_paths(real):
    turtle = void(real)
    assert isomorphic(turtle, void(real, "/dataset"))
    assert isomorphic(turtle, void(real, accept="application/ld+json"))
    assert isomorphic(turtle, void(real, accept="application/n-triples"))
    html = real.get("/dataset", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
    assert 'href="/download/ltkg.nq"' in html.text and f'<a href="{LICENCE}" rel="license">' in html.text
    assert f"{len(store_triples()):,}" in html.text


# -- downloads ----------------------------------------------------------------------------------------
def test_nquads_download_is_the_dump(real):
    response = real.get("/download/ltkg.nq")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-quads")
    assert response.content == built().dump.read_bytes()
    ds = Dataset()
    ds.parse(data=response.text, format="nquads")
    assert len(list(ds.quads((None, None, None, None)))) == len(store_quads())


def test_turtle_download_is_the_union_of_the_triples(real):
    response = real.get("/download/ltkg.ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.text.startswith("# ") and "named graphs" in response.text.split("\n\n")[0]
    graph = Graph().parse(data=response.text, format="turtle")
    assert len(graph) == len(store_triples())


@pytest.mark.parametrize("path, fmt", [("/download/ltkg.jsonld", "json-ld"), ("/download/ltkg.trig", "trig")])
def test_json_ld_and_trig_downloads_keep_the_named_graphs(real, path, fmt):
    response = real.get(path)
    assert response.status_code == 200
    if fmt == "json-ld":
        entries = json.loads(response.text)
        assert any("@graph" in entry and entry["@id"].startswith(BASE + "id/citation/") for entry in entries)
    ds = Dataset()
    ds.parse(data=response.text, format=fmt)
    quads = {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}
    assert len(quads) == len(store_quads())
    lead = (URIRef(BASE + "id/action/langer-thuis-2.6"), URIRef(BASE + "def/lead"), URIRef(BASE + "id/party/vws"))
    graphs = {str(g) for s, p, o, g in ds.quads((*lead, None))}
    assert graphs and all(g.startswith(BASE + "id/citation/2018-langer-thuis-plan-van-aanpak-l244-") for g in graphs)


def test_actions_csv(real):
    response = real.get("/download/actions.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["id", "iri", "programme", "action_line", "goal", "number", "notation", "title",
                             "milestone", "leads", "partners", "consulted", "responsible", "contributors",
                             "commissioners", "involved", "source_document", "source_first_line", "source_last_line"]
    langer_thuis = [row for row in rows if row["programme"] == "langer-thuis"]
    assert len(langer_thuis) == 44
    assert len({row["id"] for row in rows}) == len(rows)
    [actions] = built().select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a ltkg:Action } }")
    assert len(rows) == int(actions["n"]) > 44  # the other programmes' actions too
    row = next(row for row in rows if row["id"] == "langer-thuis-2.6")
    assert row["iri"] == BASE + "id/action/langer-thuis-2.6"
    assert row["action_line"] == "langer-thuis-2" and row["goal"] == "langer-thuis-2-doel-2"
    assert row["notation"] == "LT 2.6" and row["number"] == "6"
    assert row["title"].startswith("Aanjagen van het aanbod respijtzorg")
    assert row["milestone"] == "Start najaar 2018, looptijd 2 jaar"
    assert row["leads"].split("; ") == sorted(row["leads"].split("; "))
    assert {"mezzo", "vng", "vws"} <= set(row["leads"].split("; ")) and "vws" in row["responsible"].split("; ")
    for key in ("leads", "partners", "consulted", "responsible", "contributors", "commissioners", "involved"):
        detail = {party["id"] for party in real.get("/api/actions/langer-thuis-2.6").json()[key]}
        assert set(filter(None, row[key].split("; "))) == detail, key  # one shape: the REST answer's ids
    assert (row["source_document"], row["source_first_line"], row["source_last_line"]) == (
        "2018-langer-thuis-plan-van-aanpak", "244", "244")
    assert [r["notation"] for r in langer_thuis[:3]] == ["LT 1.1", "LT 1.2", "LT 1.3"]


def test_actions_csv_keeps_every_notation_through_pandas(real):
    """"1.1" and "1.10" read as numbers are one float; as "LT 1.1" and "LT 1.10" they stay 44 Langer Thuis actions."""
    pandas = pytest.importorskip("pandas")
    response = real.get("/download/actions.csv")
    frame = pandas.read_csv(io.StringIO(response.text))
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert not pandas.api.types.is_numeric_dtype(frame["notation"])
    assert [str(n) if n == n else "" for n in frame["notation"]] == [row["notation"] for row in rows]
    langer_thuis = frame[frame["programme"] == "langer-thuis"]["notation"]
    assert len(set(langer_thuis)) == len(langer_thuis) == 44 and {"LT 1.1", "LT 1.10"} <= set(langer_thuis)


def test_downloads_are_made_once_per_process(real):
    first = real.get("/download/ltkg.ttl").content
    cache = real.app.state.dataset_files
    made = dict(cache._files)
    assert "ltkg.ttl" in made
    assert real.get("/download/ltkg.ttl").content == first
    assert cache._files["ltkg.ttl"] is made["ltkg.ttl"]  # not made again


def test_downloads_from_a_store_without_a_dump(tmp_path, monkeypatch):
    """As with a remote SPARQL endpoint: no dump file, so the quads come from dataset-quads.rq, in pages."""
    monkeypatch.setattr(downloads, "QUAD_PAGE", 1000)
    settings = Settings(build_dir=tmp_path, sparql_endpoint="http://sparql.invalid/")
    app = create_app(settings)
    with TestClient(app) as client:
        app.state.store = EmbeddedStore(built().build_dir / "current" / "store")
        response = client.get("/download/ltkg.nq")
        assert response.status_code == 200
        ds = Dataset()
        ds.parse(data=response.text, format="nquads")
        assert len(list(ds.quads((None, None, None, None)))) == len(store_quads())
        assert Graph().parse(data=client.get("/.well-known/void").text, format="turtle").value(
            DATASET, VOID.triples).toPython() == len(store_triples())


def test_the_dataset_page_shows_the_accounting_of_figures_and_names_per_document(real):
    """Issue 20: per document, the figures and names stated, in the graph, left out, and 0 unexplained."""
    import re
    html = real.get("/dataset", headers={"Accept": "text/html"}).text
    table = html[html.index('id="accounting"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r'<tr><th scope="row"><a href="/id/document/([^"]+)">.*?</th>((?:<td>\d+</td>\s*)+)</tr>', table, re.S)
    numbers = {slug: [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)] for slug, cells in rows}
    assert set(numbers) == {"2018-11-05-kamerbrief-plan-van-aanpak-langer-thuis", "2018-langer-thuis-plan-van-aanpak",
                            "2021-langer-thuis-voortgangsrapportage-3", "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                            "2024-wozo-voortgangsrapportage"}
    for stated, typed, omitted, unexplained, found, cited, not_read, names_unexplained in numbers.values():
        assert typed + omitted == stated and unexplained == 0
        assert cited + not_read == found and names_unexplained == 0
    assert numbers["2021-langer-thuis-voortgangsrapportage-3"][:4] == [15, 14, 1, 0]  # footnote 28 left out


VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def test_void_follows_the_dutch_dcat_profile(real):
    """DCAT-AP-NL asks a publisher, a contact point, themes from the EU's list, access rights, and a licence on every
    distribution."""
    graph = void(real)
    publisher = graph.value(DATASET, DCTERMS.publisher)
    assert publisher == URIRef(BASE + "id/agent/ltkg-editors") and (publisher, RDF.type, FOAF.Agent) in graph
    assert graph.value(publisher, FOAF.name)
    contact = graph.value(DATASET, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph and graph.value(contact, VCARD.fn)
    assert graph.value(contact, VCARD.hasURL) == URIRef(BASE)
    themes = {str(t) for t in graph.objects(DATASET, DCAT.theme)}
    assert "http://publications.europa.eu/resource/authority/data-theme/HEAL" in themes
    assert str(graph.value(DATASET, DCTERMS.accessRights)).endswith("/access-right/PUBLIC")
    distributions = list(graph.objects(DATASET, DCAT.distribution))
    assert distributions and all(graph.value(d, DCTERMS.license) == URIRef(LICENCE) for d in distributions)


@pytest.mark.parametrize("name", ["ltkg.nq", "ltkg.trig", "ltkg.jsonld", "ltkg.ttl", "actions.csv"])
def test_every_download_names_the_licence(real, name):
    """In the HTTP header of each (RFC 8288 rel=license), and in the file's own header where it has comments."""
    response = real.get(f"/download/{name}")
    assert response.headers["link"] == f'<{LICENCE}>; rel="license"'
    if name.endswith((".nq", ".trig", ".ttl")):
        assert response.text.startswith("# The Langer Thuis knowledge graph. Licence: CC0 1.0") and LICENCE in \
            response.text.splitlines()[0]
