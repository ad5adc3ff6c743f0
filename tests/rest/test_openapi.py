"""The OpenAPI document and its pages (api/rest/openapi.py, api/rest/examples.py), on the real build.

/docs and /redoc work offline; operation ids are unique; every operation has an example, and every
example is true of the real build: a JSON example has the keys of the route's answer to the example's
parameters (recursively, on the first item of a list), a text example occurs in the answer, a header
example is the header sent. Errors are documented as application/problem+json.
"""
from __future__ import annotations

import re
import warnings

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.rest.examples import EXAMPLES, Example
from graph.settings import Settings
from plan2018_fixtures import built

PROBLEM = "application/problem+json"
PROBLEM_REF = "#/components/schemas/Problem"


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


@pytest.fixture(scope="module")
def document(real) -> dict:
    response = real.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict):
    for path, by_method in document["paths"].items():
        for method, operation in by_method.items():
            yield path, method, operation


# -- the pages ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_use_only_assets_of_this_server(real, page):
    response = real.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = [a for a in re.findall(r'(?:src|href)="([^"]+)"', html) if a.endswith((".js", ".css", ".png", ".svg"))]
    assert any(a.endswith(".js") for a in assets)
    spec = re.search(r"""(?:url: "|Redoc.init\(")(/[^'"]*)""", html).group(1)
    for url in assets + [spec]:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = real.get(url)
        assert asset.status_code == 200 and asset.content, url
        assert not re.search(rb'src:"https?://', asset.content), f"{url} would load an image from another host"
    assert real.get("/static/docs/../app.py").status_code == 404


def test_operation_ids_are_unique_and_the_document_builds_without_warnings():
    app = create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = app.openapi()
    assert not [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids)) and ids


def test_the_document_is_valid_openapi(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)
    assert document["openapi"].startswith("3.1")


@pytest.mark.parametrize("key", sorted(k for k in EXAMPLES if k[0] == "get"), ids=lambda key: key[1])
def test_every_get_route_answers_head_with_the_get_answers_headers(real, key):
    _, path = key
    got = ask(real, "get", path, EXAMPLES[key], None)
    head = ask(real, "head", path, EXAMPLES[key], None)
    assert (head.status_code, head.content) == (got.status_code, b"")
    for name in ("content-type", "content-length", "location", "link", "content-disposition"):
        assert head.headers.get(name) == got.headers.get(name), name


# -- errors ---------------------------------------------------------------------------------------------
def test_errors_are_documented_as_problems(document):
    assert "Problem" in document["components"]["schemas"]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if status.isdigit() and int(status) >= 400:
                assert response["content"][PROBLEM]["schema"] == {"$ref": PROBLEM_REF}, (method, path, status)
                assert set(response["content"]) <= {PROBLEM, "text/html"}, (method, path, status)


def test_rest_routes_document_404_and_422(document):
    for path, method, operation in operations(document):
        if path.startswith("/api/"):
            expected = {"422", "503"} | ({"404"} if "{id}" in path else set())
            assert expected <= set(operation["responses"]), path


def test_documented_problems_are_answered_so(real):
    for url, status in [("/api/actions/no-such-action", 404), ("/api/actions?colour=red", 422),
                        ("/doc/action/langer-thuis-2.6?format=xml", 400), ("/id/action/no-such-action", 404)]:
        response = real.get(url)
        assert response.status_code == status and response.headers["content-type"].startswith(PROBLEM), url
    response = real.get("/dataset", headers={"Accept": "image/png"})
    assert response.status_code == 406 and response.headers["content-type"].startswith(PROBLEM)


# -- examples -------------------------------------------------------------------------------------------
def has_example(operation: dict) -> bool:
    found = [p for p in operation.get("parameters", []) if "example" in p or "examples" in p]
    for response in operation.get("responses", {}).values():
        found += [c for c in response.get("content", {}).values() if "example" in c or "examples" in c]
        found += [h for h in response.get("headers", {}).values() if "example" in h]
    found += [c for c in operation.get("requestBody", {}).get("content", {}).values() if "example" in c]
    return bool(found)


def test_every_operation_has_an_example(document):
    missing = [f"{method.upper()} {path}" for path, method, operation in operations(document)
               if not has_example(operation)]
    assert not missing


@pytest.mark.parametrize("key", sorted(EXAMPLES), ids=lambda key: f"{key[0]} {key[1]}")
def test_every_example_is_of_a_documented_operation_and_its_parameters(document, key):
    method, path = key
    operation = document["paths"][path][method]
    documented = {p["name"]: p for p in operation.get("parameters", [])}
    for name, value in EXAMPLES[key].parameters.items():
        assert documented[name]["example"] == value, name
    response = operation["responses"][str(EXAMPLES[key].status)]
    for media in EXAMPLES[key].answers:
        assert "example" in response["content"][media], media


def ask(client: TestClient, method: str, path: str, example: Example, accept: str | None):
    """The route's answer to the example's parameters (and request body)."""
    query = {}
    for name, value in example.parameters.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(value))
        else:
            query[name] = value
    headers = {"Accept": accept} if accept else {}
    if method == "post":
        [(media, body)] = example.request.items()
        return client.post(path, params=query, content=body.encode(), headers={**headers, "Content-Type": media})
    return client.request(method.upper(), path, params=query, headers=headers, follow_redirects=False)


