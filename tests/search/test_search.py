"""Search on the real build: the index `ltkg build` writes, Dutch analysis (folding, stems, close spellings,
spacing and punctuation), /api/search and its limits, the /search page."""
from __future__ import annotations

import sqlite3

import pytest

from graph.search_index import FILE_NAME
from graph.search_text import compact, fold, stems
from plan2018_fixtures import built


def test_dutch_analysis():
    assert fold("Patiëntenfederatie") == "patientenfederatie"
    assert stems("gemeenten") == stems("gemeente")
    assert stems("Zorgverzekeraars") == stems("Zorgverzekeraar")
    assert stems("gezondheid") != stems("gezond zon")  # the classic Snowball stemmer, not the aggressive one
    assert compact("KBO PCOB") == compact("Kbo-Pcob") == "kbopcob"
    assert compact("Zorgthuis NL") == compact("Zorgthuis.nl") == compact("ZorgThuisNL")


def test_the_build_writes_the_index():
    db = sqlite3.connect(built().build_dir / "current" / FILE_NAME)
    entities = db.execute("SELECT COUNT(*) FROM entity").fetchone()[0]
    parties = db.execute("SELECT COUNT(*) FROM entity WHERE grp = 'party'").fetchone()[0]
    citations = db.execute("SELECT COUNT(*) FROM citation").fetchone()[0]
    graph_citations = built().select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a ltkg:Citation } }")[0]["n"]
    assert citations == int(graph_citations)
    assert parties >= 100 and entities > parties
    lines = db.execute("SELECT COUNT(*) FROM line WHERE doc = '2018-langer-thuis-plan-van-aanpak'").fetchone()[0]
    assert lines == 877  # as graph.provenance counts: the text split at every newline


def _search(real, q, **params):
    answer = real.get("/api/search", params={"q": q, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("query,expected", [
    ("patientenfederatie", "party/patientenfederatie"),    # diacritics folded
    ("Zorgverzekeraar Nederland", "party/zn"),              # a typing error in a name
    ("KBO PCOB", "party/kbo-pcob"),                          # punctuation
    ("Zorgthuis NL", "party/zorgthuisnl"),                   # spacing
    ("LT 1.1", "action/langer-thuis-1.1"),                   # a notation with its programme
    ("WOZO 2.3", "action/wozo-2.3"),
    ("Integrated Care Agreement", "programme/iza"),          # an English name
    ("Wlz", "initiative/wlz"),                               # an abbreviation
    ("Zeeland", "region/zeeland"),
])
def test_entities_by_any_name(real, query, expected):
    hits = _search(real, query)["entities"]
    assert hits[0]["id"] == "https://ltkg.example.org/id/" + expected, hits[:3]
    assert hits[0]["page"] == "/id/" + expected


def test_passages_by_stem_with_marks_and_facts(real):
    answer = _search(real, "gemeenten", type="passage", limit=50)
    assert answer["entities"] == []
    passages = answer["passages"]
    assert passages
    words = {p["text"][a:b].lower() for p in passages for a, b in p["marks"]}
    assert "gemeente" in words and "gemeenten" in words  # one stem, both forms found and marked
    cited = [p for p in passages if p["facts"]]
    assert any(c["facts"] > 0 for p in cited for c in p["facts"])  # (a citation may only be evidence)
    first = passages[0]
    assert first["page"] == f"/sources/{first['document']}.html?lines={first['firstLine']}-{first['lastLine']}" \
                            f"#L{first['firstLine']}"
    assert "⟦" in first["marked"]


def test_filters(real):
    only = _search(real, "dementie", type="passage", document="2024-wozo-voortgangsrapportage")
    assert only["passages"] and {p["document"] for p in only["passages"]} == {"2024-wozo-voortgangsrapportage"}
    parties = _search(real, "zorg", type="party")
    assert parties["passages"] == [] and {h["group"] for h in parties["entities"]} == {"party"}


@pytest.mark.parametrize("q,status", [("", 422), ("   ", 422), ("x" * 1001, 422), ("x" * 1000, 200)])
def test_empty_and_overlong_queries(real, q, status):
    answer = real.get("/api/search", params={"q": q})
    assert answer.status_code == status
    if status == 422:
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["parameter"] == "q"


def test_unknown_type_is_422(real):
    answer = real.get("/api/search", params={"q": "zorg", "type": "shoe"})
    assert answer.status_code == 422 and "passage" in answer.json()["choices"]


def test_sparql_and_html_are_just_text(real):
    for q in ["SELECT * WHERE { ?s ?p ?o }", '<script>alert("x")</script>', 'zorg" OR "x', "NEAR(a b)", "*"]:
        assert real.get("/api/search", params={"q": q}).status_code == 200
    page = real.get("/search", params={"q": '<script>alert("x")</script> zorg'})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text


def test_suggest(real):
    answer = real.get("/api/search/suggest", params={"q": "patien"})
    assert answer.status_code == 200
    assert answer.json()["suggestions"][0]["id"].endswith("/party/patientenfederatie")
    assert real.get("/api/search/suggest", params={"q": ""}).status_code == 422


def test_search_page_groups_and_marks(real):
    page = real.get("/search", params={"q": "mantelzorg"})
    assert page.status_code == 200
    text = page.text
    assert 'id="group-party"' in text or 'id="group-initiative"' in text
    assert 'id="group-passage"' in text and "<mark>" in text
    assert 'name="q" type="search" value="mantelzorg"' in text
    assert real.get("/search", params={"q": "x" * 1001}).status_code == 422


def test_header_search_box_on_every_page(real):
    for path in ("/", "/sources/", "/doc/party/vws", "/search"):
        text = real.get(path, headers={"Accept": "text/html"}).text
        assert 'id="site-q"' in text and 'role="combobox"' in text, path
