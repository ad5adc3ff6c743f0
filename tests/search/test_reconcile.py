"""/reconcile on the real build: the Reconciliation API 0.2, checked against the specification's own JSON
Schemas (tests/reconciliation/schemas, vendored with their licence) and against names as a tool sends them
(tests/reconciliation/variants.yaml)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from plan2018_fixtures import built

HERE = Path(__file__).parent / "reconciliation"
SCHEMAS = HERE / "schemas"
VARIANTS = yaml.safe_load((HERE / "variants.yaml").read_text(encoding="utf-8"))


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def check(name: str, instance) -> None:
    """Fail with every error if instance does not validate against the specification's schema `name`."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in Draft7Validator(schema, registry=REGISTRY).iter_errors(instance)]
    assert not errors, errors


def test_vendored_schemas_keep_their_licence():
    licence = (SCHEMAS / "LICENSE.md").read_text(encoding="utf-8")
    assert "W3C SOFTWARE AND DOCUMENT NOTICE AND LICENSE" in licence
    assert {p.stem for p in SCHEMAS.glob("*.json")} >= {"manifest", "reconciliation-query-batch",
                                                        "reconciliation-result-batch", "data-extension-query",
                                                        "data-extension-response", "suggest-entities-response"}


def test_manifest(real):
    answer = real.get("/reconcile")
    assert answer.status_code == 200
    manifest = answer.json()
    check("manifest", manifest)
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://ltkg.example.org/id/"
    assert manifest["schemaSpace"] == "https://ltkg.example.org/def/"
    assert [t["id"] for t in manifest["defaultTypes"]] == ["Party", "Action", "Initiative", "Programme", "Theme",
                                                           "Region"]
    assert manifest["view"]["url"].endswith("/id/{{id}}")
    assert manifest["batchSize"] == 100
    assert answer.headers["access-control-allow-origin"] == "*"


def _reconcile(real, batch: dict, method: str = "post"):
    if method == "post":
        return real.post("/reconcile", data={"queries": json.dumps(batch)})
    return real.get("/reconcile", params={"queries": json.dumps(batch)})


@pytest.mark.parametrize("method", ["post", "get"])
def test_queries_by_post_and_get_answer_by_the_schema(real, method):
    batch = {"q0": {"query": "Patientenfederatie"}, "q1": {"query": "Wlz", "type": "Initiative", "limit": 3},
             "q2": {"query": "Mezo", "type": ["Party"], "type_strict": "any"}}
    check("reconciliation-query-batch", batch)
    answer = _reconcile(real, batch, method)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    check("reconciliation-result-batch", result)
    assert set(result) == set(batch)
    assert len(result["q1"]["result"]) <= 3
    assert result["q0"]["result"][0]["id"] == "party/patientenfederatie"
    assert {"id": "Party", "name": "party"} in result["q0"]["result"][0]["type"]


@pytest.mark.parametrize("variant", VARIANTS, ids=[v["query"] for v in VARIANTS])
def test_name_variants(real, variant):
    query = {"query": variant["query"]}
    if "type" in variant:
        query["type"] = variant["type"]
    candidates = _reconcile(real, {"q": query}).json()["q"]["result"]
    matched = [c["id"] for c in candidates if c["match"]]
    if variant["expect"] is None:
        assert matched == [], candidates[:2]
        return
    assert variant["expect"] in [c["id"] for c in candidates], candidates[:3]
    if variant["match"]:
        assert matched == [variant["expect"]], candidates[:3]
    else:
        assert matched == [], candidates[:3]


def test_a_match_is_never_two(real):
    candidates = _reconcile(real, {"q": {"query": "NHG"}}).json()["q"]["result"]
    assert {c["id"] for c in candidates[:2]} == {"party/nhg-huisartsen", "party/nhg-hypotheekgarantie"}
    assert not any(c["match"] for c in candidates)


def test_type_and_property_constraints(real):
    batch = {"party": {"query": "WOZO", "type": "Party"},
             "agrees": {"query": "Vilans", "properties": [{"pid": "programme", "v": "WOZO"}]},
             "disagrees": {"query": "Vilans", "properties": [{"pid": "programme", "v": {"id": "programme/iza"}}]},
             "only": {"properties": [{"pid": "notation", "v": "2.6"}], "type": "Action"}}
    check("reconciliation-query-batch", batch)
    result = _reconcile(real, batch).json()
    check("reconciliation-result-batch", result)
    assert all("Party" in [t["id"] for t in c["type"]] or "CollectiveParty" in [t["id"] for t in c["type"]]
               for c in result["party"]["result"])
    agrees, disagrees = result["agrees"]["result"][0], result["disagrees"]["result"][0]
    assert agrees["id"] == disagrees["id"] == "party/vilans"
    assert agrees["match"] and not disagrees["match"]
    assert {"id": "property:programme", "value": True} in agrees["features"]
    assert disagrees["score"] < agrees["score"]
    assert {c["id"] for c in result["only"]["result"]} >= {"action/langer-thuis-2.6"}


