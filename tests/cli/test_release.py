"""`ltkg release` and `ltkg diff` on builds of the test data (tests/conftest.py): the archive holds the dumps, the
description, CITATION.cff, the licence and checksums that check; the diff lists what changed between two builds."""
from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
import yaml
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, SKOS
from typer.testing import CliRunner

from conftest import build_dataset, write_build
from graph import version
from graph.diff import diff
from graph.ns import BASE, LICENCE, LTKG, iri
from graph.provenance import Editorial
from graph.settings import ROOT, Settings
from ltkg import cli
from ltkg.release import DATASET, release


@pytest.fixture(scope="module")
def archive(build_dir, tmp_path_factory):
    made = release(Settings(build_dir=build_dir, sparql_endpoint=""), tmp_path_factory.mktemp("dist"))
    with zipfile.ZipFile(made.path) as zipped:
        files = {name.partition("/")[2]: zipped.read(name) for name in zipped.namelist()}
    return made, files


def test_the_archive_is_named_by_the_version_and_holds_one_versioned_folder(archive, build_dir):
    made, files = archive
    found = version.read(build_dir / "current")
    assert made.version == found and made.path.name == f"ltkg-{found.version}.zip"
    with zipfile.ZipFile(made.path) as zipped:
        assert {name.partition("/")[0] for name in zipped.namelist()} == {f"ltkg-{found.version}"}
    assert set(files) == {"README.md", "ltkg.nq", "ltkg.trig", "ltkg.jsonld", "ltkg.ttl", "actions.csv", "dataset.ttl",
                          "CITATION.cff", "LICENSE.txt", "SHA256SUMS"}


def test_checksums_check_and_the_dump_is_the_builds(archive, build_dir):
    made, files = archive
    sums = dict(reversed(line.split("  ")) for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name
    assert files["ltkg.nq"] == (build_dir / "current" / "ltkg.nq").read_bytes()
    assert sums["ltkg.nq"] == made.version.sha256


def test_the_archive_describes_itself_with_version_licence_and_citation(archive):
    made, files = archive
    description = Graph().parse(data=files["dataset.ttl"], format="turtle")
    assert (DATASET, OWL.versionInfo, Literal(made.version.version)) in description
    rights = [str(o) for o in description.objects(DATASET, DCTERMS.rights)]
    licences = [str(o) for o in description.objects(DATASET, DCTERMS.license)]
    text = files["LICENSE.txt"].decode()
    assert rights or licences
    assert all(item in text for item in rights + licences) and "EUPL-1.2" in text
    cff = yaml.safe_load(files["CITATION.cff"])
    assert cff["version"] == made.version.version and cff["cff-version"] == "1.2.0"
    assert cff["identifiers"][0]["value"] == f"sha256:{made.version.sha256}"
    readme = files["README.md"].decode()
    assert made.version.version in readme and made.version.sha256 in readme and "SHA256SUMS" in readme


def test_the_same_build_gives_the_same_archive(archive, build_dir, tmp_path):
    made, _ = archive
    again = release(Settings(build_dir=build_dir, sparql_endpoint=""), tmp_path)
    assert again.path.read_bytes() == made.path.read_bytes()


def test_citation_cff_at_the_root_names_the_projects_release():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == version.release() and cff["authors"] and cff["title"]
    assert cff["license"] == "CC0-1.0" and LICENCE == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_release_without_a_build_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(tmp_path / "none"))
    result = CliRunner().invoke(cli.app, ["release", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "ltkg build" in result.output


# -- ltkg diff ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_builds(build_dir, tmp_path_factory):
    """The test build, and a second build of the same data with an entity added, a statement removed and one
    statement's source changed."""
    kg = build_dataset()
    editors = Editorial("test-diff", "A second build of the test data for ltkg diff.")
    added = kg.entity("party", "nieuwe-partij", LTKG.Party, editors, nl="Nieuwe partij")
    action = iri("action", "langer-thuis-2.6")
    [(s, p, o, g)] = [q for q in kg.ds.quads((action, LTKG.lead, iri("party", "vws"), None))][:1]
    kg.ds.graph(g).remove((s, p, o))
    title = next(kg.ds.quads((iri("action", "langer-thuis-1.1"), DCTERMS.title, None, None)))
    kg.ds.graph(title[3]).remove(title[:3])
    kg.add(*title[:3], editors)
    newer = write_build(kg, tmp_path_factory.mktemp("newer"))
    return build_dir / "current", newer / "current", added


def test_diff_lists_entities_and_statements_added_removed_and_changed(two_builds):
    old, new, added = two_builds
    found = diff(old, new)
    assert found.old == version.read(old).version and found.new == version.read(new).version
    assert found.entities_added == [str(added)] and found.entities_removed == []
    assert (str(added), str(SKOS.prefLabel), "Nieuwe partij") in {tuple(t.value for t in s) for s in found.statements_added}
    assert [tuple(t.value for t in s) for s in found.statements_removed] == [
        (BASE + "id/action/langer-thuis-2.6", str(LTKG.lead), BASE + "id/party/vws")]
    [(statement, before, after)] = found.statements_changed
    assert statement[0].value == BASE + "id/action/langer-thuis-1.1" and after == [BASE + "id/editorial/test-diff"]
    assert before != after
    assert {BASE + "id/action/langer-thuis-2.6", BASE + "id/action/langer-thuis-1.1"} <= set(found.entities_changed)


def test_diff_of_a_build_with_itself_is_empty(two_builds):
    old, _, _ = two_builds
    assert diff(old, old).empty


def test_ltkg_diff_prints_text_and_json(two_builds):
    old, new, added = two_builds
    text = CliRunner().invoke(cli.app, ["diff", str(old), str(new)])
    assert text.exit_code == 0 and "entities added: 1" in text.output and str(added) in text.output
    data = json.loads(CliRunner().invoke(cli.app, ["diff", str(old), str(new), "--format", "json"]).output)
    assert data["summary"]["statements removed"] == 1 and data["entities"]["added"] == [str(added)]
    missing = CliRunner().invoke(cli.app, ["diff", str(old), str(old.parent / "nowhere")])
    assert missing.exit_code == 1 and "no N-Quads dump" in missing.output
