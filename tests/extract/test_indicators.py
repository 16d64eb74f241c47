"""Numeric indicators on report sentences and on the repaired garble of seed 000."""

from decimal import Decimal

import pytest

from egov_extract import ingest
from egov_extract.extract import extract
from egov_extract.extract.indicators import find_indicators
from tests.helpers import SEEDS

SENTENCE = (
    "- Tính đến tháng 03/2025, tổng số cơ quan nhà nước cấp tỉnh hoàn thiện\n"
    "Chính quyền điện tử là 11/14\" cơ quan, tỷ lệ 85,7% (giảm 7,13% so với tháng 02/2025). "
    "Chỉ số cải cách hành chính năm 2024 đạt 85,12%, xếp hạng 57/63 tỉnh, tăng 6 hạng so với năm 2023. "
    "Có 2.189 trạm BTS, 733 học viên, kinh phí 424.204 triệu đồng, đạt 19,4/20 điểm."
)


def by_text(found):
    return {i.text: i for i in found}


def test_kinds_values_and_units():
    found = by_text(find_indicators(SENTENCE))
    assert found['11/14'].kind == "ratio" and found['11/14'].unit == "cơ quan"
    assert found["85,7%"].value == Decimal("85.7")
    assert found["giảm 7,13%"].direction == "giảm"
    assert found["xếp hạng 57/63"].kind == "rank"
    assert found["tăng 6 hạng"].unit == "hạng"
    assert found["2.189 trạm"].value == Decimal(2189)  # two thousand, not two point one
    assert found["424.204 triệu đồng"].kind == "money"
    assert found["19,4/20 điểm"].kind == "score"


def test_percentage_is_tied_to_its_ratio_and_dates_are_not_ratios():
    found = find_indicators(SENTENCE)
    texts = [i.text for i in found]
    assert "03/2025" not in texts and "02/2025" not in texts
    percent = next(i for i in found if i.text == "85,7%")
    assert found[percent.percent_of].text == '11/14'


def test_label_and_period():
    ratio = by_text(find_indicators(SENTENCE))['11/14']
    assert ratio.label == "tổng số cơ quan nhà nước cấp tỉnh hoàn thiện Chính quyền điện tử"
    assert ratio.period == "Tính đến tháng 03/2025"


def test_indicators_in_garbled_seed_point_into_the_original():
    path = SEEDS / "000_d6625d6bc845ad83.txt"
    report = extract(path)
    doc = ingest(path)
    ratio = next(i for i in report.indicators if i.numbers == ("11", "14"))
    assert doc.quote(ratio.span).startswith("11/14")
    assert ratio.period == "Tính đến tháng 03/2025"
    percent = report.indicators[next(k for k, i in enumerate(report.indicators) if i.states_ratio is not None and report.indicators[i.states_ratio] == ratio)]
    assert percent.numbers == ("85,7",)


# Sentences from corpus reports 3a2db039af8c2d05 (Cần Thơ) and 74e2ddc7b11340da (624/TB-VPCP),
# whose held-out gold is tests/gold/heldout/indicators/.
def test_points_are_scores_also_when_the_noun_starts_the_next_line():
    found = find_indicators("Đơn vị đạt tỷ lệ 100% cộng 05\nđiểm, không đạt thì chấm 0,4 điểm; có 14 điểm cầu.")
    kinds = {i.numbers[0].text: i.kind for i in found}
    assert kinds["05"] == "score" and kinds["0,4"] == "score" and kinds["14"] == "count"


def test_a_band_is_one_percentage_with_both_bounds_and_formula_constants_are_not_figures():
    found = find_indicators("Từ 88 - 90% cộng 02 điểm; từ 95- dưới 100% cộng 04 điểm; lãi suất thấp hơn 1%-1,5%/năm.\n- Tỷ lệ = b/a * 100%;")
    bands = [[n.text for n in i.numbers] for i in found if i.kind == "percent"]
    assert bands == [["88", "90"], ["95", "100"], ["1", "1,5"]]


def test_names_ordinals_and_date_parts_are_not_counts():
    text = (
        "(6) Đề án\n06 mang lại hiệu quả; Chỉ thị 18 chống thất thu thuế; Kỳ họp thứ 9 Quốc hội khóa XV; "
        "bảo đảm “6 rõ”; ngày 22 tháng 12 nám 2024; - Đợt 01 dự kiến: Cao điểm; chính quyền địa phương 2 cấp."
    )
    assert [i.text for i in find_indicators(text)] == []


