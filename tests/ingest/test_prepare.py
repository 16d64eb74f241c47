"""Page preparation before OCR (ingest/prepare.py, ingest/scan.py) on generated scans of held-out
text (scripts/make_scan_pages.py): quarter turns, slant, seals and stamps, and boxes mapped back."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from rapidfuzz.distance import Levenshtein

from egov_extract.ingest import ingest_bytes
from egov_extract.ingest import prepare
from egov_extract.ingest.scan import _prepared
from tests.helpers import load_script, syllables, tesseract_ready

needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="tesseract with the vie model is not installed")


gen = load_script("make_scan_pages")


@pytest.fixture(scope="module")
def source():
    """A short page (12 body lines) of held-out text: quick to OCR."""
    full = gen.source_pages(gen.find_font(), 1)[0]
    return gen.Source(full.header, full.body[:12])


def _error(truth: str, text: str) -> float:
    ref = syllables(truth)
    return Levenshtein.distance(ref, syllables(text)) / len(ref)


@pytest.mark.parametrize("angle", [-5.0, -3.0, -0.5, 0.5, 1.7, 4.0])
def test_slant_is_measured(source, angle):
    page = gen.make_page(f"skew{angle:+g}", source)
    layout = prepare.measure_layout(page.image, page.dpi)
    assert not layout.vertical
    assert layout.skew == pytest.approx(angle, abs=0.1)


@pytest.mark.parametrize("kind, vertical", [("upright", False), ("rotate-90", True), ("rotate-180", False), ("rotate-270", True), ("two-columns", False)])
def test_lines_across_or_down_the_page(source, kind, vertical):
    page = gen.make_page(kind, source)
    layout = prepare.measure_layout(page.image, page.dpi)
    assert layout.measured and layout.vertical is vertical
    if not vertical:
        assert layout.skew == 0.0


def test_blank_page_is_left_alone():
    layout = prepare.measure_layout(Image.new("L", (2480, 3508), 255), 300)
    assert not layout.measured and not layout.vertical and layout.skew == 0.0


@pytest.mark.parametrize("quarter, skew", [(0, 3.0), (90, 0.0), (180, -2.5), (270, 4.0), (90, -1.0)])
def test_boxes_map_back_onto_the_rendered_page(quarter, skew):
    """A mark found in the prepared image maps back to where it is on the page as rendered."""
    image = Image.new("L", (1200, 1700), 255)
    spot = (300, 1100)
    ImageDraw.Draw(image).rectangle((spot[0] - 6, spot[1] - 6, spot[0] + 6, spot[1] + 6), fill=0)
    turned = prepare.turn_clockwise(image, quarter)
    final = prepare.level(turned, skew) if skew else turned
    transform = prepare.Transform(image.size, quarter, skew, turned.size, final.size)
    ys, xs = np.nonzero(np.asarray(final) < 128)
    x, y = transform.to_source(float(xs.mean()), float(ys.mean()))
    assert x == pytest.approx(spot[0], abs=3) and y == pytest.approx(spot[1], abs=3)
    left, top, right, bottom = transform.box_to_source(xs.min(), ys.min(), xs.max(), ys.max())
    assert left <= spot[0] <= right and top <= spot[1] <= bottom


def test_prepared_page_is_turned_and_levelled(source):
    page = gen.make_page("skew-3", source)
    ready = _prepared(page.image, 0, page.dpi)
    assert ready.deskewed and ready.skew == pytest.approx(-3.0, abs=0.1)
    assert abs(prepare.measure_layout(ready.image, page.dpi).skew) <= 0.1
    small = gen.make_page("skew+0.1", source)
    assert not _prepared(small.image, 0, small.dpi).deskewed  # too small to be worth a turn


def test_red_seal_is_taken_out_and_the_print_under_it_kept(source):
    page = gen.make_page("red-seal", source)
    out = prepare.remove_stamps(page.image, page.dpi)
    assert out.image.mode == "L" and out.share > 0.001
    rgb = np.asarray(page.image, dtype=np.int16)
    grey = np.asarray(out.image)
    red = (rgb[..., 0] - rgb[..., 1] > 100) & (rgb[..., 0] > 150)
    black = rgb.max(axis=2) < 60
    assert red.sum() > 1000 and black.sum() > 1000
    assert (grey[red] > 150).mean() > 0.95  # seal ink turned pale
    assert (grey[black] < 90).mean() > 0.95  # print, under the seal or not, stays dark


def test_receipt_stamp_is_taken_out(source):
    out = prepare.remove_stamps(gen.make_page("receipt-stamp", source).image, 300)
    assert out.share > 0.0005


def test_digits_written_in_by_hand_are_kept(source):
    """A number written in blue is too small to be a stamp: it stays, darkened to grey print."""
    page = gen.make_page("handwritten-digits", source)
    out = prepare.remove_stamps(page.image, page.dpi)
    assert out.share == 0.0
    rgb = np.asarray(page.image, dtype=np.int16)
    blue = (rgb[..., 2] - rgb[..., 0] > 60) & (rgb[..., 2] > 100)
    assert blue.sum() > 200
    assert (np.asarray(out.image)[blue] < 140).mean() > 0.9


@pytest.mark.parametrize("kind, colour", [("red-seal", True), ("upright", False), ("bilevel-200dpi", False), ("grey-8bit", False)])
def test_colour_is_told_from_the_pdf(source, kind, colour):
    pdf = pdfium.PdfDocument(gen.to_pdf([gen.make_page(kind, source)]))
    assert prepare.page_has_colour(pdf[0]) is colour


@pytest.fixture(scope="module")
def upright_error(source):
    page = gen.make_page("upright", source)
    doc = ingest_bytes(gen.to_pdf([page]), "upright.pdf")
    p = doc.pages[0]
    assert p.preparation.rotation == 0 and not p.preparation.deskewed and not p.preparation.colour
    return _error(page.truth, p.text)


@needs_ocr
@pytest.mark.parametrize("kind, rotation", [("rotate-90", 270), ("rotate-180", 180), ("skew-3", 0), ("skew+5", 0)])
def test_turned_and_slanted_pages_read_as_the_upright_one(source, upright_error, kind, rotation):
    page = gen.make_page(kind, source)
    doc = ingest_bytes(gen.to_pdf([page]), f"{kind}.pdf")
    p = doc.pages[0]
    assert p.preparation.rotation == rotation
    assert p.preparation.deskewed is kind.startswith("skew")
    assert _error(page.truth, p.text) <= upright_error + 0.01
    # Word boxes lie on the page as it is in the PDF: the header's first word is near its top left
    # for a slanted page, and at the place the turn put it for a turned one.
    first = p.words[0]
    w, h = p.width, p.height
    cx, cy = (first.box[0] + first.box[2]) / 2, (first.box[1] + first.box[3]) / 2
    expected = {"rotate-90": (w - 80, 80), "rotate-180": (w - 120, h - 70)}.get(kind, (110, 75))
    assert abs(cx - expected[0]) < 70 and abs(cy - expected[1]) < 70


@needs_ocr
def test_signature_block_under_a_red_seal_is_read(source):
    page = gen.make_page("red-seal", source)
    p = ingest_bytes(gen.to_pdf([page]), "seal.pdf").pages[0]
    assert p.preparation.colour and p.preparation.stamp_ink > 0.001
    for line in gen.SIGNER:
        assert line in p.text


def test_unread_ink_is_found_and_read_ink_is_not(source):
    """A patch of ink no read word covers (a seal over the signature block) is a region to read again;
    a page whose every mark is a read word has none."""
    from egov_extract.ingest.ocr import OcrBox
    from egov_extract.ingest.recover import unread_regions

    image = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(image)
    words = []
    for i in range(10):
        d.rectangle((300, 400 + i * 70, 900, 440 + i * 70), fill=0)
        words.append(OcrBox("x", 95.0, 300, 400 + i * 70, 601, 41))
    assert unread_regions(image, tuple(words), 300) == []
    d.ellipse((1500, 2500, 1950, 2950), outline=0, width=14)  # a seal's ring, 38 mm across
    d.line((100, 3300, 2300, 3300), fill=0, width=6)  # a rule under the text: long, not a patch
    (region,) = unread_regions(image, tuple(words), 300)
    left, top, right, bottom = region
    assert left <= 1500 and top <= 2500 and right >= 1950 and bottom >= 2950 and bottom < 3300


@needs_ocr
def test_signature_block_left_out_by_the_page_reading_is_read_again():
    """970-ttg.signed.pdf page 2: Tesseract reads nothing of the signature block under the seal;
    read again on its own it gives the signer's name (and the signer is only 'uncertain')."""
    from egov_extract.extract import extract_document
    from egov_extract.repair import repair_document
    from tests.helpers import REAL_PDFS

    doc = ingest_bytes((REAL_PDFS / "970-ttg.signed.pdf").read_bytes(), "970.pdf")
    page = doc.pages[1]
    assert page.preparation.recovered_regions >= 1
    assert "Hồ Đức Phớc" in page.text[page.preparation.recovered_from :]
    report = extract_document(doc, repair_document(doc))
    assert report.meta.signer == "Hồ Đức Phớc"
    assert report.meta.reading("signer").status == "uncertain"
