"""OCR path: scanned and mixed PDFs, the real scans, and a missing engine or model."""

import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from egov_extract.errors import OcrUnavailableError
from egov_extract.ingest import ingest
from egov_extract.ingest import ocr as ocr_module
from tests.helpers import REAL_PDFS, syllables, tesseract_ready, truth_pages

needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")
pytestmark = pytest.mark.ocr


def syllable_error(truth: str, text: str) -> float:
    ref = syllables(truth)
    return Levenshtein.distance(ref, syllables(text)) / len(ref)


def missed_share(truth: str, text: str) -> float:
    """Share of truth syllables lost or misread; extra text (a stamp) is not counted."""
    ref = syllables(truth)
    ops = Levenshtein.editops(ref, syllables(text))
    return sum(1 for op in ops if op.tag != "insert") / len(ref)


@needs_ocr
def test_scanned_fixture_is_recovered(fixture_pdfs):
    doc = ingest(fixture_pdfs["scan"])
    assert doc.kind == "pdf-scan" and not doc.errors
    for page, truth in zip(doc.pages, truth_pages(fixture_pdfs, "scan")):
        assert page.method == "ocr"
        assert page.ocr_confidence > 0.85
        assert syllable_error(truth, page.text) < 0.01


@needs_ocr
def test_mixed_pdf_decides_per_page(fixture_pdfs):
    doc = ingest(fixture_pdfs["mixed"])
    assert doc.kind == "pdf-mixed"
    assert [p.method for p in doc.pages] == ["text-layer", "ocr", "ocr"]
    truth = truth_pages(fixture_pdfs, "mixed")
    assert syllables(doc.pages[0].text) == syllables(truth[0])
    assert syllable_error(truth[1], doc.pages[1].text) < 0.01
    # Page 3 carries a signature-stamp text layer; its page image is OCR'd, stamp included.
    assert 0 < doc.pages[2].text_coverage < 0.03
    assert missed_share(truth[2], doc.pages[2].text) < 0.01
    assert "Thời gian ký" in doc.pages[2].text


# Printed phrases on page 1 of each document; numbers and dates are handwritten on some, so not asked for.
REAL_SCAN_PHRASES = {
    "970-ttg.signed.pdf": ["THỦ TƯỚNG CHÍNH PHỦ", "Độc lập - Tự do - Hạnh phúc", "/QĐ-TTg"],
    "981-ttg.signed.pdf": ["THỦ TƯỚNG CHÍNH PHỦ", "Độc lập - Tự do - Hạnh phúc", "/QĐ-TTg"],
    "999-ttg.signed.pdf": ["THỦ TƯỚNG CHÍNH PHỦ", "Độc lập - Tự do - Hạnh phúc", "/QĐ-TTg"],
    "1039-ttg.signed.pdf": ["THỦ TƯỚNG CHÍNH PHỦ", "Độc lập - Tự do - Hạnh phúc", "/QĐ-TTg", "Ban Chỉ đạo quốc gia"],
    "2191_CT-CS.pdf": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CT-CS"],
}


@needs_ocr
@pytest.mark.parametrize("name", sorted(REAL_SCAN_PHRASES))
def test_real_scans_ingest_to_readable_vietnamese(name):
    doc = ingest(REAL_PDFS / name)
    assert doc.kind == "pdf-scan" and not doc.errors
    assert all(p.text.strip() and p.ocr_confidence >= 0.75 for p in doc.pages)
    for phrase in REAL_SCAN_PHRASES[name]:
        assert fuzz.partial_ratio(phrase, doc.pages[0].text) >= 90, phrase
    # Readable Vietnamese: most tokens carry Vietnamese letters or are plain words, not noise.
    tokens = syllables(doc.text)
    vietnamese = sum(1 for t in tokens if any(c in "ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ" for c in t.lower()))
    assert vietnamese / len(tokens) > 0.4


def test_missing_tesseract_binary_says_how_to_install(monkeypatch, fixture_pdfs):
    monkeypatch.setattr(ocr_module.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailableError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        ingest(fixture_pdfs["scan"])


@needs_ocr
def test_missing_vie_model_is_named(monkeypatch, tmp_path, fixture_pdfs):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a model folder without vie.traineddata
    with pytest.raises(OcrUnavailableError, match="no 'vie' language model"):
        ingest(fixture_pdfs["scan"])


def test_text_layer_pdf_never_needs_the_engine(monkeypatch, fixture_pdfs):
    monkeypatch.setattr(ocr_module.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    assert ingest(fixture_pdfs["text"]).kind == "pdf-text"


@needs_ocr
def test_a_failing_page_is_recorded_and_the_rest_kept(monkeypatch, fixture_pdfs):
    real = ocr_module.ocr_image
    calls = []

    def flaky(image, lang="vie", timeout=0):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("tesseract crashed")
        return real(image, lang, timeout)

    monkeypatch.setattr(ocr_module, "ocr_image", flaky)
    doc = ingest(fixture_pdfs["scan"], workers=1)
    assert [(e.page, e.code) for e in doc.errors] == [(1, "ocr-failed")]
    assert "tesseract crashed" in doc.errors[0].message
    assert doc.pages[0].text == "" and doc.pages[1].text.strip()


@needs_ocr
def test_ocr_is_deterministic(fixture_pdfs):
    assert ingest(fixture_pdfs["scan"], workers=2).to_json() == ingest(fixture_pdfs["scan"], workers=1).to_json()
