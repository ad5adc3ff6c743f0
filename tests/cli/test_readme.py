"""The README: its SPARQL examples run against the real build and answer something; its generated blocks
(counts per kind and per document, the cookbook) are what `ltkg readme` makes from a fresh build; its Python
examples run as written (SPARQLWrapper against a live server, rdflib on the dump)."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from graph.settings import ROOT
from ltkg.cli import app
from ltkg.readme import update
from tests.plan2018_fixtures import built

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```", README, re.S)
PYTHON = re.findall(r"```python\n(.*?)```", README, re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 5


def test_readme_examples_give_the_documented_answers():
    """The computed white spots and the actions the final report is silent on, as the README discusses."""
    store = built().store
    themes = {row["theme"].value for row in store.query(EXAMPLES[3], use_default_graph_as_union=True)}
    assert themes == {"Hulpmiddelen", "Palliatief terminale zorg", "Plaats de zorgvraag in de juiste context",
                      "Urgentiebesef en oplossend vermogen"}
    silent = [row["notation"].value for row in store.query(EXAMPLES[4], use_default_graph_as_union=True)]
    assert len(silent) == len(set(silent)) == 19 and "1.4" in silent and "2.6" not in silent


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_readme_example_answers(query):
    store = built().store
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert rows, f"no answer for:\n{query}"


def test_the_generated_blocks_are_current():
    """Counts and cookbook, regenerated from a fresh build, are what README.md says (else: `ltkg readme`)."""
    assert "<!-- BEGIN counts (ltkg readme) -->" in README and "<!-- BEGIN cookbook (ltkg readme) -->" in README
    assert update(README, built().store) == README


def test_the_counts_are_the_builds():
    block = README.split("<!-- BEGIN counts (ltkg readme) -->")[1].split("<!-- END counts -->")[0]
    actions = len({row["a"].value for row in built().store.query(
        "SELECT ?a WHERE { GRAPH ?g { ?a a <https://ltkg.example.org/def/Action> } }")})
    assert f"| action | `ltkg:Action` | {actions:,} |" in block
    assert f"{len(built().store):,} quads in all" in block
    assert "| `2018-langer-thuis-plan-van-aanpak` |" in block


def test_ltkg_readme_rewrites_and_checks(tmp_path, monkeypatch):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(built().build_dir))
    stale = tmp_path / "README.md"
    stale.write_text(re.sub(r"(<!-- BEGIN counts \(ltkg readme\) -->\n).*?(<!-- END counts -->)", r"\1| stale |\n\2",
                            README, flags=re.S), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["readme", "--check", "--path", str(stale)])
    assert checked.exit_code == 1 and "stale" in checked.output
    assert runner.invoke(app, ["readme", "--path", str(stale)]).exit_code == 0
    assert stale.read_text(encoding="utf-8") == README
    assert runner.invoke(app, ["readme", "--check", "--path", str(stale)]).exit_code == 0


def test_the_sparqlwrapper_example_runs(site, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    snippet = next(code for code in PYTHON if "SPARQLWrapper" in code)
    exec(compile(snippet.replace("http://127.0.0.1:8000", site), "README.md", "exec"), {})
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in capsys.readouterr().out


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own, from its Dataset
def test_the_rdflib_example_runs(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    snippet = next(code for code in PYTHON if "from rdflib" in code)
    exec(compile(snippet.replace("build/current/ltkg.nq", str(built().dump)), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "https://ltkg.example.org/def/lead https://ltkg.example.org/id/party/vws 244" in out
