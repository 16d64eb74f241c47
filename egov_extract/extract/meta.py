"""Report metadata: issuing body, place and date, type and title from the head of page 1; the
signer from the signature block at the end (Nghị định 30/2020: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC /
Nguyễn Văn A')."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from ..repair.syllables import is_valid
from .citations import vocabulary
from .dates import find_date

_PLACE_DATE = regex.compile(r"(?P<place>(?:[A-ZĐ]\p{Ll}+[ \t]?){1,4}),\s*ngày\s+", regex.VERSION1)
_NATIONAL = regex.compile(r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI(?:\s+CHỦ\s+NGHĨA(?:\s+VIỆT\s+NAM)?)?|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|#+|_+|-{3,}")


_CELL = regex.compile(r"\||<br\s*/?>", regex.IGNORECASE)  # Markdown table cells and HTML line breaks
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
    date_span: tuple[int, int] | None = None


def find_meta(text: str, head: int = 2000) -> FoundMeta:
    """Read the standard header (Nghị định 30/2020: issuer, number, place and date, type, title)."""
    top = text[:head]
    lines = [line.strip() for line in top.split("\n")]
    names = sorted(vocabulary()["types"], key=len, reverse=True)
    type_names = {n.upper() for n in names}
    issuer_lines = []
    for piece in (p for line in lines for p in _CELL.split(line)):  # Markdown tables: a cell per piece
        piece = piece.strip(" *\t")
        if not regex.search(r"\p{L}", piece):
            if issuer_lines and regex.search(r"-{3,}|_{3,}", piece):
                break  # the rule drawn under the issuer
            continue
        cleaned = _NATIONAL.sub(" ", piece).strip()
        if cleaned.startswith(("Số", "SỐ")) or cleaned in type_names:
            break  # the issuer stands above the number and the document type
        if cleaned and cleaned.isupper():
            issuer_lines.append(cleaned)
        if len(issuer_lines) >= 3:
            break
    issuer = " ".join(issuer_lines) or None
    place = date = date_span = None
    m = _PLACE_DATE.search(top)
    if m:
        found = find_date(top, m.end(), m.end() + 40)
        if found is not None:
            place, date, date_span = m.group("place").strip(), found.date, (found.start, found.end)
    doc_type = title = None
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
    return FoundMeta(issuer, place, date, doc_type, title, period, span, date_span)


# The signing position: an authority prefix (KT. for 'ký thay', TM. 'thay mặt', Q. 'quyền',
# TL. 'thừa lệnh', TUQ. 'thừa ủy quyền') and the title, in capitals, alone on its lines.
_POSITION = regex.compile(
    r"^[*\s]*(?P<title>(?:(?:KT|TM|Q|TL|TUQ)\.\s*[\p{Lu} ]{2,40}\s*\n[*\s]*)?"
    r"(?:PHÓ\s+)?(?:GIÁM\s+ĐỐC|CHỦ\s+TỊCH|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|CHÁNH\s+VĂN\s+PHÒNG|"
    r"TRƯỞNG\s+PHÒNG|CHÁNH\s+THANH\s+TRA|BÍ\s+THƯ|CHI\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|THỨ\s+TRƯỞNG)"
    r"(?:[ \t]+\p{Lu}[\p{Lu} \t]{1,40})?)[*\s]*$",  # 'CHỦ TỊCH QUỐC HỘI', 'GIÁM ĐỐC SỞ ...'

    regex.MULTILINE | regex.VERSION1,
)
_WORDS_LINE = regex.compile(r"^[*\s]*(?P<words>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,4})[*\s]*$")


@dataclass(frozen=True)
class FoundSigner:
    title: str
    name: str | None
    start: int
    end: int


def _name_below(text: str, pos: int) -> tuple[str, int, int] | None:
    """A personal name on the lines below a position: capitalised syllables, 2 to 5, possibly
    wrapped over two lines ('Bùi / Xuân Cường'); nothing when a scanned signature stands there."""
    words: list[str] = []
    start = end = None
    seen = 0
    for m in regex.finditer(r"[^\n]*", text, pos=pos, endpos=min(len(text), pos + 400)):
        line = m.group()
        if not line.strip():
            continue
        seen += 1
        w = _WORDS_LINE.match(line)
        if w and not w.group("words").isupper() and all(is_valid(x) for x in w.group("words").split()):
            if start is None:
                start = m.start() + w.start("words")
            words += w.group("words").split()
            end = m.start() + w.end("words")
            if len(words) >= 5:
                break
            continue
        if words or seen > 6:
            break
    if 2 <= len(words) <= 5:
        return " ".join(words), start, end
    return None


def find_signer(text: str) -> FoundSigner | None:
    """The signing position and the person's name below it, when printed (a scanned signature
    leaves only the position). The last block with a name wins (appendices follow the signature)."""
    found = []
    for p in _POSITION.finditer(text):
        title = " / ".join(" ".join(line.split()) for line in p.group("title").replace("*", " ").split("\n") if line.strip())
        name = _name_below(text, p.end())
        if name is not None:
            found.append(FoundSigner(title, name[0], p.start("title"), name[2]))
        else:
            found.append(FoundSigner(title, None, p.start("title"), p.end("title")))
    named = [f for f in found if f.name]
    return (named or found or [None])[-1]
