"""Links to outside registers (graph/registers.py, graph/data/register-links.yaml): every linked party and law
as the real build states it, the traps left without links, the build's check against the snapshot, and the
review of a new snapshot by `ltkg links`."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import registers
from graph.build import BuildError, assemble
from graph.ns import ID
from graph.settings import DATA_DIR, REFERENCE_DIR, SOURCES_DIR
from plan2018_fixtures import PREFIXES as BASE_PREFIXES, built

TOOI = "https://identifier.overheid.nl/tooi/id/"
WD = "http://www.wikidata.org/entity/"
# party: (register row, TOOI IRI (after TOOI), Wikidata item, OIN, KvK), as graph/reference's snapshot has them
PARTIES = {
    "vws": ("org:min-vws", "ministerie/mnre1025", "Q1056190", "00000002003182447001", "52511170"),
    "bzk": ("org:min-bzk", "ministerie/mnre1034", "Q2491421", "00000001003214345000", "50200097"),
    "szw": ("org:min-szw", "ministerie/mnre1073", "Q1049328", "00000001003227522000", "27365117"),
    "minister-vro": ("org:min-vro", "ministerie/mnre1171", "Q95543594", "00000003949278630000", "94927863"),
    "nza": ("org:zbo-nza", "zbo/zb000158", None, None, None),
    "zonmw": ("org:zbo-zonmw", "zbo/zb000112", None, None, None),
    "zorginstituut-nederland": ("org:zbo-zinl", "zbo/zb000114", None, "00000001001900584000", "34340664"),
    "rivm": ("org:agentschap-rivm-min-vws", "oorg/oorg10123", None, "00000004000000062000", None),
    "igj": ("org:inspectie-igj", "oorg/oorg12354", None, None, None),  # its register OIN is malformed, its KvK VWS's
    "rvo": ("org:agentschap-rvo", "oorg/oorg10005", None, "00000003273785290000", "27378529"),
    "scp": ("org:onderdeel-scp", None, None, "00000004000000053000", None),
    "ser": ("org:zbo-ser", "oorg/oorg10223", None, None, "27363950"),
    "gemeente-amsterdam": ("org:gemeente-amsterdam", "gemeente/gm0363", "Q9899", "00000001002564440000", "34366966"),
    "gemeente-amstelveen": ("org:gemeente-amstelveen", "gemeente/gm0362", "Q9898", "00000001001900663000",
                            "34365024"),
    "gemeente-rotterdam": ("org:gemeente-rotterdam", "gemeente/gm0599", "Q2680952", "00000001001876387000",
                           "24483298"),
    "gemeente-s-hertogenbosch": ("org:gemeente-den-bosch", "gemeente/gm0796", "Q9807", "00000001001709124000",
                                 "17278704"),
}
LAWS = {"wmo-2015": "BWBR0035362", "wlz": "BWBR0035917", "wpg": "BWBR0024705", "jeugdwet": "BWBR0034925",
        "wkkgz": "BWBR0037173", "zvw": "BWBR0018450"}
# Parties and laws that must have no link: an abbreviation that collides (RvO is not RVO), associations and
# foundations (not government organisations), bodies the register does not have, collectives, a law without a
# corroborated BWB id.
TRAPS = ["party/raad-van-ouderen", "party/vng", "party/actiz", "party/zn", "party/aedes", "party/vilans",
         "party/college-van-rijksadviseurs", "party/kwaliteitsraad", "party/stichting-van-de-arbeid",
         "party/gemeenten", "party/ggd-en", "party/universiteit-maastricht", "initiative/wegiz"]
PREFIXES = "PREFIX schema: <http://schema.org/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
LINK_GRAPH = """GRAPH ?g {{ {s} {p} ?o }} ?g a ltkg:EditorialAssertion ; ltkg:rationale ?why ;
                prov:wasDerivedFrom ?snapshot . ?snapshot a ltkg:RegisterSnapshot ."""


def _id(path: str) -> str:
    return f"<{ID}{path}>"


def _select(query: str) -> list[dict]:
    """Rows over the union of the build's graphs (as the API asks); IRIs of this graph as 'kind/slug'."""
    result = built().store.query(BASE_PREFIXES + PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: (None if row[n] is None else row[n].value.removeprefix(ID)) for n in names} for row in result]


