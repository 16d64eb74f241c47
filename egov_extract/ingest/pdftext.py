"""PDF text layer: open a PDF safely, measure each page, read its text and glyph boxes.

PDFium (pypdfium2, BSD/Apache) reads the text layer about 70x faster than pdfplumber on our
corpus (290 vs 4 pages/s, see benchmarks/ingest.py) and does not crash on the signature
annotations of signed scans, so it is the engine here. Glyph coordinates stay available through
`page_glyphs`, aligned with the offsets of `Page.text`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from ..errors import CorruptPDFError, EncryptedPDFError, NoPagesError

# PDFium error codes (fpdfview.h: FPDF_ERR_*).
_ERR_PASSWORD = 4
_ERR_SECURITY = 5

# A page is a scan when images cover most of it and its text layer explains almost none of it.
# A real text page covers 10-20 % of its area with glyph boxes (13-17 % in 49-2026-ND-CP.pdf);
# the digital-signature stamp over a scanned page, about 175 characters, covers under 2 %.
SCAN_MIN_IMAGE_COVERAGE = 0.5
SCAN_MAX_TEXT_COVERAGE = 0.03

# PDFium joins a line that ends in a hyphen to the next one and marks the hyphen U+FFFE (older
# builds: U+0002). We put the printed hyphen and the line break back: ingestion is faithful to
# the page, and later stages deal with "QĐ-\nUBND" the same way in every kind of input.
_TRANSLATE = {0xFFFE: "-\n", 0x02: "-\n"}
_CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_text(raw: str) -> str:
    """The normal form of PDF page text: '\\n' line breaks, no stray controls, NFC."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def clean_text_map(raw: str) -> tuple[str, list[int]]:
    """`clean_text` plus, for each output character, the index of the raw character it came from.

    Slower than `clean_text`; only used when glyph coordinates are asked for.
    """
    # Pass 1: line breaks, hyphen marks and controls, character by character.
    chars: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(raw):
        step = 2 if raw.startswith("\r\n", i) else 1
        piece = "\n" if raw[i] == "\r" else _CONTROLS.sub("", raw[i].translate(_TRANSLATE))
        chars += piece
        origin += [i] * len(piece)
        i += step
    # Pass 2: NFC, one base character and its combining marks at a time.
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(chars):
        j = i + 1
        while j < len(chars) and unicodedata.combining(chars[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", "".join(chars[i:j]))
        out.append(cluster)
        index += [origin[i]] * len(cluster)
        i = j
    return "".join(out), index


@dataclass(frozen=True)
class PageScan:
    """What the text layer of one page holds, before any OCR decision."""

    text: str
    text_coverage: float
    image_coverage: float
    width: float
    height: float

    @property
    def needs_ocr(self) -> bool:
        """Decide by how much of the page the text covers, not by whether any text exists."""
        return (
            self.image_coverage >= SCAN_MIN_IMAGE_COVERAGE
            and self.text_coverage < SCAN_MAX_TEXT_COVERAGE
        )


def open_pdf(data: bytes, source: str) -> pdfium.PdfDocument:
    """Open PDF bytes, mapping PDFium failures to typed errors naming the file."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise EncryptedPDFError(
                source, "the PDF is encrypted with a password; decrypt it first (qpdf --decrypt)"
            ) from exc
        # PDFium refuses a document whose page tree is empty, with no reliable error code.
        if regex.search(rb"/Count\s+0\b", data) and not regex.search(rb"/Count\s+[1-9]", data):
            raise NoPagesError(source, "the PDF has no pages") from exc
        raise CorruptPDFError(source, f"the PDF is corrupt or truncated ({exc})") from exc
    if len(pdf) == 0:
        pdf.close()
        raise NoPagesError(source, "the PDF has no pages")
    return pdf


def _area(box: tuple[float, float, float, float], width: float, height: float) -> float:
    left, bottom, right, top = box
    left, right = max(left, 0.0), min(right, width)
    bottom, top = max(bottom, 0.0), min(top, height)
    return max(right - left, 0.0) * max(top - bottom, 0.0)


def scan_page(page: pdfium.PdfPage) -> PageScan:
    """Read one page's text layer and measure how much of the page text and images cover."""
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        text_area = sum(
            _area(textpage.get_rect(i), width, height) for i in range(textpage.count_rects())
        )
    finally:
        textpage.close()
    image_area = sum(
        _area(obj.get_bounds(), width, height)
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4)
    )
    return PageScan(
        text=clean_text(raw),
        text_coverage=round(min(text_area / page_area, 1.0), 4),
        image_coverage=round(min(image_area / page_area, 1.0), 4),
        width=round(width, 2),
        height=round(height, 2),
    )


@dataclass(frozen=True)
class Glyph:
    """One character of Page.text with its box in PDF points (origin bottom-left)."""

    offset: int
    char: str
    left: float
    bottom: float
    right: float
    top: float


def page_glyphs(pdf: pdfium.PdfDocument, number: int) -> list[Glyph]:
    """Boxes for the characters of a text-layer page, indexed like Page.text."""
    page = pdf[number - 1]
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        text, index = clean_text_map(raw)
        glyphs = []
        for offset, (char, raw_i) in enumerate(zip(text, index)):
            left, bottom, right, top = textpage.get_charbox(raw_i)
            glyphs.append(Glyph(offset, char, left, bottom, right, top))
        return glyphs
    finally:
        textpage.close()
        page.close()
