"""Ink the page reading left unread, read again on its own.

Tesseract's layout analysis takes a block that a seal, a signature or a stamp runs through for a
picture and reads nothing of it: on four of the five real scans in corpora/pdfs the signature block
(the position and the signer's name, printed under a black seal on a 1-bit scan) is simply not in
the text. Here the page's ink is compared with the boxes of the words that were read; a patch of
ink at least REGION_MIN_MM both ways that no word covers is cut out and read as a block of lines
(Tesseract page segmentation mode 4), and its lines that read as text (`_trimmed`) follow the page
text, top to bottom. A name so read may have lost a word to the seal: the signer read from such
lines is `uncertain` (extract/scan_meta.py). A clean page has no such patch and pays only the
comparison (~20 ms).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

from . import prepare as _prep
from .ocr import OcrBox, tsv_words

CELL_MM = 2.0  # the page is compared on cells of this size
REGION_MIN_MM = 12.0  # a patch of unread ink at least this large both ways is read again
WORD_MARGIN_MM = 1.0  # around a word's box, ink is the word's
MIN_CELL_INK = 0.04  # share of a cell's pixels that must be ink for the cell to count
MARGIN_MM = 2.0  # taken around a patch when it is cut out
MIN_LINE_CONFIDENCE = 70.0  # a line read from a patch is kept at this mean word confidence (0-100),
MIN_WORD_CONFIDENCE = 50.0  # ... none of its words below this,
MIN_EDGE_CONFIDENCE = 60.0  # ... once the words at its ends below this (the seal's marks) are cut off,
MIN_LINE_LETTERS = 4  # ... and with at least this many letters.
MAX_REGIONS = 4  # a page with more unread patches than this is noise, not a hidden block


@dataclass(frozen=True)
class Recovered:
    lines: tuple[str, ...]
    words: tuple[OcrBox, ...]  # in the prepared image's pixels, in the order of `lines`
    regions: int


def unread_regions(image: Image.Image, words: tuple[OcrBox, ...], dpi: float) -> list[tuple[int, int, int, int]]:
    """Boxes (pixels of `image`) of patches of ink that no read word covers."""
    grey = np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)
    paper = float(np.percentile(grey[:: 4, :: 4], 90)) if grey.size else 255.0
    ink = grey < paper * _prep.INK_SHARE
    cell = max(1, round(CELL_MM / 25.4 * dpi))
    margin = round(WORD_MARGIN_MM / 25.4 * dpi)
    covered = np.zeros_like(ink)
    for w in words:
        covered[max(0, w.top - margin) : w.top + w.height + margin, max(0, w.left - margin) : w.left + w.width + margin] = True
    h, w = ink.shape
    gh, gw = math.ceil(h / cell), math.ceil(w / cell)
    padded = np.zeros((gh * cell, gw * cell), dtype=bool)
    padded[:h, :w] = ink & ~covered
    cells = padded.reshape(gh, cell, gw, cell).mean(axis=(1, 3)) >= MIN_CELL_INK
    # Cells one apart belong together (the gaps between the words of a line, between lines).
    joined = cells.copy()
    joined[1:, :] |= cells[:-1, :]
    joined[:, 1:] |= cells[:, :-1]
    need = REGION_MIN_MM / CELL_MM
    out = []
    for comp in _prep._components(joined):
        rows, cols = comp[:, 0], comp[:, 1]
        if rows.max() - rows.min() + 1 >= need and cols.max() - cols.min() + 1 >= need:
            pad = round(MARGIN_MM / 25.4 * dpi)
            out.append((max(0, cols.min() * cell - pad), max(0, rows.min() * cell - pad), min(w, (cols.max() + 1) * cell + pad), min(h, (rows.max() + 1) * cell + pad)))
    return sorted(out, key=lambda b: (b[1], b[0]))


def read_regions(image: Image.Image, words: tuple[OcrBox, ...], dpi: float, lang: str, timeout: float) -> Recovered:
    """The text lines of the unread patches of a page, top to bottom."""
    regions = unread_regions(image, words, dpi)
    if not regions or len(regions) > MAX_REGIONS:
        return Recovered((), (), 0)
    lines: list[str] = []
    boxes: list[OcrBox] = []
    for left, top, right, bottom in regions:
        crop = image.crop((left, top, right, bottom))
        crop = crop if crop.mode in ("1", "L", "RGB") else crop.convert("L")
        tsv = pytesseract.image_to_data(crop, lang=lang, config="--psm 4", timeout=timeout)
        by_line: dict[tuple[int, int, int], list[OcrBox]] = {}
        for word in tsv_words(tsv):
            by_line.setdefault(word.line, []).append(word)
        kept = [line for line in (_trimmed(found) for found in by_line.values()) if line]
        for found in sorted(kept, key=lambda line: (min(x.top for x in line), line[0].left)):
            lines.append(" ".join(x.text for x in found))
            boxes += [OcrBox(x.text, x.conf, x.left + left, x.top + top, x.width, x.height) for x in found]
    return Recovered(tuple(lines), tuple(boxes), len(regions))


def _trimmed(line: list[OcrBox]) -> list[OcrBox]:
    """A line read from a patch without the seal's marks at its ends (words under MIN_EDGE_CONFIDENCE),
    or nothing when what is left does not read as text: a word under MIN_WORD_CONFIDENCE inside it, a
    mean under MIN_LINE_CONFIDENCE, fewer than MIN_LINE_LETTERS letters."""
    while line and line[0].conf < MIN_EDGE_CONFIDENCE:
        line = line[1:]
    while line and line[-1].conf < MIN_EDGE_CONFIDENCE:
        line = line[:-1]
    if not line or min(x.conf for x in line) < MIN_WORD_CONFIDENCE:
        return []
    if sum(x.conf for x in line) / len(line) < MIN_LINE_CONFIDENCE or sum(ch.isalpha() for x in line for ch in x.text) < MIN_LINE_LETTERS:
        return []
    return line


__all__ = ["REGION_MIN_MM", "Recovered", "read_regions", "unread_regions"]