def _ask(query: str) -> bool:
    return bool(built().store.query(BASE_PREFIXES + PREFIXES + query, use_default_graph_as_union=True))


def _values(subject: str, prop: str) -> set[str]:
    rows = _select(f"SELECT ?o ?why WHERE {{ {LINK_GRAPH.format(s=subject, p=prop)} }}")
    return {row["o"] for row in rows}


@pytest.mark.parametrize("party", sorted(PARTIES))
def test_every_linked_party_has_its_register_ids_in_an_editorial_graph(party):
    row, tooi, wikidata, oin, kvk = PARTIES[party]
    subject = _id(f"party/{party}")
    same = _values(subject, "schema:sameAs")
    assert same == {TOOI + tooi if tooi else None, WD + wikidata if wikidata else None} - {None}
    assert _values(subject, "ltkg:oin") == ({oin} if oin else set())
    assert _values(subject, "ltkg:kvkNumber") == ({kvk} if kvk else set())
    assert _values(subject, "dcterms:identifier") == {oin, kvk} - {None}
    rationale = _select(f"SELECT ?why WHERE {{ GRAPH {_id(f'editorial/register-link-party-{party}')} "
                        f"{{ {subject} ?p ?o }} {_id(f'editorial/register-link-party-{party}')} ltkg:rationale ?why }}")
    assert rationale and f"row {row};" in rationale[0]["why"] and "snapshot of 2026-05-19" in rationale[0]["why"]
    assert "matched name:" in rationale[0]["why"]


@pytest.mark.parametrize("law", sorted(LAWS))
def test_every_linked_law_has_its_bwb_id_lido_iri_and_wetten_address(law):
    bwb, subject = LAWS[law], _id(f"initiative/{law}")
    assert _values(subject, "schema:sameAs") == {f"http://linkeddata.overheid.nl/terms/bwb/id/{bwb}"}
    assert _values(subject, "foaf:page") == {f"https://wetten.overheid.nl/{bwb}"}
    assert _values(subject, "ltkg:bwbId") == _values(subject, "dcterms:identifier") == {bwb}


@pytest.mark.parametrize("entity", TRAPS)
def test_traps_have_no_link(entity):
    assert _ask(f"ASK {{ {_id(entity)} ?p ?o }}"), f"{entity} is not in the graph"
    assert not _ask(f"ASK {{ {_id(entity)} schema:sameAs|dcterms:identifier|foaf:page ?o }}")


def test_nothing_else_is_linked():
    rows = _select("SELECT DISTINCT ?s WHERE { ?s schema:sameAs|dcterms:identifier ?o . ?s a ltkg:Party }")
    assert {row["s"] for row in rows} == {f"party/{p}" for p in PARTIES}


@pytest.mark.parametrize("subject, name", [
    ("party/rivm", "Rijksinstituut voor Volksgezondheid en Milieu"),
    ("party/igj", "Inspectie Gezondheidszorg en Jeugd"),
    ("party/zorginstituut-nederland", "ZiNL"),
    ("initiative/wkkgz", "Wet kwaliteit, klachten en geschillen zorg"),
])
def test_register_names_are_alternative_names_marked_as_from_the_register(subject, name):
    rows = _select(f"""SELECT ?snapshot ?licence WHERE {{ GRAPH ?g {{ {_id(subject)} skos:altLabel "{name}"@nl }}
        ?g prov:wasDerivedFrom ?snapshot . ?snapshot a ltkg:RegisterSnapshot ; dcterms:license ?licence }}""")
    assert rows and rows[0]["licence"] == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_a_register_name_that_is_not_the_partys_is_not_adopted():
    """The SER's row also names 'Sociaal-economische en ruimtelijke statistieken', which is not the council."""
    assert not _ask('ASK { ?s skos:altLabel "Sociaal-economische en ruimtelijke statistieken"@nl }')
    assert _ask(f'ASK {{ {_id("party/ser")} skos:altLabel "Sociaal-Economische Raad"@nl }}')


