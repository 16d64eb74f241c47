"""Within-report checks on synthetic variants of sentences from real reports."""

import pytest

from tests.reconcile.test_checks import audit_of


def checks(audit, name):
    """Findings of a check, whether it leads the finding or is one of its facets."""
    return [f for f in audit.findings if name == f.check or name in {x.check for x in f.facets}]


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Xếp hạng 46/63, tăng 17 bậc so với năm 2023 (chỉ đạt 77,24%, xếp hạng 63/63).", False),
        ("Xếp hạng 50/63, tăng 6 bậc so với năm 2023 (xếp hạng 56/63).", False),
        ("Xếp hạng 50/63, giảm 6 bậc so với năm 2023 (xếp hạng 44/63).", False),
        ("Xếp hạng 46/63, tăng 15 bậc so với năm 2023 (chỉ đạt 77,24%, xếp hạng 63/63).", True),
        ("Xếp hạng 50/63, giảm 6 bậc so với năm 2023 (xếp hạng 56/63).", True),  # direction wrong
    ],
)
def test_rank_change_against_both_ranks(sentence, flagged):
    assert bool(checks(audit_of(sentence), "change-vs-values")) == flagged


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Tỷ lệ đạt 78,6% (giảm 7,1% so với tháng 02/2025 (đạt 85,7%)).", False),  # points
        ("Tỷ lệ đạt 78,57% (giảm 7,13% so với tháng 02/2025 (đạt 85,7%)).", False),
        ("Tỷ lệ đạt 55% (tăng 10% so với năm 2023 (đạt 50%)).", False),  # relative: 50 × 1,10
        ("Tỷ lệ đạt 60% (tăng 10% so với năm 2023 (đạt 50%)).", False),  # points
        ("Tỷ lệ đạt 85,7% (giảm 7,13% so với tháng 02/2025 (đạt 85,7%)).", True),
        ("Tỷ lệ đạt 70% (tăng 10% so với năm 2023 (đạt 50%)).", True),
    ],
)
def test_percent_change_in_points_or_percent(sentence, flagged):
    assert bool(checks(audit_of(sentence), "change-vs-values")) == flagged


def test_the_seed_sentence_names_the_figure_in_error():
    text = "Tính đến tháng 03/2025, tổng số cơ quan là 11/14 cơ quan, tỷ lệ 85,7% (giảm 7,13% so với tháng 02/2025 (đạt 85,7%))."
    (finding,) = [f.view("change-vs-values") for f in checks(audit_of(text), "change-vs-values")]
    assert "78,57" in finding.message
    assert "11/14 = 78,57 % agrees" in finding.suggestion and "85,7% is the figure in error" in finding.suggestion


@pytest.mark.parametrize("percent, flagged", [("16,10%", False), ("16,1%", False), ("18,10%", True)])
def test_count_change_against_its_percentage(percent, flagged):
    text = f"Toàn tỉnh có 1.962.284 người dân có tài khoản, tăng 272.136 tài khoản, tương ứng tăng {percent} so với cùng kỳ năm 2023."
    assert bool(checks(audit_of(text), "change-vs-values")) == flagged


def test_no_change_check_without_the_earlier_value():
    assert not audit_of("Chỉ số đạt 85,12%, xếp hạng 57/63, tăng 6 hạng so với năm 2023.").findings


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Đã thu 12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch.", False),
        ("Đã thu 12.375,3/10.200 triệu đồng, vượt 25% kế hoạch.", True),
    ],
)
def test_exceeding_a_plan_is_the_excess_over_100(sentence, flagged):
    assert bool(checks(audit_of(sentence), "percent-vs-ratio")) == flagged


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Kế hoạch số 10/KH-UBND ngày 05/01/2025 triển khai thực hiện Nghị quyết số 20/NQ-CP ngày 10/02/2025 của Chính phủ.", True),
        ("Kế hoạch số 10/KH-UBND ngày 05/03/2025 triển khai thực hiện Nghị quyết số 20/NQ-CP ngày 10/02/2025 của Chính phủ.", False),
        # two bases of one decision, not one implementing the other
        ("Căn cứ Quyết định số 10/QĐ-UBND ngày 05/01/2025; thực hiện Nghị quyết số 20/NQ-CP ngày 10/02/2025.", False),
        ("Căn cứ Quyết định số 10/QĐ-UBND ngày 05/01/2025 và thực hiện Nghị quyết số 20/NQ-CP ngày 10/02/2025.", False),
        # the subject of the first says what it carries out
        ("Nghị quyết số 03/NQ-CP ngày 09/01/2024 của Chính phủ về ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024.", True),
    ],
)
def test_a_document_cannot_carry_out_a_later_one(sentence, flagged):
    assert bool(checks(audit_of(sentence), "implements-later-document")) == flagged


@pytest.mark.parametrize(
    "sentence, dates",
    [
        ("định hướng đến năm 20230.", ["20230"]),  # a five-digit year after 'năm'
        ("đến năm 2030, ngày 31/02/2025", ["31/02/2025"]),
        ("Giai đoạn 2022 — 20253 đã thực hiện", []),  # a footnote marker glued to a year, no 'năm'
    ],
)
def test_impossible_dates_and_five_digit_years(sentence, dates):
    assert [e.text for f in checks(audit_of(sentence), "impossible-date") for e in f.evidence] == dates


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        # the Party resolution it carries out is dated after it
        (
            "Nghị quyết số 03/NQ-CP ngày 09/01/2024 của Chính phủ ban hành Chương trình hành động thực hiện "
            "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            True,
        ),
        # 'thi hành' governs the law; the later decree only amends the earlier one (regression)
        (
            "Căn cứ Nghị định số 08/2015/NĐ-CP ngày 21/01/2015 của Chính phủ quy định chi tiết và biện pháp thi hành "
            "Luật Hải quan về thủ tục hải quan, được sửa đổi, bổ sung tại Nghị định số 167/2025/NĐ-CP ngày 30/6/2025 của Chính phủ;",
            False,
        ),
        (
            "Kế hoạch số 10/KH-UBND ngày 05/01/2025 của UBND tỉnh triển khai thực hiện Quyết định số 20/QĐ-TTg "
            "ngày 10/02/2025 của Thủ tướng Chính phủ.",
            True,
        ),
    ],
)
def test_implementation_needs_the_later_document_as_the_verbs_object(sentence, flagged):
    assert bool(checks(audit_of(sentence), "implements-later-document")) == flagged


def test_two_writings_of_one_figure_are_no_conflict():
    """'02 cấp' and '2 cấp' (chính quyền địa phương hai cấp) were told as two values (regression)."""
    a = "Căn cứ Nghị định số 139/2025/NĐ-CP ngày 12/6/2025 quy định phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực công thương;"
    b = "Căn cứ Nghị định số 139/2025/NĐ-CP ngày 12/6/2025 quy định phân định thẩm quyền của chính quyền địa phương 2 cấp trong lĩnh vực công thương;"
    assert not checks(audit_of(a, b), "indicator-conflict")
