"""Counts against what they count, numbering, step times and breakdowns, through the reconciler
(shapes of 2025 official documents; figures invented)."""

import pytest

from tests.extract.test_durations_and_breakdowns import table
from tests.extract.test_enumerations import TABLE
from tests.reconcile.test_checks import audit_of


def checks(audit, name):
    """Findings of a check, whether it leads the finding or is one of its facets."""
    return [f for f in audit.findings if name == f.check or name in {x.check for x in f.facets}]


def test_a_list_shorter_than_its_count():
    text = "Phấn đấu đạt 08 mục tiêu sau:\n" + "".join(f"({k}) Mục tiêu {k}.\n" for k in range(1, 8)) + "\nII. GIẢI PHÁP\n"
    (finding,) = checks(audit_of(text), "count-vs-listed")
    assert "08 mục tiêu" in finding.message and "7 items" in finding.message
    assert [e.text for e in finding.evidence] == ["08 mục tiêu", "(1)", "(7)"]


def test_a_list_as_long_as_its_count_raises_nothing():
    text = "Phấn đấu đạt 07 mục tiêu sau:\n" + "".join(f"({k}) Mục tiêu {k}.\n" for k in range(1, 8)) + "\nII. GIẢI PHÁP\n"
    assert not audit_of(text).findings


def test_headings_against_their_rows_and_parts():
    audit = audit_of(TABLE.format(n="06"))
    messages = [x.message for f in audit.findings for x in (f.facets or [f.view(f.check)]) if x.check == "count-vs-listed"]
    assert any("06 TTHC" in m and "5 table rows" in m for m in messages)
    assert any("12 TTHC" in m and "7 + 6 = 13" in m for m in messages)
    assert not checks(audit_of(TABLE.format(n="05")), "count-vs-listed")


def test_a_missing_article():
    text = "Điều 1. Phạm vi\n\nĐiều 2. Đối tượng\n\nĐiều 3. Giải thích\n\nĐiều 5. Hiệu lực\n"
    (finding,) = checks(audit_of(text), "numbering-gap")
    assert "Điều 4 is missing" in finding.message


@pytest.mark.parametrize("total, flagged", [("03 ngày làm việc", False), ("04 ngày làm việc", True)])
def test_step_times_against_the_total(total, flagged):
    text = table([["0,5 ngày làm việc"], ["1/4 ngày", "1,5 ngày", "1/4 ngày"], ["0,5 ngày làm việc"]], total, marker="B")
    found = checks(audit_of(text), "duration-vs-total")
    assert bool(found) == flagged
    if flagged:
        assert "= 3 working days" in found[0].message and len(found[0].evidence) == 4


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("Tỉnh Hà Lâm có 64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường.", False),
        ("Tỉnh Hà Lâm có 64 đơn vị hành chính cấp xã, gồm 55 xã và 10 phường.", True),
        ("Giao 60 nhiệm vụ (trong đó: Sở Tài chính chủ trì 35 nhiệm vụ; Sở Nội vụ chủ trì 20 nhiệm vụ).", False),
        ("Giao 60 nhiệm vụ (trong đó: Sở Tài chính chủ trì 35 nhiệm vụ; Sở Nội vụ chủ trì 41 nhiệm vụ).", True),
        ("Tổng kinh phí 10 tỷ đồng, gồm: ngân sách tỉnh 6 tỷ đồng, ngân sách xã 4.000 triệu đồng.", False),
        ("Tổng kinh phí 10 tỷ đồng, gồm: ngân sách tỉnh 6 tỷ đồng, ngân sách xã 3.500 triệu đồng.", True),
    ],
)
def test_parts_against_their_total_in_prose(sentence, flagged):
    found = checks(audit_of(sentence), "parts-vs-total")
    assert bool(found) == flagged
    if flagged and "trong đó" in sentence:
        assert "may overlap" in found[0].message
