"""A stated percentage against the ratio it describes, judged GRIM-style.

The printed percentage is kept as written and stands for the range it may have been rounded or
truncated from ('85,7%' covers [85,65; 85,8)); the ratio fits when its exact value falls in that
range. When it does not, the smallest numerator that would fit is offered, since a stale count
beside a fresh percentage is the usual story ('11/14 … 85,7%': 12/14 fits).
"""

from __future__ import annotations

import math
from decimal import Decimal

from ..datamodel import PercentCheck
from ..extract.numbers import VNNumber, format_number, parse_number, rounding_interval


def check_percent(numerator: str, denominator: str, stated: str, excess: bool = False) -> PercentCheck | None:
    """Does `stated` percent describe `numerator`/`denominator`? None when a value is no number
    or the denominator is zero.

    >>> check_percent("11", "14", "85,7%").explanation
    '11/14 is 78,6 %, not 85,7 %; 12/14 would fit'
    """
    actual, s = exact_percent(numerator, denominator), parse_number(stated.rstrip("%").strip())
    if actual is None or s is None:
        return None
    b = parse_number(denominator)
    low, high = rounding_interval(s)
    if excess:
        low, high = low + 100, high + 100
    fits = low <= actual < high
    fitting = None if fits else _fitting_numerator(low, high, b)
    said = describe(actual, s.decimals, excess)
    verdict = "which fits" if fits else "not"
    explanation = f"{numerator}/{denominator} {said}, {verdict} {s.text} %"
    if fitting is not None:
        explanation += f"; {fitting}/{denominator} would fit"
    return PercentCheck(
        numerator=numerator,
        denominator=denominator,
        stated=s.text,
        excess=excess,
        actual=float(actual),
        low=float(low),
        high=float(high),
        fits=fits,
        fitting_numerator=fitting,
        explanation=explanation,
    )


def describe(actual: Decimal, decimals: int, excess: bool = False) -> str:
    """What a ratio's exact percentage is, at the stated precision (one decimal at least):
    'is 78,6 %', or for an excess over plan 'exceeds 100 % by 21,3 %'."""
    shown = format_number(actual - (100 if excess else 0), max(decimals, 1))
    return f"exceeds 100 % by {shown} %" if excess else f"is {shown} %"


def exact_percent(numerator: str, denominator: str) -> Decimal | None:
    """numerator / denominator x 100 in exact decimals; None when either is no number or the
    denominator is zero."""
    a, b = parse_number(numerator), parse_number(denominator)
    if not (a and b) or b.value == 0:
        return None
    return a.value / b.value * 100


def _fitting_numerator(low: Decimal, high: Decimal, denominator: VNNumber) -> int | None:
    """The smallest whole k with k/denominator in [low, high) percent, if any."""
    d = denominator.value
    if d != d.to_integral_value():
        return None
    k = math.ceil(low * d / 100)
    return k if 0 <= k <= d and Decimal(k) / d * 100 < high else None


__all__ = ["PercentCheck", "check_percent", "describe", "exact_percent"]
