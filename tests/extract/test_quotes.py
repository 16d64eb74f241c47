"""The sentence around a record: contains it, stays in its paragraph, maps back to the original."""

from hypothesis import given, strategies as st

from egov_extract.extract.quotes import make_quote, sentence_bounds
from egov_extract.repair import repair_text


def test_sentence_runs_over_hard_line_breaks_but_not_past_a_paragraph():
    text = "Mở đầu.\n\n- Tính đến tháng 03/2025, tổng số cơ quan\nlà 11/14 cơ quan, tỷ lệ 85,7%. Câu sau.\n- Mục khác."
    start = text.index("11/14")
    a, b = sentence_bounds(text, start, start + 5)
    assert text[a:b] == "- Tính đến tháng 03/2025, tổng số cơ quan\nlà 11/14 cơ quan, tỷ lệ 85,7%."


def test_thousands_dots_do_not_end_a_sentence():
    text = "Toàn tỉnh có 2.164.505 người, đạt 85,7%; tiếp theo"
    start = text.index("85,7%")
    a, b = sentence_bounds(text, start, start + 5)
    assert text[a:b] == "Toàn tỉnh có 2.164.505 người, đạt 85,7%;"


def test_garbled_quote_keeps_the_original_sentence():
    original = "Nghi quyét s6 17/NQ-CP ngay 07/3/2019 ctia Chinh phu vé phat trién."
    repaired = repair_text(original)
    start = repaired.text.index("17/NQ-CP")
    quote = make_quote(original, repaired, start, start + 8)
    assert quote.text[quote.start : quote.end] == "17/NQ-CP"
    assert quote.original is not None and quote.original[quote.original_start : quote.original_end] == "17/NQ-CP"


@given(st.text(alphabet="ab .;\n-1", max_size=80), st.data())
def test_bounds_always_hold_the_record(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = sentence_bounds(text, start, end)
    assert a <= start <= end <= b <= len(text)


def test_a_quote_has_its_original_place_or_no_original():
    import pytest
    from pydantic import ValidationError

    from egov_extract.datamodel import Quote

    with pytest.raises(ValidationError):
        Quote(text="a", start=0, end=1, original="b")
    assert Quote(text="a", start=0, end=1, original="b", original_start=0, original_end=1).original == "b"
