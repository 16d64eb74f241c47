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
    assert meta.issuer is None  # no header above '## BÁO CÁO': a section heading is not the issuer


def test_issuer_from_a_markdown_table_header():
    """Held-out written report: the issuer and the national motto share a table row, '<br>' between
    lines, '**' around the agency (it had read the first section heading as the issuer)."""
    from tests.helpers import CORPORA

    meta = extract(CORPORA / "written" / "halam_snv_cchc_q3_2024.txt").meta
    assert (meta.issuer, meta.number, meta.place) == ("UBND TỈNH HÀ LÂM SỞ NỘI VỤ", "1268/BC-SNV", "Hà Lâm")


def test_the_rule_under_the_issuer_ends_it():
    from egov_extract.extract.meta import find_meta

    head = "PHÒNG CHÍNH PHỦ\n-------\n\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 624/TB-VPCP\n"
    assert find_meta(head).issuer == "PHÒNG CHÍNH PHỦ"


def test_signer_below_the_position():
    from egov_extract.extract.meta import find_signer

    text = "Nơi nhận:\n- Như trên;\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nBùi\nXuân Cường\n\nPHỤ LỤC\nDANH MỤC"
    signer = find_signer(text)
    assert (signer.title, signer.name) == ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Bùi Xuân Cường")
    assert text[signer.start : signer.end].startswith("KT. CHỦ TỊCH") and text[: signer.end].endswith("Cường")


def test_a_scanned_signature_leaves_only_the_position():
    from egov_extract.extract.meta import find_signer

    signer = find_signer("KT.GIÁM ĐỐC \n\nPHÓ GIÁM ĐỐC \n\n \n\nPHỤ LỤC I\nBẢNG TỔNG HỢP\n")
    assert signer.title == "KT.GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and signer.name is None


def test_signers_of_laws_the_rule_was_not_written_on():
    """Held out: the laws in corpora/laws were not read when the signature rule was written."""
    from egov_extract.extract.meta import find_signer
    from tests.helpers import CORPORA

    text = (CORPORA / "laws").joinpath(sorted(p.name for p in (CORPORA / "laws").glob("*.txt"))[0]).read_text(encoding="utf-8")
    signer = find_signer(text)
    assert signer.title == "CHỦ TỊCH QUỐC HỘI" and signer.name == "Nguyễn Sinh Hùng"


def test_report_meta_carries_the_signer():
    from egov_extract import extract
    from tests.helpers import SEEDS

    meta = extract(next(SEEDS.glob("001_*.txt"))).meta
    assert meta.signer == "Lê Quốc Cường" and meta.signer_title == "GIÁM ĐỐC" and meta.signer_span is not None
