"""The notebooks (notebooks/*.ipynb) run from top to bottom on the embedded store of a real build, with no
server, executed by nbclient on the venv's python3 kernel (ipykernel); a failing cell, including any of the
assertions that check what each notebook shows, fails the test. Outputs are never committed."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from graph.settings import ROOT
from tests.plan2018_fixtures import built

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def test_the_four_notebooks_are_there():
    assert [p.stem for p in NOTEBOOKS] == ["01-who-leads-what", "02-white-spots", "03-party-network",
                                           "04-fact-to-source"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebooks_have_no_outputs(path):
    """Stripped as nbstripout strips them: no outputs, no execution counts."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: {cell.id} has output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    monkeypatch.setenv("LTKG_BUILD_DIR", str(built().build_dir))  # the kernel inherits the environment
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    shown = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in shown if o.output_type == "error"]
    assert any(o.output_type == "stream" for o in shown), "the notebook shows its answers"
    kinds = {kind for o in shown for kind in o.get("data", {})}
    if path.stem == "02-white-spots":
        assert "image/png" in kinds  # the coverage matrix as a plot
    if path.stem == "03-party-network":
        assert "text/html" in kinds  # the pyvis view in line


def test_the_in_line_network_view_renders_offline(browser):
    """The pyvis page the party-network notebook shows draws its network with nothing fetched from outside."""
    from pyvis.network import Network

    from browser import Watched
    from api.sparql.notebook import OfflinePage

    view = Network(height="300px", width="100%", notebook=True, cdn_resources="in_line")
    view.add_node("vws", label="VWS")
    view.add_node("vng", label="VNG")
    view.add_edge("vws", "vng", value=3)
    page = OfflinePage(view)
    assert "<iframe srcdoc=" in page._repr_html_()
    context = browser.new_context(viewport={"width": 800, "height": 400})
    watched = Watched(context)
    try:
        watched.page.set_content(page.html, wait_until="load")
        watched.page.wait_for_selector("canvas")
    finally:
        context.close()
    watched.check()
