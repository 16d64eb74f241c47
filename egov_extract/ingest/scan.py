"""Reading one scanned page: prepare its image (prepare.py), OCR it, check the reading, and map
every word back onto the page as it is in the PDF.

Orientation is settled in two ways, so that an upright page pays for neither: text lines that run
down the page are seen in the ink's profile and turned as Tesseract's OSD says; a page upside
down has level lines like an upright one, and shows itself by reading as noise (mean word
confidence under LOW_READING), which is when OSD is asked and the page read again, turned. The
better of the two readings is kept. Ink the reading left out (a signature block under a seal) is
read again on its own (recover.py) and its lines follow the page text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ..datamodel import PagePreparation
from . import prepare as _prep
from . import ocr as _ocr
from .ocr import DEFAULT_LANG, PAGE_TIMEOUT, OcrBox, OcrResult
from .recover import read_regions

# A first reading this poor (mean word confidence) may be of a page upside down: ask OSD.
LOW_READING = 0.65
# OSD's own confidence below this is no reason to turn a page.
MIN_OSD_CONFIDENCE = 2.0


@dataclass(frozen=True)
class ScanReading:
    """A page's OCR, with word boxes in the pixels of the image as rendered, and how it was prepared."""

    result: OcrResult
    preparation: PagePreparation


@dataclass(frozen=True)
class _Prepared:
    image: Image.Image
    transform: _prep.Transform
    skew: float
    deskewed: bool


def _prepared(image: Image.Image, quarter: int, dpi: float, layout: _prep.Layout | None = None) -> _Prepared:
    """The page turned clockwise by `quarter`, then levelled when its slant is large enough."""
    turned = _prep.turn_clockwise(image, quarter)
    if layout is None or quarter:
        layout = _prep.measure_layout(turned, dpi)
    skew = layout.skew if layout.measured else 0.0
    deskewed = abs(skew) >= _prep.MIN_SKEW
    final = _prep.level(turned, skew) if deskewed else turned
    transform = _prep.Transform(
        source_size=image.size,
        quarter=quarter,
        skew=skew if deskewed else 0.0,
        turned_size=turned.size,
        final_size=final.size,
    )
    return _Prepared(final, transform, skew, deskewed)


def _mapped(result: OcrResult, transform: _prep.Transform) -> OcrResult:
    """The reading with its word boxes on the rendered page."""
    if transform.quarter == 0 and transform.skew == 0.0:
        return result
    words = []
    for w in result.words:
        left, top, right, bottom = transform.box_to_source(w.left, w.top, w.left + w.width, w.top + w.height)
        words.append(OcrBox(w.text, w.conf, round(left), round(top), round(right - left), round(bottom - top)))
    return OcrResult(result.text, result.confidence, tuple(words))


def _score(result: OcrResult) -> float:
    return result.confidence if result.confidence is not None else -1.0


def read_page(image: Image.Image, dpi: float, lang: str = DEFAULT_LANG, timeout: float = PAGE_TIMEOUT) -> ScanReading:
    """Prepare and OCR one page image (grey, or colour when the PDF page holds colour)."""
    colour = image.mode not in ("1", "L")
    stamp_ink = 0.0
    if colour:
        removal = _prep.remove_stamps(image, dpi)
        image, stamp_ink = removal.image, removal.share
    layout = _prep.measure_layout(image, dpi)
    quarter, osd_confidence = 0, None
    if layout.vertical:
        found = _prep.osd_rotation(image)
        if found is not None and found[0] in (90, 270):
            quarter, osd_confidence = found
        else:
            quarter = 90  # OSD cannot tell: one way, and the reading check below tries the other
    page = _prepared(image, quarter, dpi, layout)
    result = _ocr.ocr_image(page.image, lang, timeout)
    if _score(result) < LOW_READING and layout.measured:
        found = _prep.osd_rotation(page.image)
        turn = found[0] if found is not None and found[1] >= MIN_OSD_CONFIDENCE else (180 if layout.vertical else 0)
        if turn:
            again = _prepared(image, (quarter + turn) % 360, dpi)
            second = _ocr.ocr_image(again.image, lang, timeout)
            if _score(second) > _score(result):
                page, result, quarter = again, second, (quarter + turn) % 360
                osd_confidence = found[1] if found is not None and found[0] == turn else None
    recovered = read_regions(page.image, result.words, dpi, lang, timeout)
    recovered_from = None
    if recovered.lines:
        text = result.text + "\n\n" if result.text else ""
        recovered_from = len(text)
        words = result.words + recovered.words
        mean = round(sum(w.conf for w in words) / len(words) / 100.0, 4)
        result = OcrResult(text + "\n".join(recovered.lines), mean, words)
    preparation = PagePreparation(
        recovered_regions=recovered.regions if recovered.lines else 0,
        recovered_from=recovered_from,
        rotation=quarter,
        orientation_confidence=osd_confidence,
        skew=round(page.skew, 2),
        deskewed=page.deskewed,
        colour=colour,
        stamp_ink=stamp_ink,
    )
    return ScanReading(_mapped(result, page.transform), preparation)


__all__ = ["LOW_READING", "ScanReading", "read_page"]
