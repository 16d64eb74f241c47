"""What reconciliation produces: findings with the evidence an auditor needs to check them."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import Field, model_validator

from .base import Record
from .document import Span
from .report import Quote

Severity = Literal["error", "warning", "review", "info"]
"""How an auditor should treat a finding. ``error``: the figures contradict each other beyond any
rounding; ``warning``: a likely slip the text itself shows; ``review``: the deciding value was read
with low confidence (OCR, a handwritten field) or the document's other mentions disagree with it,
so check the scan before calling it the issuer's error; ``info``: a change worth knowing."""


class Evidence(Record):
    """One place in one report, quoted, that a finding rests on."""

    span: Span
    text: str = Field(description="The value as written (after repair), e.g. '85,7%'.")
    quote: Quote = Field(description="The sentence around it, repaired and (for garbled sources) as ingested.")
    value_span: Span | None = Field(
        default=None,
        description="Where the deciding value itself stands when the record is wider (a citation's date or number).",
    )


class Facet(Record):
    """One check's view of a case: several checks that fire on one sentence are one finding."""

    check: str
    severity: Severity
    message: str
    suggestion: str | None = None


class Finding(Record):
    """A contradiction, or a change explained by its evidence, in plain language."""

    id: str = Field(
        default="",
        description=(
            "Stable reference: a hash of the check, message and places of its evidence; `reconcile` keys the "
            "places by their documents' sha256, so the id does not depend on how a path was typed."
        ),
    )
    check: str = Field(description="Name of the rule that fired, e.g. 'percent-vs-ratio'.")
    severity: Severity
    message: str
    evidence: tuple[Evidence, ...]
    suggestion: str | None = Field(default=None, description="The most likely resolution, when the evidence points to one.")
    facets: tuple[Facet, ...] = Field(
        default=(),
        description="When several checks found this case (their evidence shares a place): each one's view, this finding's own first.",
    )


    def view(self, check: str) -> Facet | None:
        """What `check` says of this case: its facet, or the finding itself when it alone found it."""
        for facet in self.facets:
            if facet.check == check:
                return facet
        if self.check == check:
            return Facet(check=self.check, severity=self.severity, message=self.message, suggestion=self.suggestion)
        return None

    def checks(self) -> tuple[str, ...]:
        """Every check that found this case, the leading one first."""
        return tuple(dict.fromkeys([self.check, *(f.check for f in self.facets)]))

    @model_validator(mode="before")
    @classmethod
    def _stable_id(cls, data: Any) -> Any:
        """The same finding gets the same id in every run, whatever else the audit holds."""
        if isinstance(data, dict) and not data.get("id"):
            places = []
            for e in data.get("evidence", ()):
                span = e.span if isinstance(e, Evidence) else Span.model_validate(e["span"])
                places.append(f"{span.source}:{span.page}:{span.start}:{span.end}")
            digest = hashlib.sha1("|".join([str(data.get("check")), str(data.get("message")), *places]).encode("utf-8")).hexdigest()
            data = {**data, "id": f"{data.get('check')}-{digest[:10]}"}
        return data


class FileNotRead(Record):
    """A file given to the audit (or under a folder given) that is not among its reports, and why."""

    source: str
    status: Literal["failed", "not-a-document-type", "not-a-report"] = Field(
        description="'failed': it could not be converted (see code); 'not-a-document-type': no format we read "
        "(a spreadsheet, an archive); 'not-a-report': readable but no report (a README, a web page saved as .pdf)."
    )
    code: str | None = Field(default=None, description="Failed files: the error code, e.g. 'corrupt-pdf'.")
    reason: str


class Audit(Record):
    reports: tuple[str, ...] = Field(description="Sources of the reports that were reconciled.")
    findings: tuple[Finding, ...]
    files_not_read: tuple[FileNotRead, ...] = Field(
        default=(),
        exclude_if=lambda files: not files,  # an audit that read every file writes the JSON it always did
        description="Every input file that is not among the reports, with why: none is left out silently.",
    )


class PercentCheck(Record):
    """The verdict on one stated percentage against its ratio (reconcile.check_percent), GRIM-style:
    the printed value stands for the range [low, high) it may be rounded or truncated from."""

    numerator: str = Field(description="As written, e.g. '11'.")
    denominator: str = Field(description="As written, e.g. '14'.")
    stated: str = Field(description="The percentage as written, without '%', e.g. '85,7'.")
    excess: bool = Field(description="The percentage states the excess over 100 % ('vượt 21,3% kế hoạch').")
    # Floats, not Decimals: the verdict is computed exactly, and pydantic's JSON Schema for a
    # Decimal changes between its releases.
    actual: float = Field(description="numerator / denominator x 100 (the verdict itself is computed in exact decimals).")
    low: float = Field(description="Lowest value the stated percentage may stand for (as a share of the whole).")
    high: float = Field(description="Bound the stated percentage stays below (as a share of the whole).")
    fits: bool
    fitting_numerator: int | None = Field(
        default=None, description="When it does not fit: the smallest whole numerator that would."
    )
    explanation: str
