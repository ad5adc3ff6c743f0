"""The two stores: embedded pyoxigraph and a remote SPARQL endpoint answer the REST routes alike."""
from __future__ import annotations

import os
import shutil
import time
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.store import answers as store_module
from api.store.contract import Boolean, QuerySyntaxError, QueryTimeout, Solutions, StoreUnavailable, Triples
from api.store.embedded import EmbeddedStore
from api.store.remote import RemoteStore
from graph.settings import Settings

URLS = [
    "/api/programmes", "/api/programmes/langer-thuis", "/api/actors", "/api/actors?q=ministerie", "/api/actors/vws",
    "/api/actions", "/api/actions/langer-thuis-2.6", "/api/actions/langer-thuis-3.1",
    "/api/actions?lead=vws&actionLine=langer-thuis-1", "/api/actions?partner=vng", "/api/actions?q=respijt",
    "/api/actions?goal=langer-thuis-1-doel-1&limit=1&offset=1", "/api/actions/langer-thuis-0.0",
    "/api/actions?lead=BAD%20ID", "/viz/who-owns-what",
]


def fake_endpoint(store: ox.Store) -> httpx.MockTransport:
    """A SPARQL 1.1 protocol server over a pyoxigraph store: the query as sent, union default graph."""

    def handle(request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        if list(form) != ["query"]:
            return httpx.Response(400, text="expected one form field: query")
        try:
            result = store.query(form["query"][0], use_default_graph_as_union=True)
        except SyntaxError as error:
            return httpx.Response(400, text=f"Parse error: {error}")
        if isinstance(result, ox.QueryTriples):
            body = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
            return httpx.Response(200, content=body, headers={"content-type": "application/n-triples"})
        body = result.serialize(format=ox.QueryResultsFormat.JSON)
        return httpx.Response(200, content=body, headers={"content-type": "application/sparql-results+json"})

    return httpx.MockTransport(handle)


@pytest.fixture(scope="module")
def remote_client(build_dir):
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    app = create_app(Settings(build_dir=build_dir))
    app.state.store = RemoteStore("http://sparql.test/sparql",
                                  client=httpx.Client(transport=fake_endpoint(store)))
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize("url", URLS)
def test_remote_store_answers_like_the_embedded_one(client, remote_client, url):
    embedded, remote = client.get(url), remote_client.get(url)
    assert (remote.status_code, remote.headers["content-type"]) == (embedded.status_code,
                                                                     embedded.headers["content-type"])
    assert remote.content == embedded.content


def test_remote_store_results(build_dir):
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    remote = RemoteStore("http://sparql.test/sparql", client=httpx.Client(transport=fake_endpoint(store)))
    prefix = "PREFIX ltkg: <https://ltkg.example.org/def/> "
    select = remote.query(prefix + "SELECT ?a ?n WHERE { ?a a ltkg:Action ; ltkg:number ?n } ORDER BY ?n",
                          {"a": ox.NamedNode("https://ltkg.example.org/id/action/langer-thuis-2.6")})
    assert isinstance(select, Solutions) and select.variables == ["a", "n"]
    assert [row["n"].value for row in select.rows] == ["6"]
    assert remote.query(prefix + "ASK { ?a a ltkg:Action }") == Boolean(True)
    graph = remote.query(prefix + "CONSTRUCT { ?a a ltkg:Action } WHERE { ?a a ltkg:Action }", max_rows=2)
    assert isinstance(graph, Triples) and len(graph.triples) == 2 and graph.truncated
    with pytest.raises(QuerySyntaxError, match="Parse error"):
        remote.query("SELECT ?x WHERE {")


def _remote(handler) -> RemoteStore:
    return RemoteStore("http://sparql.test/sparql", client=httpx.Client(transport=httpx.MockTransport(handler)))


@pytest.mark.parametrize("handler, error", [
    (lambda request: httpx.Response(500, text="boom"), StoreUnavailable),
    (lambda request: httpx.Response(200, text="<html/>", headers={"content-type": "text/html"}), StoreUnavailable),
    (lambda request: httpx.Response(200, text="{not json", headers={"content-type": "application/sparql-results+json"}),
     StoreUnavailable),
    (lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused")), StoreUnavailable),
    (lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow")), QueryTimeout),
    (lambda request: httpx.Response(200, text='{"head": {}}', headers={"content-type": "application/sparql-results+json"}),
     StoreUnavailable),
    # Virtuoso's refusals come with HTTP 500: the query's fault, its time limit, or its own
    (lambda request: httpx.Response(500, text="Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error"),
     QuerySyntaxError),
    (lambda request: httpx.Response(500, text="Virtuoso 22023 Error SR350: TOP parameter < 0"), QuerySyntaxError),
    (lambda request: httpx.Response(500, text="Virtuoso S1T00 Error SR171: Transaction timed out"), QueryTimeout),
    (lambda request: httpx.Response(500, text="Virtuoso 08C01 Error CL034: out of disk"), StoreUnavailable),
    # its "anytime" answer: partial results at its time limit
    (lambda request: httpx.Response(200, content=b'{"head":{"vars":["s"]},"results":{"bindings":[]}}',
                                    headers={"content-type": "application/sparql-results+json", "X-SQL-State": "S1TAT"}),
     QueryTimeout),
])
def test_remote_store_failures_are_store_errors(handler, error):
    with pytest.raises(error):
        _remote(handler).query("SELECT * WHERE { ?s ?p ?o }")


def _json_answer(body: bytes, **headers) -> RemoteStore:
    return _remote(lambda request: httpx.Response(
        200, content=body, headers={"content-type": "application/sparql-results+json", **headers}))


def test_remote_store_reads_virtuosos_json():
    # SPARQL 1.0's "typed-literal", which Virtuoso still sends, and a language-tagged literal
    body = (b'{"head":{"vars":["n","l","b"]},"results":{"bindings":[{"n":{"type":"typed-literal","value":"6",'
            b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"},"l":{"type":"literal","value":"Wonen",'
            b'"xml:lang":"nl"},"b":{"type":"bnode","value":"b0"}}]}}')
    [row] = _json_answer(body).query("SELECT * WHERE { ?s ?p ?o }").rows
    assert row["n"] == ox.Literal("6", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert row["l"] == ox.Literal("Wonen", language="nl") and isinstance(row["b"], ox.BlankNode)
    assert _json_answer(b'{"head":{},"boolean":false}').query("ASK { ?s ?p ?o }") == Boolean(False)


def test_remote_store_row_limit_is_a_truncation(build_dir):
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"https://x.test/1"}}]}}'
    capped = _json_answer(body, **{"X-SPARQL-MaxRows": "1"})
    assert capped.query("SELECT * WHERE { ?s ?p ?o }").truncated
    assert not _json_answer(body).query("SELECT * WHERE { ?s ?p ?o }").truncated
    # a REST route does not answer with part of an answer
    app = create_app(Settings(build_dir=build_dir))
    app.state.store = capped
    with TestClient(app) as test_client:
        cut = test_client.get("/api/actors/vws")
    assert cut.status_code == 503 and "ResultSetMaxRows" in cut.json()["detail"]


