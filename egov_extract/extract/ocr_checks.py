"""Figures, codes and years read by OCR that may be misread: marked uncertain, never passed on
as certain (Indicator.uncertain, Citation.uncertain, with the reason).

On an OCR'd page a value is doubted when
- its words were read with low confidence, or among words read as noise (a seal over the line);
- its separators disagree with the document's own writing of the same unit: '21.049.188 tỷ
  đồng' where the document writes 'tỷ đồng' with three decimals ('14.635,050'): OCR read the
  decimal comma as a dot and the value is 1000 times too large; or '2,164 người' where the
  document writes whole numbers of people ('2.164 người');
- a code is not a known one but is, read with the letters OCR takes for digits as digits
  ('UBTVQHI5' -> 'UBTVQH15': the code is mended, the citation kept uncertain); or the term of the
  Quốc hội in a code does not cover the year in the number ('67/2025/QH14');
- its shape says OCR broke it: a ratio right before a month and year ('21/1 1/2025': a date a
  speck split), a share ('tỷ lệ') above 100 %;
- a year or date is after the document's own date (a document cites what exists already).
Text layers and plain text are never doubted: what they print is what the issuer wrote.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex

from ..datamodel import Citation, Indicator, Span

# Digits are where a misreading matters most ('100%' read '109%' at 0.83): a figure is doubted below
# this, stricter than the reconciler's 0.80 for any evidence.
LOW_FIGURE_CONFIDENCE = 0.90
# The words of a reason that a date is after the document's own: the reconciler reports that as a
# contradiction itself (cites-later-document), so this reason alone does not make it a scan's doubt.
AFTER_OWN_DATE = "after the document's own date"
REASON_SEPARATOR = "; "
NOISE_CONFIDENCE = 0.50
# Letters OCR reads in place of digits inside codes.
DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5", "Z": "2", "B": "8", "G": "6"})
_TERM_CODE = regex.compile(r"^(?P<body>UBTVQH|QH)(?P<term>[0-9IlOoSZBG|]{1,2})$")


@lru_cache(maxsize=1)
def terms() -> dict[int, tuple[int, int]]:
    """Quốc hội term -> (first year, last year), from vocab/legislatures.json."""
    data = json.loads(resources.files("egov_extract.extract").joinpath("vocab", "legislatures.json").read_text(encoding="utf-8"))
    return {int(k): (v[0], v[1]) for k, v in data["terms"].items()}


def confidence_doubt(span: Span, what: str) -> str | None:
    """Low confidence of the value's own words, or noise around them."""
    if span.confidence is None:
        return None
    if span.confidence < LOW_FIGURE_CONFIDENCE:
        return f"{what} was read by OCR with confidence {round(span.confidence * 100)} %"
    if span.context_confidence is not None and span.context_confidence < NOISE_CONFIDENCE:
        return f"the words around {what} were read as noise (a seal or stamp may cover the line)"
    return None


def _grouped_integer(text: str) -> bool:
    return regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) is not None


def separator_doubt(ind: Indicator, document_figures: list[Indicator]) -> str | None:
    """The figure's separators against the document's own writing of the same unit."""
    if ind.unit is None or ind.unit == "%":
        return None
    first = ind.numbers[0]
    same = [o for o in document_figures if o.unit == ind.unit and o is not ind]
    three = next((o for o in same if o.decimals == 3), None)
    if _grouped_integer(first) and three is not None:
        comma = first[: first.rindex(".")] + "," + first[first.rindex(".") + 1 :]
        return (
            f"'{first}' may be '{comma}': this document writes {ind.unit} with three decimals "
            f"('{three.numbers[0]}'), and OCR may have read the decimal comma as a dot"
        )
    if ind.decimals == 3 and regex.fullmatch(r"\d{1,3},\d{3}", first):
        if ind.kind == "count":
            return f"'{first} {ind.unit}' counts with three decimals: OCR may have read the thousands dot as a comma"
        whole = [o for o in same if o.decimals == 0 and _grouped_integer(o.numbers[0])]
        if whole and three is None:
            dot = first.replace(",", ".")
            return (
                f"'{first}' may be '{dot}': this document writes {ind.unit} as whole numbers "
                f"('{whole[0].numbers[0]}'), and OCR may have read the thousands dot as a comma"
            )
    return None


# A ratio right before more digits and a year ('21/1 1/2025'): a date a speck split in two.
_SPLIT_DATE = regex.compile(r"^[ \t]?\d{1,2}[ \t]?/[ \t]?(?:19|20)\d\d\b")
_SHARE_LABEL = regex.compile(r"\b[Tt][ỷỉ][ \t]+lệ\b")
_BEYOND_WORDS = regex.compile(r"\b(?:vượt|tăng|so[ \t]+với|gấp)\b", regex.IGNORECASE)


