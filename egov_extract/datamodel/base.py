"""Base class for every record that crosses a stage boundary.

Records are frozen and forbid unknown fields, so a typo in a producer fails loudly
instead of silently dropping data, and a record can be hashed and shared between stages.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Immutable, strict pydantic model: the contract between pipeline stages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> str:
        """Deterministic JSON: same record, byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"
