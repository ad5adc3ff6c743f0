"""The named queries (api/queries/*.rq): header declarations, binding, and running outside the server."""
from __future__ import annotations

import asyncio
import threading

import pyoxigraph as ox
import pytest

from api import queries
from api.queries import ParamError, QueryFileError
from api.store import query_text
from api.store.embedded import EmbeddedStore

HEADER = '''#+ summary: test
#+ param: who    id:party  required  "a party"
#+ param: q      string    optional  "text"
#+ param: n      integer   optional  "a number"
#+ param: thing  iri       optional  "any IRI"
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?who ?q ?n ?thing ?label WHERE { ?who skos:prefLabel ?label }
'''


def test_header_declarations_are_read():
    query = queries.parse("test", HEADER)
    assert query.summary == "test"
    assert [(p.name, p.type, p.required) for p in query.params] == [
        ("who", "id:party", True), ("q", "string", False), ("n", "integer", False), ("thing", "iri", False)]
    assert query.param("who").description == "a party"


def test_values_are_coerced_to_rdf_terms():
    query = queries.parse("test", HEADER)
    bound = query.bind({"who": "vws", "q": ' "} ; DROP ALL # ', "n": "007", "thing": "urn:x:y"})
    assert bound["who"] == ox.NamedNode("https://ltkg.example.org/id/party/vws")
    assert bound["q"] == ox.Literal('"} ; DROP ALL #')  # a literal, whatever it holds
    assert bound["n"] == ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert bound["thing"] == ox.NamedNode("urn:x:y")
    assert query.bind({"who": "vws", "q": ""}) == {"who": bound["who"]}  # empty means not given


@pytest.mark.parametrize("values, name", [
    ({}, "who"),                                    # required
    ({"who": "VWS X"}, "who"),                      # not a slug
    ({"who": "a/b"}, "who"),
    ({"who": "vws", "n": "seven"}, "n"),
    ({"who": "vws", "n": "1" * 30}, "n"),
    ({"who": "vws", "thing": "not an iri"}, "thing"),
    ({"who": "vws", "thing": "http://x/>"}, "thing"),
    ({"who": "vws", "q": "x" * 500}, "q"),
    ({"who": "vws", "other": "1"}, "other"),        # undeclared
])
def test_bad_values_are_refused(values, name):
    with pytest.raises(ParamError) as error:
        queries.parse("test", HEADER).bind(values)
    assert error.value.name == name


@pytest.mark.parametrize("text, message", [
    ('#+ param: q string sometimes "x"\nSELECT ?q WHERE { ?s ?p ?q }', "required|optional"),
    ('#+ param: q text optional "x"\nSELECT ?q WHERE { ?s ?p ?q }', "TYPE"),
    ('#+ param: q string optional "x"\nSELECT ?q WHERE { ?s ?p ?o FILTER(!BOUND(?q)) }', "BOUND"),
    ('#+ param: q string optional "x"\nSELECT ?s WHERE { { SELECT ?q WHERE { ?s ?p ?q } } }', "sub-query"),
    ('#+ param: q string optional "x"\nSELECT ?s WHERE {\n  #+ when r: ?s ?p ?r .\n}', "names no declared parameter"),
    ('#+ colour: red\nSELECT ?s WHERE { ?s ?p ?o }', "unknown header key"),
    ('ASK { ?s ?p ?o }', "SELECT"),
])
def test_broken_query_files_are_refused(text, message):
    with pytest.raises(QueryFileError, match=message):
        queries.parse("broken", text)


def test_every_query_file_loads():
    names = {query.name for query in queries.all_queries()}
    assert SERVICE_QUERIES <= names
    for query in queries.all_queries():
        assert query.summary, f"{query.name}.rq has no summary"


# The queries of the routes tested here; the fixture build has data for each of them.
SERVICE_QUERIES = {"programmes", "actors", "actor", "actions", "action", "participations"}


@pytest.mark.parametrize("query", queries.all_queries(), ids=lambda q: q.name)
def test_query_files_run_outside_the_server(build_dir, query):
    """Plain pyoxigraph, the file's text as it stands, no parameters bound."""
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    solutions = list(store.query(query.text, use_default_graph_as_union=True))
    if query.name in SERVICE_QUERIES and not any(p.required for p in query.params):
        assert solutions, f"{query.name}.rq found nothing"


WHEN = """#+ param: who  id:party  optional  "a party"
PREFIX ltkg: <https://ltkg.example.org/def/>
SELECT ?action WHERE {
  { SELECT DISTINCT ?action WHERE {
      #+ when who: ?action ltkg:lead ?who .
      ?action a ltkg:Action .
    }
    #+ page
  }
}
"""


def test_when_lines_and_page(build_dir):
    query = queries.parse("when", WHEN)
    assert query.paged
    assert query.render({}) == WHEN  # nothing given: the file as it stands
    rendered = query.render({"who": ox.NamedNode("urn:x")}, (10, 20))
    assert "      ?action ltkg:lead ?who .\n" in rendered and "    LIMIT 10 OFFSET 20\n" in rendered
    store = EmbeddedStore(build_dir / "current" / "store")
    every = {row["action"].value for row in queries.run(store, query, {}).rows}
    led = {row["action"].value for row in queries.run(store, query, {"who": "bzk"}).rows}
    assert len(every) == 6 and led == {"https://ltkg.example.org/id/action/langer-thuis-3.1"}
    pages = [queries.run(store, query, {}, page=(4, offset)).rows for offset in (0, 4)]
    assert [len(page) for page in pages] == [4, 2]
    assert {row["action"].value for page in pages for row in page} == every


