"""The dataset's downloads, made once per build and kept in memory.

    GET /download/ltkg.nq              every quad; the graph of a triple is its provenance (the build's dump)
    GET /download/ltkg.trig            the same quads as TriG
    GET /download/ltkg.jsonld          the same quads as JSON-LD, each named graph an @graph entry
    GET /download/ltkg.ttl             the union of the triples as Turtle: the named graphs, and so the
                                       link from a triple to its citation, are lost
    GET /download/actions.csv          one row per action

The graph is read-only between builds, so each file is made once per process and kept in memory,
until the store changes (a new build). With a remote SPARQL endpoint as the store there is no dump
file: the quads come from dataset-quads.rq, and the files are kept for the life of the process.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import threading
from collections import defaultdict
from collections.abc import Callable

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from api import queries
from api.http import problems
from api.http.negotiation import CSV, JSON_LD, N_QUADS, TRIG, TURTLE, media_type
from api.http.version import build_version, version_headers
from api.linked_data.rdf import serialize
from api.rest.routing import answers, run
from api.rest.shapes import best_label, natural_key
from api.store.contract import Solutions, StoreUnavailable, Term
from graph.notation import code
from graph.ns import ID, LICENCE, LICENCE_NOTE
from graph.version import BuildVersion

router = APIRouter(tags=["dataset"])

class FileCache:
    """Generated files by name, made once per store version (per process for a remote store)."""

    def __init__(self):
        self._files: dict[str, tuple[object, bytes]] = {}
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def get(self, name: str, version: object, make: Callable[[], bytes]) -> bytes:
        with self._guard:
            lock = self._locks[name]
        with lock:  # one maker per file at a time; the others wait for its result
            found = self._files.get(name)
            if found is not None and found[0] == version:
                return found[1]
            body = make()
            self._files[name] = (version, body)
            return body


def file_cache(request: Request) -> FileCache:
    state = request.app.state
    cache = getattr(state, "dataset_files", None)
    if cache is None:
        with _STATE_LOCK:
            cache = getattr(state, "dataset_files", None)
            if cache is None:
                cache = state.dataset_files = FileCache()
    return cache


_STATE_LOCK = threading.Lock()


def store_version(request: Request) -> object:
    return request.app.state.store.version()


def dump_file(request: Request):
    """The build's N-Quads dump, if the store is the embedded one and the dump is there."""
    settings = request.app.state.settings
    path = settings.dump_path
    if not settings.sparql_endpoint and path.is_file():
        return path
    return None


def all_quads(request: Request) -> list[ox.Quad]:
    """Every quad of the store: parsed from the build's dump, or asked of the remote endpoint."""
    path = dump_file(request)
    if path is not None:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    # In ordered pages, as endpoints cap the rows of one answer (Virtuoso's ResultSetMaxRows); then
    # checked against the count, so that a cap below the page size fails rather than cuts the dump.
    store, text = request.app.state.store, queries.load("dataset-quads").text
    timeout = max(60.0, request.app.state.settings.query_timeout)
    quads: list[ox.Quad] = []
    while True:
        page = store.query(f"{text}\nORDER BY ?g ?s ?p ?o LIMIT {QUAD_PAGE} OFFSET {len(quads)}", timeout=timeout)
        if not isinstance(page, Solutions):
            raise StoreUnavailable("dataset-quads.rq did not answer solutions")
        quads += [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in page.rows]
        if len(page.rows) < QUAD_PAGE:
            break
    expected = int(run(request, "dataset-statistics").rows[0]["quads"].value)
    if len(quads) != expected:
        raise StoreUnavailable(f"the SPARQL endpoint gave {len(quads)} of the dataset's {expected} quads; "
                               f"it may cap the rows of an answer below {QUAD_PAGE}")
    return quads


QUAD_PAGE = 5000


# -- downloads ----------------------------------------------------------------------------------------
NOTE = LICENCE_NOTE.encode()  # heads the N-Quads, TriG and Turtle files; every download links the licence
TURTLE_NOTE = NOTE + (b"# The union of the triples of all its named graphs.\n"
               b"# Turtle has no named graphs, so this file does not say which source states which triple;\n"
               b"# /download/ltkg.nq, /download/ltkg.trig and /download/ltkg.jsonld keep each triple in the\n"
               b"# graph that is its provenance (a ltkg:Citation or a ltkg:EditorialAssertion).\n\n")

DOWNLOADS = {  # file: (media type, title, description)
    "ltkg.nq": (N_QUADS, "N-Quads dump", "Every quad; the graph of each triple is its provenance (a citation or an "
                                         "editorial assertion), described in the provenance graph."),
    "ltkg.trig": (TRIG, "TriG dump", "The same quads as TriG."),
    "ltkg.jsonld": (JSON_LD, "JSON-LD dump", "The same quads as JSON-LD; each named graph is an @graph entry."),
    "ltkg.ttl": (TURTLE, "Turtle dump (no named graphs)",
                 "The union of the triples. Turtle has no named graphs: which source states which triple is lost."),
    "actions.csv": (CSV, "Actions (CSV)", "One row per action: programme, action line, goal, number, notation with "
                                          "its programme as text (\"LT 1.10\", which no spreadsheet reads as a "
                                          "number), title, milestone, the ids of its parties in every role and the "
                                          "first source of the action."),
}


def _file(name: str) -> dict:
    """How a download route is documented: its media type, 503 without a store."""
    media, _, about = DOWNLOADS[name]
    return {"response_class": Response,
            "responses": {200: answers(media, description=about), **problems.responses(503)}}


