"""Findings resting on a doubtful OCR reading are `review`, with the reason (regressions from the
real scans: a handwritten day '14' read '44'; a seal over '2023' read '2033'; an italic 8 read 6)."""

import hashlib

import pytest
import regex

from egov_extract.datamodel import Document, Page, Word
from egov_extract.extract import extract_document
from egov_extract.reconcile import reconcile
from egov_extract.repair import repair_document
from tests.helpers import REAL_PDFS, tesseract_ready

needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")

HEADER = "THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 981/QĐ-TTg Hà Nội, ngày {day} tháng 9 năm 2024\n\nQUYẾT ĐỊNH\nVề việc phê chuẩn\n\n"


def scanned(text: str, confidence: dict[str, float] | None = None, source: str = "scan.pdf") -> Document:
    """A one-page OCR'd document whose every word has confidence 0,95 unless given."""
    confidence = confidence or {}
    words = tuple(
        Word(start=m.start(), end=m.end(), confidence=confidence.get(m.group(), 0.95), box=(10.0, 10.0 + i, 50.0, 20.0 + i))
        for i, m in enumerate(regex.finditer(r"\S+", text))
    )
    page = Page(number=1, text=text, method="ocr", ocr_confidence=0.9, words=words, width=595.0, height=842.0)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(source=source, sha256=digest, size_bytes=len(text), media_type="application/pdf", kind="pdf-scan", pages=(page,))


def audit(*documents: Document):
    return reconcile([extract_document(d, repair_document(d)) for d in documents])


def test_an_impossible_day_in_the_handwritten_header_is_for_review():
    (finding,) = audit(scanned(HEADER.format(day="44") + "Điều 1. Phê chuẩn.")).findings
    assert finding.check == "impossible-date" and finding.severity == "review"
    assert "fill in by hand" in finding.message


def test_the_same_date_typed_in_a_text_layer_stays_a_warning():
    from tests.reconcile.test_checks import audit_of

    (finding,) = audit_of(HEADER.format(day="44") + "Điều 1. Phê chuẩn.").findings
    assert finding.severity == "warning"


def test_a_figure_among_noise_is_for_review():
    body = "Theo đề nghị tại văn bản số 188/TTr-BTC ngày 05 tháng 9 năm 2033: sà xé #6 của Bộ Tài chính."
    found = audit(scanned(HEADER.format(day="13") + body, {"sà": 0.14, "xé": 0.0, "#6": 0.0})).findings
    (later,) = [f for f in found if "cites-later-document" in f.checks()]
    assert later.severity == "review" and "noise" in later.message


def test_a_low_confidence_figure_is_for_review_and_a_clear_one_is_not():
    body = "Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2025 của Chính phủ về chứng thực."
    (low,) = audit(scanned(HEADER.format(day="13") + body, {"2025": 0.42})).findings
    assert low.check == "citation-year-mismatch" and low.severity == "review" and "42 %" in low.message
    (clear,) = audit(scanned(HEADER.format(day="13") + body)).findings
    assert clear.severity == "warning"


def test_a_date_compared_with_the_handwritten_header_is_for_review():
    body = "Theo đề nghị tại văn bản số 188/TTr-BTC ngày 05 tháng 9 năm 2033 của Bộ Tài chính."
    (later,) = audit(scanned(HEADER.format(day="13") + body)).findings
    assert later.check == "cites-later-document" and later.severity == "review"


def test_the_documents_own_majority_outvotes_one_mention():
    mentions = [
        "Căn cứ Nghị định số 08/2016/NĐ-CP ngày 25 tháng 01 năm 2016 của Chính phủ;",
        "Thực hiện Nghị định số 08/2016/NĐ-CP ngày 25 tháng 01 năm 2016 của Chính phủ;",
        "Theo Nghị định số 08/2016/NĐ-CP ngày 26 tháng 01 năm 2016 của Chính phủ.",
    ]
    found = audit(scanned(HEADER.format(day="13") + "\n\n".join(mentions))).findings
    (conflict,) = [f for f in found if "citation-conflict" in f.checks()]
    assert conflict.severity == "review" and "2 of 3 mentions" in conflict.message


@needs_ocr
@pytest.mark.ocr
def test_the_real_scans_raise_no_error_or_warning_of_their_own_misreadings():
    from egov_extract import ingest

    documents = [ingest(REAL_PDFS / name) for name in ("970-ttg.signed.pdf", "981-ttg.signed.pdf")]
    findings = audit(*documents).findings
    assert findings and all(f.severity == "review" for f in findings), [(f.severity, f.message) for f in findings]