# -- the build's check against the snapshot ---------------------------------------------------------------------
def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """One assemble over a copy of graph/data whose register links name ids the snapshot does not have."""
    data = tmp_path_factory.mktemp("forged-links") / "data"
    shutil.copytree(DATA_DIR, data)
    links = data / "register-links.yaml"
    text = links.read_text(encoding="utf-8")
    text = text.replace("ministerie/mnre1025", "ministerie/mnre9999", 1)  # VWS: a TOOI IRI the register lacks
    text = text.replace("register_id: org:zbo-nza", "register_id: org:zbo-nza-2", 1)  # a row it lacks
    text = text.replace("bwb: BWBR0035917", "bwb: BWBR0099999", 1)  # Wlz: a BWB id laws.csv lacks
    links.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        assemble(sources_dir=SOURCES_DIR, data_dir=data)
    return error.value.problems, links


@pytest.mark.parametrize("forgery, needle", [("mnre9999", "ministerie/mnre9999"), ("org:zbo-nza-2", "org:zbo-nza-2"),
                                             ("BWBR0099999", "BWBR0099999")])
def test_an_id_not_in_the_snapshot_stops_the_build_with_file_and_line(forged, forgery, needle):
    problems, links = forged
    line = _line_of(links, forgery)
    entry_start = max(n for n, text in enumerate(links.read_text().splitlines(), 1)
                      if n <= line and text.lstrip().startswith("- "))
    assert any(p.startswith(f"register-links.yaml:{entry_start}:") and needle in p for p in problems), problems


def test_only_the_forged_links_are_reported(forged):
    problems, _ = forged
    assert len(problems) == 3, problems


# -- `ltkg links`: candidates and a new snapshot --------------------------------------------------------------
def test_proposals_keep_the_case_of_abbreviations_and_skip_rejected_pairs():
    snapshot = registers.Snapshot.read(REFERENCE_DIR)
    links = registers.Links(DATA_DIR / "register-links.yaml")
    names = registers.entities(DATA_DIR)
    assert registers.propose(snapshot, links, names) == []  # every candidate is linked or rejected
    links.links.clear()
    links.rejected.clear()
    found = {(c.slug, c.row) for c in registers.propose(snapshot, links, names)}
    assert ("rvo", "org:agentschap-rvo") in found and ("rivm", "org:agentschap-rivm-min-vws") not in found
    assert ("raad-van-ouderen", "org:agentschap-rvo") not in found  # "RvO" is not "RVO"
    assert ("vng", "org:koepel-vng") in found  # why the editors' rejection is kept in the curated file
    assert ("wlz", "BWBR0035917") in found


def _new_snapshot(tmp_path: Path) -> Path:
    """A copy of the snapshot in which VWS has another TOOI IRI, the NZa's row is gone and SCP has a Wikidata item."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    path = folder / "government-organisations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["register_id"] == "org:min-vws":
            row["tooi"] = TOOI + "ministerie/mnre2025"
        if row["register_id"] == "org:onderdeel-scp":
            row["wikidata"] = "Q2311024"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(row for row in rows if row["register_id"] != "org:zbo-nza")
    return folder


def test_ltkg_links_reports_what_a_new_snapshot_changed_or_dropped(tmp_path):
    from ltkg.cli import app

    result = CliRunner().invoke(app, ["links", "--reference", str(_new_snapshot(tmp_path))])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "changed register-links.yaml:" in out and "party vws: tooi " + TOOI + "ministerie/mnre1025 -> " in out
    assert "gone register-links.yaml:" in out and "party nza: org:zbo-nza is no longer in the register" in out
    assert "new register-links.yaml:" in out and "party scp: the register now has wikidata Q2311024" in out
    assert "2 link(s) changed or disappeared" in out


def test_ltkg_links_on_the_current_snapshot_finds_nothing_to_change():
    from ltkg.cli import app

    result = CliRunner().invoke(app, ["links"])
    assert result.exit_code == 0, result.output
    assert "0 candidate links" in result.output