def shape_doubt(ind: Indicator) -> str | None:
    """A figure whose shape says OCR broke it: a date split into a ratio, a share above 100 %."""
    q = ind.quote
    if ind.kind == "ratio" and _SPLIT_DATE.match(q.text[q.end : q.end + 12]):
        return f"'{ind.text}' stands right before '{q.text[q.end : q.end + 8].strip()}': perhaps a date OCR split in two"
    if ind.kind == "percent" and ind.value > 100 and _SHARE_LABEL.search(ind.label) and not _BEYOND_WORDS.search(ind.label):
        return f"'{ind.text}' is a share ('{ind.label}') above 100 %: a digit may be misread"
    return None


def _with_doubt(record, reason: str | None, **update):
    if reason is None and not update:
        return record
    if reason is not None:
        reason = record.uncertain_reason + REASON_SEPARATOR + reason if record.uncertain_reason else reason
        update.update(uncertain=True, uncertain_reason=reason)
    return record.model_copy(update=update)


def mark_indicators(indicators: Iterable[Indicator], ocr_pages: set[int]) -> list[Indicator]:
    """The indicators, those read from OCR'd pages that may be misread marked uncertain (same order)."""
    indicators = list(indicators)
    scanned = [i for i in indicators if i.span.page in ocr_pages]
    out = []
    for ind in indicators:
        if ind.span.page not in ocr_pages:
            out.append(ind)
            continue
        reasons = [r for r in (confidence_doubt(ind.span, f"'{ind.text}'"), separator_doubt(ind, scanned), shape_doubt(ind)) if r]
        out.append(_with_doubt(ind, REASON_SEPARATOR.join(reasons) if reasons else None))
    return out


def mended_code(issuer_code: str | None, year: int | None) -> tuple[str | None, str | None]:
    """(mended issuer code, reason) for a Quốc hội code OCR misread ('QHI5' -> 'QH15'), or for one
    whose term does not cover the number's year; (None, None) when nothing is wrong."""
    if not issuer_code:
        return None, None
    m = _TERM_CODE.match(issuer_code)
    if m is None:
        return None, None
    digits = m.group("term").translate(DIGIT_LOOKALIKES)
    code = m.group("body") + digits
    if not digits.isdigit() or int(digits) not in terms():
        return None, f"'{issuer_code}' is no term of the Quốc hội"
    first, last = terms()[int(digits)]
    if code != issuer_code:
        reason = f"code read '{issuer_code}', taken as the known code '{code}' (OCR reads 1 as I, 5 as S)"
        if year is not None and not first <= year <= last:
            reason += f"; but term {digits} ({first}-{last}) does not cover {year}"
        return code, reason
    if year is not None and not first <= year <= last:
        return None, f"'{issuer_code}' is the Quốc hội of {first}-{last}, not of {year}: a digit may be misread"
    return None, None


def mark_citations(citations: Iterable[Citation], ocr_pages: set[int], own_date: dt.date | None) -> list[Citation]:
    """The citations, those read from OCR'd pages that may be misread marked uncertain and their
    misread Quốc hội codes mended (same order)."""
    out = []
    for c in citations:
        if c.span.page not in ocr_pages:
            out.append(c)
            continue
        reasons = []
        update = {}
        code, why = mended_code(c.issuer_code, c.year)
        if why:
            reasons.append(why)
        if code:
            update = dict(issuer_code=code, number=c.number[: len(c.number) - len(c.issuer_code)] + code if c.number.endswith(c.issuer_code) else c.number)
        if c.number_span is not None:
            low = confidence_doubt(c.number_span, f"the number '{c.number_as_written}'")
            if low:
                reasons.append(low)
        if c.date_span is not None and c.date is not None:
            low = confidence_doubt(c.date_span, f"the date '{c.date_text}'")
            if low:
                reasons.append(low)
        if own_date is not None and not c.is_self:
            if c.year is not None and c.year > own_date.year:
                reasons.append(f"year {c.year} is {AFTER_OWN_DATE} ({own_date:%d/%m/%Y})")
            elif c.date is not None and c.date > own_date:
                reasons.append(f"date {c.date:%d/%m/%Y} is {AFTER_OWN_DATE} ({own_date:%d/%m/%Y})")
        out.append(_with_doubt(c, REASON_SEPARATOR.join(reasons) if reasons else None, **update))
    return out


__all__ = [
    "AFTER_OWN_DATE",
    "DIGIT_LOOKALIKES",
    "REASON_SEPARATOR",
    "LOW_FIGURE_CONFIDENCE",
    "NOISE_CONFIDENCE",
    "confidence_doubt",
    "mark_citations",
    "mark_indicators",
    "mended_code",
    "separator_doubt",
    "shape_doubt",
]
