"""Findings that may be the scan's, not the issuer's: OCR-aware severity.

A contradiction read from an OCR'd page may be a misreading: a seal over '2023' made it '2033', a
handwritten day '14' was read '44', an italic 8 became 6 in one of three mentions. Such a finding
is not an error or a warning but `review` ("check the scan"), with the reason, when a value it
rests on
- was read with low confidence (Span.confidence below LOW_OCR_CONFIDENCE), or stands among words
  read as noise (a word of the two either side below NOISE_CONFIDENCE: a seal or stamp over the
  line, Span.context_confidence);
- stands in a field that signed scans fill in by hand: the document's own number and the date
  in its header, on an OCR'd page (Tesseract reads handwriting with high confidence and wrongly);
- is the minority reading of one document among its own mentions on an OCR'd page ('2 of 3
  mentions say 25/01/2016');
- was marked uncertain by extraction (extract/ocr_checks.py: separators the document does not
  use, a misread code, a year after the document's date).
Text layers and plain text are never doubted here: what they print is what the issuer wrote.
"""

from __future__ import annotations

from collections import Counter

from ..datamodel import Evidence, Finding, Report, Span
from ..extract.ocr_checks import AFTER_OWN_DATE, REASON_SEPARATOR

LOW_OCR_CONFIDENCE = 0.80
NOISE_CONFIDENCE = 0.50


def _overlaps(a: Span, b: Span | None) -> bool:
    return b is not None and a.source == b.source and a.page == b.page and a.start < b.end and b.start < a.end


def _handwritten_fields(report: Report) -> list[tuple[Span, str]]:
    """The header's own number and date, where the page was OCR'd."""
    fields = []
    own = next((c for c in report.citations if c.is_self), None)
    if own is not None and own.number_span is not None and own.number_span.confidence is not None:
        fields.append((own.number_span, "the document's own number"))
    date = report.meta.date_span
    if date is not None and date.confidence is not None:
        fields.append((date, "the date in the header"))
    return fields


def _minority(e: Evidence, report: Report) -> str | None:
    """'2 of 3 mentions say …' when this citation's date is outvoted by the document's others."""
    span = e.value_span or e.span
    if span.confidence is None:
        return None
    cited = next((c for c in report.citations if c.date_span is not None and _overlaps(span, c.date_span)), None)
    if cited is None or cited.date is None:
        return None
    dates = Counter(c.date for c in report.citations if c.number == cited.number and c.date is not None)
    (top, n), *rest = dates.most_common()
    if top != cited.date and n >= 2 and all(m < n for _, m in rest):
        return f"{n} of {sum(dates.values())} mentions of {cited.number} in this document say {top:%d/%m/%Y}"
    return None


def _scan_doubt(reason: str | None) -> str | None:
    """The parts of an uncertain_reason that doubt the scan: a date after the document's own is a
    contradiction the checks report themselves (cites-later-document), not a reason to look at the scan."""
    parts = [p for p in (reason or "").split(REASON_SEPARATOR) if p and AFTER_OWN_DATE not in p]
    return REASON_SEPARATOR.join(parts) or None


def _uncertain_values(report: Report) -> list[tuple[Span, str]]:
    """Where extraction marked a value uncertain (Indicator/Citation.uncertain), with its reason."""
    out = [(i.span, _scan_doubt(i.uncertain_reason)) for i in report.indicators if i.uncertain]
    for c in report.citations:
        if c.uncertain:
            out += [(s, _scan_doubt(c.uncertain_reason)) for s in (c.number_span, c.date_span) if s is not None]
    return [(span, reason) for span, reason in out if reason]


def why_doubtful(finding: Finding, reports: dict[str, Report]) -> str | None:
    """The reason to check the scan before believing the finding, or None."""
    for e in finding.evidence:
        span = e.value_span or e.span
        report = reports.get(span.source)
        if span.confidence is None or report is None:
            continue
        for value, reason in _uncertain_values(report):
            if _overlaps(span, value):
                return reason
        for field, what in _handwritten_fields(report):
            if _overlaps(span, field):
                return f"'{e.text}' is {what} on a scanned page, a field signed documents fill in by hand"
        if span.confidence < LOW_OCR_CONFIDENCE:
            return f"'{e.text}' was read by OCR with confidence {round(span.confidence * 100)} %"
        if span.context_confidence is not None and span.context_confidence < NOISE_CONFIDENCE:
            return f"the words around '{e.text}' were read as noise (a seal or stamp may cover the line)"
        if finding.check == "citation-conflict" or "citation-conflict" in finding.checks():
            outvoted = _minority(e, report)
            if outvoted:
                return outvoted
    return None


def doubt_ocr(findings: list[Finding], reports: list[Report]) -> list[Finding]:
    """The findings, those resting on a doubtful OCR reading turned into `review`."""
    by_source = {r.source: r for r in reports}
    out = []
    for finding in findings:
        reason = why_doubtful(finding, by_source)
        if reason is None or finding.severity == "info":
            out.append(finding)
            continue
        data = finding.model_dump(exclude={"id"})
        data.update(
            severity="review",
            message=f"{finding.message} Check the scan: {reason}.",
            suggestion="the scan may read otherwise; " + (finding.suggestion or "compare the text with the page image"),
        )
        out.append(Finding.model_validate(data))
    return out


__all__ = ["LOW_OCR_CONFIDENCE", "NOISE_CONFIDENCE", "doubt_ocr", "why_doubtful"]
