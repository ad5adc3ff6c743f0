"""Safety of the public endpoints: read-only, no federation, a time limit that really stops the work,
row and size caps, malformed input answered 4xx (never 5xx), REST parameters bound and never pasted.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from api.app import create_app
from api.http.serving import serve_in_thread as serve
from graph.settings import ROOT, Settings

PROBLEM = "application/problem+json"
PREFIX = "PREFIX ltkg: <https://ltkg.example.org/def/>\n"
ID = "https://ltkg.example.org/id/"
ASK_26 = PREFIX + f"ASK {{ <{ID}action/langer-thuis-2.6> ltkg:lead <{ID}party/mezzo> }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIMIT = 2.0  # seconds: the time limit of the app under test

SENDS = {
    "get": lambda client, query, **kw: client.get("/sparql", params={"query": query}, **kw),
    "form": lambda client, query, **kw: client.post("/sparql", data={"query": query}, **kw),
    "body": lambda client, query, **kw: client.post("/sparql", content=query.encode(),
                                                    headers={"content-type": "application/sparql-query"}, **kw),
}


@pytest.fixture(scope="module")
def safe_app(build_dir):
    return create_app(Settings(build_dir=build_dir, query_timeout=LIMIT, max_rows=5, max_request_bytes=32_000))


@pytest.fixture(scope="module")
def safe(safe_app):
    with TestClient(safe_app) as client:
        yield client


def is_problem(response, status: int | None = None) -> bool:
    return (response.headers["content-type"] == PROBLEM and response.json()["detail"]
            and (status is None or response.status_code == status))


# -- read-only ----------------------------------------------------------------------------------------
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "insert data { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>", "LOAD SILENT <http://127.0.0.1:9/x> INTO GRAPH <urn:g>",
    "CLEAR ALL", "CLEAR DEFAULT", "DROP ALL", "DROP SILENT GRAPH <urn:g>", "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>", "MOVE DEFAULT TO <urn:g>", "COPY <urn:a> TO <urn:g>",
    # hidden behind comments, prologues and odd whitespace
    "# SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
    "PREFIX x: <http://x/#>\n# a comment { SELECT\ndelete data { x:a x:b x:c }",
    "BASE <http://x/>\nPREFIX : <#>\n\n\t\r\n  CLEAR   ALL",
    "\u00a0\ufeffCLEAR ALL",
    "PREFIX select: <urn:select:>\nINSERT DATA { select:a select:b select:c }",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; SELECT * WHERE { ?s ?p ?o }",
    "ASK {} \n INSERT DATA { <urn:a> <urn:b> <urn:c> }",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("send", SENDS)
def test_updates_are_refused_and_change_nothing(safe, send, update):
    response = SENDS[send](safe, update)
    assert is_problem(response, 403), response.text
    assert "read-only" in response.json()["detail"]
    assert SENDS["get"](safe, ASK_26).json()["boolean"] is True
    assert SENDS["get"](safe, "ASK { <urn:a> <urn:b> <urn:c> }").json()["boolean"] is False


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "url": "/sparql", "data": {"update": "CLEAR ALL"}},
    {"method": "POST", "url": "/sparql", "data": {"query": "ASK {}", "update": "CLEAR ALL"}},
    {"method": "GET", "url": "/sparql", "params": {"update": "DROP ALL"}},
    {"method": "POST", "url": "/sparql", "content": b"CLEAR ALL", "headers": {"content-type": "application/sparql-update"}},
    {"method": "POST", "url": "/sparql?using-graph-uri=urn:g", "content": b"ASK {}",
     "headers": {"content-type": "application/sparql-query"}},
])
def test_the_update_operation_is_refused(safe, request_kwargs):
    response = safe.request(**request_kwargs)
    assert is_problem(response, 403) and "read-only" in response.json()["detail"]


# -- no federation ------------------------------------------------------------------------------------
SERVICES = [
    "SELECT * WHERE { SERVICE <http://{host}/sparql> { ?s ?p ?o } }",
    "select * where { service <http://{host}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://{host}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE <http://{host}/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://{host}/sparql> { ?s ?p ?o } } } }",
    "ASK { FILTER EXISTS { SERVICE <http://{host}/sparql> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://{host}/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://{host}/>\nSELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://{host}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p true.SERVICE <http://{host}/sparql> { ?s ?p ?o } }",
    "# SERVICE in a comment, and then for real\nSELECT * WHERE {\n  SERVICE\n<http://{host}/sparql>{?s ?p ?o}}",
    "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE <http://{host}/sparql> { ?s ?p ?o } }",
]
NOT_SERVICES = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://{host}/sparql> { ?s ?p ?o }" } LIMIT 1',
    "# SERVICE <http://{host}/sparql> { ?s ?p ?o }\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * WHERE { <http://{host}/SERVICE> ?p ?o }",
    "PREFIX service: <http://{host}/>\nSELECT * WHERE { ?s ?p service:x }",
    'SELECT * WHERE { ?s ?p "x"@service }',
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
]


@pytest.fixture
def listener():
    """A TCP port that records whether anything connects to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    hits.append(connection.recv(4096))
                except OSError:
                    hits.append(b"")
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("query", SERVICES)
@pytest.mark.parametrize("send", ["get", "body"])
def test_service_is_refused_and_never_called(safe, listener, send, query):
    host, hits = listener
    response = SENDS[send](safe, query.replace("{host}", host))
    assert response.status_code in (400, 403), response.text
    assert is_problem(response)
    if response.status_code == 403:
        assert "SERVICE" in response.json()["detail"]
    time.sleep(0.1)
    assert hits == []


