"""What reconciliation produces: findings with the evidence an auditor needs to check them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record
from .document import Span
from .report import Quote

Severity = Literal["error", "warning", "info"]


class Evidence(Record):
    """One place in one report, quoted, that a finding rests on."""

    span: Span
    text: str = Field(description="The value as written (after repair), e.g. '85,7%'.")
    quote: Quote = Field(description="The sentence around it, repaired and (for garbled sources) as ingested.")


class Finding(Record):
    """A contradiction, or a change explained by its evidence, in plain language."""

    check: str = Field(description="Name of the rule that fired, e.g. 'percent-vs-ratio'.")
    severity: Severity
    message: str
    evidence: tuple[Evidence, ...]
    suggestion: str | None = Field(default=None, description="The most likely resolution, when the evidence points to one.")


class Audit(Record):
    reports: tuple[str, ...] = Field(description="Sources of the reports that were reconciled.")
    findings: tuple[Finding, ...]
