"""Every notebook's code cells run, in order, against a real build (no Jupyter needed)."""
from __future__ import annotations

import json

import pytest

from ltkg.settings import ROOT
from tests.plan2018_fixtures import built

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch, capsys):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(built().build_dir))
    namespace: dict = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{path.name}:{cell['id']}", "exec"), namespace)
    assert "rows)" in capsys.readouterr().out
