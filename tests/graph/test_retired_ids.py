"""The id contract (graph/retired.py, api/http/retired.py): a party's slug renamed in the curated data stops the
build until the register of retired ids has an entry; then the old id answers 301 to the new one for REST, /id,
/doc and the filters, and a removed id answers 410."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.build import build
from graph.kg import BuildError
from graph.settings import DATA_DIR, Settings
from plan2018_fixtures import built

NEW = "zorgverzekeraars-nederland"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A copy of the curated data in which ZN's slug is renamed, and a copy of the real build (the last one)."""
    root = tmp_path_factory.mktemp("renamed")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    parties = data / "parties.yaml"
    text = parties.read_text(encoding="utf-8")
    assert text.count("  - id: zn\n") == 1
    parties.write_text(text.replace("  - id: zn\n", f"  - id: {NEW}\n"), encoding="utf-8")
    build_dir = root / "build"
    shutil.copytree(built().build_dir / "current", build_dir / "current")
    return data, Settings(build_dir=build_dir, sparql_endpoint="")


def register(data, entries: str) -> None:
    (data / "retired-ids.yaml").write_text(f"retired:\n{entries}", encoding="utf-8")


def test_the_ids_of_a_build_are_written_beside_it():
    ids = (built().build_dir / "current" / "ids.txt").read_text().split()
    assert "party/zn" in ids and "action/langer-thuis-2.6" in ids and not any(i.startswith("citation/") for i in ids)


def test_a_renamed_slug_stops_the_build_then_answers_301(renamed):
    data, settings = renamed
    version_before = (settings.current / "version.json").read_text()
    with pytest.raises(BuildError, match="party/zn"):
        build(config=settings, data_dir=data)
    assert (settings.current / "version.json").read_text() == version_before  # the last good build stays
    register(data, f"  - id: party/zn\n    replacedBy: party/{NEW}\n    reason: test\n")
    build(config=settings, data_dir=data)
    with TestClient(create_app(settings)) as client:
        for old, new in [("/api/actors/zn", f"/api/actors/{NEW}"), ("/id/party/zn", f"/id/party/{NEW}"),
                         ("/doc/party/zn", f"/doc/party/{NEW}"),
                         ("/api/actions?party=zn&limit=5", f"/api/actions?party={NEW}&limit=5")]:
            answer = client.get(old, follow_redirects=False)
            assert answer.status_code == 301, (old, answer.text)
            assert answer.headers["location"].endswith(new), answer.headers["location"]
        assert client.get("/api/actors/zn").json()["id"] == NEW
        assert client.get(f"/api/actions?party={NEW}").json()["total"] > 0


def test_a_removed_id_answers_410_and_a_wrong_entry_stops_the_build(renamed):
    data, settings = renamed
    register(data, f"  - id: party/zn\n    reason: test\n")
    build(config=settings, data_dir=data)
    with TestClient(create_app(settings)) as client:
        for url in ("/api/actors/zn", "/id/party/zn", "/api/actions?lead=zn"):
            answer = client.get(url, follow_redirects=False)
            assert answer.status_code == 410 and answer.json()["type"].endswith("/gone"), url
    register(data, f"  - id: party/vws\n    replacedBy: party/nope\n    reason: test\n  - id: party/zn\n    reason: x\n")
    with pytest.raises(BuildError, match="still names an entity") as error:
        build(config=settings, data_dir=data)
    assert "names no entity" in str(error.value)
