from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov_extract.extract.numbers import format_number, parse_number, rounding_interval


@pytest.mark.parametrize(
    "text, value, decimals",
    [
        ("2.164.505", Decimal("2164505"), 0),
        ("2.189", Decimal("2189"), 0),  # two thousand one hundred eighty-nine, not 2.189
        ("2,5", Decimal("2.5"), 1),
        ("85,7", Decimal("85.7"), 1),
        ("83,17", Decimal("83.17"), 2),
        ("424.204", Decimal("424204"), 0),
        ("1.234,56", Decimal("1234.56"), 2),
        ("0,5", Decimal("0.5"), 1),
        ("733", Decimal("733"), 0),
    ],
)
def test_vietnamese_format(text, value, decimals):
    n = parse_number(text)
    assert n.value == value and n.decimals == decimals and n.text == text


def test_not_numbers():
    for text in ("", "abc", "1.2.3", "12,", ",5", "1..2"):
        assert parse_number(text) is None, text


def test_rounding_interval_accepts_rounding_and_truncation():
    low, high = rounding_interval(parse_number("85,7"))
    assert (low, high) == (Decimal("85.65"), Decimal("85.8"))
    assert not (low <= Decimal(11) / 14 * 100 <= high)  # 78.57 is not 85,7
    assert low <= Decimal(12) / 14 * 100 <= high  # 85.714 rounds to 85,7


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_format_parse_round_trip(integer, decimals):
    value = Decimal(integer).scaleb(-decimals)
    text = format_number(value, decimals)
    parsed = parse_number(text)
    assert parsed is not None and parsed.value == value and parsed.decimals == decimals


@given(st.text(max_size=20))
def test_parser_never_crashes(text):
    parse_number(text)
