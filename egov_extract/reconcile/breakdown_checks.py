"""Checks on wholes and their parts within one report.

- duration-vs-total: a procedure's step times against the total time stated for them ('B1 1/4
  ngày … B7 1/4 ngày' add up to 3,5 days; 'Tổng thời gian thực hiện: 03 ngày');
- parts-vs-total (prose): a stated total against the parts the same sentence breaks it into
  ('102 đơn vị hành chính cấp xã, gồm 82 xã và 21 phường'; '60 nhiệm vụ (trong đó: A 35 nhiệm
  vụ; B 41 nhiệm vụ)', where parts of a 'trong đó' may overlap and only exceeding is told).
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..datamodel import Evidence, Finding, Indicator, Quote, Report, StepTime
from ..extract.breakdowns import SCALES
from .evidence import evidence, interval, show


def _step_evidence(step: StepTime) -> Evidence:
    text = f"{step.marker}: {step.time_text}"
    return Evidence(span=step.span, text=step.time_text, quote=Quote(text=text, start=len(step.marker) + 2, end=len(text)))


def _days(value: Decimal) -> str:
    return show(value, 3)


def duration_vs_total(report: Report) -> list[Finding]:
    """The steps of a procedure must take the total time stated for them."""
    out = []
    for timeline in report.timelines:
        total = sum((s.days for s in timeline.steps), Decimal(0))
        if total == timeline.total_days:
            continue
        first, last = timeline.steps[0], timeline.steps[-1]
        parts = " + ".join(_days(s.days) for s in timeline.steps)
        out.append(
            Finding(
                check="duration-vs-total",
                severity="warning",
                message=(
                    f"Steps {first.marker} to {last.marker} take {parts} = {_days(total)} working days, "
                    f"but the total time is given as {timeline.total_text} ({_days(timeline.total_days)})."
                ),
                evidence=(
                    Evidence(span=timeline.total_span, text=timeline.total_text, quote=timeline.quote),
                    *(_step_evidence(s) for s in timeline.steps),
                ),
                suggestion="a step's time or the total is wrong (or the total was copied from another procedure)",
            )
        )
    return out


def _scale(indicator: Indicator) -> Decimal:
    unit = indicator.unit or ""
    return next((v for k, v in SCALES.items() if indicator.kind == "money" and unit.startswith(k)), Decimal(1))


def _range(indicator: Indicator) -> tuple[Decimal, Decimal] | None:
    """The values a printed figure may stand for, in one unit (đồng for money)."""
    covered = interval(indicator.numbers[0])
    if covered is None:
        return None
    if indicator.numbers[0].isdigit() or regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", indicator.numbers[0]):
        covered = (indicator.value, indicator.value)  # a whole count or amount is exact
    scale = _scale(indicator)
    return covered[0] * scale, covered[1] * scale


def parts_vs_total_in_prose(report: Report) -> list[Finding]:
    """A total against the parts its sentence splits it into."""
    composed = {(a.span.page, a.span.start) for a in report.agency_lists if a.kind == "composition"}
    out = []
    for breakdown in report.breakdowns:
        total = report.indicators[breakdown.total]
        if (total.span.page, total.span.start) in composed:
            continue  # an agency composition: parts-vs-total of agency lists tells it
        parts = [report.indicators[k] for k in breakdown.parts]
        ranges = [_range(x) for x in [total, *parts]]
        if any(r is None for r in ranges):
            continue
        (tlo, thi), rest = ranges[0], ranges[1:]
        slo, shi = sum(r[0] for r in rest), sum(r[1] for r in rest)
        written = " + ".join(p.text for p in parts)
        if breakdown.complete:
            if slo <= thi and tlo <= shi:
                continue
            message = f"{written} do not add up to the {total.text} they make up ({breakdown.connective})."
            suggestion = "a part or the total is wrong"
        else:
            if slo <= thi:
                continue
            message = (
                f"The parts named under '{breakdown.connective}' ({written}) exceed the total {total.text}; "
                "parts of a 'trong đó' may overlap (one item counted under two heads), so check whether they do."
            )
            suggestion = "if the parts do not overlap, a part or the total is wrong"
        out.append(
            Finding(
                check="parts-vs-total",
                severity="warning",
                message=message,
                evidence=(evidence(total), *(evidence(p) for p in parts)),
                suggestion=suggestion,
            )
        )
    return out


__all__ = ["duration_vs_total", "parts_vs_total_in_prose"]
