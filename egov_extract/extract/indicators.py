"""Numeric statements: ratios, percentages, counts with units, money, scores, ranks, changes.

Each mention keeps the number as written and its value (numbers.py), a label (the words that
say what is counted), a stated percentage tied to its ratio when both are given ('11/14 cơ
quan, tỷ lệ 85,7%'), and the period it refers to ('Tính đến tháng 03/2025', 'quý I năm 2025').
Footnote markers glued to a number ('11/14"', '16/20⏎9⏎ cơ quan') are stepped over.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..repair.syllables import fold
from .numbers import NUMBER_PATTERN, VNNumber, parse_number, rounding_interval

_N = NUMBER_PATTERN
_MARKER = r"(?P<marker>[\"”’'*]|\s*\n\s*\d{1,2}\s*\n)?"  # a footnote marker after a number
# A counted noun: lower case words, or a capitalised noun or acronym ('01 Giám đốc', '11 UBND
# cấp huyện', '319 DVC') followed by lower case words.
_UNIT = r"(?P<unit>(?:\p{Lu}{2,}[\p{Lu}Đ]*|\p{L}\p{Ll}*)(?:[ \t]\p{Ll}+){0,2})"
_KINDS = regex.compile(
    rf"(?P<rank>xếp[ \t]+(?:hạng|thứ)[ \t]+(?P<rk>{_N})(?:[ \t]*/[ \t]*(?P<rof>{_N}))?)"
    rf"|(?P<change>(?P<dir>tăng|giảm)[ \t]+(?P<cv>{_N})[ \t]*(?P<cu>%|điểm[ \t]phần[ \t]trăm|điểm|hạng|bậc|lần)?)"
    rf"|(?P<ratio>(?<![\d/.,])(?P<a>{_N})[ \t]*/[ \t]*(?P<b>{_N})(?![\d/])(?:[ \t]*(?P<score>điểm))?{_MARKER})"
    # A band ('88 - 90%', '90-95%', '95- dưới 100%', '1%-1,5%'): one statement, both bounds.
    rf"|(?P<band>(?<![\d/.,])(?P<lo>{_N})[ \t]*%?[ \t]*[-–][ \t]*(?:dưới[ \t]+|trên[ \t]+)?(?P<hi>{_N})[ \t]*%)"
    # Not a constant of a formula ('Tỷ lệ = b/a * 100%').
    rf"|(?P<percent>(?<![\d/.,])(?<![*×=][ \t]*)(?P<p>{_N})[ \t]*%)"
    rf"|(?P<money>(?<![\d/.,])(?P<m>{_N})[ \t]+(?P<scale>(?:nghìn|ngàn)[ \t]+tỷ|triệu|tỷ|nghìn|ngàn)?[ \t]*(?:đồng|(?<=tỷ)(?=[ \t]*[).;,\n])))"
    # The counted noun may start the next printed line ('cộng 05⏎điểm', 'với 42.652⏎lượt').
    rf"|(?P<count>(?<![\p{{L}}\d/.,:])(?P<c>{_N})(?![\d/.,%:])(?:[ \t]+|[ \t]*\n[ \t]*(?=\p{{Ll}})){_UNIT})"
    rf"|(?P<bare>(?<=(?:\blà|:)[ \t]+)(?P<bv>{_N})(?=[ \t]*(?:[.;,)(]|\n|$)))",
    regex.VERSION1,
)
_PERIOD = regex.compile(
    r"(?:[Tt]ính\s+đến\s+)?(?:"
    r"(?:\d{1,2}\s+)?tháng\s+(?:đầu\s+)?năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s*/\s*\d{4}"
    r"|tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|quý\s+[IV]{1,3}\s+(?:năm\s+)?\d{4}"
    r"|\d{1,2}\s+tháng\s+đầu\s+năm\s+\d{4}"
    r"|(?:[Nn]ăm|giai\s+đoạn)\s+\d{4}(?:\s*[-–]\s*\d{4})?"
    r"|(?:ngày|tháng)\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r")"
)
# A blank line ends a clause only after sentence punctuation: text layers of PDFs often put a
# blank line between every printed line (seed 004).
_CLAUSE_START = regex.compile(r"[.;:!?(]\s*(?!\d)|\n\s*[-+•]\s|,\s+|^")
# Words that join a label to its value and say nothing themselves.
_LINKS = regex.compile(r"\s*(?:là|đạt|được|với|có|gồm|chiếm)\s*$")
# Units that are dates, not counts.
_NOT_UNITS = {
    "tháng", "năm", "ngày", "giờ", "quý", "đạt", "là", "so", "và", "của", "với", "trong", "theo",
    "tại", "đến", "từ", "được", "đã", "cho", "về", "thì", "nhưng", "hoặc", "các", "những",
    "do", "để", "mà", "bởi", "nên", "sẽ", "vẫn", "cũng", "đang", "rõ",
}
# '2 cấp' (chính quyền địa phương 2 cấp) names tiers, not a number of things.
_LEVEL_UNITS = {"cấp"}
_YEAR = regex.compile(r"(?:19|20)\d\d")
# Words after which a number is a reference, an ordinal, a date part or part of a name, not a
# count: 'Điều 4', 'Đợt 01', 'Kỳ họp thứ 9', 'tháng 12', 'Đề án 06', 'Chỉ thị 18', '“6 rõ”'.
_REFERENCE = regex.compile(
    r"(?:(?:Điều|khoản|điểm|Chương|(?<!danh\s)Mục|Phụ\s+lục|Phần|Đợt|Giai\s+đoạn|Bước|Khu\s+vực|Kỳ|Khóa|Khoá|Mức|Cấp\s+độ"
    r"|Đề\s+án|Chỉ\s+thị|Kế\s+hoạch|Nghị\s+quyết|Chương\s+trình|Thông\s+báo|Ban\s+Chỉ\s+đạo)\s+"
    r"|\b(?:thứ|ngày|tháng)\s+|[“\"‘])$",
    regex.IGNORECASE,
)
# A number opening a line is a list or footnote number, unless the line before ends mid-sentence
# (a printed line wrapped: '… (ii) Có⏎07 Công văn phối hợp').
_LINE_START = regex.compile(r"(?:^|(?<![\p{Ll},][ \t]*)\n)[ \t]*(?:[\d.]+[ \t]*)?$")
_DOC_WORD = regex.compile(
    r"(?:Quyết|Nghị|Kế|Thông|Công|Chỉ|Chương|Báo|Tờ|Luật|Văn|Hướng|Đề)\s+(?:định|quyết|hoạch|tư|báo|văn|điện|thị|trình|cáo|bản|dẫn|án)"
)
_YEAR_CONTEXT = regex.compile(r"(?:năm|giai\s+đoạn|đến|từ|[-–])\s*$", regex.IGNORECASE)
_BASELINE = regex.compile(r"so\s+với\s+(?:cùng\s+kỳ\s+)?$")
# 'Quyết định số 1336/QĐ-UBND ngày 18/8/2023': a document's date, not the period of a figure.
_CITED = regex.compile(r"\d+/[\p{L}\d/-]+\s*$")


# A day and month ('9/11') right after 'ngày', or after the name of a day ('Ngày Pháp luật Việt
# Nam 9/11'), or before 'hằng năm' (every year): a date, not a ratio.
_DAY_WORD = regex.compile(r"\b[Nn]gày(?:[ \t\n]+\p{Lu}\p{L}*){0,6}[ \t\n]*$")
_YEARLY = regex.compile(r"\s*h[aằà]ng\s+năm\b")


def _is_day_month(text: str, m: regex.Match) -> bool:
    a, b = m.group("a"), m.group("b")
    if not (a.isdigit() and b.isdigit() and 1 <= int(a) <= 31 and 1 <= int(b) <= 12):
        return False
    return _DAY_WORD.search(text, max(0, m.start() - 60), m.start()) is not None or _YEARLY.match(text, m.end()) is not None


@dataclass(frozen=True)
class FoundIndicator:
    kind: str  # ratio, percent, count, money, score, rank, change
    start: int
    end: int
    text: str
    value: Decimal
    numbers: tuple[VNNumber, ...]
    unit: str | None
    label: str
    period: str | None
    direction: str | None = None  # change: 'tăng' or 'giảm'
    marker: str | None = None  # footnote number written right after it, when legible
    percent_of: int | None = None  # index (in the page's list) of the ratio a percentage states


def _label(text: str, start: int) -> str:
    """The clause before a number, minus linking words: what the number is about."""
    window = text[max(0, start - 160) : start]
    cut = 0
    for m in _CLAUSE_START.finditer(window):
        cut = m.end()
    label = _LINKS.sub("", window[cut:])
    return " ".join(label.split())


def _period(text: str, start: int) -> str | None:
    """The nearest period stated before the number in the same paragraph."""
    para = max((m.end() for m in regex.finditer(r"[.;:!?][ \t]*\n\s*\n", text[: start])), default=0)
    window = text[max(para, start - 400, 0) : start]
    found = [
        m for m in _PERIOD.finditer(window) if not _BASELINE.search(window[: m.start()]) and not _CITED.search(window[: m.start()])
    ]
    return " ".join(found[-1].group().split()) if found else None


def find_indicators(text: str) -> list[FoundIndicator]:
    """Numeric statements of one page, in order."""
    out: list[FoundIndicator] = []
    for m in _KINDS.finditer(text):
        kind = m.lastgroup
        end = m.start("marker") if m.group("marker") else m.end()
        unit = None
        direction = None
        if kind == "rank":
            nums = [parse_number(m.group("rk"))] + ([parse_number(m.group("rof"))] if m.group("rof") else [])
            value = nums[0].value
        elif kind == "change":
            nums = [parse_number(m.group("cv"))]
            value, unit, direction = nums[0].value, m.group("cu"), m.group("dir")
        elif kind == "ratio":
            nums = [parse_number(m.group("a")), parse_number(m.group("b"))]
            if regex.fullmatch(r"(?:19|20)\d\d", m.group("b")) and int(m.group("a")) <= 12:
                continue  # month/year ('tháng 03/2025'), not a ratio
            if _is_day_month(text, m):
                continue  # 'Ngày Pháp luật Việt Nam 9/11', 'trước ngày 15/12': a date, not a ratio
            if m.group("score"):
                kind, unit = "score", "điểm"
            value = nums[0].value
            after = regex.match(r"\s*(?P<u>\p{Ll}+(?:[ \t]\p{Ll}+)?)", text[m.end() : m.end() + 30])
            if unit is None and after:
                unit = after.group("u")
        elif kind == "percent":
            nums = [parse_number(m.group("p"))]
            value, unit = nums[0].value, "%"
        elif kind == "band":
            nums = [parse_number(m.group("lo")), parse_number(m.group("hi"))]
            kind, value, unit = "percent", nums[0].value, "%"
        elif kind == "money":
            nums = [parse_number(m.group("m"))]
            value, unit = nums[0].value, f"{m.group('scale') + ' ' if m.group('scale') else ''}đồng"
        elif kind == "bare":
            # A figure given after 'là' or ':' ('nhà trạm BTS là 2.189', 'Thạc sĩ: 06 (03 CNTT)').
            nums = [parse_number(m.group("bv"))]
            if nums[0] is None:
                continue
            kind, value = "count", nums[0].value
        else:
            nums = [parse_number(m.group("c"))]
            if _YEAR.fullmatch(m.group("c")) and _YEAR_CONTEXT.search(text[max(0, m.start() - 25) : m.start()]):
                continue  # 'năm 2025 trên địa bàn': a year, not a count
            unit = m.group("unit")
            head = unit.split()[0].lower()  # '6 THÁNG CUỐI NĂM' in a heading
            if "\n" in text[m.end("c") : m.start("unit")] and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
                continue  # a page or footnote number alone on its line, not a count wrapped before its noun
            if head in _NOT_UNITS or head in _LEVEL_UNITS or _REFERENCE.search(text[max(0, m.start() - 24) : m.start()]):
                continue  # 'Điều 4 Nghị định ...' is a reference, not a count
            before = text[max(0, m.start() - 40) : m.start()]
            if unit[0].isupper() and (
                _LINE_START.search(before) or (_DOC_WORD.match(unit) and regex.match(r"\s*số\b", text[m.end("unit") :]))
            ):
                continue  # '1 Kế hoạch ...' at a line start is a list number; '10 Quyết định số' a footnote
            words = unit.split()
            while words and words[-1] in _NOT_UNITS:
                words.pop()  # '7 lĩnh vực và' -> unit 'lĩnh vực'
            unit = " ".join(words)
            end = m.start("unit") + len(unit)
            value = nums[0].value
            if unit == "điểm":
                kind = "score"  # 'cộng 05 điểm', 'chấm 0,4 điểm' (but '14 điểm cầu' are sites)
        if any(n is None for n in nums):
            continue
        out.append(
            FoundIndicator(
                kind=kind,
                start=m.start(),
                end=end,
                text=text[m.start() : end].rstrip(),
                value=value,
                numbers=tuple(nums),
                unit=unit,
                label=_label(text, m.start()),
                period=_period(text, m.start()),
                direction=direction,
                marker=(regex.sub(r"\D", "", m.group("marker")) or None) if kind in ("ratio", "score") and m.group("marker") else None,
            )
        )
    return _tie_percentages(text, out)


# A percentage states the rate of the ratio before it only when the text says so: 'tỷ lệ', 'đạt',
# 'chiếm', 'tương ứng', 'bằng', '=' or an opening bracket right before it ('11/14 cơ quan, tỷ lệ
# 85,7%', '120/150 hồ sơ (80%)'). Matched on folded text with its spaces and line breaks made one
# space, so repaired garble reads the same; 'tỉ' before a token of one or two characters is 'tỉ lệ'
# whose 'lệ' English-mode OCR turned into '16' or '1&'.
_RATE_LINK = regex.compile(
    r"(?:\bt[iy] (?:le|\S{1,2})|\bdat|\bchiem|\btuong ung(?: voi)?|\bbang|\bla|=|\() ?(?:dat ?)?(?:la ?)?(?:khoang ?)?$"
)
# A threshold or bound is a share of another quantity, never that ratio's rate: 'ít nhất 2/3 diện
# tích … độ dốc từ 15% trở lên', 'thiệt hại trên 70%'.
_BOUND_BEFORE = regex.compile(r"\b(?:tu|tren|duoi|hon|it nhat|toi thieu|toi da|khong qua|khong vuot qua|vuot qua) ?$")
_BOUND_AFTER = regex.compile(r" ?tro (?:len|xuong)\b")


def states_rate(between: str, after: str) -> bool:
    """Does a percentage, with `between` the text from a ratio to it and `after` what follows
    it, give that ratio's rate? Only a rate word or a bracket right before it says so, no bound
    ('trên', 'từ … trở lên') and no clause boundary (')' or ':') between them."""
    folded = " ".join(fold(between).lower().replace("đ", "d").split()) + " "
    if regex.search(r"[.;:)]|\btang\b|\bgiam\b", folded) or len(between) >= 60:
        return False
    if _BOUND_BEFORE.search(folded) or _BOUND_AFTER.match(" ".join(fold(after[:20]).lower().split())):
        return False
    return _RATE_LINK.search(folded) is not None or _EXCESS_LINK.search(folded) is not None


# 'vượt 21,3%' after a ratio states the excess over 100 % (the reconciler reads it so).
_EXCESS_LINK = regex.compile(r"\bvuot(?: muc)?(?: ke hoach)? ?$")


def _tie_percentages(text: str, found: list[FoundIndicator]) -> list[FoundIndicator]:
    """A percentage right after a ratio in the same clause states that ratio's rate when the text
    says it does ('11/14 cơ quan, tỷ lệ 85,7%'; see `states_rate`)."""
    tied = list(found)
    for i, ind in enumerate(found):
        if ind.kind == "percent" and len(ind.numbers) == 1 and i > 0:
            prev = found[i - 1]
            if prev.kind == "ratio" and states_rate(text[prev.end : ind.start], text[ind.end :]):
                tied[i] = FoundIndicator(**{**ind.__dict__, "percent_of": i - 1})
                tied[i - 1] = _unglue_marker(prev, ind.numbers[0])
    return tied


def _unglue_marker(ratio: FoundIndicator, percent: VNNumber) -> FoundIndicator:
    """A footnote number that lost its superscript sticks to the denominator: '7/73, đạt 100%' is
    7/7 with footnote 3. Split it off only when the stated percentage fits the shorter ratio and
    not the printed one, so a real error ('11/14 … 85,7%') is never explained away."""
    a, b = ratio.numbers[0], ratio.numbers[1]
    if ratio.marker or not b.text.isdigit() or b.value == 0 or _fits(a.value / b.value * 100, percent):
        return ratio
    for k in (1, 2):
        shorter = b.text[:-k]
        if shorter and not shorter.startswith("0") and a.value <= int(shorter) and _fits(a.value / int(shorter) * 100, percent):
            cut = ratio.text.rindex(b.text) + len(shorter)
            return FoundIndicator(
                **{**ratio.__dict__, "text": ratio.text[:cut], "end": ratio.start + cut,
                   "numbers": (a, parse_number(shorter)), "marker": b.text[-k:]}
            )
    return ratio


def _fits(actual: Decimal, percent: VNNumber) -> bool:
    low, high = rounding_interval(percent)
    return low <= actual < high
