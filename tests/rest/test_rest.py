"""The REST routes under /api, against the fixture build (tests/conftest.py)."""
from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"


def ids(refs):
    return {ref["id"] for ref in refs}


def assert_problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert body["detail"]
    return body


# -- programmes ---------------------------------------------------------------------------------------
def test_programmes_list(client):
    body = client.get("/api/programmes").json()
    assert body["total"] == 1
    [programme] = body["items"]
    assert programme["id"] == "langer-thuis"
    assert programme["iri"] == "https://ltkg.example.org/id/programme/langer-thuis"


def test_programme_detail(client):
    response = client.get("/api/programmes/langer-thuis")
    assert response.status_code == 200
    programme = response.json()
    assert programme["name"] == "Programma Langer Thuis"  # the Dutch label, not the English one
    assert programme["period"]["text"] == "2018-2021" and programme["period"]["sources"][0]["kind"] == "citation"
    assert ids(programme["signatories"]) == {"vng", "verenso", "mezzo", "aedes", "bzk", "kbo-pcob", "vws"}
    assert {"id": "vws", "name": "Ministerie van Volksgezondheid, Welzijn en Sport"} in programme["signatories"]
    lines = programme["actionLines"]
    assert [line["number"] for line in lines] == [1, 2, 3]
    assert lines[1] == {
        "id": "langer-thuis-2", "iri": "https://ltkg.example.org/id/actionline/langer-thuis-2", "number": 2,
        "name": "mantelzorg en vrijwilligers in zorg & welzijn",
        "goals": [{"id": "langer-thuis-2-doel-2", "iri": "https://ltkg.example.org/id/goal/langer-thuis-2-doel-2",
                   "number": 2,
                   "text": "Ondersteuningsaanbod verbeteren en beter toegankelijk maken (inclusief respijtzorg)"}],
    }
    assert [goal["number"] for goal in lines[0]["goals"]] == [1, 3]
    assert lines[2]["goals"] == []


def test_programme_unknown_is_404(client):
    body = assert_problem(client.get("/api/programmes/no-such-programme"), 404)
    assert "no-such-programme" in body["detail"]


# -- actors -------------------------------------------------------------------------------------------
def test_actors_list_shape(client):
    body = client.get("/api/actors").json()
    assert body["total"] == 9
    assert len(body["items"]) == 9
    for actor in body["items"]:
        assert {"id", "iri", "name", "altNames", "type"} <= set(actor)
    vws = next(a for a in body["items"] if a["id"] == "vws")
    assert vws["name"] == "Ministerie van Volksgezondheid, Welzijn en Sport"
    assert vws["altNames"] == ["Ministerie VWS", "VWS"]
    assert vws["type"] == "ministry"
    assert vws["collective"] is False


@pytest.mark.parametrize("q, expected", [
    ("vws", {"vws"}),                # an alternative name
    ("VOLKSGEZONDHEID", {"vws"}),    # the name, case-insensitively
    ("ministerie", {"vws", "bzk"}),
    ("kbo", {"kbo-pcob"}),
    ("senioren", {"seniorenorganisaties"}),
    ("no such party", set()),
])
def test_actors_filter_by_text(client, q, expected):
    body = client.get("/api/actors", params={"q": q}).json()
    assert {a["id"] for a in body["items"]} == expected
    assert body["total"] == len(expected)


def ids_in_order(refs: list[dict]) -> list[str]:
    return [ref["id"] for ref in refs]


def test_actor_detail(client):
    actor = client.get("/api/actors/vws").json()
    assert actor["id"] == "vws"
    assert ids_in_order(actor["leads"]) == ["langer-thuis-1.4", "langer-thuis-1.11", "langer-thuis-2.5", "langer-thuis-2.6",
                              "langer-thuis-3.1"]
    assert actor["partners"] == [] and all(ref["name"] for ref in actor["leads"])
    assert ids_in_order(actor["responsible"]) == ["langer-thuis-2.6"]
    verenso = client.get("/api/actors/verenso").json()
    assert verenso["leads"] == [] and ids_in_order(verenso["partners"]) == ["langer-thuis-1.11"]
    assert ids_in_order(client.get("/api/actors/zn").json()["involved"]) == ["langer-thuis-2.6"]
    collective = client.get("/api/actors/seniorenorganisaties").json()
    assert collective["collective"] is True and collective["type"] == "collective"


