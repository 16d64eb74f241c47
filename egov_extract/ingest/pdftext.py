"""PDF text layer: open a PDF safely, measure each page, read its text and glyph boxes.

PDFium (pypdfium2, BSD/Apache) reads the text layer about 70x faster than pdfplumber on our
corpus (290 vs 4 pages/s, see benchmarks/ingest.py) and does not crash on the signature
annotations of signed scans, so it is the engine here. Glyph coordinates stay available through
`page_glyphs`, aligned with the offsets of `Page.text`.
"""

from __future__ import annotations

import ctypes
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
    image_coverage: float | None  # None: not measured, the text layer alone decides
    width: float
    height: float

    @property
    def needs_ocr(self) -> bool:
        """Decide by how much of the page the text covers, not by whether any text exists."""
        return (
            self.text_coverage < SCAN_MAX_TEXT_COVERAGE
            and self.image_coverage is not None
            and self.image_coverage >= SCAN_MIN_IMAGE_COVERAGE
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


def _clipped_area(left: float, bottom: float, right: float, top: float, width: float, height: float) -> float:
    left, right = max(left, 0.0), min(right, width)
    bottom, top = max(bottom, 0.0), min(top, height)
    return max(right - left, 0.0) * max(top - bottom, 0.0)


def _text_area(textpage: pdfium.PdfTextPage) -> float:
    """Sum of the text-run rectangles; raw PDFium calls and no clipping, as it runs on every page."""
    raw = textpage.raw
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    get_rect = pdfium_c.FPDFText_GetRect
    refs = ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom)
    total = 0.0
    for i in range(pdfium_c.FPDFText_CountRects(raw, 0, -1)):
        if get_rect(raw, i, *refs):
            total += abs((right.value - left.value) * (top.value - bottom.value))
    return total


def _image_area(page: pdfium.PdfPage, width: float, height: float) -> float:
    """Area covered by image objects, looking into form XObjects (whose bounds stand for theirs)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)

    def contains_image(count, get, depth: int) -> bool:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                inner = lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j)  # noqa: E731
                if contains_image(pdfium_c.FPDFFormObj_CountObjects(obj), inner, depth + 1):
                    return True
        return False

    total = 0.0
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        is_image = kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (
            kind == pdfium_c.FPDF_PAGEOBJ_FORM
            and contains_image(
                pdfium_c.FPDFFormObj_CountObjects(obj),
                lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j),
                1,
            )
        )
        if is_image and pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            total += _clipped_area(left.value, bottom.value, right.value, top.value, width, height)
    return total


def scan_page(page: pdfium.PdfPage) -> PageScan:
    """Read one page's text layer and measure how much of the page its text covers.

    Images are measured only when the text covers too little of the page to explain it: on a
    text page the answer cannot change the decision, and walking every object costs time.
    """
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        text_coverage = round(min(_text_area(textpage) / page_area, 1.0), 4)
    finally:
        textpage.close()
    image_coverage = None
    if text_coverage < SCAN_MAX_TEXT_COVERAGE:
        image_coverage = round(min(_image_area(page, width, height) / page_area, 1.0), 4)
    return PageScan(
        text=clean_text(raw),
        text_coverage=text_coverage,
        image_coverage=image_coverage,
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
