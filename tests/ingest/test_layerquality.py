"""Text layers that lie: an old English-mode OCR layer over a scan is replaced by OCR, and why."""

from __future__ import annotations

import pytest

from egov_extract import ingest_bytes
from egov_extract.ingest import layerquality
from tests.helpers import SEEDS, load_script, syllables, tesseract_ready

GEN = load_script("make_format_fixtures")


def test_quality_tells_garble_and_junk_from_text():
    clean, garble = GEN.garble_page()
    assert layerquality.quality("\n".join(clean)).vietnamese > 0.9
    assert layerquality.suspect("\n".join(garble)) is not None
    assert layerquality.suspect("x7 #@ qq zzk " * 40) is not None
    assert layerquality.suspect((SEEDS / "004_116e690cb2a70203.txt").read_text(encoding="utf-8")) is None
    assert layerquality.suspect("Chinh quyen dien tu") is None  # too few words to judge


@pytest.mark.ocr
@pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")
def test_a_lying_text_layer_is_replaced_by_ocr_and_the_reason_recorded():
    clean, garble = GEN.garble_page()
    document = ingest_bytes(GEN.lying_pdf(clean, garble), "lying.pdf")
    page = document.pages[0]
    assert page.method == "ocr" and document.kind == "pdf-scan"
    assert page.reason.startswith("text layer untrusted")
    got, want = syllables(page.text), syllables("\n".join(clean))
    assert len(set(got) & set(want)) >= 0.9 * len(set(want))


def test_an_honest_text_layer_is_kept_without_a_reason():
    clean, _ = GEN.garble_page()
    page = ingest_bytes(GEN.lying_pdf(clean, clean), "honest.pdf").pages[0]
    assert page.method == "text-layer" and page.reason is None


def test_without_ocr_a_suspect_layer_is_kept_and_said_so():
    clean, garble = GEN.garble_page()
    page = ingest_bytes(GEN.lying_pdf(clean, garble), "lying.pdf", ocr=False).pages[0]
    assert page.method == "text-layer" and "OCR was turned off" in page.reason
