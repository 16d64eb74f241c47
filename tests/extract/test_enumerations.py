"""Lists, articles, steps and the rows of flattened tables, with the counts stated for them
(shapes of 2025 official documents; names and figures invented)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.extract.enumerations import LETTERS, find_enumerations, roman


def stated(text):
    return [(e.style, e.stated, len(e.items)) for e in find_enumerations(text) if e.stated is not None]


def test_a_count_before_a_colon_counts_the_list_after_it():
    text = "Quy trình bổ nhiệm gồm 03 bước như sau:\nBước 1: Đề xuất.\nBước 2: Thẩm định.\nBước 3: Quyết định.\n"
    assert stated(text) == [("step", 3, 3)]
    text = "2. Mục tiêu cụ thể (8 mục tiêu)\n(1) Một.\n(2) Hai.\n(3) Ba.\n(4) Bốn.\n(5) Năm.\n(6) Sáu.\n(7) Bảy.\n\n3. Giải pháp\n"
    assert stated(text) == [("paren-number", 8, 7)]
    text = "Kế hoạch có (08 mục tiêu) như Phụ lục kèm theo.\n(1) Một.\n(2) Hai.\n"
    assert stated(text) == []  # the count does not end its line: no claim is read
    text = "Phấn đấu đạt 08 mục tiêu sau:\n(1) Một.\n(2) Hai.\n(3) Ba.\n(4) Bốn.\n(5) Năm.\n(6) Sáu.\n(7) Bảy.\n\nII. GIẢI PHÁP\n"
    assert stated(text) == [("paren-number", 8, 7)]


@pytest.mark.parametrize(
    "intro",
    [
        "Sửa đổi, bổ sung Điều 8 như sau:",  # an article's number
        "trước ngày 25 tháng 12 hằng năm như sau:",  # a date
        "Ban Chỉ đạo 389 quốc gia có ý kiến như sau:",  # a name
        "Hội đồng có 05 hoặc 07 thành viên bao gồm:",  # alternatives
        "Nhân kỷ niệm 80 năm Ngày Quốc khánh:",  # a span of time
    ],
)
def test_numbers_that_are_no_counts_claim_nothing(intro):
    assert stated(intro + "\na) Một.\nb) Hai.\nc) Ba.\n") == []


def test_bullets_of_one_sign_are_the_items():
    """Another sign is another level: '- …' after the '+' items is not one of them."""
    text = "Công trình có 02 tầng:\n+ Tầng 1: sảnh.\n+ Tầng 2: phòng họp.\n- Mái: tôn.\n- Móng: cọc.\n\nĐiều 3.\n"
    assert stated(text) == [("bullet", 2, 2)]


TABLE = (
    "I\n\nTHỦ TỤC HÀNH CHÍNH CẤP TỈNH\n(12 TTHC)\n\nLĨNH VỰC BẢO TRỢ XÃ HỘI\n(07 TTHC)\n\n"
    + "".join(f"{k}\n\n1.0018{k:02d}\n\nThủ tục số {k} về bảo trợ xã hội\n\n" for k in range(1, 8))
    + "LĨNH VỰC PHÒNG, CHỐNG TỆ NẠN\nXÃ HỘI ({n} TTHC)\n\n"
    + "".join(f"{k}\n\n2.0000{k:02d}\n\nThủ tục số {k} về tệ nạn xã hội\n\n" for k in range(8, 13))
    + "II\n\nTHỦ TỤC HÀNH CHÍNH CẤP XÃ (01 TTHC)\n\nSTT\n\nMã TTHC\n\nTên TTHC\n\n13\n\n1.001111\n\nThủ tục cấp xã\n"
)


def test_counted_headings_count_their_rows_and_parent_headings_their_parts():
    found = {(e.style, e.stated): e for e in find_enumerations(TABLE.format(n="05")) if e.stated is not None}
    assert len(found[("row", 7)].items) == 7
    assert len(found[("row", 5)].items) == 5
    assert found[("sections", 12)].part_counts == (7, 5)
    # column headers between a heading and its rows are not headings of their own
    assert [i.marker for i in found[("row", 1)].items] == ["13"]


def test_a_heading_that_misstates_its_rows():
    found = [(e.style, e.stated, len(e.items), e.part_counts) for e in find_enumerations(TABLE.format(n="06")) if e.stated]
    assert ("row", 6, 5, ()) in found  # heads five rows
    assert ("sections", 12, 2, (7, 6)) in found  # and the parent's parts add to 13


def test_article_numbering_gaps_and_what_is_no_gap():
    text = "Điều 1. Phạm vi\n\nĐiều 2. Đối tượng\n\nĐiều\n3. Giải thích\n\nĐiều 5. Hiệu lực\n"
    (articles,) = [e for e in find_enumerations(text) if e.style == "article"]
    assert articles.gaps == (4,) and [i.value for i in articles.items] == [1, 2, 3, 5]
    # a quotation that says it leaves clauses out ('…') has no gap
    quoted = "1. Khoản một.\n\n…\n\n3. Khoản ba.\n"
    assert all(not e.gaps for e in find_enumerations(quoted))
    # 'Điều 5 Nghị định số …' at a line start is a reference, not an article heading
    reference = "Điều 1. Một\n\nĐiều 2. Hai\n\nĐiều 5 Nghị định số 12/2025/NĐ-CP quy định.\n"
    assert all(len(e.items) == 2 for e in find_enumerations(reference) if e.style == "article")


def test_roman_numerals_and_letters():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90)] == ["I", "IV", "IX", "XIV", "XL", "XC"]
    text = "".join(f"{c}) Điểm {c}.\n" for c in LETTERS[:6])
    (letters,) = [e for e in find_enumerations(text) if e.style == "letter"]
    assert [i.value for i in letters.items] == [1, 2, 3, 4, 5, 6]  # 'đ' is the fifth letter


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=3), min_size=2, max_size=12), st.integers(min_value=0, max_value=4))
def test_a_stated_count_always_ties_to_the_run_that_follows(steps, skew):
    """Property: for any run of numbered items after 'gồm N nội dung sau:', the tie reads N as
    stated and counts the run as printed (a count that is off by `skew` is never 'corrected')."""
    values = [1]
    for step in steps[1:]:
        values.append(values[-1] + (1 if step < 3 else 2))  # one number may be skipped now and then
    text = f"Kế hoạch gồm {len(values) + skew} nội dung sau:\n" + "".join(f"{n}. Nội dung số {n}.\n" for n in values) + "\nHết.\n"
    (e,) = [x for x in find_enumerations(text) if x.stated is not None]
    assert e.stated == len(values) + skew
    assert [i.value for i in e.items] == values[: len(e.items)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lực lượng diễu binh gồm 05 khối: khối Hải quân; khối Biên phòng; khối Đặc công; khối Hồng kỳ và khối Quân y.", [("inline", 5, 5)]),
        ("Hội đồng gồm 04 thành viên: ông Nguyễn Văn An; bà Trần Thị Bình; ông Lê Văn Cường.", [("inline", 4, 3)]),
        # 'và' inside a name: the count cannot be told
        ("Giao 03 đơn vị gồm: Sở Tài chính; Sở Nội vụ và Sở Kế hoạch và Đầu tư.", []),
        # counted parts are a breakdown, not a list
        ("Tổng số 188 cơ quan gồm: 14 sở, ngành tỉnh; 11 UBND cấp huyện; 163 UBND cấp xã.", []),
    ],
)
def test_inline_lists_of_a_composition(text, expected):
    assert stated(text) == expected


def test_an_amount_in_brackets_is_no_count_of_the_bullets_below():
    """'EPA (40 mg)' ending a line over '+ …' bullets was read as a count of 40 (regression)."""
    text = "+ Dầu cá: Omega 3 (240 mg), DHA (200 mg),\nEPA (40 mg)\n+ Chiết xuất Marigold (50 mg)\n+ Vitamin C 120 mg\n+ Kẽm 10 mg\n"
    assert stated(text) == []