@pytest.mark.parametrize("query", NOT_SERVICES)
def test_service_in_strings_iris_comments_and_names_is_no_service(safe, listener, query):
    host, hits = listener
    response = SENDS["get"](safe, query.replace("{host}", host))
    assert response.status_code == 200, response.text
    assert hits == []


def test_query_workers_have_no_network(listener):
    """Defence in depth: a worker process cannot reach the network even if a SERVICE got through."""
    host, hits = listener
    code = f"""
import socket, sys
from api.sparql.worker import _isolate
if not _isolate():
    sys.exit(3)
import pyoxigraph as ox
try:
    socket.create_connection(("127.0.0.1", {host.split(":")[1]}), timeout=1)
    sys.exit(1)
except OSError:
    pass
try:
    list(ox.Store().query("SELECT * WHERE {{ SERVICE <http://{host}/sparql> {{ ?s ?p ?o }} }}"))
    sys.exit(2)
except OSError:
    pass
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), timeout=60)
    if done.returncode == 3:
        pytest.skip("this kernel does not let a process leave the network (no namespaces)")
    assert done.returncode == 0
    time.sleep(0.1)
    assert hits == []


# -- the time limit really stops the work -------------------------------------------------------------
@pytest.fixture(scope="module")
def live(safe_app):
    with serve(safe_app) as url:
        yield url


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_runaway_is_stopped_at_the_limit_while_others_are_answered(safe_app, live):
    http = httpx.Client(base_url=live, timeout=30)
    assert http.get("/sparql", params={"query": ASK_26}).json()["boolean"] is True  # the pool is up
    sandbox = safe_app.state.sparql_sandbox
    deadline = time.monotonic() + 30
    while len(sandbox.pids()) < sandbox.size and time.monotonic() < deadline:
        time.sleep(0.1)

    outcome: dict = {}

    def runaway():
        started = time.monotonic()
        response = httpx.get(f"{live}/sparql", params={"query": RUNAWAY}, timeout=30)
        outcome.update(response=response, seconds=time.monotonic() - started)
    thread = threading.Thread(target=runaway)
    thread.start()
    while not sandbox.busy() and time.monotonic() < deadline:
        time.sleep(0.02)
    [pid] = sandbox.busy()
    time.sleep(0.5)
    assert _cpu_seconds(pid) > 0.05  # it is really working

    # Meanwhile: REST lookups (each a different URL, so not from the cache) and small SPARQL queries.
    timings = []
    for round_ in range(4):
        started = time.monotonic()
        action = http.get("/api/actions/langer-thuis-2.6", params={} if round_ == 0 else None)
        actors = http.get("/api/actors", params={"q": "e", "offset": round_})
        actions = http.get("/api/actions", params={"lead": "vws", "limit": 10 + round_})
        ask = http.get("/sparql", params={"query": ASK_26 + f" # {round_}"})
        leads = http.post("/sparql", data={"query": PREFIX + f"SELECT ?p WHERE {{ <{ID}action/langer-thuis-2.6> "
                                                             f"ltkg:lead ?p }} LIMIT {10 + round_}"})
        timings.append(time.monotonic() - started)
        assert action.status_code == 200 and action.json()["notation"] == "2.6"
        assert actors.status_code == 200 and actors.json()["total"] >= 1
        assert actions.status_code == 200 and {"langer-thuis-2.6"} <= {a["id"] for a in actions.json()["items"]}
        assert ask.json()["boolean"] is True
        assert len(leads.json()["results"]["bindings"]) == 3
    assert thread.is_alive(), "the runaway should still be running while the others were answered"
    assert max(timings) < 1.5, timings  # five requests per round, during the runaway
    print("rounds of 5 requests during the runaway took", [f"{t:.3f} s" for t in timings])

    thread.join()
    response, seconds = outcome["response"], outcome["seconds"]
    assert response.status_code == 503 and response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("/query-timeout")
    assert LIMIT - 0.1 <= seconds < LIMIT + 2.5, seconds
    # the worker that ran it is gone (killed, reaped): its CPU is free; a fresh one takes its place
    assert not _alive(pid)
    assert pid not in sandbox.pids()
    while len(sandbox.pids()) < sandbox.size and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sandbox.size <= len(sandbox.pids()) <= sandbox.max_size
    assert http.get("/sparql", params={"query": ASK_26}).json()["boolean"] is True
    http.close()


def test_a_client_that_goes_away_stops_its_query(safe_app, live):
    sandbox = safe_app.state.sparql_sandbox
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{live}/sparql", params={"query": RUNAWAY + " # gone"}, timeout=0.5)
    deadline = time.monotonic() + 1.2  # well before the 2 s limit
    while sandbox.busy() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not sandbox.busy()


# -- caps ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query, accept", [
    ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json"),
    ("SELECT * WHERE { ?s ?p ?o }", "text/csv"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples"),
])
def test_results_are_capped_and_said_so(safe, query, accept):
    response = safe.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["x-ltkg-truncated"] == "only the first 5 results"
    assert response.headers["x-ltkg-max-rows"] == "5"
    if accept == "application/sparql-results+json":  # the cut is said in the body too, where the format allows
        assert len(response.json()["results"]["bindings"]) == 5
        assert response.json()["head"]["link"] == [str(response.url).split("?")[0]]
    elif accept == "text/csv":
        assert len(response.text.strip().splitlines()) == 1 + 5
    else:
        *triples, mark = response.text.strip().splitlines()
        assert len(triples) == 5 and mark.startswith("# truncated: only the first 5 triples")
    small = safe.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert "x-ltkg-truncated" not in small.headers


def test_request_size_caps(safe):
    big = "ASK {} #" + "x" * 33_000
    body = safe.post("/sparql", content=big.encode(), headers={"content-type": "application/sparql-query"})
    assert is_problem(body, 413)
    form = safe.post("/sparql", data={"query": big})
    assert is_problem(form, 413)

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(40):
            yield b"x" * 1_000
    chunked = safe.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
    assert is_problem(chunked, 413)
    url = safe.get("/sparql", params={"query": big})
    assert is_problem(url, 414)
    rest = safe.get("/api/actors", params={"q": "x" * 33_000})
    assert is_problem(rest, 414)
    # just under the limits is fine
    assert safe.get("/sparql", params={"query": "ASK {} #" + "x" * 31_000}).status_code == 200
    assert safe.post("/sparql", content=("ASK {} #" + "x" * 31_900).encode(),
                     headers={"content-type": "application/sparql-query"}).status_code == 200


def test_size_caps_over_http(live):
    with httpx.Client(base_url=live) as http:
        body = http.post("/sparql", content=b"ASK {} #" + b"x" * 33_000,
                         headers={"content-type": "application/sparql-query"})
        assert is_problem(body, 413)
        url = http.get("/sparql", params={"query": "ASK {} #" + "x" * 33_000})
        assert is_problem(url, 414)


# -- malformed input: 4xx with the parser's message, never 5xx ---------------------------------------
MALFORMED = [
    "SELECT ?x WHERE {", "SELECT ?x WHERE { ?x ?p ?o }}", "SELECT ?x WHERE { ?x ?p ?o ", "{{{{", "}}}}",
    "SELECT ?x WHERE { ?x nope:p ?o }", "SELECT * WHERE { <http://a b> ?p ?o }", "SELECT * WHERE { <not an iri ?p ?o }",
    "SELECT * WHERE { <http://x/\u0000> ?p ?o }", "SELECT ?x {} LIMIT 99999999999999999999999999",
    "SELECT (\"a\" + AS ?x) {}", "SELECT ?x WHERE { ?x ?p \"unterminated }", "SELECT ?x WHERE { ?x ?p '''x }",
    "SELEC ?x WHERE { ?x ?p ?o }", "this is not sparql", "\u0000\u0001\u0002\u0003", "\ufffd\ufffd\ufffd",
    "SELECT * WHERE " + "{" * 4_000 + "}" * 4_000, "SELECT * WHERE { ?s ?p " + "(" * 2_000 + ")" * 2_000 + " }",
    "SELECT * WHERE { ?s ?p " + "[" * 200 + "]" * 200 + " }",
    "SELECT (" + "(" * 100 + "1" + ")" * 100 + " AS ?x) {}",
    "PREFIX : <http://x/> PREFIX : SELECT", "BASE", "PREFIX", "SELECT", "ASK", "CONSTRUCT", "DESCRIBE",
    "SELECT * WHERE { ?s ?p ?o } GROUP BY", "SELECT ?x (COUNT(?y) AS ?x) {}",
    "SELECT * WHERE { VALUES ?x { 1 2 } VALUES (?a ?b) { (1) } }",
]
VALID_ODDITIES = [  # valid queries with odd values: any 2xx/4xx, never 5xx
    "SELECT (99999999999999999999999999999999999999 * 999999999999999999999999 AS ?x) {}",
    "SELECT (1e999999 AS ?x) (-1e999999 AS ?y) (0/0 AS ?z) (1/0 AS ?w) {}",
    'SELECT (<http://www.w3.org/2001/XMLSchema#integer>("99999999999999999999999999") AS ?x) {}',
    "SELECT * WHERE { ?s ?p ?o } LIMIT 0", "SELECT * WHERE { ?s ?p ?o } OFFSET 99999999999 LIMIT 1",
    "SELECT (STRLEN(\"Patiëntenfederatie\") AS ?n) {}", "SELECT ?x WHERE { BIND(\"\U0001F600\" AS ?x) }",
    "SELECT * WHERE " + "{" * 60 + "?s ?p ?o" + "}" * 60 + " LIMIT 1",
    "ASK { FILTER(REGEX(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"^(a+)+$\")) }",
    "DESCRIBE <urn:nothing>",
    "SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, \"(\")) } LIMIT 1",  # an error in a FILTER is false: no rows
]


@pytest.mark.parametrize("query", MALFORMED)
@pytest.mark.parametrize("send", ["get", "body"])
def test_malformed_queries_are_400(safe, send, query):
    response = SENDS[send](safe, query)
    assert response.status_code == 400, response.text
    assert is_problem(response)


def test_the_parsers_message_says_where(safe):
    detail = SENDS["get"](safe, "SELECT ?x WHERE {\n  ?x nope:p ?o }").json()["detail"]
    assert "error at 2:" in detail and "Prefix not found" in detail
    too_deep = SENDS["get"](safe, "SELECT * WHERE " + "{" * 100 + "}" * 100).json()
    assert too_deep["type"].endswith("/too-deep") and "more than 64 levels" in too_deep["detail"]


@pytest.mark.parametrize("query", VALID_ODDITIES)
def test_odd_but_valid_queries_are_not_5xx(safe, query):
    response = SENDS["body"](safe, query)
    assert response.status_code < 500, response.text
    assert response.status_code == 200 or is_problem(response)


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "GET", "url": "/sparql?query="}, 400),
    ({"method": "GET", "url": "/sparql?query=%20%0A%09"}, 400),
    ({"method": "GET", "url": "/sparql?query=%23%20only%20a%20comment"}, 400),
    ({"method": "GET", "url": "/sparql?query=%FF%FE%00"}, 400),
    ({"method": "GET", "url": "/sparql?query=%C0%AF"}, 400),  # overlong UTF-8
    ({"method": "GET", "url": "/sparql?query=%ED%A0%80"}, 400),  # a surrogate, in UTF-8
    ({"method": "POST", "url": "/sparql", "content": b"\xff\xfeA\x00S\x00K\x00",
      "headers": {"content-type": "application/sparql-query"}}, 400),
    ({"method": "POST", "url": "/sparql", "content": b"query=ASK%20%7B%7D%FF",
      "headers": {"content-type": "application/x-www-form-urlencoded"}}, 400),
    ({"method": "POST", "url": "/sparql", "content": bytes(range(256)),
      "headers": {"content-type": "application/sparql-query"}}, 400),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {"content-type": "application/json"}}, 415),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {"content-type": "multipart/form-data"}}, 415),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {"content-type": ""}}, 415),
    ({"method": "POST", "url": "/sparql", "content": b"", "headers": {"content-type": "application/sparql-query"}}, 400),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {
        "content-type": "application/sparql-query", "content-length": "abc"}}, 400),
])
def test_bad_requests_are_4xx_problems(safe, request_kwargs, status):
    response = safe.request(**request_kwargs)
    assert response.status_code == status, response.text
    assert is_problem(response)


SPARQL_WORDS = st.sampled_from(["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "?x", "?y",
                                "<urn:a>", '"a"', "'b'", "1", "1.5e3", ".", ";", ",", "FILTER", "OPTIONAL", "UNION",
                                "GRAPH", "VALUES", "BIND", "AS", "*", "a", "PREFIX", "x:", "x:y", "LIMIT", "#", "\n",
                                "SERVICE", "INSERT", "DATA", "DELETE", "COUNT", "GROUP", "BY", "ORDER", "<<", ">>"])


@hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.lists(SPARQL_WORDS, max_size=30).map(" ".join), st.text(max_size=200)))
def test_fuzzed_queries_are_never_5xx(safe, text):
    response = SENDS["body"](safe, text)
    assert response.status_code in (200, 400, 403, 406), (text, response.status_code, response.text)
    if response.status_code != 200:
        assert is_problem(response)


# -- REST parameters are bound, never pasted ----------------------------------------------------------
INJECTIONS = [
    '" } UNION { ?s ?p ?o } #', "' } UNION { ?s ?p ?o } #", '"))} UNION {?actor ?p ?o} #', '\\" } #', "\\",
    '"""', "'''", "}", "{", "} UNION {", "?actor", "$q", "<https://ltkg.example.org/id/party/vws>", "\n}\n#",
    "x\r\nFILTER(true)", "a\u0000b", "\u202e\u200b", "\U0001F600", "%00", "%22", "# comment", ") . } } #",
]


