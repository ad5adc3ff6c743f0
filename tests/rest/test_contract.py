"""The REST contract as a client sees it (issue 23): every /api answer is a named schema of /openapi.json,
a client generated from that document by a real generator (datamodel-code-generator) is typed, and every
route's real answer validates against the generated model; the documented examples validate against the
models the routes make their answers with."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from api.rest import models
from api.rest.examples import EXAMPLES, request_of

JSON = "application/json"


@pytest.fixture(scope="module")
def document(real) -> dict:
    return real.get("/openapi.json").json()


def api_operations(document: dict):
    """(path, schema name of its 200 JSON answer) of every GET route under /api."""
    for path, by_method in document["paths"].items():
        operation = by_method.get("get")
        if path.startswith("/api/") and operation is not None:
            schema = operation["responses"]["200"]["content"][JSON]["schema"]
            yield path, schema.get("$ref", "").rpartition("/")[2]


def test_every_api_route_answers_a_named_schema(document):
    found = dict(api_operations(document))
    assert len(found) >= 19
    assert all(found.values()), [path for path, name in found.items() if not name]
    schemas = document["components"]["schemas"]
    for name in ("Programme", "ActionLine", "Action", "Party", "Initiative", "Theme", "Region", "Citation", "Editorial",
                 "ProgrammePage", "ActionPage", "PartyPage", "InitiativePage", "ThemePage", "RegionPage", "Problem"):
        assert name in schemas, name
    assert {"parameter", "choices"} <= set(schemas["Problem"]["properties"])
    source = schemas["Action"]["properties"]["sources"]["items"]
    assert source["discriminator"]["propertyName"] == "kind"


@pytest.fixture(scope="module")
def generated(document, tmp_path_factory):
    """The pydantic models datamodel-code-generator writes from /openapi.json, as a module."""
    codegen = shutil.which("datamodel-codegen", path=str(Path(sys.executable).parent))
    if codegen is None:
        pytest.skip("datamodel-code-generator is not installed (pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("client")
    (folder / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    subprocess.run([codegen, "--input", str(folder / "openapi.json"), "--input-file-type", "openapi",
                    "--output-model-type", "pydantic_v2.BaseModel", "--output", str(folder / "client.py")],
                   check=True, capture_output=True)
    spec = importlib.util.spec_from_file_location("ltkg_generated_client", folder / "client.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the generated RootModel generics through it
    spec.loader.exec_module(module)
    return module


def urls(document: dict, real) -> list[tuple[str, str]]:
    """(URL, schema name): every /api route with its example's parameters, every list route whole, and the
    detail route of every entity the lists name."""
    out = []
    for path, name in api_operations(document):
        example = EXAMPLES[("get", path)]
        url, query = request_of(path, example)
        out.append((url + ("?" + urlencode(query) if query else ""), name))
        if "{" not in path and name.endswith("Page"):
            out.append((f"{path}?limit=1000", name))
    for path, name in api_operations(document):
        if path.count("{") == 1 and path.endswith("/{id}"):
            for item in real.get(path[:-len("/{id}")] + "?limit=1000").json()["items"]:
                out.append((path.replace("{id}", item["id"]), name))
    out += [("/api/coverage?axis=theme-plan", "CoveragePage"), ("/api/coverage?axis=category-plan", "CoveragePage"),
            ("/api/programmes/langer-thuis/lineage", "Lineage"), ("/api/programmes/wozo/lineage", "Lineage")]
    return out


def test_the_generated_client_is_typed_and_takes_every_real_answer(document, generated, real):
    for name in ("Action", "Programme", "PartyPage", "Problem"):
        assert issubclass(getattr(generated, name), generated.BaseModel), name
    checked = 0
    for url, name in urls(document, real):
        response = real.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        getattr(generated, name).model_validate(response.json())
        checked += 1
    assert checked > 300


def test_problems_validate_against_the_generated_problem(generated, real):
    for url in ("/api/actions/nope", "/api/actions?programme=nope", "/api/actions?limit=x"):
        response = real.get(url)
        assert response.headers["content-type"] == "application/problem+json"
        generated.Problem.model_validate(response.json())
    problem = real.get("/api/actions?programme=nope").json()
    assert problem["parameter"] == "programme" and "langer-thuis" in problem["choices"]


@pytest.mark.parametrize("key", sorted(k for k in EXAMPLES if k[1].startswith("/api/")), ids=lambda key: key[1])
def test_every_example_validates_against_its_model(document, key):
    example = EXAMPLES[key]
    schema = document["paths"][key[1]][key[0]]["responses"][str(example.status)]["content"][JSON]["schema"]
    getattr(models, schema["$ref"].rpartition("/")[2]).model_validate(example.answers[JSON])
