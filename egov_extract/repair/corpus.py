"""The training/held-out split of `corpora/`, by document (see corpora/split.json)."""

from __future__ import annotations

import json
from pathlib import Path

TEXT_FOLDERS = ("laws", "reports", "seeds")


def default_corpora() -> Path:
    """corpora/ of a source checkout (training runs from the repository, not from a wheel)."""
    return Path(__file__).resolve().parents[2] / "corpora"


def split(corpora: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(training documents, held-out documents); garbled seeds are in neither."""
    corpora = corpora or default_corpora()
    spec = json.loads((corpora / "split.json").read_text(encoding="utf-8"))
    heldout = set(spec["heldout"])
    excluded = set(spec["excluded"])
    train, held = [], []
    for folder in TEXT_FOLDERS:
        for path in sorted((corpora / folder).glob("*.txt")):
            rel = f"{folder}/{path.name}"
            if rel in excluded:
                continue
            (held if rel in heldout else train).append(path)
    return train, held