def test_actor_unknown_is_404(client):
    assert_problem(client.get("/api/actors/nobody"), 404)
    assert_problem(client.get("/api/actors/NOT A SLUG"), 404)


# -- actions ------------------------------------------------------------------------------------------
def test_action_detail(client):
    response = client.get("/api/actions/langer-thuis-2.6")
    assert response.status_code == 200
    action = response.json()
    assert action["id"] == "langer-thuis-2.6"
    assert action["iri"] == "https://ltkg.example.org/id/action/langer-thuis-2.6"
    assert action["programme"] == {"id": "langer-thuis", "name": "Programma Langer Thuis"}
    assert action["actionLine"] == {"id": "langer-thuis-2", "number": 2,
                                    "name": "mantelzorg en vrijwilligers in zorg & welzijn"}
    assert action["goal"]["id"] == "langer-thuis-2-doel-2" and action["goal"]["number"] == 2
    assert action["number"] == 6 and action["notation"] == "2.6"
    assert action["title"] == "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo)."
    assert action["milestone"]["text"] == "Start najaar 2018, looptijd 2 jaar"
    assert ids(action["leads"]) == {"vws", "vng", "mezzo"}
    assert action["partners"] == []
    assert ids(action["responsible"]) == {"vws", "vng", "mezzo"}
    assert action["involved"] == [{"id": "zn", "name": "Zorgverzekeraars Nederland"}]
    documents = {source["document"] for source in action["sources"]}
    assert documents == {"2018-langer-thuis-plan-van-aanpak", "2021-langer-thuis-voortgangsrapportage-3"}
    assert {"kind": "citation", "document": "2018-langer-thuis-plan-van-aanpak", "lines": [244, 244],
            "quote": "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo)."} \
        in action["sources"]
    assert any(source["lines"] == [723, 723] for source in action["sources"])  # the annex


def test_action_without_goal_and_with_partners(client):
    action = client.get("/api/actions/langer-thuis-3.1").json()
    assert action["goal"] is None
    assert ids(action["leads"]) == {"vws", "bzk"}
    assert ids(action["partners"]) == {"vng", "aedes"}
    assert action["milestone"] == {"id": "langer-thuis-3.1", "text": "Mijlpaal: oprichting ondersteuningsteam eind 2018",
                                   "date": "2018"}


def test_action_unknown_is_404(client):
    body = assert_problem(client.get("/api/actions/langer-thuis-9.99"), 404)
    assert body["type"].endswith("/not-found")


def test_actions_list_in_order(client):
    body = client.get("/api/actions").json()
    assert body["total"] == 6
    assert [a["id"] for a in body["items"]] == [
        "langer-thuis-1.1", "langer-thuis-1.4", "langer-thuis-1.11", "langer-thuis-2.5", "langer-thuis-2.6",
        "langer-thuis-3.1"]
    assert body["items"][4] == client.get("/api/actions/langer-thuis-2.6").json()  # list items are whole actions


