"""OCR'd words placed at their offsets in the page text, with confidence and box."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_extract.ingest import ingest
from egov_extract.ingest.ocr import OcrBox, tsv_words
from egov_extract.ingest.words import place_words
from tests.helpers import REAL_PDFS, tesseract_ready

needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t300\t250\t120\t40\t96.5\tSố:\n"
    "5\t1\t1\t1\t1\t2\t430\t250\t90\t40\t38.0\t384\n"
    "5\t1\t1\t1\t1\t3\t530\t250\t10\t40\t-1\t \n"
    "5\t1\t1\t1\t2\t1\t300\t300\t200\t40\t91.0\tQuyết\n"
)


def test_tsv_rows_become_words_in_reading_order():
    words = tsv_words(TSV)
    assert [(w.text, w.conf) for w in words] == [("Số:", 96.5), ("384", 38.0), ("Quyết", 91.0)]


def test_words_find_their_offsets_and_boxes_in_points():
    text = "Số: 384\nQuyết định"
    (a, b, c) = place_words(text, tsv_words(TSV), 72 / 300)
    assert (text[a.start : a.end], text[b.start : b.end], text[c.start : c.end]) == ("Số:", "384", "Quyết")
    assert b.confidence == 0.38 and b.box == (103.2, 60.0, 124.8, 69.6)


def test_a_word_the_text_does_not_hold_is_left_out():
    boxes = [OcrBox("Số:", 96.0, 0, 0, 10, 10), OcrBox("QĐ", 90.0, 0, 0, 10, 10), OcrBox("384", 40.0, 0, 0, 10, 10)]
    words = place_words("Số: 384", boxes, 1.0)
    assert ["Số: 384"[w.start : w.end] for w in words] == ["Số:", "384"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="abcđêơư0123456789/-", min_size=1, max_size=8), min_size=1, max_size=30), st.lists(st.sampled_from([" ", "\n", "  "]), min_size=30, max_size=30))
def test_every_word_lands_on_itself(tokens, gaps):
    """Property: words joined the way Tesseract joins them are each found at their own offsets."""
    text = "".join(t + g for t, g in zip(tokens, gaps)).rstrip()
    words = place_words(text, [OcrBox(t, 90.0, 0, 0, 1, 1) for t in tokens], 1.0)
    assert [text[w.start : w.end] for w in words] == tokens
    assert all(a.end <= b.start for a, b in zip(words, words[1:]))


@needs_ocr
@pytest.mark.ocr
def test_a_real_scan_keeps_its_words_and_records_carry_their_confidence():
    from egov_extract.extract import extract_document
    from egov_extract.repair import repair_document

    document = ingest(REAL_PDFS / "981-ttg.signed.pdf")
    page = document.pages[0]
    assert len(page.words) > 300
    assert all(page.text[w.start : w.end].strip() for w in page.words)
    report = extract_document(document, repair_document(document))
    own = next(c for c in report.citations if c.is_self)
    assert own.number_span.confidence is not None and own.number_span.box is not None
    assert report.meta.date_span is not None and report.meta.date_span.confidence is not None
