import datetime as dt

import pytest

from egov_extract.extract import extract
from tests.helpers import SEEDS


@pytest.mark.parametrize(
    "name, number, date, period",
    [
        ("000_d6625d6bc845ad83.txt", "413/BC-SKHCN", dt.date(2025, 4, 8), "tháng 03 năm 2025"),  # garbled
        ("003_74bc8b0f8ef37661.txt", "1407/BC-SNV", dt.date(2025, 5, 20), "5 tháng đầu năm 2025"),  # garbled
        ("004_116e690cb2a70203.txt", "65/BC-SKHCN", dt.date(2025, 3, 11), "quý I năm 2025"),
    ],
)
def test_report_header(name, number, date, period):
    meta = extract(SEEDS / name).meta
    assert (meta.doc_type, meta.number, meta.date, meta.period, meta.place) == ("Báo cáo", number, date, period, "An Giang")
    assert meta.issuer.startswith("UBND TỈNH AN GIANG")


def test_markdown_title_without_number():
    meta = extract(SEEDS / "001_2f418a5d87a66a3b.txt").meta
    assert meta.doc_type == "Báo cáo" and meta.number is None
    assert meta.title.startswith("Kết quả triển khai thực hiện nhiệm vụ chuyển đổi số")
