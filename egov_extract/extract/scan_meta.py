"""How the header and signature of a scanned document were read: its number, date, issuer and
signer, each with its OCR confidence and, when it could not be read, why (ReportMeta.readings).

Signed scans have their number and day written in by hand after signing, and a red seal over
the signer's position and name. Tesseract reads handwriting confidently and wrongly ('14' as
'44', '1039' as '4033') or as symbols ('2Ó', '0Ÿ', '#'); a seal makes a whole signature block
vanish. So a field here is `read` only when its words were read with confidence; a 'Số:' line or a
'ngày … tháng … năm' whose value is not legible is `unreadable`, with what OCR made of it, rather
than simply missing.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..datamodel import Citation, FieldReading, Span
from .meta import FoundMeta, FoundSigner

# A field read with less confidence than this (lowest word confidence) is `uncertain`.
MIN_FIELD_CONFIDENCE = 0.90
HEAD = 1500  # characters of page 1 where the number and date stand

# The 'Số:' line as OCR may read it: 'Số:', 'Sô:', 'S6:', 'SỐ'.
_NUMBER_LINE = regex.compile(r"(?m)^[^\S\n]*(?:S[ốôồổo6ỐÔ]|SỐ)[^\S\n]*[:.;]?[^\S\n]*(?P<rest>[^\n]*)")
_DATE_WORDS = regex.compile(r"ngày[ \t]+(?P<d>\S{1,4})[ \t]+tháng[ \t]+(?P<m>\S{1,4})[ \t]+năm[ \t]+(?P<y>\S{2,6})", regex.IGNORECASE)
_GAP = regex.compile(r"[ \t]{3,}|[ \t]+(?=\p{Lu}\p{Ll}+[ \t]+\p{Lu}\p{Ll}*,?[ \t]+ngày)")  # the place-date on the same line


def _status(span: Span | None, doubt: str | None) -> tuple[str, float | None, str | None]:
    confidence = span.confidence if span is not None else None
    if doubt:
        return "uncertain", confidence, doubt
    if confidence is not None and confidence < MIN_FIELD_CONFIDENCE:
        return "uncertain", confidence, f"read by OCR with confidence {round(confidence * 100)} %"
    return "read", confidence, None


def number_reading(text: str, own: Citation | None, span: Callable[[int, int], Span]) -> FieldReading:
    if own is not None:
        status, confidence, reason = _status(own.number_span, own.uncertain_reason)
        return FieldReading(field="number", status=status, confidence=confidence, as_read=own.number_as_written, reason=reason, span=own.number_span)
    m = _NUMBER_LINE.search(text, 0, HEAD)
    if m is None:
        return FieldReading(field="number", status="absent", reason="no 'Số:' line was read in the header")
    rest = _GAP.split(m.group("rest"))[0].strip()
    where = span(m.start(), m.start("rest") + len(rest))
    return FieldReading(
        field="number",
        status="unreadable",
        confidence=where.confidence,
        as_read=" ".join(text[m.start() : m.start("rest") + len(rest)].split()),
        reason="the 'Số:' line is there but its number is not legible: written in by hand, or covered",
        span=where,
    )


def date_reading(text: str, meta: FoundMeta, span: Callable[[int, int], Span]) -> FieldReading:
    if meta.date is not None and meta.date_span is not None:
        where = span(*meta.date_span)
        status, confidence, reason = _status(where, None)
        return FieldReading(field="date", status=status, confidence=confidence, as_read=text[slice(*meta.date_span)], reason=reason, span=where)
    m = _DATE_WORDS.search(text, 0, HEAD)
    if m is None:
        return FieldReading(field="date", status="absent", reason="no 'ngày … tháng … năm' was read in the header")
    bad = []
    for part, name, top in (("d", "day", 31), ("m", "month", 12)):
        value = m.group(part)
        if not value.isdigit():
            bad.append(f"the {name} reads '{value}'")
        elif not 1 <= int(value) <= top:
            bad.append(f"there is no {name} {int(value)}")
    if not m.group("y").isdigit():
        bad.append(f"the year reads '{m.group('y')}'")
    where = span(m.start(), m.end())
    return FieldReading(
        field="date",
        status="unreadable",
        confidence=where.confidence,
        as_read=m.group(),
        reason=("; ".join(bad) or "the date does not exist") + ": written in by hand, or covered",
        span=where,
    )


def issuer_reading(text: str, meta: FoundMeta, span: Callable[[int, int], Span]) -> FieldReading:
    if not meta.issuer:
        return FieldReading(field="issuer", status="absent", reason="no issuer in capitals was read above the number")
    first = meta.issuer.split()[0]
    at = text.find(first, 0, HEAD)
    where = span(at, at + len(meta.issuer)) if at >= 0 else None
    status, confidence, reason = _status(where, None)
    return FieldReading(field="issuer", status=status, confidence=confidence, as_read=meta.issuer, reason=reason, span=where)


def signer_reading(signer: FoundSigner | None, span: Callable[[int, int], Span], recovered_from: int | None = None) -> FieldReading:
    """`recovered_from`: where the page's lines read again from under a seal begin (a name read
    there may have lost a word to the seal: it is never more than `uncertain`)."""
    if signer is None:
        return FieldReading(field="signer", status="absent", reason="no signing position was read on the last page (a seal may cover it)")
    where = span(signer.start, signer.end)
    if signer.name is None:
        return FieldReading(
            field="signer",
            status="unreadable",
            confidence=where.confidence,
            as_read=signer.title,
            reason=f"the position '{signer.title}' was read, not the name below it (a seal or the signature covers it)",
            span=where,
        )
    under_seal = recovered_from is not None and where.start >= recovered_from
    doubt = "read again from ink the page reading left out (under a seal or signature): a word may be lost" if under_seal else None
    status, confidence, reason = _status(where, doubt)
    return FieldReading(field="signer", status=status, confidence=confidence, as_read=signer.name, reason=reason, span=where)


__all__ = ["HEAD", "MIN_FIELD_CONFIDENCE", "date_reading", "issuer_reading", "number_reading", "signer_reading"]