@pytest.fixture(scope="module")
def real():
    from plan2018_fixtures import built

    with TestClient(create_app(Settings(build_dir=built().build_dir))) as client:
        yield client


def test_dutch_diacritics_find_their_party(real):
    found = real.get("/api/actors", params={"q": "Patiëntenfederatie"})
    assert found.status_code == 200
    assert "Patiëntenfederatie Nederland" in {item["name"] for item in found.json()["items"]}
    assert "Patiëntenfederatie Nederland" in {
        item["name"] for item in real.get("/api/actors", params={"q": "patiëntenFEDERATIE"}).json()["items"]}


@pytest.mark.parametrize("value", INJECTIONS)
def test_text_filters_bind_the_value(real, value):
    for route in ("/api/actors", "/api/actions"):
        everyone = real.get(route, params={"limit": 1000}).json()["total"]
        response = real.get(route, params={"q": value, "limit": 1000})
        assert response.status_code in (200, 422), (route, value, response.text)
        if response.status_code == 200:
            body = response.json()
            # only items whose names/titles contain the text (as text), never the whole graph
            assert body["total"] < everyone
            for item in body["items"]:
                text = " ".join([item.get("name") or "", item.get("title") or "", *(item.get("altNames") or [])])
                assert value.strip().lower() in text.lower(), (route, value, item.get("id"))
        else:
            assert is_problem(response)


