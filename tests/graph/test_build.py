"""The build as a whole: fidelity errors with file:line, determinism, SHACL, and keeping the last good build.

Forged inputs are copies of graph/data and graph/sources in a temporary dir, passed to
graph.build.assemble(sources_dir=..., data_dir=...); the real files are never touched.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import graph.build as build_module
from graph.build import BuildError, assemble, build
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Editorial, Sources
from graph.settings import DATA_DIR, ROOT, SOURCES_DIR, Settings
from plan2018_fixtures import built

PLAN_TXT = "2018-langer-thuis-plan-van-aanpak.txt"


def _replace_once(path: Path, old: str, new: str) -> int:
    """Replace old by new in path (exactly one occurrence); returns the 1-based line where it stood."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected {old!r} once"
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


@dataclass
class Forged:
    problems: list[str]
    quote_line: int  # line of the forged quote in plan-2018.yaml
    name_line: int  # line of the source of the entry with an unknown party name in plan-2018.yaml


@pytest.fixture(scope="module")
def forged(tmp_path_factory) -> Forged:
    """One assemble over copies with three forgeries; all three problems must be reported together."""
    root = tmp_path_factory.mktemp("forged")
    data, sources = root / "data", root / "sources"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SOURCES_DIR, sources)
    plan_yaml = data / "plan-2018.yaml"
    # 1. a quote that is not in its line (action 3.2, plan line 809)
    quote_line = _replace_once(plan_yaml, '{lines: 809, quote: "**VNG** is hiervoor verantwoordelijk."}',
                               '{lines: 809, quote: "**VNG** is hiervoor niet verantwoordelijk."}')
    # 2. a party name the register does not know (action 3.3, plan line 819)
    name_line = 1 + _replace_once(plan_yaml, '    parties: [VWS, BZK]\n    source: {lines: 819,',
                                  '    parties: [VWS, Ministerie van Wonen]\n    source: {lines: 819,')
    # 3. an unknown name in a Trekker cell (action 1.1, plan line 198)
    assert _replace_once(sources / PLAN_TXT, "Mijlpaal: Netwerk start 2019\tKbo-Pcob\n",
                         "Mijlpaal: Netwerk start 2019\tKbo-Pcob Nederland\n") == 198
    with pytest.raises(BuildError) as error:
        assemble(sources_dir=sources, data_dir=data)
    return Forged(error.value.problems, quote_line, name_line)


def test_forged_quote_fails_with_file_and_line(forged):
    expected = f"plan-2018.yaml:{forged.quote_line}: quote not found in 2018-langer-thuis-plan-van-aanpak lines 809-809"
    assert any(problem.startswith(expected) for problem in forged.problems), forged.problems


def test_unknown_party_in_curated_yaml_fails_with_file_and_line(forged):
    expected = f"plan-2018.yaml:{forged.name_line}: unknown party name 'Ministerie van Wonen'"
    assert any(problem.startswith(expected) for problem in forged.problems), forged.problems


def test_unknown_party_in_trekker_cell_fails_with_file_and_line(forged):
    expected = f"{PLAN_TXT}:198: unknown party name 'Kbo-Pcob Nederland'"
    assert any(problem.startswith(expected) for problem in forged.problems), forged.problems


def test_only_the_forgeries_are_reported(forged):
    distinct = set(forged.problems)
    assert len(distinct) == 3, distinct
    assert all(":" in problem.split(" ", 1)[0] for problem in distinct)  # each starts with file:line


def test_build_is_deterministic_across_processes(tmp_path):
    """A second build in a fresh interpreter with another hash seed gives byte-identical N-Quads."""
    first = built().dump.read_bytes()
    seed = "17" if os.environ.get("PYTHONHASHSEED") == "4242" else "4242"
    env = dict(os.environ, PYTHONHASHSEED=seed)
    script = ("import sys; from pathlib import Path; from graph.build import build; from graph.settings import Settings; "
              "build(config=Settings(build_dir=Path(sys.argv[1])))")
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, env=env, check=True, timeout=300)
    second = (tmp_path / "current" / "ltkg.nq").read_bytes()
    assert first == second
    assert not list(tmp_path.glob("next-*")) and not (tmp_path / "previous").exists()


@pytest.fixture
def last_good(tmp_path) -> tuple[Settings, bytes]:
    """A build dir whose current/ is a copy of the session's good build."""
    shutil.copytree(built().build_dir / "current", tmp_path / "current")
    config = Settings(build_dir=tmp_path)
    return config, config.dump_path.read_bytes()


def _unchanged(config: Settings, before: bytes) -> None:
    assert config.dump_path.read_bytes() == before
    assert (config.store_path).is_dir()
    assert not list(config.build_dir.glob("next-*")), "a staging dir was left behind"


def test_failed_assembly_leaves_last_good_build(last_good, forged, monkeypatch):
    config, before = last_good

    def failing(progress=lambda _: None, **_):
        raise BuildError(forged.problems)

    monkeypatch.setattr(build_module, "assemble", failing)
    with pytest.raises(BuildError):
        build(config=config)
    _unchanged(config, before)


def test_shacl_violation_fails_the_build_and_leaves_last_good_build(last_good, monkeypatch):
    config, before = last_good
    real = build_module.assemble

    def with_violation(progress=lambda _: None, **dirs):
        kg = real(progress, **dirs)
        # ltkg:discussedIn must point at a ltkg:GovernanceBody (ontology/shapes.ttl); VWS is a party
        kg.add(iri("action", "langer-thuis-1.5"), LTKG.discussedIn, iri("party", "vws"),
               Editorial("test-forged-discussion", "A forged statement to trigger a SHACL violation."))
        return kg

    monkeypatch.setattr(build_module, "assemble", with_violation)
    with pytest.raises(BuildError) as error:
        build(config=config)
    report = str(error.value)
    assert report.startswith("SHACL:")
    assert "Conforms: False" in report
    assert "langer-thuis-1.5" in report and "discussedIn" in report
    _unchanged(config, before)


def test_failure_while_writing_removes_staging_and_keeps_last_good_build(last_good, monkeypatch):
    config, before = last_good
    monkeypatch.setattr(build_module, "assemble", lambda progress=lambda _: None, **_: KG(Sources(SOURCES_DIR)))
    monkeypatch.setattr(build_module.retired, "check", lambda *_: {})  # the empty graph's ids are not the point

    def disk_full(_kg):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "nquads", disk_full)
    with pytest.raises(OSError, match="disk full"):
        build(config=config)
    _unchanged(config, before)


def test_session_build_passed_shacl_and_is_in_place():
    """build() raises on a SHACL violation, so a session build that returned conforms to the shapes."""
    session = built()
    assert session.report.path == session.dump and session.dump.is_file()
    assert (session.build_dir / "current" / "store").is_dir()
    assert len(session.store) == session.report.quads > 4000


def test_a_range_of_months_is_no_single_date():
    from graph.dates import stated_date
    assert stated_date("concept opdracht team november/december 2018.") is None
    assert stated_date("van april-mei 2019") is None
    assert str(stated_date("in december 2018")) == "2018-12"
