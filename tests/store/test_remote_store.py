"""The API over a real Virtuoso answers exactly what it answers over the embedded pyoxigraph store.

Every REST route (and /sparql, and every named query in api/queries) is asked the same requests twice,
once by an app over the embedded store of the test build (tests/conftest.py) and once by an app whose
store is Virtuoso's SPARQL endpoint (LTKG_SPARQL_ENDPOINT), loaded with the same dump; status codes
and JSON bodies must be equal. The requests are derived from the embedded answers (every programme,
a spread of actors and actions, each filter of /api/actions with a value that matches), so they
follow the data.

Where Virtuoso comes from, in this order:

* LTKG_TEST_VIRTUOSO_URL=http://127.0.0.1:PORT/sparql: an endpoint already loaded with the dump of
  the build in LTKG_TEST_VIRTUOSO_BUILD_DIR (default: the project's build/, as after
  `scripts/virtuoso ci build/current/ltkg.nq`); the comparison then runs on that build.
* `virtuoso-t` on PATH (`scripts/virtuoso install`): the module starts a private instance on free
  loopback ports in a temporary directory (`scripts/virtuoso start`), bulk-loads the test build's
  dump (`scripts/virtuoso load`, which checks the quad count) and stops it afterwards.
* Neither: every test here is skipped, unless LTKG_TEST_VIRTUOSO=required, which makes that a
  failure (CI sets it after `scripts/virtuoso install`).

The fixture `virtuoso_endpoint` is written to be moved to conftest.py as it is, so that the API
tests can run over both stores by parametrising their `client` fixture (see the report in bench/).
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest


@pytest.fixture(scope="module")
def clients(virtuoso_endpoint):
    """(embedded, remote): test clients of two apps over the same build, one through Virtuoso."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.settings import Settings

    url, build = virtuoso_endpoint
    embedded = Settings(build_dir=Path(build), sparql_endpoint="")
    remote = dataclasses.replace(embedded, sparql_endpoint=url)
    with TestClient(create_app(embedded)) as left, TestClient(create_app(remote)) as right:
        yield left, right


