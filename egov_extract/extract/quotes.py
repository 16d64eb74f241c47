"""The sentence around a record, repaired and as ingested, so evidence can be read in place.

A sentence may run over hard line breaks (PDF and OCR text) and a Markdown line can be a whole
paragraph: the quote is the sentence (ended by '.', ';', '!' or '?' before a space, never the '.'
inside '2.164.505'), kept within its paragraph (a new list item or numbered heading ends it; a
blank line does not, since PDF text layers and OCR put one between printed lines) and at
most REACH characters either side of the record.
"""

from __future__ import annotations

import regex

from ..datamodel import Quote, RepairResult

REACH = 240
_END = regex.compile(r"[.;!?](?=\s)|\n(?=\s*(?:[-+•*–]\s|\d+(?:\.\d+)*\.\s|[IVX]+\.\s))")


def sentence_bounds(text: str, start: int, end: int, reach: int = REACH) -> tuple[int, int]:
    """[a, b) of the sentence in `text` that holds text[start:end], within its paragraph and `reach`."""
    low, high = max(0, start - reach), min(len(text), end + reach)
    ends_before = [m.end() for m in _END.finditer(text, low, start)]
    a = ends_before[-1] if ends_before else low
    after = _END.search(text, end, high)
    b = (after.end() if text[after.start()] in ".;!?" else after.start()) if after else high
    while a < start and text[a].isspace():
        a += 1
    while b > end and text[b - 1].isspace():
        b -= 1
    return a, max(b, end)


def make_quote(original: str, repaired: RepairResult, start: int, end: int) -> Quote:
    """Quote for repaired-text offsets [start, end); `original` is the page text as ingested."""
    a, b = sentence_bounds(repaired.text, start, end)
    text = repaired.text[a:b]
    oa, ob = repaired.to_original(a), repaired.to_original(b)
    if original[oa:ob] == text:
        return Quote(text=text, start=start - a, end=end - a)
    return Quote(
        text=text,
        start=start - a,
        end=end - a,
        original=original[oa:ob],
        original_start=repaired.to_original(start) - oa,
        original_end=repaired.to_original(end) - oa,
    )


__all__ = ["REACH", "make_quote", "sentence_bounds"]