@pytest.mark.parametrize("body,detail", [
    ("{not json", "not JSON"),
    ("[]", "must be a JSON object"),
    ('{"q": "Vilans"}', "must be an object"),
    ('{"q": {"name": "Vilans"}}', "unknown members"),
    ('{"q": {"type": "Party"}}', "neither"),
    ('{"q": {"query": 12}}', "must be a string"),
    ('{"q": {"query": "x", "properties": [{"pid": "programme"}]}}', "properties"),
])
def test_malformed_batches_are_400(real, body, detail):
    answer = real.post("/reconcile", data={"queries": body})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert detail in answer.json()["detail"]
    assert answer.headers["access-control-allow-origin"] == "*"


def test_a_batch_over_the_announced_size_is_413(real):
    batch = {f"q{i}": {"query": "Vilans"} for i in range(101)}
    answer = _reconcile(real, batch)
    assert answer.status_code == 413
    assert "100" in answer.json()["detail"]
    assert _reconcile(real, dict(list(batch.items())[:100])).status_code == 200


def test_cors_preflight(real):
    answer = real.options("/reconcile", headers={"Origin": "http://127.0.0.1:3333",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"})
    assert answer.status_code in (200, 204)
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "POST" in answer.headers["access-control-allow-methods"]
    for path in ("/reconcile/suggest/entity?prefix=vil", "/reconcile/preview?id=party/vilans",
                 "/reconcile/extend/propose?type=Party"):
        assert real.get(path).headers["access-control-allow-origin"] == "*"


def test_suggest(real):
    entities = real.get("/reconcile/suggest/entity", params={"prefix": "patien"}).json()
    check("suggest-entities-response", entities)
    assert entities["result"][0]["id"] == "party/patientenfederatie"
    typed = real.get("/reconcile/suggest/entity", params={"prefix": "zee", "type": "Region"}).json()
    assert typed["result"][0]["id"] == "region/zeeland"
    assert all(r["id"].startswith("region/") for r in typed["result"])
    types = real.get("/reconcile/suggest/type", params={"prefix": "par"}).json()
    check("suggest-types-response", types)
    assert "Party" in [t["id"] for t in types["result"]]
    props = real.get("/reconcile/suggest/property", params={"prefix": "prog"}).json()
    check("suggest-properties-response", props)
    assert [p["id"] for p in props["result"]] == ["programme"]


def test_preview(real):
    answer = real.get("/reconcile/preview", params={"id": "party/zn"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert "Zorgverzekeraars Nederland" in answer.text and 'href="/id/party/zn"' in answer.text
    assert real.get("/reconcile/preview", params={"id": "party/nope"}).status_code == 404


def test_extend(real):
    proposal = real.get("/reconcile/extend/propose", params={"type": "Party"}).json()
    check("data-extension-property-proposal", proposal)
    offered = [p["id"] for p in proposal["properties"]]
    assert {"kind", "programme", "role", "altLabel"} <= set(offered)
    query = {"ids": ["party/vilans", "party/zn", "party/nope"],
             "properties": [{"id": "kind"}, {"id": "programme"}, {"id": "role"}, {"id": "altLabel"}]}
    check("data-extension-query", query)
    answer = real.post("/reconcile", data={"extend": json.dumps(query)})
    assert answer.status_code == 200, answer.text
    extension = answer.json()
    check("data-extension-response", extension)
    assert [m["id"] for m in extension["meta"]] == ["kind", "programme", "role", "altLabel"]
    vilans = extension["rows"]["party/vilans"]
    assert {"id": "programme/wozo", "name": "WOZO"} in vilans["programme"] or \
        "programme/wozo" in [v["id"] for v in vilans["programme"]]
    assert {"str": "ZN/zorgverzekeraars"} in extension["rows"]["party/zn"]["altLabel"]
    assert extension["rows"]["party/nope"] == {"kind": [], "programme": [], "role": [], "altLabel": []}
    registers = {"ids": ["party/vws"], "properties": [{"id": "oin"}, {"id": "sameAs"}]}
    vws = real.post("/reconcile", data={"extend": json.dumps(registers)}).json()
    check("data-extension-response", vws)
    held = built().select("SELECT ?oin WHERE { GRAPH ?g { <https://ltkg.example.org/id/party/vws> ltkg:oin ?oin } }")
    assert vws["rows"]["party/vws"]["oin"] == [{"str": row["oin"]} for row in held]
    assert any("wikidata.org" in v["str"] for v in vws["rows"]["party/vws"]["sameAs"])
    too_many = {"ids": [f"party/p{i}" for i in range(101)], "properties": [{"id": "kind"}]}
    assert real.post("/reconcile", data={"extend": json.dumps(too_many)}).status_code == 413
    unknown = {"ids": ["party/zn"], "properties": [{"id": "shoeSize"}]}
    assert real.post("/reconcile", data={"extend": json.dumps(unknown)}).status_code == 400