def _diff(a, b) -> str:
    left = json.dumps(a, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    right = json.dumps(b, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    return "\n".join(list(difflib.unified_diff(left, right, "embedded", "virtuoso", lineterm="", n=2))[:80])


def _body(response):
    try:
        return response.json()
    except ValueError:
        return response.text


def _compare(clients, paths: list[str]) -> None:
    embedded, remote = clients
    problems = []
    for path in paths:
        a, b = embedded.get(path), remote.get(path)
        if a.status_code != b.status_code:
            problems.append(f"{path}: status {a.status_code} (embedded) vs {b.status_code} (virtuoso): "
                            f"{b.text[:500]}")
        elif _body(a) != _body(b):
            problems.append(f"{path}: answers differ\n{_diff(_body(a), _body(b))}")
    assert not problems, f"{len(problems)} of {len(paths)} requests differ:\n\n" + "\n\n".join(problems)


def _spread(values: list, k: int) -> list:
    """Up to k values spread over the list (first, last and between)."""
    if len(values) <= k:
        return list(values)
    step = (len(values) - 1) / (k - 1)
    return [values[round(i * step)] for i in range(k)]


def _items(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_holds_the_whole_dump(virtuoso_endpoint):
    """Virtuoso's union of our graphs has exactly the dump's quads (its own graphs left out)."""
    import httpx

    url, build = virtuoso_endpoint
    lines = sum(1 for line in (build / "current" / "ltkg.nq").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#"))  # the dump opens with its licence, as comments
    query = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
             'FILTER(STRSTARTS(STR(?g), "https://ltkg.example.org/")) }')
    answer = httpx.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert answer.status_code == 200, answer.text
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == lines


def test_programmes(clients):
    embedded, _ = clients
    ids = [p["id"] for p in _items(embedded, "/api/programmes?limit=1000")]
    assert ids, "the build has no programme"
    _compare(clients, ["/api/programmes", "/api/programmes?limit=1", "/api/programmes?offset=1",
                       *[f"/api/programmes/{i}" for i in _spread(ids, 10)],
                       "/api/programmes/no-such-programme", "/api/programmes/NOT%20AN%20ID",
                       "/api/programmes/langer-thuis?x=1", "/api/programmes?limit=-1"])


def test_actors(clients):
    embedded, _ = clients
    actors = _items(embedded, "/api/actors?limit=1000")
    assert actors, "the build has no party"
    chosen = _spread(actors, 12) + [a for a in actors if a["collective"]][:3]
    paths = ["/api/actors", "/api/actors?limit=5&offset=3", "/api/actors?offset=100000",
             *[f"/api/actors/{a['id']}" for a in chosen], "/api/actors/no-such-party", "/api/actors?bogus=1"]
    words = set()
    for actor in _spread(actors, 6):
        name = actor["name"] or actor["id"]
        words.update({name[:4], name[:4].upper(), actor["id"][:3]})
        words.update(alt for alt in actor["altNames"][:1])
    accented = next((a["name"] for a in actors if a["name"] and any(ord(c) > 127 for c in a["name"])), None)
    if accented:
        char = next(c for c in accented if ord(c) > 127)
        words.update({char, char.upper(), accented.upper()})
    words.add("zzz-no-match")
    paths += [f"/api/actors?q={quote(w)}" for w in sorted(words)]
    _compare(clients, paths)


def test_actions(clients):
    embedded, _ = clients
    actions = _items(embedded, "/api/actions?limit=1000")
    assert actions, "the build has no action"
    chosen = _spread(actions, 12)
    chosen += [a for a in actions if a.get("responsible")][:2] + [a for a in actions if a.get("partners")][:2]
    chosen += [a for a in actions if (a.get("milestone") or {}).get("date")][:2]
    paths = ["/api/actions", "/api/actions?limit=3&offset=2", *[f"/api/actions/{a['id']}" for a in chosen],
             "/api/actions/no-such-action", "/api/actions?limit=abc", "/api/actions?lead=Not%20An%20Id"]
    sample = chosen[0]
    filters = {"programme": (sample.get("programme") or {}).get("id"),
               "actionLine": (sample.get("actionLine") or {}).get("id"),
               "goal": next((a["goal"]["id"] for a in actions if a.get("goal")), None),
               "lead": next((a["leads"][0]["id"] for a in actions if a.get("leads")), None),
               "partner": next((a["partners"][0]["id"] for a in actions if a.get("partners")), None)}
    for name, value in filters.items():
        if value:
            paths.append(f"/api/actions?{name}={quote(value)}")
    if filters["programme"] and filters["lead"]:
        paths.append(f"/api/actions?programme={quote(filters['programme'])}&lead={quote(filters['lead'])}&limit=5")
    involved = next((a["involved"][0]["id"] for a in actions if a.get("involved")), None)
    if involved:
        paths += [f"/api/actions?involved={quote(involved)}", f"/api/actions?party={quote(involved)}"]
    paths += ["/api/actions?programme=nope", "/api/actions?party=nobody"]  # 422 with the same choices
    title = next((a["title"] for a in actions if a.get("title")), "")
    word = max(title.split(), key=len) if title else "zorg"
    paths += [f"/api/actions?q={quote(word)}", f"/api/actions?q={quote(word.upper())}",
              f"/api/actions?q={quote(sample.get('notation') or '1')}", "/api/actions?q=zzz-no-match"]
    _compare(clients, paths)



def test_initiatives(clients):
    embedded, _ = clients
    initiatives = _items(embedded, "/api/initiatives?limit=1000")
    assert initiatives, "the build has no initiative"
    chosen = _spread(initiatives, 12) + [i for i in initiatives if i["continues"] or i["claims"]][:4]
    kinds = sorted({i["kind"]["id"] for i in initiatives if i.get("kind")})
    _compare(clients, ["/api/initiatives", "/api/initiatives?limit=5&offset=3",
                       *[f"/api/initiatives?kind={k}" for k in _spread(kinds, 4)],
                       "/api/initiatives?programme=wozo", "/api/initiatives?kind=nope",
                       *[f"/api/initiatives/{i['id']}" for i in chosen], "/api/initiatives/no-such-initiative"])



def test_comparison(clients):
    _compare(clients, ["/api/comparison", "/api/comparison?programme=wozo", "/api/comparison?theme=huisvesting",
                       "/api/comparison?theme=nope", "/api/comparison?limit=2&offset=3"])

def test_who_owns_what_page(clients):
    embedded, remote = clients
    a, b = embedded.get("/viz/who-owns-what"), remote.get("/viz/who-owns-what")
    assert a.status_code == b.status_code == 200, b.text[:2000]
    assert a.text == b.text


SPARQL = {
    "select over the union": "PREFIX ltkg: <https://ltkg.example.org/def/> "
                             "SELECT ?a WHERE { ?a a ltkg:Action } ORDER BY ?a",
    "graph of each fact": "PREFIX ltkg: <https://ltkg.example.org/def/> "
                          "SELECT ?a ?g WHERE { GRAPH ?g { ?a a ltkg:Action } } ORDER BY ?a ?g",
    "labels with languages": "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX ltkg: <https://ltkg.example.org/def/> "
                             "SELECT ?p ?l WHERE { ?p a ltkg:Party ; skos:prefLabel ?l } ORDER BY ?p ?l",
    "integers and counts": "PREFIX ltkg: <https://ltkg.example.org/def/> "
                           "SELECT ?n (COUNT(*) AS ?c) WHERE { ?x ltkg:number ?n } GROUP BY ?n ORDER BY ?n",
    "ask": "PREFIX ltkg: <https://ltkg.example.org/def/> ASK { ?a a ltkg:Action }",
}


@pytest.mark.parametrize("name", sorted(SPARQL))
def test_sparql_endpoint(clients, name):
    embedded, remote = clients
    headers = {"Accept": "application/sparql-results+json"}
    a = embedded.post("/sparql", data={"query": SPARQL[name]}, headers=headers)
    b = remote.post("/sparql", data={"query": SPARQL[name]}, headers=headers)
    assert a.status_code == b.status_code == 200, b.text
    left, right = a.json(), b.json()
    if "results" in left:  # solutions as a multiset: ORDER BY leaves ties (e.g. "X"@en, "X"@nl) in any order
        for answer in (left, right):
            answer["results"]["bindings"].sort(key=lambda row: json.dumps(row, sort_keys=True))
    assert left == right, _diff(left, right)


def test_construct_through_the_endpoint(clients):
    embedded, remote = clients
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX ltkg: <https://ltkg.example.org/def/> "
             "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a ltkg:Programme ; skos:prefLabel ?l }")
    headers = {"Accept": "application/n-triples"}
    a = embedded.post("/sparql", data={"query": query}, headers=headers)
    b = remote.post("/sparql", data={"query": query}, headers=headers)
    assert a.status_code == b.status_code == 200, b.text
    assert sorted(a.text.splitlines()) == sorted(b.text.splitlines())


def _limit_without_order(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return bool(re.search(r"\bLIMIT\b", body, re.I)) and not re.search(r"\bORDER\s+BY\b", body, re.I)


def test_every_named_query_answers_the_same_rows(virtuoso_endpoint):
    """Each api/queries/*.rq (optional parameters unbound, required ones bound to an entity of the build)
    gives the same rows, as a multiset, on both stores."""
    from api import queries
    from api.store.embedded import EmbeddedStore
    from api.store.remote import RemoteStore

    url, build = virtuoso_endpoint
    embedded, remote = EmbeddedStore(Path(build) / "current" / "store"), RemoteStore(url, timeout=60)

    def sample(param) -> str:
        """A value for a required parameter: an entity of its kind in the build."""
        if param.type == "integer":
            return "1"
        if param.type == "string":
            return "a"
        prefix = f"https://ltkg.example.org/id/{param.kind or 'action'}/"
        found = embedded.query(f'SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{prefix}")) }} '
                               "ORDER BY ?s LIMIT 1")
        iri = found.rows[0]["s"].value if found.rows else prefix + "none"
        return iri.rpartition("/")[2] if param.kind else iri

    problems = []
    for query in queries.all_queries():
        values = {p.name: sample(p) for p in query.params if p.required}
        try:
            a = queries.run(embedded, query, values)
            b = queries.run(remote, query, values)
        except Exception as error:  # noqa: BLE001 - reported with the query's name
            problems.append(f"{query.name}: {type(error).__name__}: {error}")
            continue
        rows_a = sorted(json.dumps({k: str(v) for k, v in row.items()}, sort_keys=True) for row in a.rows)
        rows_b = sorted(json.dumps({k: str(v) for k, v in row.items()}, sort_keys=True) for row in b.rows)
        if _limit_without_order(query.text):
            # LIMIT without ORDER BY: any rows may come; only how many is defined.
            if len(rows_a) != len(rows_b):
                problems.append(f"{query.name}.rq: {len(rows_a)} rows embedded, {len(rows_b)} on Virtuoso")
        elif rows_a != rows_b:
            only_a = sorted(set(rows_a) - set(rows_b))[:3]
            only_b = sorted(set(rows_b) - set(rows_a))[:3]
            problems.append(f"{query.name}.rq: {len(rows_a)} rows embedded, {len(rows_b)} on Virtuoso; "
                            f"only embedded: {only_a}; only Virtuoso: {only_b}")
    assert not problems, "\n".join(problems)


def test_virtuosos_refusals_are_the_clients_problems(virtuoso_endpoint, clients):
    """Virtuoso refuses some queries with HTTP 400 and others with 500 (its compiler's errors, an OFFSET
    with no LIMIT past the data, an unknown function); each is the query's fault, so the API answers
    400 as for the embedded store, with Virtuoso's own message."""
    from api.store.contract import QuerySyntaxError
    from api.store.remote import RemoteStore

    url, _ = virtuoso_endpoint
    remote = RemoteStore(url, timeout=60)
    for text, code in (("SELECT ?x WHERE { ?x ?y }", "SP030"),
                       ("SELECT * WHERE { ?s ?p ?o } OFFSET 10000000", "SR350"),
                       ("SELECT ?s WHERE { ?s ?p ?o FILTER(<urn:x:nonsense>(?o)) }", "SR185")):
        with pytest.raises(QuerySyntaxError, match=code):
            remote.query(text)
    _, right = clients
    refused = right.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } OFFSET 10000000"})
    assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"
    _compare(clients, ["/api/actions?offset=100000", "/api/actors?limit=0&offset=999999"])  # pages carry a LIMIT
