"""Shared fixtures: PDFs generated from the bundled corpus by scripts/make_fixture_pdfs.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load_script


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Text-layer, scanned, mixed, encrypted, zero-page and truncated PDFs built from seed 004."""
    return load_script("make_fixture_pdfs").build_all(tmp_path_factory.mktemp("pdfs"))
