"""Breakdowns: a total and the parts the same sentence splits it into.

'… có 64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường', 'Danh mục 71 thủ tục hành chính
(cấp tỉnh: 33 thủ tục, cấp xã: 38 thủ tục)', 'tổng kinh phí 10 tỷ đồng, gồm: ngân sách tỉnh 6 tỷ
đồng, ngân sách huyện 4 tỷ đồng', '60 nhiệm vụ (trong đó: A chủ trì 35 nhiệm vụ; B 41 nhiệm vụ)'.
A breakdown is complete when 'gồm' (or a bracket of labelled parts) introduces it: the parts must
add up to the total. 'Trong đó' names parts that may overlap or leave some out: they must only not
exceed it. Built on the page's numeric statements (indicators.py), so a part is read exactly as
an indicator is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .indicators import FoundIndicator

# How far after the total its breakdown may begin ('64 đơn vị hành chính cấp xã, gồm …'); past
# LEAD_REACH (up to LONG_LEAD) only when every part counts the total's own noun ('Danh mục 71 thủ
# tục hành chính … trên địa bàn tỉnh Nghệ An (cấp tỉnh: 33 thủ tục, cấp xã: 38 thủ tục)').
LEAD_REACH = 60
LONG_LEAD = 240
SCALES = {"nghìn tỷ": Decimal(10) ** 12, "ngàn tỷ": Decimal(10) ** 12, "tỷ": Decimal(10) ** 9, "triệu": Decimal(10) ** 6, "nghìn": Decimal(1000), "ngàn": Decimal(1000)}

_CONNECTIVE = r"bao[ \t]+gồm|gồm[ \t]+có|gồm|trong[ \t]+đó(?:[ \t]+có)?"
# Up to the breakdown: words of the total's own phrase ('… cấp xã, ', '… trên địa bàn tỉnh Nghệ
# An ') over single line breaks, then a bracket or a connective.
_LEAD = regex.compile(
    r"(?P<lead>(?:[^.;:\n()]|\n(?![ \t]*\n)){0,%d}?)[ \t,]*"
    r"(?:(?P<open>\()[ \t]*(?:(?P<conn>%s)[ \t]*)?|(?P<conn>%s)[ \t]*)(?P<colon>:)?[ \t]*" % (LONG_LEAD, _CONNECTIVE, _CONNECTIVE)
)
_SENTENCE_END = regex.compile(r"\.(?=\s)|\n[ \t]*\n|$")
# A part labelled before its number ('cấp tỉnh: 33 thủ tục').
_LABELLED = regex.compile(r"[\p{L})][ \t]*:[ \t]*$")


@dataclass(frozen=True)
class FoundBreakdown:
    total: int  # index of the total among the page's indicators
    parts: tuple[int, ...]  # indexes of the parts
    complete: bool  # 'gồm' or labelled parts: they must add up; 'trong đó': they must not exceed
    connective: str  # as printed: 'gồm', 'trong đó', '(' …
    start: int  # the connective
    end: int  # the end of the breakdown


def money_value(indicator: FoundIndicator) -> Decimal:
    """A money figure in đồng: '6 tỷ đồng' -> 6 000 000 000."""
    unit = indicator.unit or ""
    scale = next((v for k, v in SCALES.items() if unit.startswith(k)), Decimal(1))
    return indicator.value * scale


def _same_noun(a: str | None, b: str | None) -> bool:
    """'thủ tục' and 'thủ tục hành' (a unit is read to three words) count one noun; 'loài chim'
    and 'loài thú' do not."""
    x, y = (a or "").lower().split(), (b or "").lower().split()
    n = min(len(x), len(y))
    return n > 0 and x[:n] == y[:n]


def _closing(text: str, start: int) -> int | None:
    """The bracket that closes the one opened just before `start`."""
    depth = 1
    for i in range(start, min(len(text), start + 1200)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _nested(text: str, start: int, at: int) -> bool:
    """Is `at` inside a bracket opened after `start`?"""
    depth = 0
    for ch in text[start:at]:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
    return depth > 0


def find_breakdowns(text: str, indicators: list[FoundIndicator]) -> list[FoundBreakdown]:
    """Each count or money total followed, in its sentence, by the parts it is made of."""
    found = []
    for i, total in enumerate(indicators):
        if total.kind not in ("count", "money"):
            continue
        lead = _LEAD.match(text, total.end)
        if lead is None or not (lead.group("open") or lead.group("conn")):
            continue
        if i + 1 < len(indicators) and indicators[i + 1].start < lead.end("lead"):
            continue  # another figure stands between: the breakdown is that one's ('7.750 loài …, 840 loài chim, trong đó …')
        begin = lead.end()
        if lead.group("colon") and text[lead.end("colon") : begin + 1].strip(" \t") in ("\n", ""):
            continue  # 'gồm:' ending its line: a list follows (enumerations.py counts it)
        if lead.group("open"):
            close = _closing(text, lead.end("open"))
            if close is None:
                continue
            end = close
        else:
            m = _SENTENCE_END.search(text, begin)
            end = m.start() if m else len(text)
            if not lead.group("colon"):
                semi = text.find(";", begin, end)
                end = semi if semi >= 0 else end  # an inline breakdown ends at its clause
        parts = [
            k for k in range(i + 1, len(indicators))
            if begin <= indicators[k].start < end and not _nested(text, begin, indicators[k].start)
        ]
        if len(parts) < 2 or any(indicators[k].kind != total.kind for k in parts):
            continue
        conn = " ".join((lead.group("conn") or "").split())
        labelled = lead.group("open") and not conn and all(_LABELLED.search(text, max(begin, indicators[k].start - 40), indicators[k].start) for k in parts)
        complete = conn.startswith(("gồm", "bao gồm")) or bool(labelled)
        if not complete and not conn.startswith("trong đó"):
            continue  # a bracket of loose figures ('50 cán bộ (05 nữ, 10 dân tộc thiểu số)'): no breakdown
        if total.kind == "count" and (conn.startswith("trong đó") or labelled or len(lead.group("lead")) > LEAD_REACH):
            if not all(_same_noun(indicators[k].unit, total.unit) for k in parts):
                continue  # parts of another noun: not parts of this total
        found.append(FoundBreakdown(i, tuple(parts), complete, conn or "(", lead.start("conn") if conn else lead.start("open"), end))
    return found


__all__ = ["FoundBreakdown", "find_breakdowns", "money_value"]
