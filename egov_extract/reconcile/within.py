"""Checks within one report: each a small named rule over its typed records.

Printed values are judged GRIM-style: a value stands for the range it may have been rounded or
truncated from (numbers.rounding_interval), and nothing inside that range is flagged.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..datamodel import Finding, Indicator, Report
from ..extract.numbers import format_number, parse_number
from .evidence import before, dated, evidence, folded, interval, show
from .ratios import check_percent, describe, exact_percent

_EXCEEDS = regex.compile(r"\bvuot(?: muc)?(?: ke hoach)?$")
_IMPLEMENTS = regex.compile(r"\b(?:thuc hien|trien khai|thi hanh|cu the hoa)\b")
# Between a verb of carrying out and the document it carries out: a few words at most ('thực hiện
# Nghị quyết số …', 'hướng dẫn thi hành một số điều của …'), and no other document named.
OBJECT_WORDS = 8
_AMENDS = regex.compile(r"\b(?:sua doi|bo sung|thay the|bai bo|hop nhat|dinh chinh)\b")
_OTHER_DOCUMENT = regex.compile(
    r"\b(?:luat|bo luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|ke hoach|chuong trinh|phap lenh|ket luan|"
    r"cong van|van ban|de an|hien phap)\b"
)
_COMPARED = regex.compile(r"\bso voi\b")
_WORDS = regex.compile(r"[a-z]+")


def percent_vs_ratio(report: Report) -> list[Finding]:
    """'11/14 cơ quan, tỷ lệ 85,7%': 11/14 is 78,6 %. Rounding or truncation to the printed
    precision is accepted, nothing more; 'vượt 21,3%' after a ratio is the excess over 100 %."""
    out = []
    for percent in report.indicators:
        if percent.states_ratio is None:
            continue
        ratio = report.indicators[percent.states_ratio]
        excess = bool(_EXCEEDS.search(before(percent)))
        check = check_percent(ratio.numbers[0], ratio.numbers[1], percent.numbers[0], excess=excess)
        if check is None or check.fits:
            continue
        decimals = max(parse_number(percent.numbers[0]).decimals, 1)
        actual = exact_percent(ratio.numbers[0], ratio.numbers[1])
        fitting = check.fitting_numerator
        hint = f"; {percent.text} would fit {fitting}/{ratio.numbers[1]}" if fitting is not None else ""
        said = describe(actual, decimals, excess)
        out.append(
            Finding(
                check="percent-vs-ratio",
                severity="error",
                message=f"{ratio.text} {said}, not {percent.text}{hint}.",
                evidence=(evidence(ratio), evidence(percent)),
                suggestion=f"{ratio.text} = {format_number(actual, decimals)} %"
                + (f", or the ratio should read {fitting}/{ratio.numbers[1]}" if fitting is not None else ""),
            )
        )
    return out


def count_vs_listed(report: Report) -> list[Finding]:
    """A footnote that lists agencies against the count stated where its marker stands."""
    out = []
    for agency_list in report.agency_lists:
        if agency_list.kind != "enumeration" or agency_list.statement is None:
            continue
        statement: Indicator = report.indicators[agency_list.statement]
        stated = parse_number(statement.numbers[0])
        if stated is None or stated.value == len(agency_list.items):
            continue
        listed = len(agency_list.items)
        suggestion = None
        for percent in report.indicators:
            # the percentage stated for the same ratio may fit the list rather than the count
            if percent.states_ratio == agency_list.statement and len(statement.numbers) > 1:
                total, share = parse_number(statement.numbers[1]), interval(percent.numbers[0])
                if total and total.value and share and share[0] <= Decimal(listed) / total.value * 100 < share[1]:
                    suggestion = (
                        f"the {listed} listed agencies fit {percent.text} ({listed}/{statement.numbers[1]}); "
                        f"the count {statement.numbers[0]} does not: the footnote and the percentage may be stale"
                    )
        out.append(
            Finding(
                check="count-vs-listed",
                severity="error",
                message=(
                    f"{statement.text} states {statement.numbers[0]}, but footnote {agency_list.marker} "
                    f"lists {listed} agencies."
                ),
                evidence=(evidence(statement), evidence(agency_list)),
                suggestion=suggestion,
            )
        )
    return out


def parts_vs_total(report: Report) -> list[Finding]:
    """'180 cơ quan gồm: 14 …; 11 …; 155 …': the parts must add up to the total."""
    out = []
    for agency_list in report.agency_lists:
        if agency_list.kind != "composition" or agency_list.total is None:
            continue
        counts = [i.count for i in agency_list.items]
        if None in counts or sum(counts) == agency_list.total:
            continue
        unit = f" {agency_list.unit}" if agency_list.unit else ""
        out.append(
            Finding(
                check="parts-vs-total",
                severity="error",
                message=f"The parts add up to {sum(counts)}, not the stated {agency_list.total}{unit}.",
                evidence=(evidence(agency_list, " + ".join(map(str, counts)) + f" ≠ {agency_list.total}"),),
            )
        )
    return out


def _direction(change: Indicator) -> int | None:
    """+1 for tăng, -1 for giảm (from the record, or the word before it when repair misread it)."""
    if change.direction:
        return 1 if change.direction == "tăng" else -1
    words = (before(change).split() or [""])[-1:] + folded(change.text).split()[:1]
    for word in words:
        if word in ("tang", "giam"):
            return 1 if word == "tang" else -1
    return None


def _is_rank_change(change: Indicator) -> bool:
    return folded(change.unit or "") in ("bac", "hang") and _direction(change) is not None


def _rank(indicator: Indicator) -> Decimal | None:
    """The position of 'xếp hạng 46/63' (or a ratio labelled 'Xếp hạng')."""
    if indicator.kind == "rank" or (indicator.kind == "ratio" and folded(indicator.label).endswith("xep hang")):
        return indicator.value
    return None


def _percent(indicator: Indicator) -> str | None:
    return indicator.numbers[0] if indicator.kind == "percent" else None


def _sentences(report: Report) -> list[list[Indicator]]:
    """Indicators grouped by the sentence they stand in, in reading order."""
    groups: list[list[Indicator]] = []
    for indicator in report.indicators:
        last = groups[-1][-1] if groups else None
        if last is not None and last.span.page == indicator.span.page and last.quote.text == indicator.quote.text:
            groups[-1].append(indicator)
        else:
            groups.append([indicator])
    return groups


def change_vs_values(report: Report) -> list[Finding]:
    """A stated change against the two values it relates: 'xếp hạng 46/63, tăng 17 bậc so với …
    (xếp hạng 63/63)'; '85,7% (giảm 7,13% so với tháng 02 (đạt 85,7%))' in points or percent;
    '1.962.284 …, tăng 272.136, tương ứng tăng 16,10%' (the relative change of a count)."""
    out = []
    for group in _sentences(report):
        for i, change in enumerate(group):
            if _is_rank_change(change):
                finding = _rank_change(group, i)
            elif change.kind == "change" and "%" in change.text:
                finding = _percent_change(report, group, i)
            else:
                finding = None
            if finding is not None:
                out.append(finding)
    return out


def _current_and_previous(group: list[Indicator], i: int, value) -> tuple[Indicator, Indicator] | None:
    """The value the change follows, and the earlier value it is compared with: 'X (giảm d so
    với <period> (đạt Y))'. X stands right before the change and is not a share of a plan
    ('đạt 101,3% kế hoạch, tăng 11,8%' compares the count, not the 101,3%); Y stands in the
    parenthesis opened after 'so với', with few words before it ('chỉ đạt 77,24%, xếp hạng')."""
    change = group[i]
    current = next((x for x in reversed(group[:i]) if value(x) is not None), None)
    if current is None:
        return None
    between = folded(change.quote.text[current.quote.end : change.quote.start])
    if len(_WORDS.findall(between)) > 3 or between.startswith("ke hoach"):
        return None
    for later in group[i + 1 :]:
        if later.kind == "change" or _is_rank_change(later):
            return None
        if value(later) is not None:
            gap = folded(change.quote.text[change.quote.end : later.quote.start])
            compared = _COMPARED.search(gap)
            if compared is None or "(" not in gap[compared.end() :]:
                return None
            inside = gap[gap.index("(", compared.end()) + 1 :]
            if ")" in inside or "trong do" in inside or len(_WORDS.findall(inside)) > 4:
                return None
            return current, later
    return None


def _rank_change(group: list[Indicator], i: int) -> Finding | None:
    change = group[i]
    pair = _current_and_previous(group, i, _rank)
    if pair is None:
        return None
    current, previous = pair
    sign = _direction(change)
    expected = _rank(previous) - sign * change.value  # rising in a ranking lowers the number
    if expected == _rank(current):
        return None
    return Finding(
        check="change-vs-values",
        severity="error",
        message=(
            f"From rank {show(_rank(previous))} to rank {show(_rank(current))} is "
            f"{'up' if _rank(current) < _rank(previous) else 'down'} {show(abs(_rank(previous) - _rank(current)))} places, "
            f"not '{change.text}'."
        ),
        evidence=(evidence(current), evidence(change), evidence(previous)),
        suggestion=f"'{change.text}' from rank {show(_rank(previous))} gives rank {show(expected)}",
    )


def _percent_change(report: Report, group: list[Indicator], i: int) -> Finding | None:
    change = group[i]
    pair = _current_and_previous(group, i, _percent)
    sign = _direction(change)
    if pair is None or sign is None:
        return None
    current, previous = pair
    v, p, d = interval(current.numbers[0]), interval(previous.numbers[0]), interval(change.numbers[0])
    if not (v and p and d) or p[0] <= 0:
        return None
    stated = (d[0], d[1]) if sign > 0 else (-d[1], -d[0])
    points = (v[0] - p[1], v[1] - p[0])
    relative = ((v[0] / p[1] - 1) * 100, (v[1] / p[0] - 1) * 100)
    if _overlap(points, stated) or _overlap(relative, stated):
        return None
    expected = previous.value + sign * change.value
    word = "up" if sign > 0 else "down"
    moved = current.value - previous.value
    message = (
        f"From {previous.text} to {current.text} is {'no change' if moved == 0 else ('up ' if moved > 0 else 'down ') + show(abs(moved)) + ' points'}, "
        f"not '{change.text}': {previous.text} {word} {change.numbers[0]} points would be {show(expected)} %."
    )
    suggestion = f"{previous.text} {'+' if sign > 0 else '−'} {change.numbers[0]} = {show(expected)} %"
    evidence_ = [evidence(current), evidence(change), evidence(previous)]
    if current.states_ratio is not None:
        ratio = report.indicators[current.states_ratio]
        a, b = (parse_number(n) for n in ratio.numbers[:2])
        if a and b and b.value:
            actual = a.value / b.value * 100
            if _overlap((actual, actual), (p[0] + stated[0], p[1] + stated[1])):
                suggestion += f"; {ratio.text} = {show(actual)} % agrees with it, so {current.text} is the figure in error"
                evidence_.insert(0, evidence(ratio))
    return Finding(
        check="change-vs-values",
        severity="error",
        message=message,
        evidence=tuple(evidence_),
        suggestion=suggestion,
    )


def _overlap(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def count_change_vs_percent(report: Report) -> list[Finding]:
    """'1.962.284 tài khoản, tăng 272.136, tương ứng tăng 16,10%': the percentage must be the
    absolute change over the earlier value (now minus the change)."""
    out = []
    for group in _sentences(report):
        for i in range(1, len(group) - 1):
            absolute, relative = group[i], group[i + 1]
            if not (absolute.kind == "change" and "%" not in absolute.text and relative.kind == "change" and "%" in relative.text):
                continue
            sign = _direction(absolute)
            if sign is None or sign != _direction(relative):
                continue
            current = next((x for x in reversed(group[:i]) if x.kind in ("count", "money") and "%" not in x.text), None)
            if current is None:
                continue
            v, d, r = interval(current.numbers[0]), interval(absolute.numbers[0]), interval(relative.numbers[0])
            if not (v and d and r):
                continue
            earlier = (v[0] - d[1], v[1] - d[0]) if sign > 0 else (v[0] + d[0], v[1] + d[1])
            if earlier[0] <= 0:
                continue
            implied = (d[0] / earlier[1] * 100, d[1] / earlier[0] * 100)
            if _overlap(implied, r):
                continue
            before_value = current.value - sign * absolute.value
            value = absolute.value / before_value * 100
            out.append(
                Finding(
                    check="change-vs-values",
                    severity="error",
                    message=f"{absolute.text} on an earlier {show(before_value)} is {show(value)} %, not {relative.text}.",
                    evidence=(evidence(current), evidence(absolute), evidence(relative)),
                    suggestion=f"{absolute.numbers[0]} / {show(before_value)} = {show(value)} %",
                )
            )
    return out


def impossible_dates(report: Report) -> list[Finding]:
    """Dates that cannot exist: 31/02/2025, month 13, a five-digit year. When the date is a
    citation's and the report dates the same number properly elsewhere, that citation is evidence
    too, and its date the likely reading."""
    out = []
    for date in report.dates:
        if date.date is not None:
            continue
        message = f"năm {date.text} is not a year." if date.text.isdigit() else f"{date.text} is not a calendar date."
        evidence_ = [evidence(date)]
        suggestion = None
        cited = next((c for c in report.citations if _covers(c.span, date.span) and c.date is None), None)
        if cited is not None:
            proper = next((c for c in report.citations if c.number == cited.number and c.date is not None), None)
            if proper is not None:
                evidence_.append(dated(proper))
                suggestion = f"{cited.number} is dated {proper.date_text} elsewhere in this report"
        out.append(
            Finding(check="impossible-date", severity="warning", message=message, evidence=tuple(evidence_), suggestion=suggestion)
        )
    return out


def _covers(outer, inner) -> bool:
    return outer.source == inner.source and outer.page == inner.page and outer.start <= inner.start and inner.end <= outer.end


def _carries_out(gap: str) -> bool:
    """Does the folded text from the first document's date to the second one's number say that
    the first carries out the second? The verb must govern the second ('… ban hành Chương trình
    hành động thực hiện Nghị quyết số …'); 'quy định chi tiết và biện pháp thi hành Luật Hải quan
    …, được sửa đổi, bổ sung tại Nghị định số …' carries out the law, and the second decree only
    amends the first. Not after 'căn cứ' or 'và thực hiện' (a list of bases)."""
    if _AMENDS.search(gap) or regex.search(r"\bcan cu\b|\bva (?:thuc hien|trien khai)\b", gap):
        return False
    verbs = list(_IMPLEMENTS.finditer(gap))
    if not verbs:
        return False
    tail = gap[verbs[-1].end() :]
    # The second document's own type word ends the gap ('… thực hiện Nghị quyết số'): drop it.
    tail = regex.sub(r"\b(?:\w+ ){0,3}(?:so )?$", "", tail) if len(tail.split()) > OBJECT_WORDS else tail
    words = tail.split()
    return len(words) <= OBJECT_WORDS and not _OTHER_DOCUMENT.search(" ".join(words[:-3]) if len(words) > 3 else "")


def implements_later_document(report: Report) -> list[Finding]:
    """'Kế hoạch số 10 ngày 05/01/2025 … thực hiện Nghị quyết số 20 ngày 10/02/2025': a document
    cannot carry out one issued after it. Both must stand in one sentence, in that order."""
    out = []
    citations = report.citations
    for a, b in zip(citations, citations[1:]):
        if a.date is None or b.date is None or a.date >= b.date:
            continue
        if a.span.page != b.span.page or a.quote.text != b.quote.text or a.quote.start >= b.quote.start:
            continue
        # From the end of A's date to B: A's subject often says what it carries out ('Nghị quyết
        # số 03/NQ-CP ngày … về ban hành Chương trình … thực hiện Nghị quyết số 57-NQ/TW').
        own = a.quote.text[a.quote.start : b.quote.start]
        gap = own[own.find(a.date_text) + len(a.date_text) :] if a.date_text and a.date_text in own else own
        if ";" in gap or not _carries_out(folded(gap)):
            continue
        out.append(
            Finding(
                check="implements-later-document",
                severity="warning",
                message=(
                    f"{a.number} of {a.date_text} is said to carry out {b.number}, which is dated later ({b.date_text})."
                ),
                evidence=(dated(a), dated(b)),
                suggestion="one of the two dates (or numbers) is mistyped",
            )
        )
    return out


__all__ = [
    "change_vs_values",
    "count_change_vs_percent",
    "count_vs_listed",
    "implements_later_document",
    "impossible_dates",
    "parts_vs_total",
    "percent_vs_ratio",
]
