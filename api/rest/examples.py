"""Examples for the OpenAPI document: for every operation, example parameters and the answer the route gives
to them. api/rest/openapi.py puts them into /openapi.json (Swagger UI fills in the parameters).

They are data, one file per operation in api/rest/openapi_examples/ (method, path, parameters, status,
headers, a request body for a POST, and the answers by media type), written from a run against the real
build by `ltkg examples` (which asks each route again and rewrites the answers; `--check` only tells what
would change). An answer is shortened as it is written: a JSON list of objects to its first item, a list
of strings to its first three; a text answer to its `excerpt`, a regular expression kept in the file beside
the example (the first match is the example). tests/rest/test_openapi.py asks the real build again: each JSON
example must have the keys (recursively, the first item of a list) of the route's answer, each text
example must occur in the answer, and each header example must be the header the route sends.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from graph.ns import rebase

EXAMPLES_DIR = Path(__file__).parent / "openapi_examples"


@dataclass(frozen=True)
class Example:
    """Parameters (path and query, by name; a list for a repeated parameter), the answer's body by media
    type, its status, and its headers; for a POST, the request body by media type."""

    parameters: dict[str, object] = field(default_factory=dict)
    answers: dict[str, object] = field(default_factory=dict)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    request: dict[str, str] = field(default_factory=dict)


def _read(file: Path) -> tuple[tuple[str, str], Example]:
    data = json.loads(rebase(file.read_text(encoding="utf-8")))  # written under the default base IRI
    answers = {media: answer["example"] for media, answer in data.get("answers", {}).items()}
    return (data["method"], data["path"]), Example(data.get("parameters", {}), answers, data.get("status", 200),
                                                   data.get("headers", {}), data.get("request", {}))


def load(directory: Path = EXAMPLES_DIR) -> dict[tuple[str, str], Example]:
    """(method, path) -> Example, from the example files."""
    return dict(_read(file) for file in sorted(directory.glob("*.json")))


EXAMPLES = load()


# -- writing them from a run against the build ----------------------------------------------------------
def shorten(value: object) -> object:
    """A JSON answer made short enough to read: a list of objects to its first item, a list of strings (or
    numbers) to its first three, recursively."""
    if isinstance(value, dict):
        return {key: shorten(item) for key, item in value.items()}
    if isinstance(value, list):
        if value and isinstance(value[0], (dict, list)):
            return [shorten(value[0])]
        return value[:3]
    return value


def request_of(path: str, example: Example) -> tuple[str, list[tuple[str, str]]]:
    """The URL path with the example's path parameters filled in, and its query parameters."""
    query: list[tuple[str, str]] = []
    for name, value in example.parameters.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(value))
        else:
            query += [(name, str(v)) for v in (value if isinstance(value, list) else [value])]
    return path, query


def refreshed(data: dict, client) -> dict:
    """One example file's data with its answers asked anew of `client` (a TestClient over the app)."""
    path, example = data["path"], _read_data(data)
    url, query = request_of(path, example)
    if query:
        url += "?" + urlencode(query)
    answers = {}
    for media, answer in data.get("answers", {}).items():
        if data["method"] == "post":
            [(body_type, body)] = example.request.items()
            response = client.post(url, content=body, headers={"Content-Type": body_type, "Accept": media})
        else:
            response = client.get(url, headers={"Accept": media}, follow_redirects=False)
        if response.status_code != example.status:
            raise ValueError(f"{data['method'].upper()} {url} ({media}) answered {response.status_code}, "
                             f"not {example.status}")
        if "excerpt" in answer:
            found = re.search(answer["excerpt"], response.text, re.S)
            if found is None:
                raise ValueError(f"{data['method'].upper()} {url} ({media}): no match for {answer['excerpt']!r}")
            answers[media] = {"excerpt": answer["excerpt"], "example": found.group(0)}
        else:
            answers[media] = {"example": shorten(response.json())}
    return {**data, "answers": answers}


def _read_data(data: dict) -> Example:
    return Example(data.get("parameters", {}), {}, data.get("status", 200), data.get("headers", {}),
                   data.get("request", {}))


def rewrite(client, directory: Path = EXAMPLES_DIR, check: bool = False) -> list[str]:
    """Ask every example's route anew and rewrite its file (unless check); the names of the files that
    changed (or would)."""
    changed = []
    for file in sorted(directory.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        text = json.dumps(refreshed(data, client), ensure_ascii=False, indent=2) + "\n"
        if text != file.read_text(encoding="utf-8"):
            changed.append(file.name)
            if not check:
                file.write_text(text, encoding="utf-8")
    return changed
