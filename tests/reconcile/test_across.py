"""Cross-report checks: identity of documents and indicators, changes of denominator and lists."""

import pytest

from egov_extract.datamodel import AgencyItem, AgencyList, Quote, Span
from egov_extract.extract.agencies import agency_key
from egov_extract.reconcile.across import diff_agencies, province_of
from tests.reconcile.test_checks import audit_of

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH {0}\n\nBÁO CÁO\nTình hình tháng {1} năm 2025\n\n"


def checks(audit, name):
    """Findings of a check, whether it leads the finding or is one of its facets."""
    return [f for f in audit.findings if name == f.check or name in {x.check for x in f.facets}]


def test_one_document_cited_with_two_dates():
    a = "Căn cứ Quyết định số 1407/QĐ-UBND ngày 12/6/2024 của UBND tỉnh."
    b = "Theo Quyết định số 1407/QĐ-UBND ngày 13/6/2024 và Báo cáo số 1407/BC-SNV ngày 20/5/2025."
    (finding,) = checks(audit_of(a, b), "citation-conflict")
    assert "1407/QĐ-UBND" in finding.message and "dates" in finding.message and len(finding.evidence) == 2


def test_government_resolutions_restart_numbering_every_year():
    a = "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2024 của Chính phủ."
    b = "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ."
    c = "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/02/2025 của Chính phủ."
    assert not checks(audit_of(a, b), "citation-conflict")
    assert len(checks(audit_of(b, c), "citation-conflict")) == 1


def test_numbers_with_their_year_conflict_across_years():
    a = "- Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020;"
    b = "- Luật Đầu tư số 61/2020/QH14 ngày 17/6/2021;"
    assert len(checks(audit_of(a, b), "citation-conflict")) == 1


def test_a_provinces_decisions_are_its_own():
    a = HEAD.format("AN GIANG", "3") + "Theo Quyết định số 01/2025/QĐ-UBND ngày 17/01/2025 của UBND tỉnh."
    b = HEAD.format("ĐỒNG THÁP", "3") + "Theo Quyết định số 01/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh."
    c = HEAD.format("AN GIANG", "4") + "Theo Quyết định số 01/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh."
    assert not checks(audit_of(a, b), "citation-conflict")
    assert len(checks(audit_of(a, c), "citation-conflict")) == 1


def test_types_conflict_only_where_the_number_does_not_fix_the_type():
    a = "Kế hoạch triển khai Quyết định số 1690/QĐ-TTg ngày 26/12/2023 của Thủ tướng Chính phủ."
    b = "Thông báo kết luận số 1690/QĐ-TTg ngày 26/12/2023 của Thủ tướng Chính phủ."
    assert not checks(audit_of(a, b), "citation-conflict")  # the code QĐ says what it is
    c = "Theo Công văn số 312/UBND-KGVX ngày 12/3/2025 của UBND tỉnh."
    d = "Theo Quyết định số 312/UBND-KGVX ngày 12/3/2025 của UBND tỉnh."
    (finding,) = checks(audit_of(c, d), "citation-conflict")
    assert "types" in finding.message


def test_the_type_is_the_word_nearest_the_number():
    from egov_extract.extract.citations import find_citations

    (c,) = find_citations("Kế hoạch triển khai Quyết định số 1690/QĐ-TTg ngày 26/12/2023.")
    assert c.doc_type == "Quyết định"


@pytest.mark.parametrize(
    "text, province",
    [
        ("UBND TỈNH AN GIANG SỞ KHOA HỌC VÀ CÔNG NGHỆ", "an giang"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "ho chi minh"),
        ("HĐND tỉnh Bắc Ninh", "bac ninh"),
        ("Chủ tịch UBND tỉnh", None),
        ("Chính phủ", None),
    ],
)
def test_province_of(text, province):
    assert province_of(text) == province


def test_denominator_change_with_its_explanation():
    jan = HEAD.format("AN GIANG", "01") + "- Tính đến tháng 01/2025, tổng số cơ quan nhà nước cấp tỉnh hoàn thiện Chính quyền điện tử là 16/20 cơ quan, tỷ lệ 80%.\n"
    mar = HEAD.format("AN GIANG", "03") + "- Tính đến tháng 03/2025, tổng số cơ quan nhà nước cấp tỉnh hoàn thiện Chính quyền điện tử là 11/14 cơ quan, tỷ lệ 78,6%.\n"
    may = HEAD.format("AN GIANG", "05") + "Đối với các cơ quan cấp tỉnh: giảm từ 20 cơ quan cấp tỉnh xuống còn 14 cơ quan.\n"
    (finding,) = checks(audit_of(jan, mar, may), "denominator-change")
    assert finding.severity == "info" and "from 20 to 14" in finding.message
    assert [e.text for e in finding.evidence][:2] == ["16/20", "11/14"] and len(finding.evidence) == 3
    (unexplained,) = checks(audit_of(jan, mar), "denominator-change")
    assert "No report explains it" in unexplained.message


