"""JSON Schemas for every public record, generated from the pydantic models, never by hand.

`python -m egov_extract.schemas [DIR]` (or `egov-extract schemas`) writes them; the test suite
fails when a committed schema is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .datamodel import (
    Audit,
    Evidence,
    FileNotRead,
    Finding,
    AgencyItem,
    AgencyList,
    Change,
    Citation,
    DateMention,
    Document,
    Indicator,
    Page,
    PageError,
    PercentCheck,
    Quote,
    Record,
    RepairedDocument,
    RepairResult,
    RepairStats,
    SuspectNumber,
    Report,
    ReportMeta,
    Span,
)

PUBLIC_RECORDS: tuple[type[Record], ...] = (
    Document,
    Page,
    PageError,
    Span,
    Change,
    RepairStats,
    SuspectNumber,
    RepairResult,
    RepairedDocument,
    Quote,
    Citation,
    Indicator,
    DateMention,
    AgencyItem,
    AgencyList,
    ReportMeta,
    Report,
    Evidence,
    Finding,
    Audit,
    FileNotRead,
    PercentCheck,
)


def render_schemas() -> dict[str, str]:
    """File name -> schema text for every public record, deterministic."""
    out = {}
    for model in PUBLIC_RECORDS:
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"egov_extract/{model.__name__}.schema.json"
        out[f"{model.__name__}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every schema into `directory`, returning the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: str | Path) -> list[str]:
    """Names of schemas in `directory` that are missing or differ from the models."""
    directory = Path(directory)
    stale = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


if __name__ == "__main__":
    for written in write_schemas(sys.argv[1] if len(sys.argv) > 1 else "schemas"):
        print(written)
