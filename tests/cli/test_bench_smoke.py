"""bench/: the synthetic graph is valid N-Quads of our shape, and the ceiling app answers. No timings."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from bench import synth

DEF = "https://ltkg.example.org/def/"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "tiny.nq"
    quads, ids_path = synth.write(out, scale=0.005, seed=3)
    return out, quads, json.loads(ids_path.read_text(encoding="utf-8"))


def test_synth_is_valid_sorted_nquads_with_a_graph_per_fact(tiny):
    path, count, ids = tiny
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines == sorted(set(lines)) and len(lines) == count == ids["quads"]
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == count
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    types = {q.object.value for q in quads if q.predicate.value.endswith("#type")}
    for cls in ("Programme", "ActionLine", "Goal", "Action", "Milestone", "Party", "Participation", "Citation"):
        assert DEF + cls in types
    # Facts about actions sit in citation graphs, each described in graph/provenance.
    cited = {q.graph_name.value for q in quads if q.subject.value.startswith("https://ltkg.example.org/id/action/")}
    described = {q.subject.value for q in quads if q.predicate.value == DEF + "quote"}
    assert cited and cited <= described


def test_synth_is_deterministic_and_scales():
    a, _ = synth.generate(0.005, seed=3)
    b, _ = synth.generate(0.005, seed=3)
    c, _ = synth.generate(0.005, seed=4)
    assert a == b and a != c
    assert len(synth.generate(0.1, seed=3)[0]) > 2 * len(a)


def test_ceiling_answers_the_rest_lookups(tiny, tmp_path):
    from fastapi.testclient import TestClient

    from bench.ceiling import create_app

    path, _, ids = tiny
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    client = TestClient(create_app(str(tmp_path / "store")))
    for route in (f"/api/programmes/{ids['programmes'][0]}", f"/api/actors/{ids['actors'][0]}",
                  f"/api/actions/{ids['actions'][0]}", f"/api/actors?q={ids['q'][0]}"):
        answer = client.get(route)
        assert answer.status_code == 200, route
        assert answer.json()["results"]["bindings"], route
    assert client.get("/api/actions/no-such-action").status_code == 404
    answer = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True