def shape_mismatches(example, answer, where: str = "$") -> list[str]:
    """Where the example's keys (recursively; the first item of a list) or JSON types differ from the answer's."""
    if isinstance(example, dict):
        if not isinstance(answer, dict):
            return [f"{where}: an object in the example, {type(answer).__name__} in the answer"]
        out = [] if set(example) == set(answer) else [f"{where}: keys {sorted(example)} in the example, "
                                                       f"{sorted(answer)} in the answer"]
        for key in set(example) & set(answer):
            out += shape_mismatches(example[key], answer[key], f"{where}.{key}")
        return out
    if isinstance(example, list):
        if not isinstance(answer, list):
            return [f"{where}: a list in the example, {type(answer).__name__} in the answer"]
        return shape_mismatches(example[0], answer[0], f"{where}[0]") if example and answer else []
    kinds = (bool, (int, float), str)
    if example is not None and answer is not None and not any(
            isinstance(example, k) and isinstance(answer, k) for k in kinds):
        return [f"{where}: {example!r} in the example, {answer!r} in the answer"]
    return []


def json_media(media: str) -> bool:
    return media.endswith(("/json", "+json"))


JSON_EXAMPLES = [(key, media) for key, example in sorted(EXAMPLES.items()) for media in example.answers
                 if json_media(media)]
TEXT_EXAMPLES = [(key, media) for key, example in sorted(EXAMPLES.items()) for media in example.answers
                 if not json_media(media)]


@pytest.mark.parametrize("key, media", JSON_EXAMPLES, ids=lambda v: v if isinstance(v, str) else f"{v[0]} {v[1]}")
def test_json_examples_have_the_shape_of_the_answer(real, key, media):
    method, path = key
    example = EXAMPLES[key]
    response = ask(real, method, path, example, media)
    assert response.status_code == example.status, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert not shape_mismatches(example.answers[media], response.json())


@pytest.mark.parametrize("key, media", TEXT_EXAMPLES, ids=lambda v: v if isinstance(v, str) else f"{v[0]} {v[1]}")
def test_text_examples_occur_in_the_answer(real, key, media):
    method, path = key
    example = EXAMPLES[key]
    response = ask(real, method, path, example, media)
    assert response.status_code == example.status, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert example.answers[media] in response.text


@pytest.mark.parametrize("key", [key for key, example in sorted(EXAMPLES.items()) if example.headers],
                         ids=lambda key: f"{key[0]} {key[1]}")
def test_header_examples_are_the_headers_sent(real, key):
    method, path = key
    example = EXAMPLES[key]
    response = ask(real, method, path, example, None)
    assert response.status_code == example.status
    for name, value in example.headers.items():
        assert response.headers[name] == value


def test_shape_comparison_sees_a_missing_key_and_a_changed_type():
    assert shape_mismatches({"items": [{"id": "a", "n": 1}]}, {"items": [{"id": "b", "n": 2}, {}]}) == []
    assert shape_mismatches({"items": [{"id": "a"}]}, {"items": [{"id": "a", "iri": "x"}]})
    assert shape_mismatches({"n": 1}, {"n": "1"})
    assert shape_mismatches({"x": None}, {"x": {"y": 1}}) == []


# -- `ltkg examples`: the examples rewritten from the build -------------------------------------------------
def test_examples_are_rewritten_from_the_answers_of_the_build(real, tmp_path):
    import json
    import re
    import shutil

    from api.rest.examples import EXAMPLES_DIR, rewrite, shorten

    for name in ("get-api-programmes-id.json", "get-sources-name.json"):
        shutil.copy(EXAMPLES_DIR / name, tmp_path / name)
        data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        for answer in data["answers"].values():
            answer["example"] = "stale"
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    assert rewrite(real, tmp_path, check=True) == ["get-api-programmes-id.json", "get-sources-name.json"]
    assert json.loads((tmp_path / "get-sources-name.json").read_text())["answers"]["text/plain"]["example"] == "stale"

    assert rewrite(real, tmp_path) == ["get-api-programmes-id.json", "get-sources-name.json"]
    programme = json.loads((tmp_path / "get-api-programmes-id.json").read_text(encoding="utf-8"))
    answer = real.get("/api/programmes/langer-thuis").json()
    assert programme["answers"]["application/json"]["example"] == shorten(answer)
    assert programme["answers"]["application/json"]["example"]["actionLines"] == [shorten(answer["actionLines"][0])]
    text = json.loads((tmp_path / "get-sources-name.json").read_text(encoding="utf-8"))["answers"]["text/plain"]
    source = real.get("/sources/2018-langer-thuis-plan-van-aanpak.txt").text
    assert text["example"] == re.search(text["excerpt"], source, re.S).group(0) and text["example"] in source
    assert rewrite(real, tmp_path, check=True) == []  # up to date now


def test_an_example_whose_excerpt_is_not_in_the_answer_is_an_error(real, tmp_path):
    import json

    from api.rest.examples import EXAMPLES_DIR, rewrite

    data = json.loads((EXAMPLES_DIR / "get-sources.json").read_text(encoding="utf-8"))
    data["answers"]["text/html"]["excerpt"] = "<h7>nowhere</h7>"
    (tmp_path / "get-sources.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="no match for"):
        rewrite(real, tmp_path)
