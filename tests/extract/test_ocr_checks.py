"""What OCR may have misread is marked uncertain, never passed on as certain (extract/ocr_checks.py),
and a scan's header and signature say how they were read (extract/scan_meta.py). Regressions from
the issue: '21.049,188 tỷ đồng' OCR'd as '21.049.188' was taken 1000 times too large; 'UBTVQHI5'."""

from hypothesis import given
from hypothesis import strategies as st

from egov_extract import ingest_bytes
from egov_extract.datamodel import Document
from egov_extract.extract import extract_document
from egov_extract.extract.ocr_checks import mended_code, terms
from egov_extract.reconcile import reconcile
from egov_extract.repair import repair_document
from tests.reconcile.test_ocr_doubt import scanned

HEADER = "UBND TỈNH AN GIANG\n\nSố: 412/BC-UBND An Giang, ngày 20 tháng 5 năm 2025\n\nBÁO CÁO\nVề tình hình\n\n"
MONEY = "Tổng vốn đầu tư là 21.049.188 tỷ đồng, gồm vốn ngân sách 14.635,050 tỷ đồng và vốn khác 6.414,138 tỷ đồng.\n"


def report_of(document: Document):
    return extract_document(document, repair_document(document))


def plain(text: str) -> Document:
    return ingest_bytes(text.encode("utf-8"), "typed.txt")


def test_a_comma_read_as_a_dot_is_uncertain_on_a_scan():
    report = report_of(scanned(HEADER + MONEY))
    by_text = {i.numbers[0]: i for i in report.indicators if i.unit == "tỷ đồng"}
    assert by_text["21.049.188"].uncertain
    assert "'21.049,188'" in by_text["21.049.188"].uncertain_reason and "14.635,050" in by_text["21.049.188"].uncertain_reason
    assert not by_text["14.635,050"].uncertain and not by_text["6.414,138"].uncertain


def test_the_same_figure_typed_is_the_issuers_and_not_doubted():
    report = report_of(plain(HEADER + MONEY))
    assert not any(i.uncertain for i in report.indicators)
    assert report.meta.readings == ()  # nothing was OCR'd


def test_a_finding_resting_on_an_uncertain_figure_is_for_review():
    audit = reconcile([report_of(scanned(HEADER + MONEY))])
    sums = [f for f in audit.findings if f.evidence and any("21.049.188" in e.text for e in f.evidence)]
    assert sums and all(f.severity == "review" for f in sums)
    assert any("decimal comma" in f.message for f in sums)
    typed = reconcile([report_of(plain(HEADER + MONEY))])
    assert any(f.severity in ("error", "warning") for f in typed.findings if any("21.049.188" in e.text for e in f.evidence))


def test_a_count_with_three_decimals_is_uncertain():
    report = report_of(scanned(HEADER + "Toàn tỉnh có 2,164 người tham gia.\n"))
    (count,) = [i for i in report.indicators if i.unit.startswith("người")]
    assert count.uncertain and "thousands dot" in count.uncertain_reason


def test_a_low_confidence_figure_is_uncertain_and_a_clear_one_not():
    text = HEADER + "Đã giải quyết 1.250 hồ sơ và 980 hồ sơ trực tuyến.\n"
    report = report_of(scanned(text, {"1.250": 0.55}))
    low, clear = [i for i in report.indicators if i.unit and i.unit.startswith("hồ sơ")]
    assert low.uncertain and "55 %" in low.uncertain_reason
    assert not clear.uncertain


def test_a_misread_term_code_is_mended_and_kept_uncertain():
    text = HEADER + "Căn cứ Nghị quyết số 18/2024/UBTVQHI5 và Luật số 67/2025/QHI5 của Quốc hội.\n"
    report = report_of(scanned(text))
    numbers = {c.number: c for c in report.citations if not c.is_self}
    assert set(numbers) == {"18/2024/UBTVQH15", "67/2025/QH15"}
    assert all(c.uncertain and "known code" in c.uncertain_reason for c in numbers.values())
    typed = report_of(plain(text))
    assert {c.number for c in typed.citations if not c.is_self} == {"18/2024/UBTVQHI5", "67/2025/QHI5"}


def test_a_term_that_does_not_cover_the_year_is_uncertain():
    report = report_of(scanned(HEADER + "Căn cứ Luật số 67/2025/QH14 của Quốc hội.\n"))
    (law,) = [c for c in report.citations if not c.is_self]
    assert law.uncertain and "2016-2021" in law.uncertain_reason


