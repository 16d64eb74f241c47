"""Report metadata from the head of page 1: issuing body, place and date, type and title."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .citations import vocabulary
from .dates import find_date

_PLACE_DATE = regex.compile(r"(?P<place>(?:[A-ZĐ]\p{Ll}+[ \t]?){1,4}),\s*ngày\s+", regex.VERSION1)
_NATIONAL = regex.compile(r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|#+|_+|-{3,}")


_TITLE_PERIOD = regex.compile(
    r"(?:\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+\d{4}"
    r"|quý\s+[IV]{1,3}(?:\s+năm)?\s+\d{4}"
    r"|(?:6|sáu)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}"
    r"|(?:giai\s+đoạn\s+)?\d{4}\s*[-–]\s*\d{4}"
    r"|năm\s+\d{4})",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class FoundMeta:
    issuer: str | None
    place: str | None
    date: dt.date | None
    doc_type: str | None
    title: str | None
    period: str | None
    span: tuple[int, int] | None


def find_meta(text: str, head: int = 2000) -> FoundMeta:
    """Read the standard header (Nghị định 30/2020: issuer, number, place and date, type, title)."""
    top = text[:head]
    lines = [line.strip() for line in top.split("\n")]
    issuer_lines = []
    for line in lines:
        if not line:
            continue
        cleaned = _NATIONAL.sub(" ", line).strip()
        if cleaned.startswith(("Số", "SỐ")) or not cleaned:
            break
        if cleaned.isupper():
            issuer_lines.append(cleaned)
        if len(issuer_lines) >= 3:
            break
    issuer = " ".join(issuer_lines) or None
    place = date = None
    m = _PLACE_DATE.search(top)
    if m:
        found = find_date(top, m.end(), m.end() + 40)
        if found is not None:
            place, date = m.group("place").strip(), found.date
    doc_type = title = None
    names = sorted(vocabulary()["types"], key=len, reverse=True)
    type_line = regex.compile(r"^\s*#*\s*(?P<t>" + "|".join(regex.escape(n.upper()) for n in names) + r")\s*$", regex.MULTILINE)
    t = type_line.search(top)
    span = None
    if t:
        doc_type = next(n for n in names if n.upper() == t.group("t"))
        rest = top[t.end() :].lstrip("\n ")
        title_lines = []
        for line in rest.split("\n"):
            line = line.strip().lstrip("#").strip()
            if not line:
                if title_lines:
                    break
                continue
            if line.startswith(("Căn cứ", "I.", "1.", "Kính gửi")):
                break
            title_lines.append(line)
            if len(title_lines) >= 4:
                break
        title = " ".join(title_lines) or None
        span = (t.start("t"), t.end())
    period = None
    if title:
        m = _TITLE_PERIOD.search(title)
        period = " ".join(m.group().split()) if m else None
    return FoundMeta(issuer, place, date, doc_type, title, period, span)
