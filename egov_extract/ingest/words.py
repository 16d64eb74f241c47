"""OCR'd words placed in their page's text: each Tesseract word (TSV row) gets the offsets where
it stands in Page.text, so a record read from that text knows which words, how sure and where on
the scan it came from."""

from __future__ import annotations

from collections.abc import Iterable

from ..datamodel import Word
from .ocr import OcrBox

# How far past the last placed word the next one is looked for (characters): Tesseract's text is
# its words in reading order with spaces and line breaks between.
SEARCH_REACH = 80


def place_words(text: str, boxes: Iterable[OcrBox], points_per_pixel: float) -> tuple[Word, ...]:
    """Words at their offsets in `text`, boxes in PDF points; a word not found near where the
    previous one ended is left out (its text differs from the page text's)."""
    out: list[Word] = []
    pos = 0
    for box in boxes:
        at = text.find(box.text, pos, pos + SEARCH_REACH + len(box.text))
        if at < 0:
            continue
        end = at + len(box.text)
        k = points_per_pixel
        out.append(
            Word(
                start=at,
                end=end,
                confidence=round(min(max(box.conf / 100.0, 0.0), 1.0), 4),
                box=(round(box.left * k, 2), round(box.top * k, 2), round((box.left + box.width) * k, 2), round((box.top + box.height) * k, 2)),
            )
        )
        pos = end
    return tuple(out)


__all__ = ["SEARCH_REACH", "place_words"]