def test_a_year_after_the_documents_date_is_uncertain():
    report = report_of(scanned(HEADER + "Theo Kế hoạch số 88/KH-UBND ngày 05 tháng 9 năm 2033 của UBND tỉnh.\n"))
    (later,) = [c for c in report.citations if not c.is_self]
    assert later.uncertain and "after the document's own date (20/05/2025)" in later.uncertain_reason


@given(st.sampled_from(sorted(terms())), st.sampled_from(["QH", "UBTVQH"]), st.data())
def test_term_codes_with_letters_for_digits_are_mended(term, body, data):
    digits = str(term)
    looks = {"1": "Il|", "5": "S", "0": "Oo", "2": "Z", "6": "G"}
    misread = "".join(data.draw(st.sampled_from(list(looks.get(d, "") + d))) for d in digits)
    first, last = terms()[term]
    code, reason = mended_code(body + misread, first)
    if misread == digits:
        assert code is None and reason is None
    else:
        assert code == body + digits and "known code" in reason
    assert mended_code(body + digits, last + 6)[1] is not None  # a year out of the term


def _readings(text: str, **confidence):
    return {r.field: r for r in report_of(scanned(text, confidence)).meta.readings}


def test_scan_header_fields_read_with_confidence():
    text = HEADER + "Nội dung.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Thành\n"
    r = _readings(text)
    assert {f: r[f].status for f in r} == {"number": "read", "date": "read", "issuer": "read", "signer": "read"}
    assert r["number"].as_read == "412/BC-UBND" and r["signer"].as_read == "Nguyễn Văn Thành"
    assert r["number"].confidence == 0.95
    low = _readings(text, **{"412/BC-UBND": 0.6})
    assert low["number"].status == "uncertain" and "60 %" in low["number"].reason


def test_handwritten_number_and_date_are_unreadable_not_missing():
    """2191_CT-CS.pdf: 'Số: 2191 /CT-CS' and 'ngày 08 tháng 4' written in by hand."""
    text = "BỘ TÀI CHÍNH\nCỤC THUẾ\n\nSố: 2Ó ,CT-CS Hà Nội ngày 0Ÿ tháng # năm 2026\n\nKính gửi: Thuế tỉnh Ninh Bình.\n\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n"
    r = _readings(text)
    assert r["number"].status == "unreadable" and r["number"].as_read == "Số: 2Ó ,CT-CS"
    assert r["date"].status == "unreadable" and "the day reads '0Ÿ'" in r["date"].reason and "the month reads '#'" in r["date"].reason
    assert r["signer"].status == "unreadable" and "KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG" in r["signer"].reason


def test_an_impossible_day_is_unreadable():
    r = _readings(HEADER.replace("ngày 20", "ngày 44"))
    assert r["date"].status == "unreadable" and "no day 44" in r["date"].reason


def test_a_document_without_header_says_so():
    r = _readings("Nội dung không có tiêu đề.\n" + "x " * 50)
    assert r["number"].status == "absent" and r["date"].status == "absent" and r["signer"].status == "absent"
    assert all(x.reason for x in r.values())


def test_readings_are_deterministic():
    doc = scanned(HEADER + MONEY)
    assert report_of(doc).to_json() == report_of(doc).to_json()


def test_a_date_split_into_a_ratio_is_uncertain():
    """A speck on a photocopy made '21/11/2025' read '21/1 1/2025': the ratio 21/1 is no figure."""
    report = report_of(scanned(HEADER + "Ban hành: 21/1 1/2025 Hiệu lực: đã biết.\n"))
    (ratio,) = [i for i in report.indicators if i.kind == "ratio"]
    assert ratio.uncertain and "date OCR split" in ratio.uncertain_reason
    assert not any(i.uncertain for i in report_of(plain(HEADER + "Ban hành: 21/1 1/2025 Hiệu lực: đã biết.\n")).indicators)


def test_a_share_above_a_hundred_percent_is_uncertain_a_growth_is_not():
    report = report_of(scanned(HEADER + "Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ đạt 109%.\nDoanh thu tăng 109% so với cùng kỳ.\n"))
    share, growth = [i for i in report.indicators if i.kind in ("percent", "change")]
    assert share.uncertain and "above 100 %" in share.uncertain_reason
    assert not growth.uncertain
