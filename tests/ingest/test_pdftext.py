import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov_extract.errors import CorruptPDFError, EncryptedPDFError, NoPagesError
from egov_extract.ingest import ingest, ingest_bytes
from egov_extract.ingest.pdftext import clean_text, clean_text_map, page_glyphs
from tests.helpers import REAL_PDFS, syllables, truth_pages

SIGNED_SCANS = ["970-ttg.signed.pdf", "981-ttg.signed.pdf", "999-ttg.signed.pdf", "1039-ttg.signed.pdf", "2191_CT-CS.pdf"]


def test_text_layer_pdf_gives_the_source_lines(fixture_pdfs):
    doc = ingest(fixture_pdfs["text"])
    assert doc.kind == "pdf-text" and doc.media_type == "application/pdf"
    truth = truth_pages(fixture_pdfs, "text-layer")
    assert [p.method for p in doc.pages] == ["text-layer"] * len(truth)
    for page, expected in zip(doc.pages, truth):
        assert syllables(page.text) == syllables(expected)
        assert page.text_coverage > 0.1 and page.image_coverage is None


def test_real_text_layer_pdf():
    doc = ingest(REAL_PDFS / "49-2026-ND-CP.pdf")
    assert doc.kind == "pdf-text" and len(doc.pages) == 29
    first = doc.pages[0].text
    assert "Số: 49/2026/NĐ-CP" in first and "Hà Nội, ngày 31 tháng 01 năm 2026" in first
    assert "\r" not in doc.text and "\ufffe" not in doc.text


@pytest.mark.parametrize("name", SIGNED_SCANS)
def test_scans_under_a_stamp_layer_are_sent_to_ocr(name):
    # With OCR off the decision is still taken and recorded, and nothing is lost silently.
    doc = ingest(REAL_PDFS / name, ocr=False)
    assert doc.kind == "pdf-scan"
    assert all(p.method == "ocr" and p.image_coverage > 0.9 for p in doc.pages)
    assert [e.page for e in doc.errors] == [p.number for p in doc.pages]
    assert {e.code for e in doc.errors} == {"ocr-skipped"}


def test_glyph_boxes_line_up_with_page_text(fixture_pdfs):
    doc = ingest(fixture_pdfs["text"])
    pdf = pdfium.PdfDocument(fixture_pdfs["text"])
    glyphs = page_glyphs(pdf, 1)
    assert "".join(g.char for g in glyphs) == doc.pages[0].text
    first_line = [g for g in glyphs if g.offset < doc.pages[0].text.index("\n")]
    assert all(g.top > 700 for g in first_line if g.char.strip())  # first line is at the top of the page


@given(st.text(alphabet=st.sampled_from(list("ab \r\n\x02\x07\ufffeệe\u0302\u0301\u0323Đ"))))
def test_clean_text_map_agrees_with_clean_text(raw):
    text, index = clean_text_map(raw)
    assert text == clean_text(raw)
    assert len(index) == len(text)
    assert index == sorted(index) and all(0 <= i < len(raw) for i in index)


def test_encrypted_pdf(fixture_pdfs):
    with pytest.raises(EncryptedPDFError, match="encrypted.pdf: the PDF is encrypted"):
        ingest(fixture_pdfs["encrypted"])


def test_truncated_pdf(fixture_pdfs):
    with pytest.raises(CorruptPDFError, match="truncated.pdf: the PDF is corrupt or truncated"):
        ingest(fixture_pdfs["truncated"])


def test_zero_page_pdf(fixture_pdfs):
    with pytest.raises(NoPagesError, match="zero-pages.pdf: the PDF has no pages"):
        ingest(fixture_pdfs["zero"])


def test_pdf_header_over_garbage_is_corrupt():
    with pytest.raises(CorruptPDFError, match="bad.pdf"):
        ingest_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8, "bad.pdf")


def test_ingesting_twice_gives_identical_json(fixture_pdfs):
    assert ingest(fixture_pdfs["text"]).to_json() == ingest(fixture_pdfs["text"]).to_json()
