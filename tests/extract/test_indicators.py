"""Numeric indicators on report sentences and on the repaired garble of seed 000."""

from decimal import Decimal

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
