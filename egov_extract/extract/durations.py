"""Procedure timelines: the time of each step of a procedure and the total time stated for them.

Annexes of Quyết định công bố thủ tục hành chính set out each internal procedure as a table:
steps 'Bước 1' … or 'B1' …, each with its time ('0,5 ngày làm việc', '1/4 ngày', '04 giờ'), then
'Tổng thời gian giải quyết TTHC' and the total ('10 ngày làm việc'). The table reaches us one cell
per paragraph; a timeline is read back from the total over the cells above it, to the step
numbered 1. Times are in working days; an hour is an eighth of a working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .numbers import NUMBER_PATTERN, parse_number

HOURS_PER_DAY = Decimal(8)
# How far above its total a timeline's first step may stand (characters).
TIMELINE_REACH = 12000

_TIME = (
    rf"(?P<n>\d{{1,3}}[ \t]*/[ \t]*\d{{1,2}}|{NUMBER_PATTERN}|½|¼|¾)[ \t]*"
    r"(?:\((?:[^()\n]{1,30})\)[ \t]*)?(?P<unit>ngày(?:[ \t]+làm[ \t]+việc)?|giờ(?:[ \t]+làm[ \t]+việc)?)"
)
# A cell that is a time and nothing else: '0,5 ngày làm việc', '1/4 ngày', '02 giờ'.
_TIME_CELL = regex.compile(rf"[*_ \t]*(?:Không quá[ \t]+)?{_TIME}[.*_ \t]*")
# A step the total leaves out says so ('Không tính thời gian'): zero days.
_UNTIMED_CELL = regex.compile(r"[*_\s]*(?:Không|không)\s+tính(?:\s+(?:vào\s+)?thời\s+gian(?:\s+giải\s+quyết)?)?[.*_\s]*")
_STEP_CELL = regex.compile(r"[*_ \t]*(?P<m>(?:Bước|B)[ \t]*(?P<v>\d{1,2}))[.:*_ \t]*")
_TOTAL = regex.compile(
    r"Tổng[ \t\n]+thời[ \t\n]+gian(?:[ \t\n]+(?:giải[ \t\n]+quyết|thực[ \t\n]+hiện|xử[ \t\n]+lý))?(?:[ \t\n]+(?:TTHC|thủ[ \t\n]+tục[ \t\n]+hành[ \t\n]+chính))?"
    r"[ \t\n*_:]*"
)
_TIME_RE = regex.compile(_TIME)
_TOTAL_LEAD = regex.compile(r"[^\d\n]{0,60}?[:]?[ \t]*(?:\n[ \t]*)*(?=\d|½|¼|¾)")
# A total for one branch of a procedure ('trong trường hợp hồ sơ chưa đầy đủ thông tin'): the steps
# of the other branch stand in the same table, so their sum says nothing.
_CONDITIONAL = regex.compile(r"[^\d]{0,80}?\btrường[ \t\n]+hợp\b")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}


@dataclass(frozen=True)
class FoundStep:
    marker: str  # 'Bước 2', 'B2'
    value: int
    time_text: str  # '1/4 ngày'; several cells of one step are joined with ' + '
    days: Decimal
    start: int  # the step's marker
    end: int  # its last time cell


@dataclass(frozen=True)
class FoundTimeline:
    phrase_start: int  # 'Tổng thời gian …'
    total_text: str
    total_days: Decimal
    total_start: int
    total_end: int
    steps: tuple[FoundStep, ...]

    @property
    def start(self) -> int:
        return self.steps[0].start


def days_of(number: str, unit: str) -> Decimal | None:
    """'1/4', 'ngày' -> 0.25; '04', 'giờ làm việc' -> 0.5; None when it is no time."""
    number = " ".join(number.split())
    if number in _FRACTIONS:
        value = _FRACTIONS[number]
    elif "/" in number:
        a, b = (int(x) for x in number.replace(" ", "").split("/"))
        if b == 0:
            return None
        value = Decimal(a) / Decimal(b)
    else:
        parsed = parse_number(number)
        if parsed is None:
            return None
        value = parsed.value
    return value / HOURS_PER_DAY if unit.startswith("giờ") else value


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _BLANK_LINE.finditer(text, pos, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def find_timelines(text: str) -> list[FoundTimeline]:
    """Every total time with the step table above it (steps numbered from 1, each with its time)."""
    found = []
    for total in _TOTAL.finditer(text):
        # the time may follow a qualifier ('… ở cấp xã là:') and stand in the next cell
        lead = _TOTAL_LEAD.match(text, total.end())
        if _CONDITIONAL.match(text, total.end(), total.end() + 120):
            continue  # 'Tổng thời gian … trong trường hợp hồ sơ đầy đủ': one path of a branching procedure
        time = _TIME_RE.match(text, lead.end() if lead else total.end())
        if time is None:
            continue
        total_days = days_of(time.group("n"), time.group("unit"))
        if total_days is None:
            continue
        readings = _steps_above(text, max(0, total.start() - TIMELINE_REACH), total.start())
        if not readings:
            continue
        # Past a sub-total ('… ở cấp xã là: 40 giờ') a total may count the steps after it or all
        # of them: the reading that adds up is the one meant; with none, the only reading.
        steps = next((r for r in readings if sum(x.days for x in r) == total_days), readings[-1] if len(readings) == 1 else None)
        if steps is None:
            continue
        found.append(FoundTimeline(total.start(), " ".join(time.group().split()), total_days, time.start(), time.end(), tuple(steps)))
    return found


def _steps_above(text: str, start: int, end: int) -> list[list[FoundStep]]:
    """The readings of the step table that ends at `end`: reading the cells upwards, each time
    cell is the time of the step marker above it; the walk stops at step 1, and each sub-total
    it passes offers the steps below it as a reading too. Empty unless every step has a time
    and the numbers run down one by one."""
    cells = _paragraphs(text, start, end)
    pending: list[tuple[str, Decimal, int]] = []  # time cells seen since the last marker (upwards)
    steps: list[FoundStep] = []
    readings: list[list[FoundStep]] = []
    for a, b in reversed(cells):
        chunk = text[a:b]
        time = _TIME_CELL.fullmatch(chunk)
        if time is not None:
            days = days_of(time.group("n"), time.group("unit"))
            if days is None:
                return []
            pending.append((" ".join(chunk.strip(" *_.").split()), days, b))
            continue
        if _UNTIMED_CELL.fullmatch(chunk):
            pending.append((" ".join(chunk.strip(" *_.").split()), Decimal(0), b))
            continue
        marker = _STEP_CELL.fullmatch(chunk)
        if marker is None:
            if _TOTAL.match(chunk):
                if not steps and not pending:
                    return []  # another total right above: nothing of this one's
                if steps:
                    readings.append(list(reversed(steps)))
                pending = []  # a sub-total and its time: not a step's
            continue
        if not pending:
            return []  # a step without a time of its own: not a timed table
        value = int(marker.group("v"))
        if (steps and value != steps[-1].value - 1) or (not steps and value < 2):
            return []
        texts = [p[0] for p in reversed(pending)]
        steps.append(FoundStep(" ".join(marker.group("m").split()), value, " + ".join(texts), sum(p[1] for p in pending), a, pending[0][2]))
        pending = []
        if value == 1:
            return readings + [list(reversed(steps))]
    return []


__all__ = ["FoundStep", "FoundTimeline", "HOURS_PER_DAY", "days_of", "find_timelines"]
