"""Vietnamese number format: '.' groups thousands, ',' marks decimals ('2.164.505', '85,7%').

`parse_number` keeps the number as written and its value; `rounding_interval` gives the range
a printed value may have been rounded or truncated from (the GRIM idea), which the reconciler
uses to judge '11/14 = 85,7 %' without false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

# Vietnamese: 1.234.567,89 ; also plain 1234 and 12,5. English-style 1,234.5 is recognised
# only when unambiguous (both separators present in English order).
_VN = regex.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$")
_EN = regex.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+)\.(?P<frac>\d+)$")
_DOT_DECIMAL = regex.compile(r"^(?P<int>\d+)\.(?P<frac>\d{1,2}|\d{4,})$")

NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


@dataclass(frozen=True)
class VNNumber:
    text: str  # as written
    value: Decimal
    decimals: int  # digits after the decimal mark as printed
    style: str  # 'vi' (Vietnamese), 'en' (English separators), 'dot-decimal' (ambiguous, read as decimal)

    @property
    def is_integer(self) -> bool:
        return self.decimals == 0


def parse_number(text: str) -> VNNumber | None:
    """Parse one number written with Vietnamese separators; None when it is not a number."""
    raw = text.strip()
    for pattern, style in ((_VN, "vi"), (_EN, "en"), (_DOT_DECIMAL, "dot-decimal")):
        m = pattern.match(raw)
        if m:
            integer = m.group("int").replace(".", "").replace(",", "")
            frac = m.group("frac") or ""
            try:
                value = Decimal(integer + ("." + frac if frac else ""))
            except InvalidOperation:
                return None
            return VNNumber(raw, value, len(frac), style)
    return None


def format_number(value: Decimal, decimals: int = 0) -> str:
    """Write a value the Vietnamese way: format_number(Decimal('2164505')) == '2.164.505'."""
    quantized = value.quantize(Decimal(1).scaleb(-decimals)) if decimals else value.quantize(Decimal(1))
    sign = "-" if quantized < 0 else ""
    integer, _, frac = f"{abs(quantized):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return sign + ".".join(groups) + ("," + frac if decimals else "")


def rounding_interval(number: VNNumber) -> tuple[Decimal, Decimal]:
    """[low, high] a printed value covers if it was rounded half-up or truncated to its precision.

    '85,7' covers [85.65, 85.8): rounding gives [85.65, 85.75], truncation [85.7, 85.8).
    """
    step = Decimal(1).scaleb(-number.decimals)
    return number.value - step / 2, number.value + step
