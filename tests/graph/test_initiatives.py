"""The register of named initiatives (graph/data/initiatives.yaml), structured amounts, and the 2024
report's comparison (graph/data/eindverslag-2024-comparison.yaml): what the build makes of them and the
checks that keep the curation honest (file:line on every problem)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build import assemble
from graph.kg import BuildError
from graph.ns import ID
from graph.settings import DATA_DIR
from plan2018_fixtures import PREFIXES, built

EINDVERSLAG = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
MORE = f"PREFIX initiative: <{ID}initiative/>\n"


class Union:
    """Queries over the union of the build's graphs (as the API asks); IRIs of this graph as 'kind/slug'."""

    def __init__(self, store):
        self.store = store

    def select(self, query: str) -> list[dict]:
        result = self.store.query(PREFIXES + MORE + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: (None if row[n] is None else row[n].value.removeprefix(ID)) for n in names} for row in result]

    def ask(self, query: str) -> bool:
        return bool(self.store.query(PREFIXES + MORE + query, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def b():
    return Union(built().store)


def test_every_initiative_has_one_kind_and_regulations_are_those_of_a_regulation_kind(b):
    rows = b.select("""SELECT ?i (COUNT(DISTINCT ?k) AS ?n) WHERE { ?i a ltkg:Initiative .
                                                                  OPTIONAL { ?i org:classification ?k } } GROUP BY ?i""")
    assert len(rows) >= 115 and {r["n"] for r in rows} == {"1"}
    regulations = b.select("SELECT ?i ?k WHERE { ?i a ltkg:Regulation ; org:classification ?k }")
    kinds = {r["k"].split("/")[-1] for r in regulations}
    assert kinds <= {"law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant"}
    assert not b.ask("""ASK { ?i a ltkg:Initiative ; org:classification ?k . ?k skos:inScheme ltkg:regulationKinds .
                             FILTER NOT EXISTS { ?i a ltkg:Regulation } }""")


def test_mentions_are_cited_and_spellings_recorded_where_they_stand(b):
    rows = b.select("""SELECT ?by ?line WHERE { GRAPH ?g { ?by ltkg:mentions initiative:regiokracht }
                                               GRAPH ?p { ?g ltkg:firstLine ?line } }""")
    assert {(r["by"], r["line"]) for r in rows} >= {("action/wozo-3.5", "263"), ("action/wozo-3.4", "253")}
    assert b.ask('ASK { GRAPH ?g { initiative:regiokracht skos:altLabel "Waardigheid en Trots in de regio"@nl } '
                 'GRAPH ?p { ?g ltkg:firstLine 263 } }')
    # every ltkg:mentions and ltkg:runBy triple lives in a citation's graph
    assert not b.ask("ASK { GRAPH ?g { ?s ltkg:mentions|ltkg:runBy|ltkg:fundedBy|ltkg:scalesUp ?o } "
                     "FILTER NOT EXISTS { ?g a ltkg:Citation } }")


def test_amounts_say_per_year_or_total_and_their_years(b):
    rows = b.select("""SELECT ?text ?basis ?from ?to ?stated WHERE { ?c ltkg:amount ?a .
        ?a ltkg:amountText ?text ; ltkg:basis ?basis ; ltkg:yearsStated ?stated .
        OPTIONAL { ?a ltkg:fromYear ?from } OPTIONAL { ?a ltkg:toYear ?to } }""")
    by_text = {r["text"]: (r["basis"], r.get("from"), r.get("to"), r["stated"]) for r in rows}
    assert by_text["€ 150 mln"] == ("total", "2023", "2026", "true")
    assert by_text["€ 40 mln per jaar"] == ("per-year", None, None, "false")
    assert by_text["€ 26,7 mln."] == ("total", "2024", "2024", "true")
    assert by_text["maximaal € 10.000 euro"][0] == "per-unit"
    per_year = b.select("""SELECT ?text WHERE { ?c ltkg:amount ?a . ?a ltkg:basis "per-year" ; ltkg:amountText ?text }""")
    assert "€ 150 mln" not in {r["text"] for r in per_year}  # a total never compares with a yearly amount


def test_the_comparison_cells_are_the_reports_words_and_the_columns_the_editors_reading(b):
    statements = b.select("""SELECT ?cell ?g WHERE {{ GRAPH ?g {{ ?cell ltkg:statement ?s }} ?cell a ltkg:ComparisonCell }}""")
    assert len(statements) >= 100
    assert all(r["g"].startswith("citation/" + EINDVERSLAG) for r in statements)
    columns = b.select("SELECT ?cell ?g WHERE { GRAPH ?g { ?cell ltkg:programme ?p } ?cell a ltkg:ComparisonCell }")
    assert columns and all(r["g"].startswith("editorial/comparison-reading-") for r in columns)
    assert b.ask("ASK { <https://ltkg.example.org/id/comparison-cell/overig-wozo> ltkg:mentions initiative:waardigheid-en-trots }")


@pytest.fixture()
def forged(tmp_path):
    """A copy of graph/data, one file of which a test edits."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)

    def edit(name: str, old: str, new: str) -> Path:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        return data
    return edit


@pytest.mark.parametrize("name, old, new, message", [
    ("eindverslag-2024-comparison.yaml", "mentions: [Wkkgz]", "mentions: [Wkkgz2]", "is not in the statement"),
    ("eindverslag-2024-comparison.yaml", "- {lines: [1360, 1361], mentions: [Wkkgz]}",
     "- {lines: [1360, 1361], mentions: [Wkkgz, Aanpassing]}", "unknown initiative name 'Aanpassing'"),
    ("eindverslag-2024-comparison.yaml", "      taz:\n        - {lines: [1360, 1361]", "      tax:\n        - {lines: [1360, 1361]",
     "column 'tax' is not one of"),
    ("initiatives.yaml", '{names: ["Platform31"], source: {doc: "2024-wozo-voortgangsrapportage", lines: 327',
     '{names: ["Platform 32"], source: {doc: "2024-wozo-voortgangsrapportage", lines: 327', "unknown party name 'Platform 32'"),
    ("initiatives.yaml", 'by: "action/wozo-5.7", name: "levensreizen"', 'by: "action/wozo-5.9", name: "levensreizen"',
     "no action 'wozo-5.9'"),
    ("initiatives.yaml", 'name: "Zorg van Nu", source:', 'name: "Zorg van Straks", source:', "'Zorg van Straks' is not in the quote"),
    ("initiatives.yaml", "    type: motion\n    names: [\"motie Slagt", "    type: petition\n    names: [\"motie Slagt",
     "has kind 'petition'"),
    ("initiatives.yaml", 'period: {text: "2023-2026", from: 2023, to: 2026', 'period: {text: "2023-2026", from: 2023, to: 2027',
     "year 2027 is not in the period"),
    ("wozo-2024.yaml", 'amount: "€ 150 mln"\n        per: total', 'amount: "€ 150 mln"\n        per: yearly',
     "per 'yearly' must be one of"),
    ("wozo-2024.yaml", "years: [2023, 2026]", "years: [2023, 2027]", "year 2027 is not in the quote"),
    ("letter-2018.yaml", "amountText: \"€ 68 miljoen\"\n        per: total\n        years: 2018",
     "amountText: \"€ 68 miljoen\"\n        per: total", "missing key 'years'"),
])
def test_bad_curation_stops_the_build_with_file_and_line(forged, name, old, new, message):
    data = forged(name, old, new)
    with pytest.raises(Exception) as error:
        assemble(data_dir=data)
    assert message in str(error.value)
    assert f"{name}:" in str(error.value) or "initiatives.yaml:" in str(error.value)
