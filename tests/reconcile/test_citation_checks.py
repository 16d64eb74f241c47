"""How a report cites documents and itself: sentence shapes of 2025 official documents, figures
and numbers invented."""

import pytest

from tests.reconcile.test_checks import audit_of

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÀ LÂM\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: {number}\n\n*Hà Lâm, ngày {day} tháng {month} năm 2025*\n\n"
    "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n"
)


def report(body: str, number: str = "1520/QĐ-UBND", day: str = "05", month: str = "3") -> str:
    return HEADER.format(number=number, day=day, month=month) + body


def checks(audit, name):
    """Findings of a check, whether it leads the finding or is one of its facets."""
    return [f for f in audit.findings if name == f.check or name in {x.check for x in f.facets}]


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Căn cứ Thông tư số 05/2024/NĐ-BXD ngày 10/5/2024 của Bộ Xây dựng;", True),
        ("Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2025 của UBND tỉnh;", False),
        ("Theo đề nghị tại Công văn số 3129/TTr-SNV ngày 12/02/2025 của Sở Nội vụ.", True),
        # CT is Cục Thuế's abbreviation in a letter's number, not the code of a Chỉ thị
        ("Cục Thuế đã có Công văn số 5348/CT-CS ngày 20/01/2025 hướng dẫn.", False),
        # 'Văn bản' names no type: a Tờ trình may be called so
        ("Xét đề nghị tại Văn bản số 4522/TTr-SYT ngày 21/01/2025 của Sở Y tế.", False),
        # old ministry numbers 'n-TC/TCT' are no Party documents
        ("Thực hiện Thông tư số 89-TC/TCT ngày 09/11/1995 của Bộ Tài chính.", False),
        # QH is the issuer of the National Assembly's resolutions
        ("Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội;", False),
        # the type word is the one right before the number
        ("Quyết định số 12/QĐ-UBND ngày 10/01/2025 phê duyệt Đề án số hóa được triển khai.", False),
        ("Căn cứ Công điện số 155/CĐ-TTg ngày 20/01/2025 của Thủ tướng Chính phủ;", False),
        ("Căn cứ Kết luận số 149-KL/TW ngày 10/01/2025 của Bộ Chính trị;", False),
        ("Căn cứ Kết luận số 149-TB/TW ngày 10/01/2025 của Bộ Chính trị;", True),
    ],
)
def test_type_word_against_type_code(sentence, flagged):
    assert bool(checks(audit_of(report(sentence)), "type-code-mismatch")) == flagged


def test_codes_of_rare_types_are_kept_as_printed():
    """'CĐ', 'PA' and 'KL' were 'mended' into the commoner 'QĐ', 'PL' and 'KH'; an old
    '24/LB-TT' became '24/TB-TT' (regression)."""
    from egov_extract.extract.citations import find_citations

    text = (
        "Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025; Phương án số 02600/PA-UBND ngày 18/8/2025; "
        "Kết luận số 100-KL/ĐU ngày 17/11/2025; Thông tư số 24/LB-TT ngày 19/9/1994; Chỉ thị số 15/CTT-TTg ngày 22/5/2012."
    )
    numbers = [c.number for c in find_citations(text, mend_codes=False)]
    assert numbers == ["223/CĐ-TTg", "02600/PA-UBND", "100-KL/ĐU", "24/LB-TT", "15/CTT-TTg"]
    # vocabulary codes stay even where OCR mending is on
    assert [c.number for c in find_citations(text, mend_codes=True)][:3] == ["223/CĐ-TTg", "02600/PA-UBND", "100-KL/ĐU"]


@pytest.mark.parametrize(
    "body, flagged, suggestion",
    [
        ("Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16/02/2025 của Chính phủ;", True, "either the year"),
        (
            "Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ;\n"
            "Thực hiện Nghị định số 23/2015/NĐ-CP ngày 16/02/2025 của Chính phủ về chứng thực.",
            True,
            "the date is mistyped",
        ),
        ("Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ;", False, None),
        ("Căn cứ Luật Dữ liệu số 60/2024/QH15 ngày 30 tháng 11 năm 2024;", False, None),
    ],
)
def test_year_in_the_number_against_the_date(body, flagged, suggestion):
    found = checks(audit_of(report(body, day="20", month="11")), "citation-year-mismatch")
    assert bool(found) == flagged
    if flagged:
        assert suggestion in found[0].suggestion