def test_answer_is_run_on_an_event_loop_with_the_stores_work_in_a_worker(build_dir, monkeypatch):
    """queries.answer (the detail routes): Store.fetch in a worker thread; a small answer read on the
    loop's thread, one over READ_ON_LOOP_BYTES in a worker; the same rows as run()."""
    store = EmbeddedStore(build_dir / "current" / "store")
    query = queries.load("actor")
    expected = queries.run(store, query, {"actor": "vws"}).rows
    threads: dict[str, list[int]] = {"fetch": [], "read": []}
    fetch = store.fetch

    def watched_fetch(*args, **kwargs):
        threads["fetch"].append(threading.get_ident())
        fetched = fetch(*args, **kwargs)
        reader = fetched.reader

        def watched_read():
            threads["read"].append(threading.get_ident())
            return reader()
        fetched.reader = watched_read
        return fetched
    monkeypatch.setattr(store, "fetch", watched_fetch)

    async def both() -> tuple:
        small = await queries.answer(store, query, {"actor": "vws"}, timeout=5)
        monkeypatch.setattr(queries, "READ_ON_LOOP_BYTES", 0)
        large = await queries.answer(store, query, {"actor": "vws"}, timeout=5)
        return small, large, threading.get_ident()

    small, large, loop_thread = asyncio.run(both())
    assert small.rows == large.rows == expected and expected
    assert loop_thread not in threads["fetch"] and len(threads["fetch"]) == 2
    assert threads["read"][0] == loop_thread and threads["read"][1] != loop_thread
    with pytest.raises(ParamError):
        asyncio.run(queries.answer(store, query, {"actor": "Not An Id"}))


# -- the lexer behind form detection and text substitution --------------------------------------------
@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("  # a comment with INSERT in it\nPREFIX x: <http://x/#> ASK { ?s ?p ?o }", "ASK"),
    ("BASE <http://x/> PREFIX : <http://y/> construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"),
    ("PREFIX x: <http://x/>\ninsert data { <a:a> <a:b> <a:c> }", "INSERT"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("", ""),
])
def test_query_form(text, form):
    assert query_text.form(text) == form
    assert query_text.is_update(text) == (form in ("INSERT", "WITH"))


S = ox.NamedNode("http://x/s")


@pytest.fixture
def tiny():
    store = ox.Store()
    for subject in ("http://x/s", "http://x/t"):
        store.add(ox.Quad(ox.NamedNode(subject), ox.NamedNode("http://x/p"), ox.Literal("a ?s { b")))
    return store


@pytest.mark.parametrize("text", [
    'SELECT ?s WHERE { ?s ?p "a ?s { b" }',                       # a string
    "SELECT ?s # ?s where {\nWHERE { ?s ?p ?o }",                  # a comment
    "PREFIX x: <http://x/#> SELECT ?s { ?s ?p ?o }",
    "SELECT ?s (STR(?s) AS ?t) WHERE { ?s ?p ?o }",               # in an expression of the projection
    "SELECT ?s WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } FILTER(COALESCE(?s, '') != '') }",
    "SELECT ?s ?o WHERE { ?x ?p ?o FILTER(EXISTS { ?s ?p ?o }) }",  # in EXISTS only
])
def test_text_substitution_matches_pyoxigraph(tiny, text):
    expected = sorted(str(list(row)) for row in tiny.query(text, substitutions={ox.Variable("s"): S}))
    got = sorted(str(list(row)) for row in tiny.query(query_text.substitute(text, {"s": S})))
    assert got == expected and got


def test_text_substitution_reaches_into_subqueries(tiny):
    """Unlike pyoxigraph's substitutions=, which leaves sub-queries alone."""
    text = "SELECT ?o WHERE { { SELECT ?o WHERE { ?s ?p ?o } LIMIT 5 } }"
    assert query_text.substitute(text, {"s": S}) == "SELECT ?o WHERE { { SELECT ?o WHERE { <http://x/s> ?p ?o } LIMIT 5 } }"
    assert len(list(tiny.query(query_text.substitute(text, {"s": S})))) == 1


def test_text_substitution_escapes_literals():
    evil = ox.Literal('x" } ; DROP ALL ; SELECT * { "')
    bound = query_text.substitute("SELECT ?q WHERE { }", {"q": evil})
    assert bound == 'SELECT (' + str(evil) + ' AS ?q) WHERE { }'
    [solution] = list(ox.Store().query(bound))
    assert solution["q"] == evil


def test_text_substitution_refuses_odd_names_and_subqueries():
    with pytest.raises(query_text.SparqlTextError):
        query_text.substitute("SELECT ?q WHERE { }", {"q } DROP ALL": ox.Literal("x")})
    with pytest.raises(query_text.SparqlTextError):
        query_text.substitute("SELECT ?x WHERE { { SELECT ?q WHERE { ?q ?p ?o } } }", {"q": S})
    with pytest.raises(query_text.SparqlTextError):  # again: a refusal is not remembered as a success
        query_text.substitute("SELECT ?x WHERE { { SELECT ?q WHERE { ?q ?p ?o } } }", {"q": S})


def test_text_substitution_of_one_text_with_other_values_and_names():
    text = "SELECT ?o WHERE { ?s ?p ?o . ?o ?q ?s }  # ?s in a comment stays"
    one = query_text.substitute(text, {"s": ox.NamedNode("http://x/1")})
    two = query_text.substitute(text, {"s": ox.NamedNode("http://x/2")})
    assert one == "SELECT ?o WHERE { <http://x/1> ?p ?o . ?o ?q <http://x/1> }  # ?s in a comment stays"
    assert two == one.replace("/1>", "/2>")
    both = query_text.substitute(text, {"s": ox.NamedNode("http://x/1"), "q": ox.NamedNode("http://x/q")})
    assert both == one.replace("?q", "<http://x/q>")
