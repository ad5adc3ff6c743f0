"""The `ltkg` command line: query, build, validate, serve (wiring only for serve)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from uvicorn.protocols.http.h11_impl import H11Protocol
from typer.testing import CliRunner

from graph import build as graph_build
from graph.version import BuildVersion
from ltkg import cli

LEADS_26 = ("PREFIX ltkg: <https://ltkg.example.org/def/> SELECT ?party WHERE { "
            "<https://ltkg.example.org/id/action/langer-thuis-2.6> ltkg:lead ?party } ORDER BY ?party")


@pytest.fixture
def run(build_dir, monkeypatch):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("LTKG_SPARQL_ENDPOINT", raising=False)
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(cli.app, list(args), input=input)
        assert "Traceback" not in result.output
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
            repr(result.exception)
        return result
    return invoke


def test_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "validate", "query", "serve"):
        assert command in result.output
    for command in ("build", "validate", "query", "serve"):
        assert run(command, "--help").exit_code == 0


def test_query_table(run):
    result = run("query", LEADS_26)
    assert result.exit_code == 0
    for party in ("id:party/mezzo", "id:party/vng", "id:party/vws"):
        assert party in result.output


def test_query_json_and_csv(run):
    result = run("query", LEADS_26, "--format", "json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert [row["party"]["value"].rpartition("/")[2] for row in body["results"]["bindings"]] == ["mezzo", "vng", "vws"]
    result = run("query", LEADS_26, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["party"]] + [[f"https://ltkg.example.org/id/party/{p}"] for p in ("mezzo", "vng", "vws")]


def test_query_ask_construct_and_stdin(run):
    assert run("query", "ASK { ?s ?p ?o }").stdout.strip() == "true"
    turtle = run("query", "CONSTRUCT WHERE { <https://ltkg.example.org/id/party/vws> ?p ?o }").stdout
    assert "@prefix" in turtle and "Volksgezondheid" in turtle
    assert run("query", "-", input="ASK { ?s ?p ?o }").stdout.strip() == "true"


def test_query_named_with_parameters(run, tmp_path):
    result = run("query", "--named", "actions", "-p", "lead=bzk", "--format", "csv")
    assert result.exit_code == 0
    assert "langer-thuis-3.1" in result.stdout and "langer-thuis-2.6" not in result.stdout
    query_file = tmp_path / "q.rq"
    query_file.write_text(LEADS_26)
    assert "mezzo" in run("query", "--file", str(query_file), "--format", "csv").stdout


@pytest.mark.parametrize("args, message", [
    (("query", "SELECT ?x WHERE {"), "error"),
    (("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), "read-only"),
    (("query", "ASK {}", "--format", "xml"), "--format"),
    (("query",), "exactly one"),
    (("query", "--named", "no-such-query"), "no named query"),
    (("query", "--named", "actions", "-p", "lead=Not A Slug"), "lead"),
    (("query", "--named", "actions", "-p", "lead"), "NAME=VALUE"),
    (("query", "ASK {}", "-p", "a=b"), "--named"),
    (("query", "   "), "empty"),
])
def test_bad_input_is_a_message_and_exit_1(run, args, message):
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output


def test_query_without_a_build(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(tmp_path))
    result = run("query", "ASK {}")
    assert result.exit_code == 1 and "ltkg build" in result.output


class FakeBuild:
    """Stands in for graph.build, to test the command's wiring without building."""

    def __init__(self, fail: bool = False):
        self.fail = fail

    def build(self, progress=None):
        from graph.kg import BuildError

        progress("step one")
        progress("step two")
        if self.fail:
            raise BuildError(["plan.yaml:3: no such party 'xyz'", "plan.yaml:9: quote not found"])
        stamp = BuildVersion(version="0.1.0+0123456789ab", release="0.1.0", sha256="0123456789ab" + "0" * 52,
                             quads=12, triples=10, built="2026-01-01T00:00:00Z")
        accounting = {"plan": {"figures": {"stated": 8, "typed": 7, "omitted": 1, "unexplained": 0},
                               "names": {"found": 9, "cited": 5, "omitted": 4, "unexplained": 0}}}
        return type("Report", (), {"triples": 10, "quads": 12, "path": Path("/tmp/build/current/ltkg.nq"),
                                   "version": stamp, "accounting": accounting})()

    def validate(self, progress=None):
        progress("checking")
        return (not self.fail, "Conforms: False\n1 violation" if self.fail else "Conforms: True")


@pytest.mark.parametrize("fail", [False, True])
def test_build_and_validate(run, monkeypatch, fail):
    fake = FakeBuild(fail)
    monkeypatch.setattr(graph_build, "build", fake.build)
    monkeypatch.setattr(graph_build, "validate", fake.validate)
    built = run("build")
    validated = run("validate")
    if fail:
        assert built.exit_code == 1 and "no such party 'xyz'" in built.output and "2 problem(s)" in built.output
        assert validated.exit_code == 1 and "1 violation" in validated.output
    else:
        assert built.exit_code == 0 and "step two" in built.output and "10 triples in 12 quads" in built.output
        assert "version 0.1.0+0123456789ab" in built.output
        assert "plan: figures 7 typed + 1 left out of 8; names 5 cited + 4 not read of 9" in built.output
        assert validated.exit_code == 0 and "conforms" in validated.output and "checking" in validated.output


def test_unexpected_build_failure_is_a_message(run, monkeypatch):
    class Broken:
        def build(self, progress=None):
            raise KeyError("parties")

    monkeypatch.setattr(graph_build, "build", Broken().build)
    result = run("build")
    assert result.exit_code == 1 and "KeyError" in result.output and "unchanged" in result.output


def test_serve_starts_uvicorn_with_the_app(run, monkeypatch):
    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(app=app, **kw))
    result = run("serve", "--host", "0.0.0.0", "--port", "8123")
    assert result.exit_code == 0
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert seen["app"].title
    assert seen["access_log"] is True
    # h11, with a bound on the request line that still lets a URL over the app's limit reach it (414)
    assert issubclass(seen["http"], H11Protocol) and seen["h11_max_incomplete_event_size"] > seen["app"].state.settings.max_request_bytes
    assert run("serve", "--port", "0").exit_code != 0  # out of range: typer says so


def test_serve_without_access_log(run, monkeypatch):
    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(kw))
    assert run("serve", "--no-access-log").exit_code == 0
    assert seen["access_log"] is False
