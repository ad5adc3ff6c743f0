"""What a dashboard asks of the list routes (issue 23): repeatable filters (any of the values), bulk ids, sort,
actors by type and programme, actions by theme, CSV on every list route and 406 for anything else, on the
real build."""
from __future__ import annotations

import csv
import io

import pytest


LISTS = ["/api/programmes", "/api/actors", "/api/actions", "/api/initiatives", "/api/regulations", "/api/regions",
         "/api/themes", "/api/coverage", "/api/white-spots", "/api/comparison"]


def ids(client, url: str) -> list[str]:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]]


def test_a_repeated_filter_takes_any_of_its_values(real):
    lt, wozo = ids(real, "/api/actions?programme=langer-thuis&limit=1000"), ids(real, "/api/actions?programme=wozo&limit=1000")
    both = real.get("/api/actions?programme=langer-thuis&programme=wozo&limit=1000").json()
    assert both["total"] == len(lt) + len(wozo) and {i["id"] for i in both["items"]} == set(lt) | set(wozo)
    vws, bzk = set(ids(real, "/api/actions?lead=vws&limit=1000")), set(ids(real, "/api/actions?lead=bzk&limit=1000"))
    assert set(ids(real, "/api/actions?lead=vws&lead=bzk&limit=1000")) == vws | bzk
    unknown = real.get("/api/actions?programme=wozo&programme=nope").json()
    assert unknown["status"] == 422 and unknown["parameter"] == "programme" and "wozo" in unknown["choices"]


def test_filters_dashboards_ask_for(real):
    ministries = real.get("/api/actors?type=ministry&limit=1000").json()["items"]
    assert ministries and all(a["type"] == "ministry" for a in ministries)
    in_wozo = set(ids(real, "/api/actors?programme=wozo&limit=1000"))
    for action in real.get("/api/actions?programme=wozo&limit=1000").json()["items"]:
        assert {p["id"] for p in action["involved"]} <= in_wozo
    theme = real.get("/api/themes?limit=1000").json()["items"]
    classified = next(t for t in theme if any(a["type"] == "action" for a in t["actions"]))
    expected = {a["id"] for a in classified["actions"] if a["type"] == "action"}
    assert set(ids(real, f"/api/actions?theme={classified['id']}&limit=1000")) == expected


def test_bulk_ids(real):
    wanted = ["langer-thuis-2.6", "langer-thuis-1.4", "wozo-1.1"]
    assert sorted(ids(real, "/api/actions?ids=" + ",".join(wanted))) == sorted(wanted)
    assert sorted(ids(real, "/api/actions?ids=langer-thuis-2.6&ids=wozo-1.1")) == ["langer-thuis-2.6", "wozo-1.1"]
    assert ids(real, "/api/actors?ids=vws,bzk,no-such-party") == ["bzk", "vws"]
    assert ids(real, "/api/themes?ids=mantelzorg-en-vrijwilligers") in ([], ["mantelzorg-en-vrijwilligers"])


def test_sort(real):
    names = [t["name"] for t in real.get("/api/themes?sort=name&limit=1000").json()["items"]]
    assert names == sorted(names, key=str.casefold)
    notations = [a["notation"] for a in real.get("/api/actions?programme=langer-thuis&sort=-notation").json()["items"]]
    assert notations[:3] == ["3.11", "3.10", "3.9"]
    problem = real.get("/api/actions?sort=leads").json()
    assert problem["status"] == 422 and problem["parameter"] == "sort" and "notation" in problem["choices"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_answers_csv(real, url):
    answer = real.get(url, headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows and "etag" in answer.headers
    assert len(rows) == len(real.get(url).json()["items"])


def test_csv_gives_ids_and_notations_as_text(real):
    rows = list(csv.DictReader(io.StringIO(real.get("/api/actions?programme=langer-thuis&limit=1000",
                                                    headers={"Accept": "text/csv"}).text)))
    row = next(r for r in rows if r["id"] == "langer-thuis-1.10")
    assert row["notation"] == "LT 1.10" and row["programme"] == "langer-thuis"
    assert set(row["leads"].split("; ")) == {p["id"] for p in real.get("/api/actions/langer-thuis-1.10").json()["leads"]}
    assert {"consulted", "contributors", "commissioners", "involved"} <= set(row)


@pytest.mark.parametrize("url, accept", [("/api/actions", "image/png"), ("/api/actions/langer-thuis-2.6", "text/csv"),
                                         ("/api", "text/csv"), ("/api/metrics/parties", "text/html")])
def test_406_for_what_cannot_be_had(real, url, accept):
    answer = real.get(url, headers={"Accept": accept})
    assert answer.status_code == 406 and answer.headers["content-type"] == "application/problem+json"
    assert real.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}).status_code == 200
