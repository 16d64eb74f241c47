"""Agency lists: footnote enumerations '(1) Văn phòng UBND tỉnh, (2) Sở ...' and compositions
'180 cơ quan gồm: 14 sở, ngành tỉnh; 11 UBND cấp huyện; 155 UBND cấp xã'.

An enumeration's footnote marker ('9' on the line before it, '15(1) ...' glued to it) links it
to the statement that carries the same marker ('16/20⏎9⏎ cơ quan'). Names get a key that is
the same across garble, diacritics and the usual abbreviations, so lists compare across reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..repair.syllables import fold
from .numbers import NUMBER_PATTERN, parse_number

_ITEM = regex.compile(r"\((?P<n>\d{1,2})\)\s*(?P<name>[^()]{1,90}?)\s*(?=[,;]?\s*\(\d{1,2}\)|[.;]\s*(?:\n|$)|$)")
_ABBREVIATIONS = (
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bvp\b\.?", "van phong"),
    (r"\bkh&cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\btt&tt\b", "thong tin va truyen thong"),
    (r"\bs\.", "so "),
)
# 'N X gồm: parts'. X may hold a comma and wrap ('186 cơ quan, đơn⏎vị gồm:'); the parts run to
# the end of the sentence or paragraph, over wrapped lines.
_COMPOSITION = regex.compile(
    rf"(?P<total>{NUMBER_PATTERN})\s+(?P<unit>\p{{L}}[\p{{L}} ,\n]{{0,40}}?)[ \t]*,?[ \t]*(?:bao\s+)?gồm\s*:?\s*"
    rf"(?P<parts>(?:[^.\n]|\.(?=\d)|\n(?![ \t]*\n))+)"
)
_PART = regex.compile(rf"^\s*(?:và\s+)?(?P<count>{NUMBER_PATTERN})\s+(?P<name>.+?)\s*$", regex.DOTALL)  # names wrap lines
_SPLIT_PARTS = regex.compile(rf";|,\s*(?={NUMBER_PATTERN}\s)|\s+và\s+(?={NUMBER_PATTERN}\s)")


def agency_key(name: str) -> str:
    """A comparison key: no diacritics, lower case, common abbreviations spelled out, no punctuation."""
    key = fold(name).lower()
    key = key.replace("đ", "d")
    for pattern, full in _ABBREVIATIONS:
        key = regex.sub(pattern, full, key)
    key = regex.sub(r"[^\w\s]", " ", key)
    # 'Sở' as English-mode OCR spells it ('S6', 'S&', 'So0', 'Sé'): the office word is 'so'.
    key = regex.sub(r"^(?:s\d|so\d|s|se)(?=\s)", "so", " ".join(key.split()))
    return key


# What an agency's name starts with (keys are folded): an office, a body, a level of government.
_AGENCY_HEADS = regex.compile(
    r"^(?:so|ban|uy ban|van phong|thanh tra|trung tam|cuc|chi cuc|bo|tong cuc|phong|cong an|bo chi huy|"
    r"dai|truong|benh vien|kho bac|chi nhanh|ngan hang|quy|hoi|lien doan|tinh|huyen|thi xa|thanh pho|xa|phuong|"
    r"thi tran|hoi dong|doan|mat tran|vien|bao|cong ty|tap doan|ban quan ly)\b"
)


def is_agency(key: str) -> bool:
    """Does a comparison key name an office or body ('so y te', 'uy ban nhan dan huyen ...')?
    Footnotes also enumerate skills or services ('(1) sử dụng dịch vụ công …'), which are not."""
    return _AGENCY_HEADS.match(key) is not None


@dataclass(frozen=True)
class FoundItem:
    number: int | None
    name: str
    key: str
    count: int | None = None


@dataclass(frozen=True)
class FoundAgencyList:
    kind: str  # 'enumeration' or 'composition'
    start: int
    end: int
    items: tuple[FoundItem, ...]
    marker: str | None = None
    total: int | None = None
    unit: str | None = None


def find_agency_lists(text: str) -> list[FoundAgencyList]:
    """Enumerations numbered (1), (2), ... from 1 without gaps, and compositions 'N X gồm: ...'."""
    found: list[FoundAgencyList] = []
    pos = 0
    while True:
        first = regex.compile(r"\(1\)\s*\S").search(text, pos)
        if first is None:
            break
        items: list[FoundItem] = []
        end = first.start()
        expected = 1
        for m in _ITEM.finditer(text, first.start()):
            if m.start() > end + 6 or int(m.group("n")) != expected:
                break
            name = " ".join(m.group("name").split()).rstrip(",;. ")
            if not name:
                break
            items.append(FoundItem(expected, name, agency_key(name)))
            end = m.end()
            expected += 1
        if len(items) >= 2 and sum(is_agency(i.key) for i in items) * 2 >= len(items):
            found.append(FoundAgencyList("enumeration", first.start(), end, tuple(items), _marker(text, first.start())))
        pos = max(end, first.end())
    for m in _COMPOSITION.finditer(text):
        parts = []
        for piece in _SPLIT_PARTS.split(m.group("parts")):
            p = _PART.match(piece)
            if p is None:
                break  # the enumeration of counts ends where a part has no count
            count = parse_number(p.group("count"))
            name = " ".join(p.group("name").split())
            parts.append(FoundItem(None, name, agency_key(name), int(count.value) if count else None))
        total = parse_number(m.group("total"))
        # '1.326 hồ sơ gồm: 812 hồ sơ …' breaks down dossiers, not agencies.
        if len(parts) >= 2 and total is not None and sum(is_agency(p.key) for p in parts) * 2 >= len(parts):
            marker, stated = _marker(text, m.start()), int(total.value)
            line_start = text.rfind("\n", 0, m.start()) + 1
            parts_sum = sum(p.count or 0 for p in parts)
            digits = m.group("total")
            # A footnote's own number glued to the total at the start of its line ('12180 cơ quan
            # gồm: 14 …' is footnote 12 of 180): split it off when the rest is what the parts add to.
            if not text[line_start : m.start()].strip() and stated != parts_sum:
                for k in (1, 2):
                    if digits[k:].isdigit() and int(digits[k:]) == parts_sum:
                        marker, stated = digits[:k], parts_sum
                        break
            found.append(
                FoundAgencyList("composition", m.start(), m.end(), tuple(parts), marker, stated, m.group("unit").strip())
            )
    return sorted(found, key=lambda f: f.start)


def _marker(text: str, start: int) -> str | None:
    """The footnote number of a list: glued before '(1)' ('15(1)'), as '<sup>4</sup>' opening
    the footnote, or alone on the line above."""
    glued = regex.search(r"(?:^|\n)\s*(?:<sup>)?(?P<m>\d{1,3})(?:</sup>)?\s*$", text[max(0, start - 24) : start])
    if glued:
        return glued.group("m")
    above = regex.search(r"\n\s*(?P<m>\d{1,3})\s*\n\s*$", text[max(0, start - 20) : start])
    return above.group("m") if above else None


def garbled_marker_after(text: str, end: int) -> bool:
    """A superscript footnote number that English-mode OCR read as a symbol: '11/14" cơ quan', 'tử™.'."""
    return regex.match(r"[™\"”’*°]", text[end : end + 1]) is not None


def marker_after(text: str, end: int) -> str | None:
    """A footnote marker right after a statement: '16/20⏎9⏎ cơ quan', '11/14<sup>15</sup>'."""
    m = regex.match(r"\s*(?:<sup>(?P<sup>\d{1,3})</sup>|\n\s*(?P<line>\d{1,3})\s*\n)", text[end : end + 20])
    if m:
        return m.group("sup") or m.group("line")
    return None
