"""Every notebook in notebooks/ runs top to bottom with nbclient, in this interpreter's kernel.

The runner (notebooks/run.py, also `python notebooks/run.py --write` to refresh the saved outputs)
writes a temporary `python3` kernelspec for sys.executable and puts it first on JUPYTER_PATH, so a
kernelspec installed for another Python is never used.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

from tests.helpers import ROOT, SEEDS


def _load_runner():
    spec = importlib.util.spec_from_file_location("notebooks_run", ROOT / "notebooks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


run = _load_runner()
NOTEBOOKS = run.notebooks()
WALKTHROUGH = ROOT / "notebooks" / "audit_walkthrough.ipynb"


@pytest.fixture(scope="module")
def executed() -> dict[Path, nbformat.NotebookNode]:
    """Each notebook executed once, shared by the tests below (nbclient raises on a failing cell)."""
    return {path: run.execute(path) for path in NOTEBOOKS}


def _outputs(cell) -> str:
    return "\n".join(text for _, text in run.output_texts(nbformat.v4.new_notebook(cells=[cell])))


def test_the_walkthrough_is_there():
    assert WALKTHROUGH in NOTEBOOKS


def test_kernel_is_this_interpreter():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable); print(sys.prefix)")])
    with run.current_interpreter_kernel() as kernel:
        from nbclient import NotebookClient

        NotebookClient(nb, timeout=60, kernel_name=kernel, record_timing=False).execute()
    assert nb.cells[0].outputs[0].text.split() == [sys.executable, sys.prefix]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean(executed, path):
    nb = executed[path]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "every code cell ran"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    assert not run.local_paths(nb), "outputs show paths of this machine"


def test_saved_outputs_are_committed():
    """The notebooks are kept with their outputs, so they read on GitHub (`notebooks/run.py --write`)."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count is not None for c in code), f"{path.name}: run `python notebooks/run.py --write`"
        assert not run.local_paths(nb), f"{path.name}: saved outputs show paths of this machine"


def test_walkthrough_shows_the_audit(executed):
    """The reconcile section shows every finding's check, and the count, of an Audit computed here."""
    import egov_extract
    from egov_extract.extract import extract_document
    from egov_extract.reconcile import reconcile

    nb = executed[WALKTHROUGH]
    cell = next(c for c in nb.cells if c.cell_type == "code" and "reconcile(reports)" in c.source)
    shown = _outputs(cell)
    assert shown.strip(), "the reconcile section produced no output"

    documents = [egov_extract.ingest(p) for p in sorted(SEEDS.glob("*.txt"))]
    audit = reconcile([extract_document(d, egov_extract.repair_document(d)) for d in documents])
    count = f"{len(audit.findings)} findings in {len(audit.reports)} reports"
    assert count in shown, f"expected {count!r} in the reconcile output:\n{shown[:500]}"
    missing = sorted({f.check for f in audit.findings if f.check not in shown})
    assert not missing, f"checks of the audit not in the findings table: {missing}"