@pytest.mark.parametrize(
    "cited, flagged",
    [("10/4/2025", True), ("10/02/2025", False), ("05/3/2025", False)],
)
def test_a_report_cannot_rest_on_a_later_document(cited, flagged):
    text = report(f"Căn cứ Nghị định số 88/2025/NĐ-CP ngày {cited} của Chính phủ quy định chi tiết;")
    found = checks(audit_of(text), "cites-later-document")
    assert bool(found) == flagged
    if flagged:  # the evidence includes the header's own date, so an auditor sees both
        assert any("05 tháng 3 năm 2025" in e.text for e in found[0].evidence)


ANNEX = "\n\nCHỦ TỊCH\nNguyễn Văn An\n\nPHỤ LỤC\nDANH MỤC THỦ TỤC\n*(Kèm theo Quyết định số {number} ngày {date} của Chủ tịch UBND tỉnh)*\n\n1. Thủ tục cấp phép."


@pytest.mark.parametrize(
    "number, date, flagged",
    [
        ("1520/QĐ-UBND", "05/3/2025", False),
        ("152/QĐ-UBND", "05/3/2025", True),  # the annex misnumbers its decision
        ("1520/QĐ-UBND", "05/4/2025", True),  # or misdates it
        ("1520/QĐ-UBND", "05 tháng 3 năm 2025", False),
    ],
)
def test_the_annex_against_the_header(number, date, flagged):
    body = "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục." + ANNEX.format(number=number, date=date)
    found = checks(audit_of(report(body)), "self-reference-conflict")
    assert bool(found) == flagged
    if flagged:
        assert {e.text for e in found[0].evidence} >= {"1520/QĐ-UBND"}


def test_an_annex_of_another_document_is_no_self_reference():
    body = (
        "Điều 1. Sửa đổi, bổ sung Quy chế ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2024 của UBND tỉnh."
        "\n\n*(Kèm theo Quyết định số 1519/QĐ-UBND ngày 10/02/2025 của Chủ tịch UBND tỉnh)*"
    )
    assert not checks(audit_of(report(body)), "self-reference-conflict")


TITLE = "của Chính phủ xác định các dân tộc còn gặp nhiều khó khăn, có khó khăn đặc thù giai đoạn 2026 - 2030"


@pytest.mark.parametrize(
    "first, second, flagged",
    [
        ("225/2025/NĐ-CP", "255/2025/NĐ-CP", True),  # one digit mistyped, same date and title
        ("254/2025/NĐ-CP", "255/2025/NĐ-CP", False),  # neighbours issued the same day
        ("44/2023/TT-BTC", "44/2023/TT-BCT", True),  # the issuer's letters swapped
    ],
)
def test_one_document_under_two_numbers(first, second, flagged):
    kind = "Thông tư" if "TT" in first else "Nghị định"
    body = (
        f"Căn cứ {kind} số {first} ngày 29/9/2025 {TITLE};\n\n"
        + "".join(f"Theo {kind} số {second} ngày 29/9/2025 {TITLE}.\n\n" for _ in range(3))
    )
    views = [f.view("citation-conflict") for f in checks(audit_of(report(body, day="20", month="11")), "citation-conflict")]
    found = [v for v in views if "two numbers" in v.message]
    assert bool(found) == flagged
    if flagged:
        assert second in found[0].suggestion  # cited three times against once


def test_consecutive_same_day_numbers_with_one_title_are_not_merged():
    """Six decisions numbered 73 to 78 of one day and title are six documents."""
    body = "".join(f"Quyết định số {n}/2000/QĐ-UB ngày 20/7/2000 của UBND tỉnh về việc giao đất cho hộ gia đình.\n\n" for n in range(73, 79))
    assert not [f for f in checks(audit_of(report(body)), "citation-conflict") if "two numbers" in f.view("citation-conflict").message]


def test_an_impossible_citation_date_names_the_proper_one():
    body = (
        "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/20205 của Chính phủ về thủ tục hành chính;\n\n"
        "Thực hiện Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ."
    )
    (finding,) = checks(audit_of(report(body, day="20", month="11")), "impossible-date")
    assert len(finding.evidence) == 2 and "09 tháng 6 năm 2025" in finding.suggestion