def versioned_name(name: str, found: BuildVersion | None) -> str:
    """A download's file name with the build's version, e.g. ltkg-0.1.0+3f2a9c1b7e04.nq, ltkg-actions-….csv."""
    stem, _, extension = name.rpartition(".")
    stem = stem if stem.startswith("ltkg") else f"ltkg-{stem}"
    return f"{stem}-{found.version}.{extension}" if found else f"{stem}.{extension}"


def _headers(request: Request, name: str, digest: str | None) -> dict[str, str]:
    """The file name (with the version), the version, and the SHA-256 of the body (RFC 9530 Repr-Digest)."""
    found = build_version(request)
    headers = {"Content-Disposition": f'attachment; filename="{versioned_name(name, found)}"',
               "Link": f'<{LICENCE}>; rel="license"', **version_headers(request)}
    if digest:
        headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(digest)).decode()}:"
    return headers


def _download(request: Request, name: str, make: Callable[[], bytes]) -> Response:
    media = DOWNLOADS[name][0]
    body = file_cache(request).get(name, store_version(request), make)
    return Response(body, media_type=media_type(media),
                    headers=_headers(request, name, hashlib.sha256(body).hexdigest()))


@router.get("/download/ltkg.nq", **_file("ltkg.nq"),
            summary="The whole graph as N-Quads (the build's dump)")
def download_nquads(request: Request) -> Response:
    path = dump_file(request)
    found = build_version(request)
    if path is not None:  # streamed from disk; its hash is the build's
        return FileResponse(path, media_type=media_type(N_QUADS),
                            headers=_headers(request, "ltkg.nq", found.sha256 if found else None))
    return _download(request, "ltkg.nq", lambda: NOTE + serialize(all_quads(request), N_QUADS))


@router.get("/download/ltkg.trig", **_file("ltkg.trig"),
            summary="The whole graph as TriG, with its named graphs")
def download_trig(request: Request) -> Response:
    return _download(request, "ltkg.trig", lambda: NOTE + serialize(all_quads(request), TRIG))


@router.get("/download/ltkg.jsonld", **_file("ltkg.jsonld"),
            summary="The whole graph as JSON-LD, with its named graphs")
def download_jsonld(request: Request) -> Response:
    return _download(request, "ltkg.jsonld", lambda: serialize(all_quads(request), JSON_LD))


@router.get("/download/ltkg.ttl", **_file("ltkg.ttl"),
            summary="The union of the triples as Turtle (named graphs are lost)")
def download_turtle(request: Request) -> Response:
    return _download(request, "ltkg.ttl", lambda: TURTLE_NOTE + serialize(all_quads(request), TURTLE))


@router.get("/download/actions.csv", **_file("actions.csv"),
            summary="One row per action, with its parties and first source")
def download_actions(request: Request) -> Response:
    return _download(request, "actions.csv", lambda: actions_csv(run(request, "dataset-actions")))


# the columns of the parties by role: the same keys as the REST answers' (api/rest/models.py Roles), ids as there
ROLE_COLUMNS = {"leads": "lead", "partners": "partner", "consulted": "consulted", "responsible": "responsible",
                "contributors": "contributor", "commissioners": "commissioner", "involved": "involved"}
ACTION_COLUMNS = ["id", "iri", "programme", "action_line", "goal", "number", "notation", "title", "milestone",
                  *ROLE_COLUMNS, "source_document", "source_first_line", "source_last_line"]


def slug_of(term: Term | None) -> str:
    if term is None:
        return ""
    return term.value.rpartition("/")[2] if term.value.startswith(ID) else term.value


def actions_csv(rows: Solutions) -> bytes:
    """The CSV of /download/actions.csv from the rows of dataset-actions.rq."""
    facts: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows.rows:
        facts[row["action"].value][row["part"].value].append(row)

    def first(parts: dict, part: str, key: str = "value") -> Term | None:
        terms = sorted((r[key] for r in parts.get(part, []) if key in r), key=str)
        return terms[0] if terms else None

    def ids(parts: dict, part: str) -> str:
        return "; ".join(sorted({slug_of(r["item"]) for r in parts.get(part, [])}, key=natural_key))

    records = []
    for action, parts in facts.items():
        sources = sorted((slug_of(r["item"]), int(r["first"].value), int(r["last"].value))
                         for r in parts.get("source", []) if "first" in r and "last" in r)
        source = sources[0] if sources else ("", "", "")
        line_number = first(parts, "actionLine", "number")
        number = first(parts, "number")
        notation = first(parts, "notation")
        record = {
            "id": slug_of(ox.NamedNode(action)), "iri": action,
            "programme": slug_of(first(parts, "programme", "item")),
            "action_line": slug_of(first(parts, "actionLine", "item")),
            "goal": slug_of(first(parts, "goal", "item")),
            "number": number.value if number else "",
            "notation": code(slug_of(first(parts, "programme", "item")), notation.value if notation else ""),
            "title": best_label(r["value"] for r in parts.get("title", []))
                     or best_label(r["value"] for r in parts.get("label", [])) or "",
            "milestone": best_label(r["value"] for r in parts.get("milestone", []) if "value" in r) or "",
            **{column: ids(parts, part) for column, part in ROLE_COLUMNS.items()},
            "source_document": source[0], "source_first_line": source[1], "source_last_line": source[2],
        }
        key = (natural_key(record["programme"]), int(line_number.value) if line_number else 0,
               natural_key(notation.value if notation else ""), natural_key(record["id"]))
        records.append((key, record))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for _, record in sorted(records, key=lambda pair: pair[0]):
        writer.writerow(record)
    return out.getvalue().encode("utf-8")




@router.get("/download/", include_in_schema=False)
def downloads_index() -> Response:
    return RedirectResponse("/dataset?format=html", status_code=303)