@pytest.mark.parametrize("params, expected", [
    ({"programme": "langer-thuis"}, {"1.1", "1.4", "1.11", "2.5", "2.6", "3.1"}),
    ({"actionLine": "langer-thuis-2"}, {"2.5", "2.6"}),
    ({"goal": "langer-thuis-1-doel-1"}, {"1.1", "1.4"}),
    ({"lead": "bzk"}, {"3.1"}),
    ({"lead": "vws", "actionLine": "langer-thuis-1"}, {"1.4", "1.11"}),
    ({"partner": "vng"}, {"3.1"}),
    ({"partner": "verenso"}, {"1.11"}),
    ({"q": "RESPIJTZORG"}, {"2.6"}),
    ({"q": "ouderen", "lead": "kbo-pcob"}, {"1.1"}),
])
def test_actions_filters(client, params, expected):
    body = client.get("/api/actions", params=params).json()
    assert {a["notation"] for a in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("params, name, kind, choices", [
    ({"programme": "nope"}, "programme", "programme", ["langer-thuis"]),
    ({"actionLine": "langer-thuis-9"}, "actionLine", "actionline", ["langer-thuis-1", "langer-thuis-2", "langer-thuis-3"]),
    ({"lead": "nobody", "programme": "langer-thuis"}, "lead", "party", None),
    ({"party": "nobody"}, "party", "party", None),
    ({"involved": "nobody"}, "involved", "party", None),
])
def test_every_filter_answers_an_unknown_id_with_422_naming_it_and_the_choices(client, params, name, kind, choices):
    body = assert_problem(client.get("/api/actions", params=params), 422)
    assert body["parameter"] == name and body["type"].endswith("/invalid-parameter")
    assert f"unknown {kind} " in body["detail"] and "known:" in body["detail"]
    parties = {a["id"] for a in client.get("/api/actors", params={"limit": 1000}).json()["items"]}
    assert body["choices"] == (choices if choices is not None else sorted(parties))


def test_actions_paging(client):
    everything = {a["id"] for a in client.get("/api/actions").json()["items"]}
    pages = [client.get("/api/actions", params={"limit": 4, "offset": offset}).json() for offset in (0, 4, 8)]
    assert [(p["total"], p["limit"], p["offset"], len(p["items"])) for p in pages] == [(6, 4, 0, 4), (6, 4, 4, 2),
                                                                                    (6, 4, 8, 0)]
    paged = [a["id"] for p in pages for a in p["items"]]
    assert sorted(paged) == sorted(everything) and len(paged) == 6  # every action once
    assert client.get("/api/actions", params={"limit": 0}).json() == {"items": [], "total": 6, "limit": 0, "offset": 0}
    filtered = client.get("/api/actions", params={"lead": "vws", "limit": 2}).json()
    assert filtered["total"] == 5 and len(filtered["items"]) == 2


def test_actors_paging(client):
    pages = [client.get("/api/actors", params={"limit": 5, "offset": offset}).json() for offset in (0, 5)]
    assert [(p["total"], len(p["items"])) for p in pages] == [(9, 5), (9, 4)]
    assert len({a["id"] for p in pages for a in p["items"]}) == 9


@pytest.mark.parametrize("route", ["/api/actions", "/api/actors", "/api/programmes"])
@pytest.mark.parametrize("params", [{"limit": "-1"}, {"limit": "abc"}, {"limit": "1001"}, {"offset": "-5"},
                                    {"offset": "1.5"}, {"limit": ["1", "2"]}, {"nonsense": "1"}])
def test_bad_list_parameters_are_422(client, route, params):
    body = assert_problem(client.get(route, params=params), 422)
    assert body["type"].endswith("/invalid-parameter")


@pytest.mark.parametrize("params", [{"lead": "Not A Slug"}, {"goal": "a/b"}, {"q": "x" * 201},
                                    {"action": "langer-thuis-2.6"}])
def test_bad_filter_parameters_are_422(client, params):
    assert_problem(client.get("/api/actions", params=params), 422)


def test_detail_routes_take_no_parameters(client):
    assert_problem(client.get("/api/actions/langer-thuis-2.6", params={"lead": "vws"}), 422)


def test_unknown_route_is_problem_json(client):
    assert_problem(client.get("/api/nothing-here"), 404)
    assert_problem(client.post("/api/actions"), 405)


def test_no_build_is_503(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.settings import Settings

    with TestClient(create_app(Settings(build_dir=tmp_path))) as empty:
        body = assert_problem(empty.get("/api/actions"), 503)
        assert "ltkg build" in body["detail"]


def test_openapi_documents_query_parameters(client):
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/actions"]["get"]["parameters"]}
    assert {"programme", "actionLine", "goal", "lead", "partner", "responsible", "involved", "party", "q", "limit",
            "offset"} <= names


def test_cors_when_configured(build_dir):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.settings import Settings

    settings = Settings(build_dir=build_dir, cors_origins=("https://example.test",))
    with TestClient(create_app(settings)) as cors:
        response = cors.options("/api/actions", headers={"Origin": "https://example.test",
                                                         "Access-Control-Request-Method": "GET"})
        assert response.headers["access-control-allow-origin"] == "https://example.test"
        assert "access-control-allow-origin" not in cors.get("/api/actions", headers={"Origin": "https://evil.test"}).headers


def test_index_names_the_routes(client):
    body = client.get("/").json()
    assert "/api/actions/{id}" in body["routes"] and "pyoxigraph" in body["store"]
