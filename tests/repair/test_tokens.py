from hypothesis import given
from hypothesis import strategies as st

from egov_extract.repair.tokens import Kind, is_number, tokenize


def kinds(text):
    return [(t.text, t.kind) for t in tokenize(text) if t.kind is not Kind.SPACE]


def test_numbers_in_vietnamese_format_are_whole_tokens():
    for number in ("2.164.505", "85,7%", "29/12/2023", "07/3/2019", "19,4/20", "180/188", "10:30"):
        assert kinds(number) == [(number, Kind.NUMBER)], number
        assert is_number(number)


def test_codes_and_garble():
    assert kinds("1245/KH-UBND")[0] == ("1245/KH-UBND", Kind.CODE)
    assert kinds("QD-UBND")[0] == ("QD-UBND", Kind.CODE)
    assert kinds("s6 ctia v€ 1&") == [("s6", Kind.WORD), ("ctia", Kind.WORD), ("v€", Kind.WORD), ("1&", Kind.WORD)]


def test_urls_and_emails_are_kept_whole():
    assert kinds("https://dichvucong.gov.vn/p/home.html")[0][1] is Kind.URL
    assert kinds("sotttt@angiang.gov.vn")[0][1] is Kind.EMAIL


def test_line_end_hyphen():
    assert kinds("chuyén-\nd6i") == [("chuyén", Kind.WORD), ("-", Kind.PUNCT), ("d6i", Kind.WORD)]
    assert kinds("214/KH-\nUBND")[0] == ("214/KH-", Kind.CODE)


@given(st.text())
def test_tokens_cover_the_text_exactly(text):
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(t.start == sum(len(x.text) for x in tokens[:i]) for i, t in enumerate(tokens[:20]))


def test_words_joined_by_a_slash_or_hyphen_are_words():
    # 'đồng/tháng' had been one CODE token, so garbled 'déng/thang' was never repaired and
    # '40.000.000 déng/thang' lost its currency (regression from the generated-garble benchmark).
    def kinds(text):
        return [(t.text, t.kind) for t in tokenize(text) if t.kind is not Kind.SPACE]

    assert kinds("40.000.000 déng/thang") == [
        ("40.000.000", Kind.NUMBER), ("déng", Kind.WORD), ("/", Kind.PUNCT), ("thang", Kind.WORD)
    ]
    assert kinds("tỉnh/thành") == [("tỉnh", Kind.WORD), ("/", Kind.PUNCT), ("thành", Kind.WORD)]
    assert kinds("Dich vu-cong")[1:] == [("vu", Kind.WORD), ("-", Kind.PUNCT), ("cong", Kind.WORD)]
    # Codes stay whole: upper case or digits.
    for code in ("QD-UBND", "1245/KH-UBND", "Nd-CP", "01-NQ/TU"):
        assert kinds(code) == [(code, Kind.CODE)]


def test_phrase_final_words():
    from egov_extract.repair.tokens import phrase_final

    text = "doanh nghiệp2, người dân\nvà xã hội. Hết"
    got = phrase_final(tokenize(text))
    ends = {t.start for t in tokenize(text) if t.text in ("nghiệp2", "dân", "hội", "Hết")}
    assert got == ends