def test_remote_store_binds_parameters_as_terms():
    sent = []

    def handler(request):
        sent.append(parse_qs(request.content.decode())["query"][0])
        return httpx.Response(200, content=b'{"head":{"vars":["q"]},"results":{"bindings":[]}}',
                              headers={"content-type": "application/sparql-results+json"})

    _remote(handler).query("SELECT ?q WHERE { ?s ?p ?q }", {"q": ox.Literal('"} DROP ALL #', language="nl")})
    assert sent == ['SELECT ("\\"} DROP ALL #"@nl AS ?q) WHERE { ?s ?p "\\"} DROP ALL #"@nl }']


# -- the embedded store ------------------------------------------------------------------------------
def test_embedded_store_follows_a_new_build(tmp_path, fixture_kg):
    """A build replaces build/current by renaming; the app must serve the new data, not a cached answer."""
    from conftest import write_build
    from graph.ns import iri
    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    write_build(fixture_kg, tmp_path / "one")
    (tmp_path / "build").mkdir()
    (tmp_path / "one" / "current").rename(tmp_path / "build" / "current")
    with TestClient(create_app(Settings(build_dir=tmp_path / "build"))) as test_client:
        title = test_client.get("/api/actions/langer-thuis-2.6").json()["title"]
        assert title.startswith("Aanjagen")
        action = iri("action", "langer-thuis-2.6")
        graph = next(g for g in fixture_kg.ds.graphs() if (action, DCTERMS.title, None) in g)
        graph.set((action, DCTERMS.title, Literal("Nieuwe titel", lang="nl")))
        try:
            write_build(fixture_kg, tmp_path / "two")
        finally:
            graph.set((action, DCTERMS.title, Literal(title, lang="nl")))
        (tmp_path / "build" / "current").rename(tmp_path / "build" / "previous")
        (tmp_path / "two" / "current").rename(tmp_path / "build" / "current")
        shutil.rmtree(tmp_path / "build" / "previous")
        # the store's directory is looked at once a second (EmbeddedStore.recheck)
        deadline = time.monotonic() + 5
        while (seen := test_client.get("/api/actions/langer-thuis-2.6").json()["title"]) != "Nieuwe titel":
            assert time.monotonic() < deadline, f"still {seen!r} 5 s after the new build"
            time.sleep(0.1)


