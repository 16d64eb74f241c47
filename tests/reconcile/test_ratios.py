"""check_percent: a stated percentage against its ratio, GRIM-style."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from egov_extract import check_percent
from egov_extract.extract.numbers import format_number


def test_the_corpus_example():
    """March report: '11/14 cơ quan, tỷ lệ 85,7%' (the footnote lists 12 agencies)."""
    check = check_percent("11", "14", "85,7%")
    assert not check.fits and check.fitting_numerator == 12
    assert check.explanation == "11/14 is 78,6 %, not 85,7 %; 12/14 would fit"
    assert check.stated == "85,7" and (check.low, check.high) == (85.65, 85.8)
    assert check_percent("12", "14", "85,7").fits


def test_thousands_excess_and_nonsense():
    assert check_percent("2.164", "2.189", "98,9%").fits  # thousands dots, not decimals
    assert check_percent("121,3", "100", "21,3", excess=True).fits  # 'vượt 21,3% kế hoạch'
    assert not check_percent("179", "188", "94,2%").fits and check_percent("179", "188", "94,2%").fitting_numerator is None
    assert check_percent("3", "0", "10%") is None and check_percent("a", "4", "10%") is None


pairs = st.integers(1, 5000).flatmap(lambda b: st.tuples(st.integers(0, b), st.just(b)))


@given(pairs, st.integers(0, 2), st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]))
def test_a_percentage_rounded_or_truncated_from_its_ratio_always_fits(pair, decimals, rounding):
    a, b = pair
    exact = Decimal(a) / Decimal(b) * 100
    printed = format_number(exact.quantize(Decimal(1).scaleb(-decimals), rounding=rounding), decimals)
    check = check_percent(format_number(Decimal(a), 0), format_number(Decimal(b), 0), printed + "%")
    assert check.fits, (a, b, printed)


@given(pairs, st.integers(0, 1000), st.integers(0, 1))
def test_an_offered_numerator_fits_and_is_the_smallest(pair, tenths, decimals):
    a, b = pair
    stated = format_number(Decimal(tenths) / 10 if decimals else Decimal(tenths // 10), decimals)
    check = check_percent(str(a), str(b), stated)
    if check.fitting_numerator is not None:
        k = check.fitting_numerator
        assert check_percent(str(k), str(b), stated).fits
        assert k == 0 or not check_percent(str(k - 1), str(b), stated).fits