def test_same_indicator_same_period_different_values():
    a = HEAD.format("AN GIANG", "03") + "- Tính đến tháng 03/2025, tỷ lệ hồ sơ giải quyết trực tuyến toàn trình trên Cổng dịch vụ công đạt 65,2%.\n"
    b = HEAD.format("AN GIANG", "04") + "- Tính đến tháng 03/2025, tỷ lệ hồ sơ giải quyết trực tuyến toàn trình trên Cổng dịch vụ công đạt 61,8%.\n"
    c = HEAD.format("AN GIANG", "05") + "- Tính đến tháng 05/2025, tỷ lệ hồ sơ giải quyết trực tuyến toàn trình trên Cổng dịch vụ công đạt 70,1%.\n"
    (finding,) = checks(audit_of(a, b, c), "indicator-conflict")
    assert {e.text for e in finding.evidence} == {"65,2%", "61,8%"}


def _list(*names):
    span = Span(source="x.txt", page=1, start=0, end=1)
    items = tuple(AgencyItem(number=i + 1, name=n, key=agency_key(n)) for i, n in enumerate(names))
    return AgencyList(span=span, kind="enumeration", quote=Quote(text="x", start=0, end=1), items=items)


def test_agency_list_diff_across_garble_and_renaming():
    jan = _list("Văn phòng UBND tỉnh", "Ban Dân tộc", "Sở Tư pháp", "Sở Y tế")
    mar = _list("Van phong UBND tinh", "Sở Dân tộc và Tôn giáo", "So Y te", "Sở Nội vụ")
    joined, left, renamed = diff_agencies(jan, mar)
    assert left == ["Sở Tư pháp"] and joined == ["Sở Nội vụ"]
    assert renamed == [("Ban Dân tộc", "Sở Dân tộc và Tôn giáo")]


def test_a_base_that_returns_is_a_conflict():
    line = "- Số lượng cơ quan nhà nước cấp tỉnh, cấp huyện, cấp xã cung cấp dữ liệu mở là {0} cơ quan.\n"
    head = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nAn Giang, ngày {0} năm 2025\n\nBÁO CÁO\nTình hình {1} năm 2025\n\n"
    q1 = head.format("11 tháng 3", "quý I") + line.format("180/188")
    mar = head.format("08 tháng 4", "tháng 03") + line.format("178/180")
    may = head.format("20 tháng 5", "5 tháng đầu") + line.format("180/188")
    audit = audit_of(q1, mar, may, names=["q1.txt", "mar.txt", "may.txt"])
    (case,) = checks(audit, "indicator-conflict")
    assert "again" in case.view("indicator-conflict").message
    assert {"mar.txt", "may.txt"} <= {e.span.source for e in case.evidence}


def test_one_number_two_titles():
    a = "Theo Kế hoạch số 106/KH-UBND ngày 12/3/2025 của UBND tỉnh về cải cách hành chính tỉnh An Giang năm 2025."
    b = "Theo Kế hoạch số 106/KH-UBND ngày 12/3/2025 của UBND tỉnh về công tác CCHC tỉnh An Giang năm 2025."
    c = "Theo Kế hoạch số 106/KH-UBND ngày 12/3/2025 của UBND tỉnh về phát triển du lịch cộng đồng vùng biên giới."
    assert not checks(audit_of(a, b), "citation-conflict")  # CCHC is cải cách hành chính
    (finding,) = checks(audit_of(a, c), "citation-conflict")
    assert "different titles" in finding.message


def test_noi_vu_is_not_ngoai_vu_but_garbled_so_is_so():
    jan = _list("Sở Ngoại vụ", "Sở Giáo dục và Đào tạo", "Sở Y tế")
    mar = _list("Sở Nội vụ", "S6 Giao duc va Dao tao", "So0 Y té")
    joined, left, renamed = diff_agencies(jan, mar)
    assert left == ["Sở Ngoại vụ"] and joined == ["Sở Nội vụ"] and renamed == []


def test_reports_of_different_provinces_are_not_compared():
    # A Giang's 11/14 (seed 000) and the written Bình Hải report's 12/14 are different figures.
    from egov_extract import extract, reconcile

    audit = reconcile([extract("corpora/seeds/000_d6625d6bc845ad83.txt"), extract("corpora/written/binhhai_ubnd_cds_6t_2025.txt")])
    crossing = [f for f in audit.findings if len({e.span.source for e in f.evidence}) > 1]
    assert crossing == []