def test_a_document_count_inside_a_sentence_is_a_count_but_a_footnote_number_is_not():
    found = find_indicators("các Bộ và các NHTM; (ii) Có\n07 Công văn phối hợp với các Bộ. Có 03 Công văn báo cáo.\n10 Quyết định số 12/QĐ-UBND")
    assert [(i.numbers[0].text, i.kind, i.unit.split()[:2]) for i in found] == [("07", "count", ["Công", "văn"]), ("03", "count", ["Công", "văn"])]


def test_money_in_thousands_of_billions_and_bare_billions():
    found = by_text(find_indicators("đã bố trí 51 nghìn tỷ đồng; (ĐHQG TP.HCM 100 tỷ)."))
    assert found["51 nghìn tỷ đồng"].kind == "money" and found["100 tỷ"].kind == "money"


def test_a_footnote_number_glued_to_the_denominator_is_split_off_only_when_the_percentage_says_so():
    found = find_indicators("tiếp nhận 7/73 thủ tục, đạt 100%; đúng hạn 198/2047 hồ sơ, đạt 97,06%; là 179/188 cơ quan, đạt 94,2%.")
    ratios = [(i.text, i.marker) for i in found if i.kind == "ratio"]
    assert ratios == [("7/7", "3"), ("198/204", "7"), ("179/188", None)]  # 179/188 is 95,2 %: a real error stays


def test_a_page_number_alone_on_its_line_and_a_heading_are_not_counts():
    found = find_indicators("an toàn thông tin.\n                                        3\ndự án đã hoàn thành.\nIV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025")
    assert found == []


def test_a_percentage_still_points_at_its_ratio_when_a_suspect_number_before_it_is_left_out():
    from egov_extract import extract_document, ingest_bytes
    from egov_extract.repair import repair_document

    text = (
        "- Trién khai thanh 1y xe 6 t6 cta cac co quan.\n"
        "- Thu tuc hanh chinh cho té chic, 4 nhan khi thuc hién dich vu céng true tuyén.\n"
        "- Tinh dén thang 03/2025, s6 co quan hoan thanh 1a 11/14 co quan, ty 1é 78,6%.\n"
    )
    document = ingest_bytes(text.encode("utf-8"), "garbled.txt")
    repaired = repair_document(document)
    assert "xe ô tô" in repaired.pages[0].text  # '6' read as 'ô': a change before the ratio
    assert [s.text for s in repaired.pages[0].suspect_numbers] == ["4"]  # 'cá nhân': kept, left out
    report = extract_document(document, repaired)
    percent = next(i for i in report.indicators if i.kind == "percent")
    assert report.indicators[percent.states_ratio].text == "11/14"
    assert "6" not in [i.numbers[0] for i in report.indicators]


@pytest.mark.parametrize(
    "text, tied",
    [
        ("Có 16/20 cơ quan, đạt tỷ lệ 80%.", True),
        ("Đã giải quyết 120/150 hồ sơ (80%).", True),
        ("Tổng số 11/14 cơ quan, tỷ lệ 85,7%.", True),
        ("Thu 12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch.", True),
        # a threshold of another quantity is no rate of the ratio (regressions: error findings)
        ("Có ít nhất 2/3 diện tích tự nhiên có độ dốc địa hình từ 15% trở lên.", False),
        ("Giai đoạn cây con (gieo trồng đến 1/3 thời gian sinh trưởng): thiệt hại trên 70% diện tích.", False),
        ("còn 06/34 địa phương tỷ lệ đạt dưới 90% gồm:", False),
        ("Có từ 2/3 số xã trở lên là xã vùng đồng bào, có từ 15% người dân tộc thiểu số.", False),
    ],
)
def test_a_percentage_states_a_ratio_only_when_the_text_says_so(text, tied):
    found = find_indicators(text)
    percent = next(i for i in found if i.kind == "percent")
    assert (percent.percent_of is not None) == tied


@pytest.mark.parametrize(
    "text, ratio",
    [
        ("hưởng ứng Ngày Pháp luật Việt Nam 9/11 hằng năm", None),
        ("hoàn thành trước ngày 15/12 để tổng hợp", None),
        ("Tính đến ngày 30/6, có 9/11 xã đạt chuẩn", "9/11"),
        ("đạt 12/12 chỉ tiêu", "12/12"),
    ],
)
def test_a_day_and_month_is_no_ratio(text, ratio):
    ratios = [i.text for i in find_indicators(text) if i.kind == "ratio"]
    assert ratios == ([ratio] if ratio else [])