@pytest.mark.parametrize("value", INJECTIONS + ["vws ", "VWS", "vws)", "vws/../vng", "vws.", "-"])
@pytest.mark.parametrize("name", ["lead", "partner", "programme", "actionLine", "goal"])
def test_id_filters_bind_the_value(real, name, value):
    response = real.get("/api/actions", params={name: value})
    assert response.status_code in (200, 404, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0 or value.strip() in ("vws", "vws.")
    else:
        assert is_problem(response)


@pytest.mark.parametrize("value", INJECTIONS + ["vws/../vng"])
@pytest.mark.parametrize("route", ["/api/actions/{}", "/api/actors/{}", "/api/programmes/{}", "/doc/action/{}",
                                   "/id/party/{}"])
def test_id_routes_bind_the_value(real, route, value):
    response = real.get(route.format(quote(value, safe="")), follow_redirects=False)
    assert response.status_code in (400, 404, 422), (route, value, response.status_code)
    assert is_problem(response) or response.headers["content-type"].startswith("text/html")


def test_filters_still_filter(real):
    """The same routes, with ordinary values, answer what they should (so the above is not vacuous)."""
    leads = real.get("/api/actions", params={"lead": "vws", "programme": "langer-thuis", "limit": 1000}).json()
    assert leads["total"] > 5 and all(any(p["id"] == "vws" for p in a["leads"]) for a in leads["items"])
    actions = real.get("/api/actions", params={"q": "respijtzorg"}).json()
    assert actions["total"] >= 1 and all("respijtzorg" in a["title"].lower() for a in actions["items"])


# -- even a bug answers problem+json --------------------------------------------------------------------
def test_an_unexpected_error_is_a_500_problem(build_dir):
    app = create_app(Settings(build_dir=build_dir))

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.store = object()  # a broken store: /sparql fails inside
        for response in (client.get("/boom"), client.get("/sparql", params={"query": "ASK {}"})):
            assert response.status_code == 500
            assert response.headers["content-type"] == PROBLEM
            assert response.json()["type"].endswith("/internal-error")
