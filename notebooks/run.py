"""Execute the notebooks in this folder top to bottom with nbclient.

    python notebooks/run.py                  # run every notebook in memory; exit 1 on the first error
    python notebooks/run.py --write          # run and save the outputs into the notebooks
    python notebooks/run.py audit_walkthrough.ipynb --write   # only the ones named

The kernel is always this interpreter (sys.executable): a `python3` kernelspec written into a
temporary folder is put first on JUPYTER_PATH, so a kernelspec installed elsewhere (a user's
~/.local/share/jupyter, another Python's) is never picked up. Each notebook runs with the
notebooks folder as its working directory, as when opened in Jupyter. Timings are not recorded,
and saving is refused when an output shows an absolute path of this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parent
ROOT = NOTEBOOKS.parent
KERNEL = "python3"
TIMEOUT = 300  # seconds per cell


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """os.environ[name] = value for as long as the context lasts (kernels inherit it)."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


@contextmanager
def current_interpreter_kernel() -> Iterator[str]:
    """Make the `python3` kernel run sys.executable for as long as the context lasts."""
    with tempfile.TemporaryDirectory(prefix="egov-kernels-") as tmp:
        spec = Path(tmp) / "kernels" / KERNEL
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        kernel = {"argv": argv, "display_name": "Python 3 (ipykernel)", "language": "python"}
        (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
        old = os.environ.get("JUPYTER_PATH")
        with _environment("JUPYTER_PATH", os.pathsep.join([tmp, old] if old else [tmp])):
            yield KERNEL


def execute(path: Path, timeout: int = TIMEOUT) -> nbformat.NotebookNode:
    """The notebook executed top to bottom; nbclient's CellExecutionError on the first failing cell.

    The kernel's TMPDIR is a folder deleted afterwards, so files the notebook writes there do not pile up."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="egov-notebook-") as scratch, _environment("TMPDIR", scratch), \
            current_interpreter_kernel() as kernel:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=kernel,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    return nb


def output_texts(nb: nbformat.NotebookNode) -> Iterator[tuple[int, str]]:
    """(cell index, text) of every output: streams, tracebacks, and text/plain, text/html, text/markdown data."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if "text" in output:
                yield index, output["text"]
            if "traceback" in output:
                yield index, "\n".join(output["traceback"])
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    yield index, value if isinstance(value, str) else "".join(value)


def local_paths(nb: nbformat.NotebookNode) -> list[str]:
    """Outputs that show where this machine keeps the repository, the home folder or temporary files."""
    places = {str(ROOT), str(Path.home()), str(Path(tempfile.gettempdir()).resolve()), tempfile.gettempdir()}
    places = {p.rstrip(os.sep) + os.sep for p in places if len(p) > 1}
    return [f"cell {i}: {p}" for i, text in output_texts(nb) for p in places if p in text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("--write", action="store_true", help="save the outputs into the notebooks")
    args = parser.parse_args(argv)
    paths = [p if p.is_absolute() or p.exists() else NOTEBOOKS / p for p in args.notebooks] or notebooks()
    for path in paths:
        name = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path.name
        started = time.perf_counter()
        try:
            nb = execute(path.resolve())
        except CellExecutionError as error:
            print(f"{name}: FAILED\n{error}", file=sys.stderr)
            return 1
        seconds = time.perf_counter() - started
        leaks = local_paths(nb)
        if leaks:
            print(f"{name}: outputs show local paths, not saved:\n  " + "\n  ".join(leaks), file=sys.stderr)
            return 1
        if args.write:
            nbformat.write(nb, path)
        print(f"{name}: ok in {seconds:.0f} s" + (", outputs saved" if args.write else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
