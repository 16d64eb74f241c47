"""Procedure timelines and prose breakdowns (shapes of 2025 annexes and decisions; figures invented)."""

from decimal import Decimal

import pytest

from egov_extract.extract.breakdowns import find_breakdowns
from egov_extract.extract.durations import days_of, find_timelines
from egov_extract.extract.indicators import find_indicators


def table(times, total, marker="Bước"):
    cells = ["Thứ tự công việc", "Nội dung công việc", "Trách nhiệm thực hiện", "Thời gian thực hiện"]
    for k, time in enumerate(times, 1):
        cells += [f"{marker} {k}" if marker == "Bước" else f"{marker}{k}", f"Công việc số {k}", "Chuyên viên", *time]
    cells += ["Tổng thời gian giải quyết TTHC", total]
    return "\n\n".join(cells) + "\n"


@pytest.mark.parametrize(
    "number, unit, days",
    [("0,5", "ngày làm việc", "0.5"), ("1/4", "ngày", "0.25"), ("04", "giờ làm việc", "0.5"), ("½", "ngày", "0.5"), ("10", "ngày", "10")],
)
def test_times_in_working_days(number, unit, days):
    assert days_of(number, unit) == Decimal(days)


def test_a_timeline_reads_every_step_with_its_cells():
    text = table([["0,5 ngày làm việc"], ["1/4 ngày", "1,5 ngày"], ["Không tính thời gian"]], "02 ngày làm việc", marker="B")
    (timeline,) = find_timelines(text)
    assert [s.marker for s in timeline.steps] == ["B1", "B2", "B3"]
    assert [s.days for s in timeline.steps] == [Decimal("0.5"), Decimal("1.75"), Decimal(0)]
    assert timeline.total_days == 2


def test_a_sub_total_is_read_as_its_own_timeline_and_passed_by_the_grand_total():
    first = table([["04 giờ làm việc"], ["12 giờ làm việc"]], "16 giờ làm việc")
    first = first.replace("Tổng thời gian giải quyết TTHC", "Tổng thời gian giải quyết TTHC ở cấp xã là:")
    rest = "\n\n".join(["Bước 3", "Thẩm định", "Sở", "08 giờ làm việc", "Tổng thời gian giải quyết TTHC", "24 giờ làm việc"])
    found = find_timelines(first + "\n" + rest + "\n")
    assert [(t.total_days, len(t.steps)) for t in found] == [(2, 2), (3, 3)]


def test_a_total_of_one_branch_is_not_checked_against_every_step():
    text = table([["01 ngày"], ["28 ngày"], ["01 ngày"]], "10 ngày").replace(
        "Tổng thời gian giải quyết TTHC", "Tổng thời gian thực hiện trong trường hợp hồ sơ đầy đủ:"
    )
    assert find_timelines(text) == []


def test_a_table_whose_steps_lack_times_is_no_timeline():
    text = "\n\n".join(["Bước 1", "Tiếp nhận", "Bước 2", "Thẩm định", "Tổng thời gian giải quyết TTHC", "05 ngày làm việc"])
    assert find_timelines(text) == []


def breakdowns(text):
    found = find_indicators(text)
    return [(found[b.total].text, [found[p].text for p in b.parts], b.complete) for b in find_breakdowns(text, found)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sau khi sắp xếp, tỉnh Hà Lâm có 64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường.",
         [("64 đơn vị hành", ["55 xã", "09 phường"], True)]),
        ("Danh mục 71 thủ tục hành chính thuộc phạm vi quản lý của Sở Tài chính trên địa bàn\ntỉnh Hà Lâm (cấp tỉnh: 33 thủ tục, cấp xã: 38 thủ tục).",
         [("71 thủ tục hành", ["33 thủ tục", "38 thủ tục"], True)]),
        ("Giao 60 nhiệm vụ (trong đó: Sở Tài chính chủ trì 35 nhiệm vụ; Sở Nội vụ chủ trì 41 nhiệm vụ).",
         [("60 nhiệm vụ", ["35 nhiệm vụ", "41 nhiệm vụ"], False)]),
        ("Tổng kinh phí 10 tỷ đồng, gồm: ngân sách tỉnh 6 tỷ đồng, ngân sách xã 4 tỷ đồng.",
         [("10 tỷ đồng", ["6 tỷ đồng", "4 tỷ đồng"], True)]),
        # a bracket of loose figures, and figures of another noun under 'trong đó', are no breakdown
        ("Có 50 cán bộ (05 người là nữ, 10 người là dân tộc thiểu số) tham gia.", []),
        ("Ghi nhận 7.750 loài côn trùng, 840 loài chim, trong đó có 100 loài chim và 78 loài thú quý hiếm.", []),
        # a list on the following lines is an enumeration, not a prose breakdown
        ("Lớp vỏ được chia thành 02 vùng, gồm:\n+ Vùng 1: 01 bó dây đồng.\n+ Vùng 2: 20 sợi quang.", []),
    ],
)
def test_breakdowns_in_prose(text, expected):
    assert breakdowns(text) == expected
