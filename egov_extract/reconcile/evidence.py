"""Shared by the checks: evidence from a record, and text folded for matching across garble."""

from __future__ import annotations

from decimal import Decimal

from ..datamodel import AgencyList, Citation, DateMention, Evidence, Indicator, Span
from ..extract.numbers import VNNumber, format_number, parse_number, rounding_interval
from ..repair.syllables import fold

Located = Citation | Indicator | AgencyList | DateMention


def evidence(record: Located, text: str | None = None, value: Span | None = None) -> Evidence:
    """Evidence from a record: its place, its value as written, the sentence it stands in, and
    where the deciding value itself stands when the record is wider (a citation's date).
    An agency list's value is the list as printed (its quote's marked part)."""
    if text is None:
        text = getattr(record, "text", None)
        if text is None:
            text = record.quote.text[record.quote.start : record.quote.end]
    return Evidence(span=record.span, text=text, quote=record.quote, value_span=value)


def dated(citation: Citation) -> Evidence:
    """A citation as evidence of its date: 'N ngày D', deciding value the date."""
    text = f"{citation.number} ngày {citation.date_text}" if citation.date_text else citation.text
    return evidence(citation, text, citation.date_span)


def numbered(citation: Citation) -> Evidence:
    """A citation as evidence of its number, deciding value the number as printed."""
    return evidence(citation, value=citation.number_span)


def folded(text: str) -> str:
    """Lower case, no diacritics, đ as d: 'Tăng 17 bậc' and a mis-repaired 'tầng 17 bậc' agree."""
    return " ".join(fold(text).lower().replace("đ", "d").split())


def interval(number: str | VNNumber) -> tuple[Decimal, Decimal] | None:
    """The range a printed number covers (rounded or truncated), or None when it is no number."""
    parsed = parse_number(number) if isinstance(number, str) else number
    return rounding_interval(parsed) if parsed is not None else None


def show(value: Decimal, decimals: int = 2) -> str:
    """A computed value the Vietnamese way, without trailing zeros: 78,57 ; 12."""
    text = format_number(value, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def before(record: Indicator | Citation) -> str:
    """The folded words of the record's sentence that come before it."""
    return folded(record.quote.text[: record.quote.start])


__all__ = ["Located", "before", "dated", "evidence", "folded", "interval", "numbered", "show"]
