"""Every build has a version: the release joined to the SHA-256 of its N-Quads dump, written by `ltkg build`
beside the dump, read by the API (api.http.version), shown on /dataset, in VoID/DCAT and on every download."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, OWL

from graph import version
from graph.ns import BASE
from plan2018_fixtures import built

DATASET = URIRef(BASE + "dataset#ltkg")
SPDX = "http://spdx.org/rdf/terms#"



def test_the_build_writes_its_version_beside_the_dump():
    report = built().report
    found = version.read(report.path.parent)
    assert found == report.version
    assert found.sha256 == hashlib.sha256(report.path.read_bytes()).hexdigest()
    assert found.version == f"{version.release()}+{found.sha256[:12]}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", found.version)
    assert found.quads == report.quads and found.triples == report.triples
    on_disk = json.loads((report.path.parent / version.FILE).read_text(encoding="utf-8"))
    assert on_disk["sha256"] == found.sha256


def test_no_build_no_version(tmp_path):
    assert version.read(tmp_path) is None
    (tmp_path / version.FILE).write_text("{not json", encoding="utf-8")
    assert version.read(tmp_path) is None


def test_dataset_page_and_description_state_version_and_hash(real):
    found = built().report.version
    page = real.get("/dataset", headers={"Accept": "text/html"}).text
    assert found.version in page and found.sha256 in page
    graph = Graph().parse(data=real.get("/dataset?format=ttl").text, format="turtle")
    assert (DATASET, OWL.versionInfo, Literal(found.version)) in graph
    assert (DATASET, DCAT.version, Literal(found.version)) in graph
    [value] = [str(o) for o in graph.objects(None, URIRef(SPDX + "checksumValue"))]
    assert value == found.sha256
    [distribution] = graph.subjects(URIRef(SPDX + "checksum"), None)
    assert (distribution, DCAT.downloadURL, URIRef(BASE + "download/ltkg.nq")) in graph


@pytest.mark.parametrize("path, name", [("/download/ltkg.nq", "ltkg-{v}.nq"), ("/download/ltkg.ttl", "ltkg-{v}.ttl"),
                                        ("/download/actions.csv", "ltkg-actions-{v}.csv")])
def test_downloads_are_named_by_version_and_carry_it_with_their_digest(real, path, name):
    found = built().report.version
    response = real.get(path)
    assert response.status_code == 200
    assert f'filename="{name.format(v=found.version)}"' in response.headers["content-disposition"]
    assert response.headers["x-ltkg-version"] == found.version
    digest = base64.b64encode(hashlib.sha256(response.content).digest()).decode()
    assert response.headers["repr-digest"] == f"sha-256=:{digest}:"
