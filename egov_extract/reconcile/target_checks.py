"""One target given two values in one report: 'tỷ lệ hồ sơ được số hóa đạt tối thiểu 70%' in the
body, '… tối thiểu 40%' in the annex, for the same plan horizon.

Targets are percentages behind a bound or aim ('tối thiểu', 'ít nhất', 'phấn đấu', 'trên',
'tối đa', 'đạt'); two are the same target when their labels say the same thing (the same content
words, fuzzily), their bound is the same, and they speak of the same period: the one stated with
each, else the plan's horizon ('giai đoạn 2026 - 2030', 'đến năm 2030' in its title). Figures of
one sentence are never paired ('từ 70% đến 80%' is a range).
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from ..datamodel import Finding, Indicator, Report
from .evidence import before, evidence, folded, interval

# Two labels name one target at this token-set similarity, with at least MIN_WORDS content words.
SAME_TARGET_SIMILARITY = 95
MIN_WORDS = 5
# Comparing every pair is quadratic: a report with more targets than this is read in part only.
MAX_TARGETS = 400

# Aims, not thresholds: 'dưới 90%', 'trên 70%', 'bằng 75%' are criteria and prices of classes
# (a table of commune types repeats one criterion with a threshold each), never one target twice.
_BOUND = regex.compile(r"\b(?P<bound>toi thieu|it nhat|phan dau(?: dat)?|dat)(?: (?:muc|ty le|ti le))? ?$")
# What follows the figure says what it is a share of ('70% giá dịch vụ duyệt tài liệu' against
# '75% giá dịch vụ đo dung tích'): it must agree too, over this many characters.
TAIL = 60
_STOP = set(
    "la co dat duoc va cua cac tren dia ban tinh thanh pho toan tong so ty le ti le den nam giai doan trong do "
    "hien nay phan dau toi thieu it nhat toi da muc tieu chi tieu bao dam dam bao nhung mot so".split()
)
# A plan's horizon: 'giai đoạn 2026 - 2030', 'đến năm 2030', 'năm 2025'; not the year of a date
# ('ngày 05 tháng 3 năm 2025').
_HORIZON = regex.compile(
    r"(?:giai doan|den het nam|den nam|(?<!thang\s+\d{1,2}\s+)nam)\s+(?P<a>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<b>(?:19|20)\d\d))?"
)


def _bound(indicator: Indicator) -> str | None:
    m = _BOUND.search(before(indicator))
    return m.group("bound") if m else None


def _words(indicator: Indicator) -> str:
    return " ".join(w for w in regex.findall(r"[a-z]+", folded(indicator.label)) if w not in _STOP)


def _item_marker(indicator: Indicator) -> str | None:
    """The list marker its sentence opens with ('b)', '2.', '-'), if any."""
    m = regex.match(r"\s*(\(?\w{1,3}[.)]|[-+•])\s", indicator.quote.text)
    return m.group(1) if m else None


def _tail(indicator: Indicator) -> str:
    after = indicator.quote.text[indicator.quote.end : indicator.quote.end + TAIL]
    after = regex.split(r"[.;:()]", after)[0]
    return " ".join(w for w in regex.findall(r"[a-z]+", folded(after)) if w not in _STOP)


def _horizon(text: str | None) -> str | None:
    m = None
    for m in _HORIZON.finditer(folded(text or "")):
        pass
    return (m.group("a") + ("-" + m.group("b") if m.group("b") else "")) if m else None


def _period(indicator: Indicator, report: Report) -> str | None:
    """The period a target is for: its own, else the plan's (its title's horizon or period)."""
    return _horizon(indicator.period) or _horizon(indicator.label) or _horizon(report.meta.period) or _horizon(report.meta.title)


def target_conflicts(report: Report) -> list[Finding]:
    targets = []
    for indicator in report.indicators:
        if indicator.kind != "percent" or len(indicator.numbers) != 1:
            continue
        bound = _bound(indicator)
        words = _words(indicator)
        if bound is None or len(words.split()) < MIN_WORDS:
            continue
        targets.append((indicator, bound, words, _period(indicator, report)))
    out = []
    seen: set[tuple[str, str]] = set()
    for i, (a, bound_a, words_a, period_a) in enumerate(targets[:MAX_TARGETS]):
        for b, bound_b, words_b, period_b in targets[i + 1 : MAX_TARGETS]:
            if bound_a != bound_b or period_a != period_b or a.quote.text == b.quote.text:
                continue
            if _item_marker(a) is not None and _item_marker(a) == _item_marker(b):
                continue  # the same point of two parallel lists ('b)' under cảng loại I and under loại II)
            ra, rb = interval(a.numbers[0]), interval(b.numbers[0])
            if ra is None or rb is None or (ra[0] <= rb[1] and rb[0] <= ra[1]):
                continue
            if fuzz.token_set_ratio(words_a, words_b) < SAME_TARGET_SIMILARITY or fuzz.ratio(words_a, words_b) < SAME_TARGET_SIMILARITY:
                continue
            if fuzz.ratio(_tail(a), _tail(b)) < SAME_TARGET_SIMILARITY:
                continue
            key = (words_a, f"{a.text}|{b.text}")
            if key in seen:
                continue
            seen.add(key)
            horizon = f" for {period_a}" if period_a else ""
            out.append(
                Finding(
                    check="target-conflict",
                    severity="warning",
                    message=f"One target{horizon}, two values: '{a.label.strip()}' is {a.text} in one place and {b.text} in another.",
                    evidence=(evidence(a), evidence(b)),
                    suggestion="one of the two figures is stale or mistyped, unless they are for different groups or years",
                )
            )
    return out


__all__ = ["target_conflicts"]