def test_embedded_store_copies_a_large_store_into_memory_in_the_background(build_dir):
    path = build_dir / "current" / "store"
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    small = EmbeddedStore(path)  # the test build is small: copied before the first answer
    expected = small.query(query).rows
    assert small.in_memory.is_set() and small.describe().endswith(", in memory")
    large = EmbeddedStore(path, wait_for_copy_quads=0)  # as if it were large
    assert large.describe() == f"embedded pyoxigraph store at {path}"
    assert large.query(query).rows == expected  # answered at once (from disk, or from the copy if ready)
    assert large.in_memory.wait(60), "the background copy did not finish"
    assert large.describe().endswith(", in memory") and large.query(query).rows == expected
    on_disk = EmbeddedStore(path, in_memory_quads=0)  # too large to copy at all
    assert on_disk.query(query).rows == expected and not on_disk.in_memory.wait(0.5)
    assert on_disk.describe().endswith(", on disk")


def test_embedded_store_copies_from_the_store_without_a_dump_and_stays_on_disk_if_the_copy_fails(
        tmp_path, build_dir, caplog):
    shutil.copytree(build_dir / "current" / "store", tmp_path / "current" / "store")
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = EmbeddedStore(build_dir / "current" / "store").query(query).rows
    without_dump = EmbeddedStore(tmp_path / "current" / "store")
    assert without_dump.query(query).rows == expected and without_dump.in_memory.is_set()
    (tmp_path / "current" / "ltkg.nq").write_text("<not> <n-quads\n", encoding="utf-8")
    broken = EmbeddedStore(tmp_path / "current" / "store")
    assert broken.query(query).rows == expected  # from disk
    assert not broken.in_memory.is_set() and "could not be copied into memory" in caplog.text


def test_embedded_store_looks_for_a_new_build_once_per_recheck(build_dir, monkeypatch):
    import api.store.embedded

    store = EmbeddedStore(build_dir / "current" / "store", recheck=60)
    store.query("ASK {}")
    stats = []
    real_stat = os.stat
    monkeypatch.setattr(api.store.embedded.os, "stat", lambda path, *a, **k: stats.append(path) or real_stat(path, *a, **k))
    for _ in range(50):
        store.query("ASK {}")
    assert stats == []
    store._seen = (store._seen[0] - 61, store._seen[1])  # a minute later
    store.query("ASK {}")
    assert len(stats) == 1


def test_embedded_store_timeout_is_an_error_not_a_crash(build_dir):
    store = EmbeddedStore(build_dir / "current" / "store")
    with pytest.raises(QueryTimeout):
        store.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=0)
    with pytest.raises(QuerySyntaxError):
        store.query("SELECT * WHERE { ?a ?b }")


XSD = "http://www.w3.org/2001/XMLSchema#"
_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_literals = st.one_of(
    _texts.map(ox.Literal),
    st.builds(lambda text, lang: ox.Literal(text, language=lang), _texts, st.sampled_from(["nl", "en-GB", "x-ltkg"])),
    st.builds(lambda text, kind: ox.Literal(text, datatype=ox.NamedNode(XSD + kind)),
              st.one_of(_texts, st.integers().map(str), st.decimals(allow_nan=False, allow_infinity=False).map(str),
                        st.floats().map(str), st.sampled_from(["true", "false", "1", "0", "2024-01-31", "-0.50"])),
              st.sampled_from(["integer", "decimal", "double", "boolean", "date", "string", "int"])),
    st.builds(lambda text: ox.Literal(text, datatype=ox.NamedNode("https://ltkg.example.org/def/ë#type")), _texts),
)
_objects = st.one_of(_literals, st.sampled_from([ox.NamedNode("https://ltkg.example.org/id/party/patiëntenfederatie"),
                                                 ox.NamedNode("urn:x:a%20b?c=d#e"), ox.BlankNode("b1")]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_objects, min_size=1, max_size=8))
