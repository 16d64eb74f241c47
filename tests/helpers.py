"""Paths and small measures shared by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEEDS = CORPORA / "seeds"
REAL_PDFS = CORPORA / "pdfs"


def load_script(name: str):
    """A module of scripts/ (the committed generators of test inputs), loaded by path."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def truth_pages(paths: dict[str, Path], name: str) -> list[str]:
    return paths[f"{name}.truth"].read_text(encoding="utf-8").split("\f")


def syllables(text: str) -> list[str]:
    """Whitespace tokens without surrounding punctuation: the unit of our error rates."""
    tokens = (regex.sub(r"^\p{P}+|\p{P}+$", "", t) for t in text.split())
    return [t for t in tokens if t]


def tesseract_ready() -> bool:
    if shutil.which("tesseract") is None:
        return False
    from egov_extract.errors import OcrUnavailableError
    from egov_extract.ingest.ocr import check_engine

    try:
        check_engine("vie")
    except OcrUnavailableError:
        return False
    return True
