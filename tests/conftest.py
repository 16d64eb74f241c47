"""Shared fixtures: PDFs generated from the bundled corpus by scripts/make_fixture_pdfs.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT


def _load_fixture_builder():
    spec = importlib.util.spec_from_file_location("make_fixture_pdfs", ROOT / "scripts" / "make_fixture_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Text-layer, scanned, mixed, encrypted, zero-page and truncated PDFs built from seed 004."""
    return _load_fixture_builder().build_all(tmp_path_factory.mktemp("pdfs"))
