"""Dates as Vietnamese documents write them: '07/3/2019', 'ngày 07 tháng 02 năm 2025'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

DATE_PATTERN = (
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4,5})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4,5})"
    # A year alone is only kept when it cannot be one: 'đến năm 20230' (a misprint of 2030).
    r"|(?<=\b[Nn]ăm\s+)(?P<y3>[12]\d{4})(?!\d)"
)
_DATE = regex.compile(DATE_PATTERN)


@dataclass(frozen=True)
class ParsedDate:
    text: str
    day: int
    month: int
    year: int
    start: int
    end: int

    @property
    def date(self) -> dt.date | None:
        """The calendar date, or None when it cannot exist (31/02/2025, a five-digit year)."""
        try:
            return dt.date(self.year, self.month, self.day) if self.year < 10000 else None
        except ValueError:
            return None


def _parsed(m: regex.Match) -> ParsedDate:
    if m.group("y3"):
        return ParsedDate(m.group(), 1, 1, int(m.group("y3")), m.start(), m.end())
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
    return ParsedDate(m.group(), int(d), int(mo), int(y), m.start(), m.end())


def find_date(text: str, pos: int = 0, endpos: int | None = None) -> ParsedDate | None:
    """The first date in text[pos:endpos]."""
    m = _DATE.search(text, pos, endpos if endpos is not None else len(text))
    return _parsed(m) if m else None


def find_dates(text: str) -> list[ParsedDate]:
    """Every date in the text, in order (impossible ones included: check `.date`)."""
    return [_parsed(m) for m in _DATE.finditer(text)]
