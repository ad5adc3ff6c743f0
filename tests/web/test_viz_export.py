"""`ltkg viz`: a view as one standalone HTML file (ltkg/export.py), on the test fixture's build."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from ltkg import cli
from test_viz import external_references, view_data


@pytest.fixture
def viz(build_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("LTKG_SPARQL_ENDPOINT", raising=False)

    def invoke(*args):
        out = tmp_path / "view.html"
        result = CliRunner().invoke(cli.app, ["viz", *args, "-o", str(out)])
        assert "Traceback" not in result.output
        return result, out.read_text(encoding="utf-8") if out.exists() else None
    return invoke


@pytest.mark.parametrize("args,heading", [(["who-owns-what"], "Who owns what"),
                                          (["who-owns-what", "--programme", "langer-thuis"], "Programma Langer Thuis"),
                                          (["party", "vws", "--depth", "2"], "Ministerie van Volksgezondheid"),
                                          (["lineage"], "From Langer Thuis to")])
def test_export_is_one_standalone_file(viz, args, heading):
    result, html = viz(*args)
    assert result.exit_code == 0, result.output
    assert heading in html
    assert not re.search(r'(?:src|href)="/', html)  # nothing left to fetch from the site
    assert not external_references(html)
    assert "<style>" in html and "vis.Network" in html and "ltkgNetwork" in html  # vis-network and ours, inline
    assert 'data-standalone="true"' in html  # node clicks do not lead to pages that are not there
    assert view_data(html)["nodes"]


def test_coverage_is_exported_where_the_app_has_it(viz, client):
    result, html = viz("coverage")
    if client.get("/viz/coverage").status_code == 404:
        assert result.exit_code == 1 and "no view at /viz/coverage" in result.output
    else:
        assert result.exit_code == 0 and not re.search(r'(?:src|href)="/', html)


@pytest.mark.parametrize("args,message", [(["map"], "unknown view 'map'"), (["party"], "needs an id"),
                                          (["lineage", "x"], "takes no id"), (["party", "nobody"], "no party with id"),
                                          (["who-owns-what", "--programme", "nope"], "no programme with id 'nope'")])
def test_bad_input_is_a_message_and_exit_1(viz, args, message):
    result, html = viz(*args)
    assert result.exit_code == 1 and message in " ".join(result.output.split()) and html is None