def test_solutions_read_back_as_pyoxigraph_gives_them(objects):
    """materialise reads pyoxigraph's TSV (api.store.answers._results_from_tsv): every term comes back as the
    result's own rows give it, unbound variables left out, in the same order."""
    store = ox.Store()
    for index, obj in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"urn:x:s{index}"), ox.NamedNode("urn:x:p"), obj))
    text = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s"
    expected = [{name: term for name, term in (("s", row["s"]), ("o", row["o"])) if term is not None}
                for row in store.query(text)]
    result = store_module.materialise(store.query(text))
    assert result.variables == ["s", "o", "unbound"]
    assert result.rows == expected
    assert [[type(term) for term in row.values()] for row in result.rows] == \
        [[type(term) for term in row.values()] for row in expected]


@pytest.mark.parametrize("text, variables, rows", [
    ("SELECT * {}", [], [{}]),
    ("SELECT * { FILTER(false) }", [], []),
    ("SELECT ?x {}", ["x"], [{}]),
    ("SELECT ?x ?y { VALUES (?x ?y) { (UNDEF 1) (2.5 UNDEF) } }", ["x", "y"],
     [{"y": ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))},
      {"x": ox.Literal("2.5", datatype=ox.NamedNode(XSD + "decimal"))}]),
    ("SELECT ?t { BIND(<<( <urn:x:s> <urn:x:p> 'o' )>> AS ?t) }", ["t"],  # a triple term: pyoxigraph's parser reads it
     [{"t": ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))}]),
])
def test_solutions_of_every_shape_read_back(text, variables, rows):
    result = store_module.materialise(ox.Store().query(text))
    assert (result.variables, result.rows) == (variables, rows)


def test_read_terms_are_remembered_within_a_bound(monkeypatch):
    monkeypatch.setattr(store_module, "_TSV_TERMS", {})
    monkeypatch.setattr(store_module, "_TSV_TERMS_MAX", 3)
    text = "SELECT ?x { VALUES ?x { <urn:x:a> <urn:x:b> 'c' 'd' 'e' } }"
    first = store_module.materialise(ox.Store().query(text)).rows
    again = store_module.materialise(ox.Store().query(text)).rows
    assert first == again == [{"x": term} for term in
                               (ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c"), ox.Literal("d"),
                                ox.Literal("e"))]
    assert 0 < len(store_module._TSV_TERMS) <= 3


@pytest.mark.parametrize("remote", [False, True], ids=["embedded", "remote"])
def test_fetch_then_read_is_query(build_dir, remote):
    """Store.fetch does the store's work (pyoxigraph's evaluation, or the endpoint's answer) and
    Fetched.read() makes Python of it: together they are query()."""
    path = build_dir / "current" / "store"
    store = (RemoteStore("http://sparql.test/sparql", client=httpx.Client(
        transport=fake_endpoint(ox.Store.read_only(str(path))))) if remote else EmbeddedStore(path))
    text = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?s ?label"
    fetched = store.fetch(text)
    assert fetched.size > 0 and fetched.read() == store.query(text)
    assert store.fetch("ASK { ?s ?p ?o }").read() == Boolean(True)
    capped = store.fetch(text, max_rows=2).read()
    assert len(capped.rows) == 2 and capped.truncated
    with pytest.raises(QuerySyntaxError):
        store.fetch("SELECT * WHERE { ?s ?p }")


def test_embedded_store_without_a_build(tmp_path):
    with pytest.raises(StoreUnavailable, match="ltkg build"):
        EmbeddedStore(tmp_path / "current" / "store").query("ASK {}")


# -- a real Virtuoso, where one is installed ---------------------------------------------------------
@pytest.fixture(scope="module")
def virtuoso(virtuoso_endpoint) -> str:
    return virtuoso_endpoint[0]  # holding the dump of build_dir (tests/conftest.py)


@pytest.mark.parametrize("url", URLS)
def test_virtuoso_answers_like_the_embedded_store(client, virtuoso, build_dir, url):
    with TestClient(create_app(Settings(build_dir=build_dir, sparql_endpoint=virtuoso))) as remote:
        response = remote.get(url)
    expected = client.get(url)
    assert response.status_code == expected.status_code
    assert response.content == expected.content
